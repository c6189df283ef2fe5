"""K16: the path from a baseline to a target against what was observed."""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, localcontext


@dataclass(frozen=True)
class Trajectory:
    baseline_year: int
    baseline_value: Decimal
    target_year: int
    target_value: Decimal
    observed: tuple[tuple[int, Decimal], ...]  # (year, value) sorted
    straight_path: tuple[tuple[int, Decimal], ...]  # linear from baseline to target, each year
    required_growth: Decimal | None  # yearly growth (fraction) needed from the latest observation to the target
    planned_growth: Decimal | None  # constant yearly growth from baseline to target
    on_track: bool | None  # latest observed on the right side of the straight path; None without observations

    def straight_value(self, year: int) -> Decimal | None:
        return dict(self.straight_path).get(year)


def _growth(start: Decimal, end: Decimal, years: int) -> Decimal | None:
    """Constant yearly growth rate (fraction) from start to end over `years`; None when it does not exist."""
    if years <= 0 or start <= 0 or end < 0:
        return None
    with localcontext() as ctx:
        ctx.prec = 28
        rate = (end / start) ** (Decimal(1) / Decimal(years)) - 1
    return rate.quantize(Decimal("0.0001"))


def _straight(baseline_year: int, baseline: Decimal, target_year: int, target: Decimal, year: int) -> Decimal:
    if target_year == baseline_year:
        return target
    step = (target - baseline) / Decimal(target_year - baseline_year)
    return (baseline + step * (year - baseline_year)).quantize(Decimal("0.01"))


def trajectory(
    *,
    baseline_year: int,
    baseline_value: Decimal,
    target_year: int,
    target_value: Decimal,
    observed: Iterable[tuple[int, Decimal]],
    higher_is_better: bool = True,
) -> Trajectory:
    """The straight path from baseline to target, the growth it implies and the growth still needed.

    Observations after the target year or before the baseline are kept but do not decide `on_track`, except that
    the latest observation at or before the target year is the one judged.
    """
    baseline_value, target_value = Decimal(baseline_value), Decimal(target_value)
    points = tuple(sorted((int(y), Decimal(v)) for y, v in observed))
    path = tuple(
        (year, _straight(baseline_year, baseline_value, target_year, target_value, year))
        for year in range(baseline_year, max(target_year, baseline_year) + 1)
    )
    judged = [p for p in points if baseline_year <= p[0] <= target_year] or [p for p in points if p[0] > target_year]
    on_track: bool | None = None
    required: Decimal | None = None
    if judged:
        year, value = judged[-1]
        straight = _straight(baseline_year, baseline_value, target_year, target_value, min(year, target_year))
        on_track = value >= straight if higher_is_better else value <= straight
        if year < target_year:
            required = _growth(value, target_value, target_year - year)
    elif baseline_year < target_year:
        required = _growth(baseline_value, target_value, target_year - baseline_year)
    return Trajectory(
        baseline_year=baseline_year,
        baseline_value=baseline_value,
        target_year=target_year,
        target_value=target_value,
        observed=points,
        straight_path=path,
        required_growth=required,
        planned_growth=_growth(baseline_value, target_value, target_year - baseline_year),
        on_track=on_track,
    )
