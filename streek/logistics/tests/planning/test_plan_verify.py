from decimal import Decimal

from streek.logistics.planning import Problem, Route, Trip, VehicleRef, ViolationKind, Visit
from streek.logistics.planning.verify import plan_verify

from .cases import HOUR, LEUVEN, delivery, depot, near, van, window


def route_of(vehicle: VehicleRef, keys: list[str], problem: Problem, *, start: int = 7 * HOUR) -> Route:
    visits = []
    load = sum(problem.stop(k).demand_kg for k in keys)
    t = start
    for key in keys:
        t += 600
        load -= problem.stop(key).demand_kg
        visits.append(Visit(key, problem.stop(key).kind, 0, t, t, t + 300, 0, 0, load, 0))
        t += 300
    trip = Trip(0, start, t + 600, 0.0, 0, 0.0, 0, tuple(keys))
    return Route(
        vehicle, "hub", False, start, t + 600, tuple(visits), (trip,), 10_000, t + 600 - start, Decimal(1), 2.0
    )


def test_chilled_stop_on_an_uncooled_vehicle_and_a_lock_broken_are_reported():
    # given a plan that puts a chilled stop and a stop locked to the other van on the uncooled van
    stops = [
        delivery("cheese", near(LEUVEN, 1), needs_cooling=True),
        delivery("locked", near(LEUVEN, 2), locked_to=VehicleRef("cold", 0)),
    ]
    problem = Problem.build(depots=[depot()], vehicle_types=[van("dry"), van("cold", cooled=True)], stops=stops)
    routes = [route_of(VehicleRef("dry", 0), ["cheese", "locked"], problem)]
    # when
    violations = plan_verify(problem=problem, routes=routes, unplanned=[])
    # then
    assert {(v.kind, v.stop_key) for v in violations} == {
        (ViolationKind.NOT_COOLED, "cheese"),
        (ViolationKind.LOCKED_ELSEWHERE, "locked"),
    }


def test_overload_lateness_shift_duplicates_and_missing_stops_are_reported():
    stops = [
        delivery("a", near(LEUVEN, 1), demand_kg=400.0, window=window(6, 7)),
        delivery("b", near(LEUVEN, 2), demand_kg=400.0),
        delivery("c", near(LEUVEN, 3)),
    ]
    problem = Problem.build(depots=[depot()], vehicle_types=[van(count=2, shift_end=8 * HOUR)], stops=stops)
    routes = [
        route_of(VehicleRef("van", 0), ["a", "b"], problem, start=7 * HOUR + 1800),
        route_of(VehicleRef("van", 1), ["b"], problem),
    ]
    violations = plan_verify(problem=problem, routes=routes, unplanned=[])
    kinds = {(v.kind, v.stop_key) for v in violations}
    assert (ViolationKind.OVERLOADED, None) in kinds
    assert (ViolationKind.LATE, "a") in kinds
    assert (ViolationKind.SHIFT_EXCEEDED, None) in kinds
    assert (ViolationKind.VISITED_TWICE, "b") in kinds
    assert (ViolationKind.MISSING, "c") in kinds


def test_a_delivery_leaving_before_its_goods_are_back_is_reported():
    # given a shop waiting for a farm, delivered by a van that leaves before the farm's van is back
    from .cases import collection

    stops = [collection("farm", near(LEUVEN, 1)), delivery("shop", near(LEUVEN, 2), after=("farm",))]
    problem = Problem.build(depots=[depot()], vehicle_types=[van("a"), van("b")], stops=stops)
    routes = [
        route_of(VehicleRef("a", 0), ["farm"], problem, start=8 * HOUR),
        route_of(VehicleRef("b", 0), ["shop"], problem, start=8 * HOUR),
    ]
    # when
    violations = plan_verify(problem=problem, routes=routes, unplanned=[])
    # then
    assert [(v.kind, v.stop_key) for v in violations] == [(ViolationKind.GOODS_NOT_READY, "shop")]
    assert violations[0].amount == routes[0].end - 8 * HOUR
