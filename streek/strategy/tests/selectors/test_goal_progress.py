from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from streek.catalog.tests.factories import municipality
from streek.monitor.selectors import Audience, Figure
from streek.strategy.selectors import progress as progress_module
from streek.strategy.selectors.areas import goal_area
from streek.strategy.selectors.progress import goal_progress
from streek.strategy.tests.factories import MeasureFactory, PolicyGoalFactory
from streek.territory.models import CustomRegion

pytestmark = pytest.mark.django_db


def _observe(monkeypatch: pytest.MonkeyPatch, values: dict[int, Decimal | None]) -> list[Any]:
    calls: list[Any] = []

    def fake(*, area: Any, figure_key: str, year: int, audience: Any) -> Figure:
        calls.append((area, year))
        return Figure(key=figure_key, value=values.get(year), organisations=4, suppressed=False, missing="")

    monkeypatch.setattr(progress_module, "figure_value", fake)
    return calls


def test_progress_compares_the_observed_values_with_the_straight_path(monkeypatch: pytest.MonkeyPatch) -> None:
    # given a path from 1000 (2020) to 2000 (2030): 100 a year, so 1400 in 2024
    goal = PolicyGoalFactory()
    MeasureFactory(goal=goal, baseline_year=2020, baseline_value=Decimal("1000"), target_year=2030)
    _observe(monkeypatch, {2021: Decimal("1100"), 2024: Decimal("1500")})
    # when
    [row] = goal_progress(goal=goal, audience=Audience.public(), today=date(2025, 6, 1))
    # then
    assert [year for year, _figure in row.observed] == [2020, 2021, 2022, 2023, 2024]
    assert row.trajectory.observed == ((2021, Decimal("1100")), (2024, Decimal("1500")))
    assert row.trajectory.straight_value(2024) == Decimal("1400.00")
    assert row.trajectory.on_track is True
    # (2000 / 1500) ** (1 / 6) - 1 = 0.0491
    assert row.trajectory.required_growth == Decimal("0.0491")
    assert row.required_path[0] == (2024, Decimal("1500.0000"))
    assert row.required_path[-1][0] == 2030 and abs(row.required_path[-1][1] - Decimal("2000")) < 2
    assert row.option is not None and row.unit == "eur"


def test_progress_is_behind_below_the_path_and_lower_is_better_flips_it(monkeypatch: pytest.MonkeyPatch) -> None:
    # given
    goal = PolicyGoalFactory()
    MeasureFactory(goal=goal, baseline_value=Decimal("1000"), target_value=Decimal("2000"))
    MeasureFactory(
        goal=goal,
        figure_key="K10.mean_distance_km",
        baseline_value=Decimal("40"),
        target_value=Decimal("20"),
    )
    _observe(monkeypatch, {2022: Decimal("30")})
    # when
    turnover, distance = goal_progress(goal=goal, audience=Audience.public(), today=date(2023, 1, 1))
    # then
    assert turnover.trajectory.on_track is False  # 30 EUR against 1200 on the path
    assert distance.trajectory.on_track is True  # 30 km against 36 on the path, lower is better


def test_progress_without_observations_is_unknown(monkeypatch: pytest.MonkeyPatch) -> None:
    goal = PolicyGoalFactory()
    MeasureFactory(goal=goal)
    _observe(monkeypatch, {})
    [row] = goal_progress(goal=goal, audience=Audience.public(), today=date(2024, 1, 1))
    assert row.trajectory.on_track is None and row.latest is None


def test_progress_through_the_real_monitor_on_an_empty_platform() -> None:
    goal = PolicyGoalFactory()
    MeasureFactory(goal=goal, figure_key="K1.total", baseline_year=2023, target_year=2030)
    [row] = goal_progress(goal=goal, audience=Audience.public(), today=date(2025, 3, 1))
    assert [year for year, _figure in row.observed] == [2023, 2024]


def test_the_goal_area_is_its_region_its_municipality_or_its_municipalities() -> None:
    sint_truiden, heusden = municipality("71053"), municipality("71070")
    one = PolicyGoalFactory()
    assert goal_area(goal=one).slug == "municipality:71053"
    several = PolicyGoalFactory(municipalities=[sint_truiden, heusden])
    area = goal_area(goal=several)
    assert area.key == f"goal-{several.pk}" and set(area.municipality_ids) == {sint_truiden.pk, heusden.pk}
    region = CustomRegion.objects.create(name="Haspengouw", slug="haspengouw-test")
    region.municipalities.set([sint_truiden])
    regional = PolicyGoalFactory(custom_region=region)
    assert goal_area(goal=regional).slug == f"custom_region:{region.slug}"
