"""An indicator over several years (a trend chart), and a figure of one area and year."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import translation

from streek.catalog.tests.factories import OrganisationFactory
from streek.core.exceptions import NotFound
from streek.monitor.areas import area_resolve
from streek.monitor.selectors import (
    Audience,
    figure_value,
    indicator_definition,
    indicator_definitions,
    indicator_series,
)
from streek.monitor.tests.factories import SaleFactFactory
from streek.monitor.tests.selectors.scenario import SINT_TRUIDEN

pytestmark = pytest.mark.django_db


def test_a_series_has_one_result_per_year_in_order():
    producers = [OrganisationFactory() for _ in range(3)]
    for year, value in ((2023, "10"), (2024, "20"), (2025, "30")):
        for producer in producers:
            SaleFactFactory(producer=producer, year=year, delivered_on=dt.date(year, 5, 1), value=Decimal(value))
    area = area_resolve(kind="municipality", key=SINT_TRUIDEN)

    series = indicator_series(area=area, code="K6", years=[2025, 2023, 2024], audience=Audience.public())

    assert [r.year for r in series] == [2023, 2024, 2025]
    turnover = [r.figure("K6.turnover") for r in series]
    assert [f.value for f in turnover if f is not None] == [Decimal("30.00"), Decimal("60.00"), Decimal("90.00")]
    assert series[2].figure("K6.growth").value == Decimal("50.0")  # type: ignore[union-attr]


def test_unknown_codes_and_keys_are_not_found():
    area = area_resolve(kind="municipality", key=SINT_TRUIDEN)

    with pytest.raises(NotFound):
        indicator_definition(code="K99")
    with pytest.raises(NotFound):
        figure_value(area=area, figure_key="K6.nothing", year=2025, audience=Audience.public())


def test_every_indicator_is_documented():
    definitions = indicator_definitions()

    assert [d.code for d in definitions] == [f"K{n}" for n in range(1, 17)]
    for definition in definitions:
        assert all(str(text) for text in (definition.method, definition.source, definition.caveats, definition.mufpp))
    with translation.override("en"):
        assert "centre" in str(indicator_definition(code="K2").caveats)
