from decimal import Decimal

import pytest
from django.utils import translation

from streek.monitor.charts import bar_chart_svg, format_value, trend_chart_svg

POINTS = [(2021, Decimal("100")), (2022, None), (2023, Decimal("150")), (2024, Decimal("180.5"))]


def test_the_same_data_gives_the_same_bytes() -> None:
    first = trend_chart_svg(
        title="Turnover",
        unit="eur",
        points=POINTS,
        target=[(2021, Decimal("100")), (2030, Decimal("400"))],
        required=[(2024, Decimal("180.5")), (2030, Decimal("400"))],
        comparison=[("Limburg", [(2021, Decimal("90")), (2024, Decimal("120"))])],
    )
    again = trend_chart_svg(
        title="Turnover",
        unit="eur",
        points=POINTS,
        target=[(2021, Decimal("100")), (2030, Decimal("400"))],
        required=[(2024, Decimal("180.5")), (2030, Decimal("400"))],
        comparison=[("Limburg", [(2021, Decimal("90")), (2024, Decimal("120"))])],
    )
    assert first == again
    assert bar_chart_svg(title="By type", unit="count", bars=[("a", Decimal(1))]) == bar_chart_svg(
        title="By type", unit="count", bars=[("a", Decimal(1))]
    )


def test_different_data_gives_a_different_chart() -> None:
    assert trend_chart_svg(title="T", unit="eur", points=POINTS) != trend_chart_svg(
        title="T", unit="eur", points=[*POINTS[:-1], (2024, Decimal("181"))]
    )


def test_a_chart_is_inline_accessible_svg_without_external_resources() -> None:
    with translation.override("en"):
        svg = trend_chart_svg(title="Turnover & more", unit="eur", points=POINTS)
    assert svg.startswith("<svg")
    assert 'role="img"' in svg
    assert "<title" in svg and "Turnover &amp; more</title>" in svg
    assert "<desc" in svg and "2022: unknown" in svg and "2021: 100 EUR" in svg
    assert "<?xml" not in svg and "<!DOCTYPE" not in svg
    assert "dc:date" not in svg
    assert "@font-face" not in svg and "url(http" not in svg and 'xlink:href="http' not in svg


def test_quarters_are_drawn_on_a_categorical_axis() -> None:
    svg = trend_chart_svg(
        title="Q", unit="percent", points=[("2025 Q1", Decimal("10")), ("2025 Q2", None), ("2025 Q3", Decimal("12"))]
    )
    assert "2025 Q3" in svg


def test_a_single_point_and_no_points_still_draw() -> None:
    assert trend_chart_svg(title="One", unit="count", points=[(2025, Decimal(3))]).startswith("<svg")
    assert trend_chart_svg(title="None", unit="count", points=[(2025, None)]).startswith("<svg")


def test_bars_name_unknown_values() -> None:
    with translation.override("en"):
        svg = bar_chart_svg(title="By channel", unit="eur", bars=[("Consumers", Decimal("10")), ("Schools", None)])
    assert "Schools: unknown" in svg


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [(Decimal("1234.5"), "eur", "1,234 EUR"), (Decimal("12.34"), "percent", "12.3 %"), (None, "eur", "unknown")],
)
def test_format_value(value: Decimal | None, unit: str, expected: str) -> None:
    with translation.override("en"):
        assert format_value(value, unit) == expected
