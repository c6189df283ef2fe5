"""A public figure built from fewer than 3 organisations is suppressed; the officer of the municipality and an
admin see it."""

from decimal import Decimal

import pytest

from streek.accounts.tests.factories import AdminUserFactory, OfficerFactory, UserFactory
from streek.catalog.tests.factories import OrganisationFactory, municipality
from streek.monitor.areas import area_resolve
from streek.monitor.selectors import Audience, figure_by_municipality, figure_value, indicator_results
from streek.monitor.tests.factories import SaleFactFactory
from streek.monitor.tests.selectors.scenario import HASSELT, SINT_TRUIDEN, figures

pytestmark = pytest.mark.django_db


def _two_producers() -> None:
    for value in ("30", "70"):
        SaleFactFactory(producer=OrganisationFactory(), value=Decimal(value))


def test_two_producers_are_suppressed_for_the_public():
    _two_producers()
    area = area_resolve(kind="municipality", key=SINT_TRUIDEN)

    got = figures(indicator_results(area=area, year=2025, audience=Audience.public()))

    turnover = got["K6.turnover"]
    assert (turnover.value, turnover.suppressed, turnover.organisations) == (None, True, 2)


@pytest.mark.parametrize("role", ["officer", "admin"])
def test_the_officer_of_the_municipality_and_an_admin_see_them(role: str):
    _two_producers()
    area = area_resolve(kind="municipality", key=SINT_TRUIDEN)
    user = OfficerFactory().user if role == "officer" else AdminUserFactory()

    got = figures(indicator_results(area=area, year=2025, audience=Audience.for_user(user)))

    assert (got["K6.turnover"].value, got["K6.turnover"].suppressed) == (Decimal("100.00"), False)


def test_an_officer_of_another_municipality_or_a_stranger_sees_them_suppressed():
    _two_producers()
    area = area_resolve(kind="municipality", key=SINT_TRUIDEN)
    other = OfficerFactory(municipality=municipality(HASSELT)).user

    for user in (other, UserFactory()):
        audience = Audience.for_user(user)
        assert figure_value(area=area, figure_key="K6.turnover", year=2025, audience=audience).suppressed is True


def test_no_organisation_at_all_is_not_suppressed():
    area = area_resolve(kind="municipality", key=SINT_TRUIDEN)

    figure = figure_value(area=area, figure_key="K6.turnover", year=2025, audience=Audience.public())

    assert (figure.value, figure.suppressed, figure.organisations) == (Decimal("0.00"), False, 0)


def test_on_the_map_only_the_officers_own_municipality_is_unsuppressed():
    _two_producers()
    SaleFactFactory(producer=OrganisationFactory(municipality=municipality(HASSELT)), value=Decimal("5"))
    st, hasselt = municipality(SINT_TRUIDEN), municipality(HASSELT)
    audience = Audience.for_user(OfficerFactory().user)

    got = figure_by_municipality(
        figure_key="K6.turnover", year=2025, municipality_ids=[st.pk, hasselt.pk], audience=audience
    )

    assert (got[st.pk].value, got[st.pk].suppressed) == (Decimal("100.00"), False)
    assert (got[hasselt.pk].value, got[hasselt.pk].suppressed) == (None, True)
