"""The yearly report as HTML (one body for the web page and the PDF) and as PDF (WeasyPrint), charts included
as inline SVG drawn by the monitor's chart helpers."""

import base64
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from streek.core.exceptions import NotFound
from streek.core.pdf import pdf_from_html
from streek.monitor.charts import bar_chart_svg, format_value, trend_chart_svg
from streek.monitor.geometry import choropleth_svg
from streek.monitor.selectors import Figure, figure_definition

from .data import IndicatorSection, ReportData

CHAPTERS = (
    (_("Inventory of sales points"), ("K1", "K2", "K3")),
    (_("Trade in the short chain"), ("K4", "K5", "K6", "K7", "K9")),
    (_("Collaborations"), ("K8",)),
    (_("Food-km"), ("K10",)),
    (_("Surplus redistributed and waste"), ("K13",)),
    (_("Public procurement"), ("K11",)),
    (_("Markets, food education and producer income"), ("K12", "K14", "K15")),
)


@dataclass(frozen=True)
class FigureRow:
    label: str
    unit: str
    current: Figure
    previous: Figure | None
    shown: str
    previous_shown: str


def _shown(figure: Figure | None, unit: str) -> str:
    if figure is None:
        return "—"
    if figure.suppressed or figure.value is None:
        return "—"
    return format_value(figure.value, unit)


def _rows(section: IndicatorSection) -> list[FigureRow]:
    current = section.current
    previous = section.previous
    rows = []
    for figure in current.figures:
        try:
            definition = figure_definition(key=figure.key)
        except NotFound:  # a per-type figure of K1 has no definition of its own
            label, unit = figure.key, "count"
        else:
            label, unit = str(definition.label), definition.unit
        before = previous.figure(figure.key) if previous else None
        rows.append(
            FigureRow(
                label=label,
                unit=unit,
                current=figure,
                previous=before,
                shown=_shown(figure, unit),
                previous_shown=_shown(before, unit),
            )
        )
    return rows


_ID = re.compile(r'(\bid="|url\(#|href="#)([^"\)]+)')


def _svg(markup: str) -> SafeString:
    """An SVG to inline, its ids made unique in the document (matplotlib numbers them per figure: patch_1...)."""
    prefix = "c" + hashlib.sha256(markup.encode()).hexdigest()[:8] + "-"
    unique = _ID.sub(lambda match: f"{match.group(1)}{prefix}{match.group(2)}", markup)
    return mark_safe(unique)  # noqa: S308 - SVG drawn by matplotlib from our own numbers; text is escaped there


def _trend(title: str, unit: str, points: Sequence[tuple[int, Figure]]) -> SafeString:
    return _svg(
        trend_chart_svg(
            title=title,
            unit=unit,
            points=[(year, None if figure.suppressed else figure.value) for year, figure in points],
        )
    )


def report_context(data: ReportData) -> dict[str, object]:
    """The template context: sections with their rows and charts."""
    indicators: list[dict[str, Any]] = []
    for section in data.indicators:
        try:
            trend_unit = figure_definition(key=section.trend_key).unit
            trend_label = str(figure_definition(key=section.trend_key).label)
        except NotFound:
            trend_unit, trend_label = "", section.trend_key
        indicators.append(
            {
                "section": section,
                "rows": [row for row in _rows(section) if not row.current.key.startswith("K1.type.")],
                "chart": _trend(f"{section.definition.code} {trend_label}", trend_unit, section.trend),
            }
        )
    types = data.sales_point_types
    types_chart = (
        _svg(
            bar_chart_svg(
                title=str(figure_definition(key="K1.total").label),
                unit="count",
                bars=[(label, None if figure.suppressed else figure.value) for label, figure in types],
            )
        )
        if types
        else None
    )
    goals = []
    for goal_section in data.goals:
        measures = []
        for progress in goal_section.progress:
            unit = progress.unit
            label = str(progress.option.figure.label) if progress.option else progress.measure.figure_key
            chart = trend_chart_svg(
                title=label,
                unit=unit,
                points=[(year, None if f.suppressed else f.value) for year, f in progress.observed],
                target=list(progress.trajectory.straight_path),
                required=list(progress.required_path) or None,
            )
            measures.append({"progress": progress, "label": label, "chart": _svg(chart)})
        goals.append({"goal": goal_section.goal, "measures": measures})
    maps = []
    for key, values in data.maps:
        definition = figure_definition(key=key)
        if not any(value is not None for value in values.values()):
            continue
        maps.append(
            {
                "label": str(definition.label),
                "svg": _svg(
                    choropleth_svg(
                        values=values,
                        title=f"{definition.label} {data.year}",
                        unit=definition.unit,
                        municipality_ids=data.map_municipality_ids,
                        highlight=data.area.municipality_ids if data.area.is_municipality else (),
                    )
                ),
            }
        )
    by_code = {item["section"].definition.code: item for item in indicators}
    chapters = [
        {"title": title, "items": [by_code[code] for code in codes if code in by_code]} for title, codes in CHAPTERS
    ]
    return {
        "chapters": chapters,
        "data": data,
        "area": data.area,
        "year": data.year,
        "indicators": indicators,
        "types": types,
        "types_chart": types_chart,
        "goals": goals,
        "maps": maps,
        "sources": data.sources,
    }


def report_body_html(data: ReportData) -> str:
    """The report's body (no <html>), shown inside the site's page and wrapped for the PDF."""
    return render_to_string("strategy/reports/yearly_body.html", report_context(data))


_INLINE_SVG = re.compile(r"<svg\b.*?</svg>", re.DOTALL)
_SVG_TITLE = re.compile(r"<title>(.*?)</title>", re.DOTALL)


def _svg_as_image(match: re.Match[str]) -> str:
    """An inline chart as an <img> of an SVG data URL: WeasyPrint draws those several times faster than inline
    SVG styled through the page's CSS, and the drawing is the same."""
    markup = match.group(0)
    title = _SVG_TITLE.search(markup)
    alt = title.group(1) if title else ""
    encoded = base64.b64encode(markup.encode()).decode()
    return f'<img alt="{alt}" src="data:image/svg+xml;base64,{encoded}">'


def report_pdf(*, body: str, data: ReportData) -> bytes:
    """The PDF of the report body, with print styles, a cover and page numbers."""
    printable = _INLINE_SVG.sub(_svg_as_image, body)
    html = render_to_string("strategy/reports/yearly_pdf.html", {"body": mark_safe(printable), "data": data})  # noqa: S308
    return pdf_from_html(html)


def value_text(value: Decimal | None, unit: str) -> str:
    return format_value(value, unit) if value is not None else "—"
