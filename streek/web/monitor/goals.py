"""The one place the monitor pages read policy goals (the strategy app): targets that published goals set for an
area's figures. The monitor domain never imports strategy; only this web adapter does."""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch, Q

from streek.monitor.areas import Area
from streek.monitor.choices import AreaKind
from streek.monitor.selectors import Trajectory, trajectory
from streek.strategy.choices import GoalStatus
from streek.strategy.models import Measure, PolicyGoal


@dataclass(frozen=True)
class AreaTarget:
    goal_id: int
    goal_title: str
    figure_key: str
    baseline_year: int
    baseline_value: Decimal
    target_year: int
    target_value: Decimal


def _goal_matches(goal: PolicyGoal, area: Area) -> bool:
    """A goal measures the area when it is the goal's custom region, or when the goal's municipalities are
    exactly the area's municipalities."""
    if goal.custom_region_id is not None:
        return (
            area.kind == AreaKind.CUSTOM_REGION
            and goal.custom_region is not None
            and goal.custom_region.slug == area.key
        )
    ids = {m.pk for m in goal.municipalities.all()}
    return bool(ids) and ids == set(area.municipality_ids)


def area_targets(*, area: Area) -> dict[str, list[AreaTarget]]:
    """Targets of published goals of exactly this area, per figure key (three queries)."""
    if area.kind == AreaKind.CUSTOM_REGION:
        match = Q(custom_region__slug=area.key)
    elif area.kind == AreaKind.MUNICIPALITY:
        match = Q(municipalities__id__in=area.municipality_ids, custom_region__isnull=True)
    else:
        return {}
    goals = (
        PolicyGoal.objects.filter(match, status=GoalStatus.PUBLISHED)
        .select_related("custom_region")
        .prefetch_related("municipalities", Prefetch("measures", queryset=Measure.objects.order_by("id")))
        .distinct()
        .order_by("-published_at", "id")
    )
    targets: dict[str, list[AreaTarget]] = {}
    for goal in goals:
        if not _goal_matches(goal, area):
            continue
        for measure in goal.measures.all():
            targets.setdefault(measure.figure_key, []).append(
                AreaTarget(
                    goal_id=goal.pk,
                    goal_title=goal.title,
                    figure_key=measure.figure_key,
                    baseline_year=measure.baseline_year,
                    baseline_value=measure.baseline_value,
                    target_year=measure.target_year,
                    target_value=measure.target_value,
                )
            )
    return targets


def target_trajectory(
    target: AreaTarget, *, observed: Iterable[tuple[int, Decimal | None]], higher_is_better: bool | None
) -> tuple[Trajectory, list[tuple[int, Decimal]]]:
    """The K16 trajectory of a target from the observed values, and the required path from the latest value."""
    known = [(year, value) for year, value in observed if value is not None and year >= target.baseline_year]
    path = trajectory(
        baseline_year=target.baseline_year,
        baseline_value=target.baseline_value,
        target_year=target.target_year,
        target_value=target.target_value,
        observed=known,
        higher_is_better=True if higher_is_better is None else higher_is_better,
    )
    required: list[tuple[int, Decimal]] = []
    if path.observed and path.required_growth is not None:
        start_year, start_value = path.observed[-1]
        factor = Decimal(1) + path.required_growth
        required = [
            (year, start_value * factor ** (year - start_year)) for year in range(start_year, target.target_year + 1)
        ]
    return path, required
