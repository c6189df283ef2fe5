"""Same-day cross-docking: a delivery carrying goods collected that day leaves the hub only once they are there."""

import pytest

from streek.logistics.planning import PlanResult, Problem, StopKind, UnplannedReason, VehicleRef, plan_solve

from .cases import BACKEND, GENT, HOUR, LEUVEN, collection, delivery, depot, near, van, window

FAST = 1.0


def solve(problem: Problem, seconds: float = FAST) -> PlanResult:
    return plan_solve(problem=problem, time_limit_seconds=seconds, backend=BACKEND)


def reasons(result: PlanResult) -> dict[str, UnplannedReason]:
    return {u.stop_key: u.reason for u in result.unplanned}


def assert_goods_ready_before_departure(problem: Problem, result: PlanResult) -> None:
    """Every planned delivery leaves the hub its goods came to, after the trips that brought them are back."""
    arrivals = result.hub_arrivals()
    for route in result.routes:
        for visit in route.visits:
            stop = problem.stop(visit.stop_key)
            if not stop.after:
                continue
            departure = route.trip_departure(visit.trip)
            assert departure is not None
            for source in stop.after:
                hub, back = arrivals[source]
                assert hub == route.depot_key
                assert departure >= back + problem.depot(hub).reload_seconds
            assert result.ready[stop.key] <= departure


def farms_and_shops(count: int = 6) -> list:
    stops = [collection(f"farm{k}", near(LEUVEN, k, 0.2), window=window(7, 11)) for k in range(count)]
    stops += [
        delivery(
            f"shop{k}", near(LEUVEN, k + 7, 0.15), after=(f"farm{k}", f"farm{(k + 1) % count}"), window=window(8, 15)
        )
        for k in range(count)
    ]
    return stops


def test_deliveries_leave_only_after_the_collections_carrying_their_goods_are_back():
    # given six farms, six shops that each get goods from two farms, and two vans
    stops = farms_and_shops()
    problem = Problem.build(
        depots=[depot(reload_seconds=600)],
        vehicle_types=[van("a", max_reloads=2), van("b", max_reloads=2)],
        stops=stops,
    )
    # when
    result = solve(problem)
    # then everything is planned and no delivery trip leaves before its goods are unloaded
    assert result.feasible, (result.violations, result.unplanned)
    assert result.unplanned == ()
    assert_goods_ready_before_departure(problem, result)
    assert set(result.ready) == {f"shop{k}" for k in range(6)}


def test_one_van_collects_first_then_delivers_on_later_trips():
    # given a single van with reloads, three farms and three shops waiting for them
    stops = [collection(f"farm{k}", near(LEUVEN, k, 0.1), window=window(7, 10)) for k in range(3)]
    stops += [delivery(f"shop{k}", near(LEUVEN, k + 10, 0.1), after=(f"farm{k}",)) for k in range(3)]
    problem = Problem.build(depots=[depot(reload_seconds=300)], vehicle_types=[van(max_reloads=3)], stops=stops)
    # when
    result = solve(problem)
    # then one route: its collection trips come before the trips that deliver their goods
    assert result.feasible
    (route,) = result.routes
    last_collection_trip = max(v.trip for v in route.visits if v.kind == StopKind.COLLECTION)
    first_delivery_trip = min(v.trip for v in route.visits if v.kind == StopKind.DELIVERY)
    assert last_collection_trip < first_delivery_trip
    assert_goods_ready_before_departure(problem, result)


def test_deliveries_that_wait_for_nothing_may_leave_at_once():
    # given a delivery from the hub's own stock beside one that waits for a farm ready late
    stops = [
        collection("farm", near(LEUVEN, 1), window=window(11, 12)),
        delivery("stock", near(LEUVEN, 2), window=window(7, 9)),
        delivery("fresh", near(LEUVEN, 3), after=("farm",)),
    ]
    problem = Problem.build(depots=[depot()], vehicle_types=[van(count=2, max_reloads=1)], stops=stops)
    # when
    result = solve(problem)
    # then the stock delivery is made in its early window; the fresh one after the farm's goods are in
    assert result.feasible
    assert "stock" not in result.ready
    assert result.ready["fresh"] >= 11 * HOUR
    assert_goods_ready_before_departure(problem, result)


def test_delivery_whose_collection_cannot_be_planned_is_unplanned_with_the_reason():
    # given a chilled collection and no cooled vehicle, and a shop waiting for it
    stops = [
        collection("dairy", near(LEUVEN, 1), needs_cooling=True),
        delivery("shop", near(LEUVEN, 2), after=("dairy",)),
    ]
    problem = Problem.build(depots=[depot()], vehicle_types=[van()], stops=stops)
    # when
    result = solve(problem)
    # then
    assert reasons(result) == {
        "dairy": UnplannedReason.NO_COOLED_VEHICLE,
        "shop": UnplannedReason.GOODS_NOT_COLLECTED,
    }
    assert result.routes == ()


def test_delivery_whose_goods_arrive_after_its_window_is_unplanned_as_too_late():
    # given a farm ready only from 11:00 and a shop that must be delivered by 10:00
    stops = [
        collection("farm", near(LEUVEN, 1), window=window(11, 12)),
        delivery("shop", near(LEUVEN, 2), after=("farm",), window=window(8, 10)),
    ]
    problem = Problem.build(depots=[depot()], vehicle_types=[van(count=2)], stops=stops)
    # when
    result = solve(problem)
    # then the farm is collected, the shop is reported and never delivered before its goods are in
    assert reasons(result) == {"shop": UnplannedReason.GOODS_TOO_LATE}
    assert [route.stop_keys for route in result.routes] == [("farm",)]
    assert result.violations == ()


def test_goods_collected_to_two_hubs_cannot_leave_together():
    # given two hubs far apart, each with a van locked to the farm near it, and a shop needing both farms
    stops = [
        collection("east", near(LEUVEN, 1), locked_to=VehicleRef("leuven", 0)),
        collection("west", near(GENT, 1), locked_to=VehicleRef("gent", 0)),
        delivery("shop", near(LEUVEN, 2), after=("east", "west")),
    ]
    problem = Problem.build(
        depots=[depot("hub-l", LEUVEN), depot("hub-g", GENT)],
        vehicle_types=[van("leuven", "hub-l"), van("gent", "hub-g")],
        stops=stops,
    )
    # when
    result = solve(problem)
    # then
    assert reasons(result) == {"shop": UnplannedReason.GOODS_AT_SEVERAL_HUBS}


def test_collections_are_brought_in_early_enough_for_the_deliveries_waiting_for_them():
    # given a farm ready all day and a shop that must be served by 10:00 with its goods
    stops = [
        collection("farm", near(LEUVEN, 4, 0.1), window=window(6, 18)),
        delivery("shop", near(LEUVEN, 9, 0.1), after=("farm",), window=window(7, 10)),
    ]
    problem = Problem.build(depots=[depot()], vehicle_types=[van(count=2, cost_per_hour=0)], stops=stops)
    # when
    result = solve(problem)
    # then the collection is made in time and the shop is delivered within its window
    assert result.feasible, result.unplanned
    assert_goods_ready_before_departure(problem, result)


def test_a_vehicle_whose_trips_are_used_up_by_collections_delivers_nothing_more():
    # given one van allowed a single trip, which it needs for the farm
    stops = [collection("farm", near(LEUVEN, 1)), delivery("shop", near(LEUVEN, 2), after=("farm",))]
    problem = Problem.build(depots=[depot()], vehicle_types=[van(max_reloads=0)], stops=stops)
    # when
    result = solve(problem)
    # then the shop is reported: no vehicle is left at the hub
    assert reasons(result) == {"shop": UnplannedReason.NO_VEHICLE_AT_HUB}
    assert result.violations == ()


def test_only_collections_can_be_waited_for():
    with pytest.raises(ValueError, match="not a collection"):
        Problem.build(
            depots=[depot()],
            vehicle_types=[van()],
            stops=[delivery("a", near(LEUVEN, 1)), delivery("b", near(LEUVEN, 2), after=("a",))],
        )
