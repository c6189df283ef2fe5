"""One figure for many municipalities at once, in one grouped query per fact table."""

from decimal import Decimal

import pytest

from streek.catalog.tests.factories import OrganisationFactory, municipality
from streek.monitor.selectors import Audience, figure_by_municipality
from streek.monitor.tests.factories import SaleFactFactory
from streek.monitor.tests.selectors.scenario import HASSELT, SINT_TRUIDEN

pytestmark = pytest.mark.django_db


def test_each_municipality_gets_its_own_value(django_assert_num_queries):
    st, hasselt = municipality(SINT_TRUIDEN), municipality(HASSELT)
    for place, value in ((st, "10"), (st, "20"), (st, "30"), (hasselt, "5")):
        SaleFactFactory(producer=OrganisationFactory(municipality=place), value=Decimal(value))
    # K9 within: a line of a Sint-Truiden producer bought in Hasselt is not within Sint-Truiden
    SaleFactFactory(producer=OrganisationFactory(municipality=st), value=Decimal("40"), buyer_municipality=hasselt)

    with django_assert_num_queries(1):
        turnover = figure_by_municipality(
            figure_key="K6.turnover", year=2025, municipality_ids=[st.pk, hasselt.pk], audience=Audience.admin()
        )
    within = figure_by_municipality(
        figure_key="K9.value_within", year=2025, municipality_ids=[st.pk, hasselt.pk], audience=Audience.admin()
    )

    assert turnover[st.pk].value == Decimal("100.00")
    assert turnover[hasselt.pk].value == Decimal("5.00")
    assert within[st.pk].value == Decimal("60.00")


def test_every_municipality_when_none_is_given():
    got = figure_by_municipality(figure_key="K7.lines", year=2025, municipality_ids=None, audience=Audience.public())

    assert len(got) > 800
    assert got[municipality(SINT_TRUIDEN).pk].value == Decimal("0")
