"""K1-K3: the current year from the live inventory, past years from the year-end snapshot."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from streek.catalog.choices import SalesPointStatus
from streek.catalog.tests.factories import SalesPointFactory, municipality
from streek.monitor.areas import area_resolve
from streek.monitor.choices import FigureKind
from streek.monitor.models import SalesPointSnapshot
from streek.monitor.selectors import Audience, indicator_results
from streek.monitor.tests.factories import ExternalFigureFactory
from streek.monitor.tests.selectors.scenario import SINT_TRUIDEN, figures, snapshot_scenario

pytestmark = pytest.mark.django_db
D = Decimal


def _area():  # noqa: ANN202
    return area_resolve(kind="municipality", key=SINT_TRUIDEN)


def test_a_past_year_is_read_from_its_snapshot():
    snapshot_scenario(2025)
    ExternalFigureFactory(kind=FigureKind.POPULATION, value=D("40000"), year=2025)
    SalesPointFactory(last_verified_at=timezone.now())  # today's inventory does not change 2025

    got = figures(indicator_results(area=_area(), year=2025, audience=Audience.public()))

    assert got["K1.total"].value == D("2")
    assert (got["K1.type.farm_shop"].value, got["K1.type.vending_machine"].value) == (D("1"), D("1"))
    assert got["K1.total"].organisations is None and got["K1.total"].suppressed is False
    assert got["K2.per_10000"].value == D("0.50")
    assert (got["K2.within_2km"].value, got["K2.within_5km"].value) == (D("100.0"), D("100.0"))
    assert got["K3.active"].value == D("3")
    assert got["K3.verified_share"].value == D("66.7")
    assert got["K3.median_age_days"].value == D("213")  # 213, 213 and 1095 days before 31 December


def test_the_current_year_is_read_from_the_live_inventory():
    st = municipality(SINT_TRUIDEN)
    now = timezone.now()
    SalesPointFactory(last_verified_at=now - dt.timedelta(days=10), lat=st.lat, lon=st.lon)
    SalesPointFactory(last_verified_at=now - dt.timedelta(days=500), lat=st.lat, lon=st.lon)
    SalesPointFactory(status=SalesPointStatus.CLOSED, last_verified_at=now)
    snapshot_scenario(timezone.localdate().year)  # a snapshot of this year is not used before the year is over

    got = figures(indicator_results(area=_area(), year=timezone.localdate().year, audience=Audience.public()))

    assert got["K1.total"].value == D("1")
    assert got["K3.active"].value == D("2")
    assert got["K3.verified_share"].value == D("50.0")
    assert got["K3.median_age_days"].value == D("255")


def test_a_past_year_without_snapshot_is_missing_with_the_reason():
    with translation.override("en"):
        got = figures(indicator_results(area=_area(), year=2023, audience=Audience.public()))

    assert got["K1.total"].value is None
    assert got["K1.total"].missing == "No inventory snapshot was taken at the end of 2023."


def test_a_point_just_across_the_border_counts_for_access_but_not_for_the_count():
    st = municipality(SINT_TRUIDEN)
    snapshot_scenario(2025)
    ExternalFigureFactory(kind=FigureKind.POPULATION, value=D("40000"), year=2025)
    SalesPointSnapshot.objects.filter(year=2025).update(municipality=municipality("71072"), lat=(st.lat or 0) + 0.03)

    got = figures(indicator_results(area=_area(), year=2025, audience=Audience.public()))

    assert got["K1.total"].value == D("0")
    assert (got["K2.within_2km"].value, got["K2.within_5km"].value) == (D("0.0"), D("100.0"))
