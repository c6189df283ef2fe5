import time
from datetime import UTC, datetime, timedelta

from django.utils import translation

from streek.logistics.planning import (
    PlanResult,
    Problem,
    StopKind,
    UnplannedReason,
    VehicleRef,
    plan_solve,
)

from .cases import BACKEND, GENT, HOUR, LEUVEN, collection, delivery, depot, near, van, window

FAST = 0.5


def solve(problem: Problem, seconds: float = FAST, **kwargs: object) -> PlanResult:
    return plan_solve(problem=problem, time_limit_seconds=seconds, backend=BACKEND, **kwargs)  # type: ignore[arg-type]


def reasons(result: PlanResult) -> dict[str, UnplannedReason]:
    return {u.stop_key: u.reason for u in result.unplanned}


def test_small_instance_is_planned_feasibly_with_consistent_times_and_loads():
    # given one hub, two vans and eight deliveries with windows
    origin = datetime(2026, 11, 23, tzinfo=UTC)
    stops = [delivery(f"d{k}", near(LEUVEN, k), window=window(8, 12 if k % 2 else 16)) for k in range(8)]
    problem = Problem.build(depots=[depot()], vehicle_types=[van(count=2)], stops=stops, origin=origin)
    # when
    result = solve(problem)
    # then every stop is served once, within its window, and the totals add up
    assert result.feasible
    assert result.unplanned == ()
    assert sorted(k for route in result.routes for k in route.stop_keys) == sorted(s.key for s in stops)
    for route in result.routes:
        previous = route.start
        load = sum(problem.stop(key).demand_kg for key in route.stop_keys)
        for visit in route.visits:
            stop = problem.stop(visit.stop_key)
            assert previous <= visit.arrival <= visit.start < visit.departure
            assert stop.window is not None and stop.window.start <= visit.start <= stop.window.end
            load -= stop.demand_kg
            assert visit.load_kg == round(load, 1)
            previous = visit.departure
        assert route.end >= previous
        assert route.cost > 0 and route.km > 0
    assert result.distance_m == sum(route.distance_m for route in result.routes)
    assert result.cost == sum(route.cost for route in result.routes)
    first = result.routes[0]
    assert result.at(first.start) == origin + timedelta(seconds=first.start)


def test_capacity_is_respected_in_kg_and_in_crates():
    # given vans that carry plenty of kg but only 5 crates, and six stops of 2 crates
    stops = [delivery(f"d{k}", near(LEUVEN, k), demand_kg=10.0, demand_crates=2) for k in range(6)]
    problem = Problem.build(depots=[depot()], vehicle_types=[van(count=3, capacity_crates=5)], stops=stops)
    # when
    result = solve(problem)
    # then no van takes more than two stops (4 crates) and all are served
    assert result.feasible
    assert len(result.routes) == 3
    assert all(trip.load_out_crates <= 5 and trip.load_out_kg <= 500 for r in result.routes for trip in r.trips)


def test_kg_capacity_binds_too():
    stops = [delivery(f"d{k}", near(LEUVEN, k), demand_kg=300.0, demand_crates=1) for k in range(2)]
    problem = Problem.build(depots=[depot()], vehicle_types=[van(count=2, capacity_kg=500.0)], stops=stops)
    result = solve(problem)
    assert result.feasible
    assert len(result.routes) == 2


def test_required_stops_that_do_not_fit_are_reported_not_overloaded():
    # given one van of 5 crates without reloads and six stops of 2 crates
    stops = [delivery(f"d{k}", near(LEUVEN, k), demand_crates=2) for k in range(6)]
    problem = Problem.build(depots=[depot()], vehicle_types=[van(capacity_crates=5)], stops=stops)
    # when
    result = solve(problem, seconds=1.0)
    # then two are planned, four reported as not fitting, and nothing is overloaded
    assert not result.feasible
    assert result.violations == ()
    assert len(result.routes[0].visits) == 2
    assert set(reasons(result).values()) == {UnplannedReason.DID_NOT_FIT}
    assert len(result.unplanned) == 4


def test_chilled_stops_ride_only_on_the_cooled_vehicle():
    # given a cooled and an uncooled van, and chilled stops among ambient ones
    stops = [delivery(f"d{k}", near(LEUVEN, k), needs_cooling=k % 3 == 0) for k in range(9)]
    problem = Problem.build(
        depots=[depot()], vehicle_types=[van("cold", cooled=True), van("dry", cooled=False)], stops=stops
    )
    # when
    result = solve(problem)
    # then
    assert result.feasible
    for route in result.routes:
        for key in route.stop_keys:
            assert route.cooled or not problem.stop(key).needs_cooling


def test_chilled_stop_without_any_cooled_vehicle_is_unplanned_with_the_cooling_reason():
    stops = [delivery("cheese", near(LEUVEN, 1), needs_cooling=True), delivery("bread", near(LEUVEN, 2))]
    problem = Problem.build(depots=[depot()], vehicle_types=[van(cooled=False)], stops=stops)
    result = solve(problem)
    assert reasons(result) == {"cheese": UnplannedReason.NO_COOLED_VEHICLE}
    assert result.routes[0].stop_keys == ("bread",)
    assert not result.feasible
    with translation.override("en"):
        assert result.unplanned[0].message == "needs a cooled vehicle and none is available"


def test_optional_stop_that_cannot_fit_is_dropped_with_a_reason():
    # given an optional stop far away whose window closes before the van can get there, and one near
    far = delivery("far", GENT, required=False, priority=1, window=window(6, 6.5))
    stops = [delivery("near", near(LEUVEN, 1)), far, delivery("maybe", near(LEUVEN, 2), required=False)]
    problem = Problem.build(depots=[depot()], vehicle_types=[van(shift_start=7 * HOUR)], stops=stops)
    # when
    result = solve(problem)
    # then the plan is feasible without it and says why
    assert result.feasible
    assert set(result.routes[0].stop_keys) == {"near", "maybe"}
    assert reasons(result) == {"far": UnplannedReason.OUT_OF_HOURS}


def test_optional_stop_not_worth_the_detour_is_left_out():
    stops = [delivery("near", near(LEUVEN, 1)), delivery("far", GENT, required=False, priority=1)]
    problem = Problem.build(depots=[depot()], vehicle_types=[van()], stops=stops)
    result = solve(problem)
    assert result.feasible
    assert reasons(result) == {"far": UnplannedReason.OPTIONAL_LEFT_OUT}


def test_locked_stop_stays_on_its_vehicle():
    # given two hubs with a van each, and a stop next to Leuven locked to the Gent van
    stops = [delivery(f"l{k}", near(LEUVEN, k)) for k in range(3)] + [
        delivery(f"g{k}", near(GENT, k)) for k in range(3)
    ]
    stops.append(delivery("locked", near(LEUVEN, 7), locked_to=VehicleRef("gent-van", 0)))
    problem = Problem.build(
        depots=[depot("leuven", LEUVEN), depot("gent", GENT)],
        vehicle_types=[van("leuven-van", "leuven"), van("gent-van", "gent")],
        stops=stops,
    )
    # when
    result = solve(problem)
    # then
    assert result.feasible
    route = result.route_of("locked")
    assert route is not None and route.vehicle == VehicleRef("gent-van", 0)


def test_locked_stop_on_one_of_several_identical_vehicles():
    stops = [delivery(f"d{k}", near(LEUVEN, k)) for k in range(6)]
    stops[0] = delivery("d0", near(LEUVEN, 0), locked_to=VehicleRef("van", 2))
    problem = Problem.build(depots=[depot()], vehicle_types=[van(count=3)], stops=stops)
    result = solve(problem)
    assert result.feasible
    route = result.route_of("d0")
    assert route is not None and route.vehicle == VehicleRef("van", 2)


def test_lock_to_a_missing_vehicle_is_reported():
    stops = [delivery("d0", near(LEUVEN, 0), locked_to=VehicleRef("van", 5))]
    problem = Problem.build(depots=[depot()], vehicle_types=[van()], stops=stops)
    result = solve(problem)
    assert reasons(result) == {"d0": UnplannedReason.LOCKED_VEHICLE_UNAVAILABLE}


def test_several_depots_serve_their_own_surroundings():
    stops = [delivery(f"l{k}", near(LEUVEN, k)) for k in range(4)] + [
        delivery(f"g{k}", near(GENT, k)) for k in range(4)
    ]
    problem = Problem.build(
        depots=[depot("leuven", LEUVEN), depot("gent", GENT)],
        vehicle_types=[van("leuven-van", "leuven"), van("gent-van", "gent")],
        stops=stops,
    )
    result = solve(problem)
    assert result.feasible
    by_depot = {route.depot_key: set(route.stop_keys) for route in result.routes}
    assert by_depot == {"leuven": {f"l{k}" for k in range(4)}, "gent": {f"g{k}" for k in range(4)}}


def test_reloads_at_the_depot_when_the_capacity_requires_it():
    # given one van of 50 kg allowed two extra trips, and three stops of 40 kg
    stops = [delivery(f"d{k}", near(LEUVEN, k), demand_kg=40.0, demand_crates=0) for k in range(3)]
    problem = Problem.build(
        depots=[depot(reload_seconds=600)], vehicle_types=[van(capacity_kg=50.0, max_reloads=2)], stops=stops
    )
    # when
    result = solve(problem)
    # then one route of three trips, each within capacity, the reload time between them
    assert result.feasible
    (route,) = result.routes
    assert len(route.trips) == 3
    assert all(trip.load_out_kg <= 50 for trip in route.trips)
    for before, after in zip(route.trips, route.trips[1:], strict=False):
        assert after.departure - before.arrival >= 600


def test_collections_add_load_and_come_back_to_the_hub():
    stops = [collection("farm", near(LEUVEN, 3), demand_kg=100.0), delivery("shop", near(LEUVEN, 8), demand_kg=60.0)]
    problem = Problem.build(depots=[depot()], vehicle_types=[van(capacity_kg=150.0)], stops=stops)
    result = solve(problem)
    assert result.feasible
    (trip,) = result.routes[0].trips
    assert (trip.load_out_kg, trip.load_back_kg) == (60.0, 100.0)
    loads = {visit.stop_key: visit.load_kg for visit in result.routes[0].visits}
    kinds = {visit.stop_key: visit.kind for visit in result.routes[0].visits}
    assert kinds["farm"] == StopKind.COLLECTION
    assert loads["shop"] in (0.0, 100.0) and loads["farm"] in (160.0, 100.0)


def test_too_heavy_stop_is_reported_as_too_large():
    stops = [delivery("pallet", near(LEUVEN, 1), demand_kg=900.0)]
    problem = Problem.build(depots=[depot()], vehicle_types=[van(capacity_kg=500.0)], stops=stops)
    result = solve(problem)
    assert reasons(result) == {"pallet": UnplannedReason.TOO_LARGE}


def test_progress_is_reported_and_the_time_limit_honoured():
    stops = [delivery(f"d{k}", near(LEUVEN, k, spread=0.1), window=window(7, 18)) for k in range(40)]
    problem = Problem.build(depots=[depot()], vehicle_types=[van(count=4)], stops=stops)
    fractions: list[float] = []
    started = time.monotonic()
    result = solve(problem, seconds=1.0, progress=fractions.append)
    elapsed = time.monotonic() - started
    assert elapsed < 1.5
    assert result.runtime_seconds <= elapsed
    assert len(fractions) >= 3
    assert fractions == sorted(fractions)
    assert fractions[-1] == 1.0
    assert 0 <= fractions[0] < 0.5


def test_empty_problem_gives_an_empty_feasible_plan():
    problem = Problem.build(depots=[depot()], vehicle_types=[van()], stops=[])
    result = solve(problem)
    assert result.feasible and result.routes == () and result.km == 0
