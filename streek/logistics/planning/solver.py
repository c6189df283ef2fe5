"""The PyVRP adapter: `plan_solve` turns a `Problem` into routes within a time limit, then checks them.

Two phases share the time limit. First every required stop is required; when no feasible plan has been found
by 40 % of the time, the rest of the time goes to a version where required stops carry a prohibitive prize
instead, so the plan drops only what cannot fit and reports it, rather than returning late or overloaded routes.
"""

import dataclasses
import time
import warnings
from collections.abc import Callable
from decimal import Decimal

import pyvrp
from django.conf import settings
from pyvrp import PenaltyParams, SolveParams
from pyvrp.exceptions import PenaltyBoundWarning

from .distances import DistanceBackend, default_backend, matrices_for
from .model import KG_UNITS, Availability, Built, Slot, build_model
from .problem import Problem, Stop, StopKind, TimeWindow, VehicleRef, VehicleType
from .result import PlanResult, Route, Trip, UnplannedReason, UnplannedStop, Visit
from .verify import plan_verify

Progress = Callable[[float], None]
GIVE_UP_FRACTION = 0.4  # of the time limit, without any feasible plan: switch to dropping stops
DEFAULT_CO2_KG_PER_KM = 0.2


class _Clock:
    """Wall time since `plan_solve` began, as a fraction of the limit, reported at most every 0.2 s."""

    def __init__(self, limit: float, progress: Progress | None) -> None:
        self.started = time.monotonic()
        self.limit = max(limit, 1e-3)
        self.progress = progress
        self.last_report = -1.0

    def fraction(self) -> float:
        return min(1.0, (time.monotonic() - self.started) / self.limit)

    def report(self) -> None:
        now = time.monotonic()
        if self.progress is not None and now - self.last_report >= 0.2:
            self.last_report = now
            self.progress(self.fraction())

    def finish(self) -> None:
        if self.progress is not None:
            self.progress(1.0)


class _Stop:
    """PyVRP stopping criterion: the deadline, or giving up early while the best plan is still infeasible."""

    def __init__(self, clock: _Clock, give_up_at: float | None, until: float = 1.0) -> None:
        self.clock = clock
        self.give_up_at = give_up_at
        self.until = until

    def __call__(self, best_cost: int) -> bool:
        self.clock.report()
        fraction = self.clock.fraction()
        if fraction >= self.until:
            return True
        infeasible = best_cost >= 2**62
        return self.give_up_at is not None and infeasible and fraction >= self.give_up_at


def _setting(name: str, default: float) -> float:
    return float(getattr(settings, name, default)) if settings.configured else default


def plan_solve(
    *,
    problem: Problem,
    time_limit_seconds: float | None = None,
    progress: Progress | None = None,
    seed: int = 0,
    backend: DistanceBackend | None = None,
) -> PlanResult:
    """Plan the rounds of `problem`. `progress(fraction)` is called as time passes; the limit is wall time.

    When deliveries wait for collections (`Stop.after`), the collections (and the deliveries that wait for
    nothing) are planned first; each waiting delivery then may leave the hub only once its goods are unloaded
    there, on a vehicle free by then (ADR 0009).
    """
    limit = time_limit_seconds if time_limit_seconds is not None else _setting("ROUTING_TIME_LIMIT_SECONDS", 30)
    clock = _Clock(limit, progress)
    backend = backend or default_backend()
    ready: dict[str, int] = {}
    if not problem.has_dependencies:
        routes, unplanned, iterations = _solve_stage(problem, backend, clock, seed=seed)
    else:
        routes, unplanned, iterations, ready = _solve_staged(problem, backend, clock, seed=seed)
    violations = plan_verify(problem=problem, routes=routes, unplanned=unplanned)
    required_missing = any(problem.stop(u.stop_key).required for u in unplanned)
    clock.finish()
    return PlanResult(
        routes=tuple(routes),
        unplanned=tuple(unplanned),
        violations=tuple(violations),
        feasible=not violations and not required_missing,
        distance_m=sum(route.distance_m for route in routes),
        duration_s=sum(route.duration_s for route in routes),
        cost=sum((route.cost for route in routes), Decimal("0")),
        co2_kg=sum(route.co2_kg for route in routes),
        runtime_seconds=time.monotonic() - clock.started,
        iterations=iterations,
        origin=problem.origin,
        ready=ready,
    )


def _solve_stage(
    problem: Problem,
    backend: DistanceBackend,
    clock: _Clock,
    *,
    seed: int,
    until: float = 1.0,
    available: dict[VehicleRef, Availability] | None = None,
) -> tuple[list[Route], list[UnplannedStop], int]:
    """One PyVRP solve (two phases: all required, then dropping what cannot fit) until `until` of the limit."""
    built = build_model(problem, backend, available)
    routes: list[Route] = []
    planned: set[str] = set()
    iterations = 0
    if built.stops and built.slots and built.data is not None:
        k = built.max_unit_cost
        params = SolveParams(penalty=PenaltyParams(min_penalty=0.1 * k, max_penalty=100_000.0 * k))
        now = clock.fraction()
        give_up = now + GIVE_UP_FRACTION * max(0.0, until - now) if built.soft_data is not None else None
        with warnings.catch_warnings():
            # Expected when not every required stop fits: the second phase then drops what does not.
            warnings.simplefilter("ignore", PenaltyBoundWarning)
            stop = _Stop(clock, give_up, until)
            result = pyvrp.solve(built.data, stop, seed=seed, collect_stats=False, params=params)
            iterations = result.num_iterations
            if not result.best.is_feasible() and built.soft_data is not None and clock.fraction() < until:
                stop = _Stop(clock, None, until)
                result = pyvrp.solve(built.soft_data, stop, seed=seed, collect_stats=False, params=params)
                iterations += result.num_iterations
        routes = _decode(problem, built, result.best)
        planned = {key for route in routes for key in route.stop_keys}
    unplanned = list(built.excluded)
    for stop_ in built.stops:
        if stop_.key not in planned:
            reason = UnplannedReason.DID_NOT_FIT if stop_.required else UnplannedReason.OPTIONAL_LEFT_OUT
            unplanned.append(UnplannedStop(stop_.key, reason))
    return routes, unplanned, iterations


def _solve_staged(
    problem: Problem, backend: DistanceBackend, clock: _Clock, *, seed: int
) -> tuple[list[Route], list[UnplannedStop], int, dict[str, int]]:
    """Collections first, then the deliveries that wait for them, released when their goods are at the hub."""
    first = [stop for stop in problem.stops if not stop.after]
    waiting = [stop for stop in problem.stops if stop.after]
    share = min(0.7, max(0.3, len(first) / max(1, len(problem.stops))))
    first = collection_deadlines(problem, first, waiting, backend)
    stage_a = replace_stops(problem, first)
    routes_a, unplanned, iterations = _solve_stage(stage_a, backend, clock, seed=seed, until=share)
    arrivals = {key: value for route in routes_a for key, value in route.hub_arrivals().items()}
    ready: dict[str, int] = {}
    released: list[Stop] = []
    for stop in waiting:
        if any(source not in arrivals for source in stop.after):
            unplanned.append(UnplannedStop(stop.key, UnplannedReason.GOODS_NOT_COLLECTED))
            continue
        depots = {arrivals[source][0] for source in stop.after}
        if len(depots) > 1 or (stop.depot is not None and depots != {stop.depot}):
            unplanned.append(UnplannedStop(stop.key, UnplannedReason.GOODS_AT_SEVERAL_HUBS))
            continue
        depot = depots.pop()
        at = max(arrivals[source][1] for source in stop.after) + problem.depot(depot).reload_seconds
        ready[stop.key] = at
        released.append(dataclasses.replace(stop, release=max(stop.release, at), depot=depot))
    available: dict[VehicleRef, Availability] = {}
    for route in routes_a:
        vt = _vehicle_type(problem, route)
        latest = None if vt.max_shift_seconds is None else route.start + vt.max_shift_seconds
        available[route.vehicle] = Availability(route.end, vt.max_reloads - len(route.trips), latest)
    routes_b: list[Route] = []
    if released:
        stage_b = replace_stops(problem, released)
        routes_b, unplanned_b, iterations_b = _solve_stage(stage_b, backend, clock, seed=seed, available=available)
        unplanned.extend(unplanned_b)
        iterations += iterations_b
    return merge_routes(problem, routes_a, routes_b), unplanned, iterations, ready


def replace_stops(problem: Problem, stops: list[Stop]) -> Problem:
    return Problem.build(
        depots=problem.depots,
        vehicle_types=problem.vehicle_types,
        stops=stops,
        origin=problem.origin,
        priority_value=problem.priority_value,
        name=problem.name,
    )


def collection_deadlines(
    problem: Problem, first: list[Stop], waiting: list[Stop], backend: DistanceBackend
) -> list[Stop]:
    """Close a collection's window early enough for the deliveries waiting for it to keep their own windows.

    The latest start at the producer so that, driving straight to the nearest useful hub, unloading and driving
    on to the waiting delivery, the delivery's window is still met. Only tightened while the producer can still
    be reached from a hub in time, so a collection is never made impossible by it.
    """
    bounded = [stop for stop in waiting if stop.window is not None]
    if not bounded:
        return first
    points = list(dict.fromkeys([d.position for d in problem.depots] + [s.position for s in first + bounded]))
    where = {point: k for k, point in enumerate(points)}
    duration = matrices_for(backend, points).duration_s
    depots = [(where[d.position], d) for d in problem.depots]
    result: list[Stop] = []
    for stop in first:
        if stop.kind != StopKind.COLLECTION:
            result.append(stop)
            continue
        c = where[stop.position]
        deadline: int | None = None
        for delivery in bounded:
            if stop.key not in delivery.after or delivery.window is None:
                continue
            d = where[delivery.position]
            via = min(int(duration[c, k]) + depot.reload_seconds + int(duration[k, d]) for k, depot in depots)
            latest = delivery.window.end - via - stop.service_seconds
            deadline = latest if deadline is None else min(deadline, latest)
        start = stop.window.start if stop.window is not None else 0
        end = stop.window.end if stop.window is not None else None
        reachable = min((depot.opens + int(duration[k, c]) for k, depot in depots), default=0)
        if deadline is not None and deadline >= max(start, reachable) and (end is None or deadline < end):
            result.append(dataclasses.replace(stop, window=TimeWindow(start, deadline)))
        else:
            result.append(stop)
    return result


def merge_routes(problem: Problem, first: list[Route], second: list[Route]) -> list[Route]:
    """One route per vehicle: its collection trips, then its delivery trips after them."""
    later = {route.vehicle: route for route in second}
    merged: list[Route] = []
    for route in first:
        after = later.pop(route.vehicle, None)
        merged.append(route if after is None else _joined(problem, route, after))
    merged.extend(later.values())
    merged.sort(key=lambda route: (route.vehicle.type_key, route.vehicle.index))
    return merged


def _vehicle_type(problem: Problem, route: Route) -> VehicleType:
    vt = problem.vehicle_type(route.vehicle.type_key)
    if vt is None:
        raise ValueError(f"route of unknown vehicle type {route.vehicle.type_key}")
    return vt


def _joined(problem: Problem, a: Route, b: Route) -> Route:
    offset = len(a.trips)
    visits = a.visits + tuple(dataclasses.replace(visit, trip=visit.trip + offset) for visit in b.visits)
    trips = a.trips + tuple(dataclasses.replace(trip, index=trip.index + offset) for trip in b.trips)
    vt = _vehicle_type(problem, a)
    distance_m = a.distance_m + b.distance_m
    duration_s = max(a.duration_s + b.duration_s, b.end - a.start)
    km, hours = Decimal(distance_m) / 1000, Decimal(duration_s) / 3600
    cost = (km * vt.cost_per_km + hours * vt.cost_per_hour + vt.fixed_cost).quantize(Decimal("0.01"))
    return dataclasses.replace(
        a,
        end=b.end,
        visits=visits,
        trips=trips,
        distance_m=distance_m,
        duration_s=duration_s,
        cost=cost,
        co2_kg=a.co2_kg + b.co2_kg,
    )


def _decode(problem: Problem, built: Built, solution: pyvrp.Solution) -> list[Route]:
    free: dict[int, list[int]] = {k: list(slot.indices) for k, slot in enumerate(built.slots)}
    routes = []
    for pyvrp_route in solution.routes():
        type_index = pyvrp_route.vehicle_type()
        slot = built.slots[type_index]
        vehicle = VehicleRef(slot.vehicle_type.key, free[type_index].pop(0))
        routes.append(_route(problem, built, slot, vehicle, pyvrp_route))
    routes.sort(key=lambda route: (route.vehicle.type_key, route.vehicle.index))
    return routes


def _route(problem: Problem, built: Built, slot: Slot, vehicle: VehicleRef, route: pyvrp.Route) -> Route:
    schedule = list(route.schedule())
    # Split the schedule at the depots: [depot, stops..., depot, stops..., depot].
    depot_positions = [k for k, activity in enumerate(schedule) if activity.is_depot()]
    visits: list[Visit] = []
    trips: list[Trip] = []
    for trip, (a, b) in enumerate(zip(depot_positions, depot_positions[1:], strict=False)):
        activities = schedule[a + 1 : b]
        stops: list[Stop] = [built.stops[activity.idx] for activity in activities]
        out_kg = sum(stop.demand_kg for stop in stops if stop.kind == StopKind.DELIVERY)
        out_crates = sum(stop.demand_crates for stop in stops if stop.kind == StopKind.DELIVERY)
        load_kg, load_crates = out_kg, out_crates
        for activity, stop in zip(activities, stops, strict=True):
            sign = 1 if stop.kind == StopKind.COLLECTION else -1
            load_kg += sign * stop.demand_kg
            load_crates += sign * stop.demand_crates
            visits.append(
                Visit(
                    stop_key=stop.key,
                    kind=stop.kind,
                    trip=trip,
                    arrival=activity.start_time - activity.wait_duration + activity.time_warp,
                    start=activity.start_time,
                    departure=activity.end_time,
                    wait_seconds=activity.wait_duration,
                    late_seconds=activity.time_warp,
                    load_kg=round(load_kg * KG_UNITS) / KG_UNITS,
                    load_crates=load_crates,
                )
            )
        if stops:
            trips.append(
                Trip(
                    index=trip,
                    departure=schedule[a].end_time,
                    arrival=schedule[b].start_time,
                    load_out_kg=round(out_kg * KG_UNITS) / KG_UNITS,
                    load_out_crates=out_crates,
                    load_back_kg=round(load_kg * KG_UNITS) / KG_UNITS,
                    load_back_crates=load_crates,
                    stop_keys=tuple(stop.key for stop in stops),
                )
            )
    vt = slot.vehicle_type
    distance_m, duration_s = route.distance(), route.duration()
    km, hours = Decimal(distance_m) / 1000, Decimal(duration_s) / 3600
    cost = (km * vt.cost_per_km + hours * vt.cost_per_hour + vt.fixed_cost).quantize(Decimal("0.01"))
    co2_per_km = vt.co2_kg_per_km if vt.co2_kg_per_km is not None else _setting("ROUTING_CO2_KG_PER_KM", 0.2)
    return Route(
        vehicle=vehicle,
        depot_key=vt.depot,
        cooled=vt.cooled,
        start=route.start_time(),
        end=route.end_time(),
        visits=tuple(visits),
        trips=tuple(trips),
        distance_m=distance_m,
        duration_s=duration_s,
        cost=cost,
        co2_kg=distance_m / 1000 * co2_per_km,
    )
