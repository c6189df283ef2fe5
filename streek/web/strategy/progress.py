"""Progress of a goal's measures as the pages show it: values, the on-track verdict and a chart."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from streek.monitor.charts import format_value, trend_chart_svg
from streek.monitor.selectors import Audience, Figure
from streek.strategy.models import PolicyGoal
from streek.strategy.selectors.progress import MeasureProgress, goal_progress


@dataclass(frozen=True)
class ProgressRow:
    progress: MeasureProgress
    label: str
    baseline: str
    target: str
    latest: str
    verdict: str  # "on_track", "behind" or "unknown"
    years: tuple[tuple[int, str, str], ...]  # (year, observed, straight path) as text
    planned_growth: str  # "" when there is none
    required_growth: str
    chart: SafeString


def _percent(rate: Decimal | None) -> str:
    return "" if rate is None else format_value(rate * 100, "percent")


def _observed(figure: Figure, unit: str) -> str:
    if figure.suppressed:
        return _("hidden (fewer than 3 organisations)")
    if figure.value is None:
        return figure.missing or _("unknown")
    return format_value(figure.value, unit)


def _row(progress: MeasureProgress) -> ProgressRow:
    measure, unit = progress.measure, progress.unit
    label = str(progress.option.figure.label) if progress.option else measure.figure_key
    path = progress.trajectory
    latest = progress.latest
    verdict = "unknown" if path.on_track is None else "on_track" if path.on_track else "behind"
    chart = trend_chart_svg(
        title=label,
        unit=unit,
        points=[(year, figure.value) for year, figure in progress.observed],
        target=list(path.straight_path),
        required=list(progress.required_path),
        series_label=_("Observed"),
        target_label=_("Straight path to the target"),
        required_label=_("Required path"),
    )
    return ProgressRow(
        progress=progress,
        label=label,
        baseline=f"{format_value(measure.baseline_value, unit)} ({measure.baseline_year})",
        target=f"{format_value(measure.target_value, unit)} ({measure.target_year})",
        latest=f"{format_value(latest[1], unit)} ({latest[0]})" if latest else _("no observation yet"),
        verdict=verdict,
        years=tuple(
            (year, _observed(figure, unit), format_value(path.straight_value(year), unit))
            for year, figure in progress.observed
        ),
        planned_growth=_percent(path.planned_growth),
        required_growth=_percent(path.required_growth),
        chart=mark_safe(chart),  # noqa: S308 - built by monitor.charts from numbers and escaped labels
    )


def progress_rows(*, goal: PolicyGoal, audience: Audience) -> list[ProgressRow]:
    return [_row(progress) for progress in goal_progress(goal=goal, audience=audience)]
