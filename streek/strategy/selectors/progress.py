"""Progress of a goal (K16): per measure the observed values of its figure in the goal's area, against the
straight path from the baseline to the target and the growth still required."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from streek.monitor.areas import Area
from streek.monitor.selectors import Audience, Figure, Trajectory, figure_value, trajectory

from ..models import Measure, PolicyGoal
from .areas import goal_area
from .figures import FigureOption, figure_option


@dataclass(frozen=True)
class MeasureProgress:
    measure: Measure
    option: FigureOption | None  # None when the monitor no longer defines the figure
    area: Area
    observed: tuple[tuple[int, Figure], ...]  # every year from the baseline to the last complete year
    trajectory: Trajectory
    required_path: tuple[tuple[int, Decimal], ...]  # from the latest observation to the target at the required growth

    @property
    def unit(self) -> str:
        return self.option.figure.unit if self.option else ""

    @property
    def latest(self) -> tuple[int, Decimal] | None:
        return self.trajectory.observed[-1] if self.trajectory.observed else None


def _required_path(path: Trajectory) -> tuple[tuple[int, Decimal], ...]:
    if not path.observed or path.required_growth is None:
        return ()
    start_year, start_value = path.observed[-1]
    if start_year >= path.target_year:
        return ()
    factor = Decimal(1) + path.required_growth
    return tuple(
        (year, (start_value * factor ** (year - start_year)).quantize(Decimal("0.0001")))
        for year in range(start_year, path.target_year + 1)
    )


def measure_progress(*, measure: Measure, area: Area, audience: Audience, today: date | None = None) -> MeasureProgress:
    """One measure's progress; observed years run from the baseline year to the last complete year."""
    last_year = min(measure.target_year, (today or date.today()).year - 1)
    option = figure_option(figure_key=measure.figure_key)
    observed = tuple(
        (year, figure_value(area=area, figure_key=measure.figure_key, year=year, audience=audience))
        for year in (range(measure.baseline_year, last_year + 1) if option is not None else ())
    )
    higher = option.figure.higher_is_better if option and option.figure.higher_is_better is not None else True
    path = trajectory(
        baseline_year=measure.baseline_year,
        baseline_value=measure.baseline_value,
        target_year=measure.target_year,
        target_value=measure.target_value,
        observed=[
            (year, figure.value)
            for year, figure in observed
            if year > measure.baseline_year and figure.value is not None
        ],
        higher_is_better=higher,
    )
    return MeasureProgress(
        measure=measure,
        option=option,
        area=area,
        observed=observed,
        trajectory=path,
        required_path=_required_path(path),
    )


def goal_progress(*, goal: PolicyGoal, audience: Audience, today: date | None = None) -> list[MeasureProgress]:
    """Every measure of the goal with its observed values in the goal's area and its trajectory."""
    area = goal_area(goal=goal)
    return [
        measure_progress(measure=measure, area=area, audience=audience, today=today) for measure in goal.measures.all()
    ]
