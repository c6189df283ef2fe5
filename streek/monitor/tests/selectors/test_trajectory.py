"""K16: straight path, planned and required growth, on track."""

from decimal import Decimal

from streek.monitor.selectors import trajectory

D = Decimal


def test_straight_path_and_growth_rates():
    result = trajectory(
        baseline_year=2020,
        baseline_value=D("100"),
        target_year=2030,
        target_value=D("200"),
        observed=[(2023, D("120")), (2022, D("115"))],
    )

    assert result.observed == ((2022, D("115")), (2023, D("120")))
    assert result.straight_path[0] == (2020, D("100.00"))
    assert result.straight_value(2023) == D("130.00")
    assert result.straight_path[-1] == (2030, D("200.00"))
    assert result.planned_growth == D("0.0718")  # 2 ** (1/10) - 1
    assert result.required_growth == D("0.0757")  # (200/120) ** (1/7) - 1
    assert result.on_track is False  # 120 < 130


def test_on_track_above_the_straight_path():
    result = trajectory(
        baseline_year=2020, baseline_value=D("10"), target_year=2025, target_value=D("20"), observed=[(2022, D("15"))]
    )

    assert result.on_track is True  # 15 >= 14
    assert result.required_growth == D("0.1006")  # (20/15) ** (1/3) - 1


def test_lower_is_better():
    result = trajectory(
        baseline_year=2020,
        baseline_value=D("30"),
        target_year=2030,
        target_value=D("20"),
        observed=[(2025, D("24"))],
        higher_is_better=False,
    )

    assert result.straight_value(2025) == D("25.00")
    assert result.on_track is True
    assert result.required_growth is not None and result.required_growth < 0


def test_without_observations_nothing_is_judged():
    result = trajectory(baseline_year=2020, baseline_value=D("0"), target_year=2030, target_value=D("5"), observed=[])

    assert result.on_track is None
    assert result.planned_growth is None  # no growth rate from zero
    assert result.required_growth is None
