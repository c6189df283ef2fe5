"""What the dashboard of an area and year shows, built from the monitor's selectors: every indicator with its
figures, the comparison with the enclosing areas, the trend over five years and the targets of published goals."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from streek.monitor.areas import Area
from streek.monitor.charts import format_value, trend_chart_svg
from streek.monitor.selectors import (
    Audience,
    Figure,
    FigureDefinition,
    IndicatorDefinition,
    IndicatorResult,
    Trajectory,
    indicator_definitions,
    indicator_results,
)

from .goals import AreaTarget, area_targets, target_trajectory

TREND_YEARS = 5


def figure_text(figure: Figure | None, unit: str) -> str:
    """A figure as one short text: its value with unit, or why there is none."""
    if figure is None:
        return _("not computed")
    if figure.suppressed:
        return _("hidden (fewer than 3 organisations)")
    if figure.value is None:
        return _("unknown")
    return format_value(figure.value, unit)


@dataclass
class Comparison:
    area: Area
    text: str


@dataclass
class TargetView:
    target: AreaTarget
    path: Trajectory
    required: list[tuple[int, Decimal]]
    target_text: str


@dataclass
class FigureRow:
    definition: FigureDefinition
    figure: Figure | None
    text: str
    comparisons: list[Comparison] = field(default_factory=list)
    targets: list[TargetView] = field(default_factory=list)


@dataclass
class TrendRow:
    year: int
    text: str


@dataclass
class IndicatorBlock:
    definition: IndicatorDefinition
    rows: list[FigureRow]
    headline: FigureDefinition
    chart: str
    trend: list[TrendRow]
    suppressed: bool
    missing: list[str]


@dataclass
class Dashboard:
    area: Area
    year: int
    years: list[int]
    enclosing: list[Area]
    blocks: list[IndicatorBlock]
    targets: list[tuple[FigureDefinition, TargetView, str]]
    sees_unsuppressed: bool


def _by_code(results: list[IndicatorResult]) -> dict[str, IndicatorResult]:
    return {result.code: result for result in results}


def _figure(results: dict[str, IndicatorResult], code: str, key: str) -> Figure | None:
    result = results.get(code)
    return result.figure(key) if result is not None else None


def _value(figure: Figure | None) -> Decimal | None:
    if figure is None or figure.suppressed:
        return None
    return figure.value


def dashboard_build(*, area: Area, year: int, audience: Audience, enclosing: list[Area]) -> Dashboard:
    """Every indicator of the area for the year. Queries: one `indicator_results` per trend year and one per
    enclosing area (for the selected year: a fixed number), plus three for the goals' targets."""
    years = list(range(year - TREND_YEARS + 1, year + 1))
    own = {y: _by_code(indicator_results(area=area, year=y, audience=audience)) for y in years}
    wider = {
        other.key: {year: _by_code(indicator_results(area=other, year=year, audience=audience))} for other in enclosing
    }
    targets_by_key = area_targets(area=area)
    blocks: list[IndicatorBlock] = []
    all_targets: list[tuple[FigureDefinition, TargetView, str]] = []
    for definition in indicator_definitions():
        if not definition.figures:
            continue
        code = definition.code
        rows: list[FigureRow] = []
        for figure_definition in definition.figures:
            figure = _figure(own[year], code, figure_definition.key)
            row = FigureRow(
                definition=figure_definition, figure=figure, text=figure_text(figure, figure_definition.unit)
            )
            for other in enclosing:
                other_figure = _figure(wider[other.key][year], code, figure_definition.key)
                row.comparisons.append(Comparison(area=other, text=figure_text(other_figure, figure_definition.unit)))
            observed = [(y, _value(_figure(own[y], code, figure_definition.key))) for y in years]
            for target in targets_by_key.get(figure_definition.key, []):
                path, required = target_trajectory(
                    target, observed=observed, higher_is_better=figure_definition.higher_is_better
                )
                view = TargetView(
                    target=target,
                    path=path,
                    required=required,
                    target_text=format_value(target.target_value, figure_definition.unit),
                )
                row.targets.append(view)
                chart = trend_chart_svg(
                    title=str(figure_definition.label),
                    unit=figure_definition.unit,
                    points=observed,
                    target=list(path.straight_path),
                    required=required,
                    series_label=area.name,
                )
                all_targets.append((figure_definition, view, chart))
            rows.append(row)
        headline = definition.figures[0]
        points = [(y, _value(_figure(own[y], code, headline.key))) for y in years]
        chart = trend_chart_svg(title=str(headline.label), unit=headline.unit, points=points, series_label=area.name)
        trend = [TrendRow(year=y, text=figure_text(_figure(own[y], code, headline.key), headline.unit)) for y in years]
        figures = [row.figure for row in rows if row.figure is not None]
        missing = sorted({f.missing for f in figures if f.missing})
        blocks.append(
            IndicatorBlock(
                definition=definition,
                rows=rows,
                headline=headline,
                chart=chart,
                trend=trend,
                suppressed=any(f.suppressed for f in figures),
                missing=missing,
            )
        )
    return Dashboard(
        area=area,
        year=year,
        years=years,
        enclosing=enclosing,
        blocks=blocks,
        targets=all_targets,
        sees_unsuppressed=audience.sees_unsuppressed(area),
    )


@dataclass
class QuarterBlock:
    definition: IndicatorDefinition
    rows: list[tuple[FigureDefinition, list[str]]]
    chart: str


def quarters_build(*, area: Area, year: int, audience: Audience) -> list[QuarterBlock]:
    """The indicators computed per quarter, with each quarter of the year (four `indicator_results`)."""
    quarters = (1, 2, 3, 4)
    results = {q: _by_code(indicator_results(area=area, year=year, quarter=q, audience=audience)) for q in quarters}
    blocks = []
    for definition in indicator_definitions():
        if not definition.per_quarter or not definition.figures:
            continue
        rows = [
            (fd, [figure_text(_figure(results[q], definition.code, fd.key), fd.unit) for q in quarters])
            for fd in definition.figures
        ]
        headline = definition.figures[0]
        points: list[tuple[int | str, Decimal | None]] = [
            (f"{year} Q{q}", _value(_figure(results[q], definition.code, headline.key))) for q in quarters
        ]
        chart = trend_chart_svg(title=str(headline.label), unit=headline.unit, points=points, series_label=area.name)
        blocks.append(QuarterBlock(definition=definition, rows=rows, chart=chart))
    return blocks
