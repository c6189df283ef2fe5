"""The monitor demo: five years of facts for the demo organisations, at least four producers per municipality,
entered figures from "Demo data"; loading twice changes nothing and deleting removes it."""

import datetime as dt

import pytest

from streek.catalog.choices import OrganisationKind
from streek.catalog.models import Organisation
from streek.catalog.tests.factories import OrganisationFactory, SalesPointFactory, municipality
from streek.monitor.areas import area_resolve
from streek.monitor.demo import DEMO_SOURCE, monitor_demo_delete, monitor_demo_load
from streek.monitor.models import ExternalFigure, SaleFact, SalesPointSnapshot
from streek.monitor.selectors import Audience, indicator_series

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 6, 30)


def _demo_region() -> None:
    OrganisationFactory(is_demo=True)  # a producer in Sint-Truiden
    OrganisationFactory(is_demo=True, kind=OrganisationKind.HUB)
    OrganisationFactory(is_demo=True, kind=OrganisationKind.SCHOOL, municipality=municipality("71072"))
    OrganisationFactory(is_demo=True, kind=OrganisationKind.FOOD_BANK)
    SalesPointFactory(is_demo=True)


def test_the_demo_shows_a_trend_with_enough_producers_and_is_loaded_once():
    _demo_region()

    result = monitor_demo_load(today=TODAY)
    again = monitor_demo_load(today=TODAY)

    assert result.created and not again.created
    st = municipality("71053")
    assert Organisation.objects.filter(kind=OrganisationKind.PRODUCER, municipality=st).count() == 4
    assert set(SaleFact.objects.values_list("year", flat=True)) == {2022, 2023, 2024, 2025, 2026}
    assert ExternalFigure.objects.filter(source=DEMO_SOURCE, municipality=st, year=2025).count() == 9
    assert SalesPointSnapshot.objects.filter(year=2025).exists()
    area = area_resolve(kind="municipality", key="71053")
    series = indicator_series(area=area, code="K6", years=[2022, 2023, 2024, 2025], audience=Audience.public())
    turnover = [r.figure("K6.turnover") for r in series]
    assert all(f is not None and not f.suppressed and f.value for f in turnover)
    assert turnover[-1].value > turnover[0].value  # type: ignore[union-attr, operator]


def test_deleting_the_demo_removes_its_facts_and_added_producers():
    _demo_region()
    # counted before the load: deleting must take away exactly what the demo added (and nothing else there was)
    before = (SaleFact.objects.count(), ExternalFigure.objects.count())
    producers = Organisation.objects.filter(kind=OrganisationKind.PRODUCER).count()
    loaded = monitor_demo_load(today=TODAY)

    monitor_demo_delete()

    assert loaded.created
    assert (SaleFact.objects.count(), ExternalFigure.objects.count()) == before
    assert Organisation.objects.filter(kind=OrganisationKind.PRODUCER).count() == producers
