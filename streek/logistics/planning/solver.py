"""The PyVRP adapter: `plan_solve` turns a `Problem` into routes within a time limit, then checks them.

Two phases share the time limit. First every required stop is required; when no feasible plan has been found
by 40 % of the time, the rest of the time goes to a version where required stops carry a prohibitive prize
instead, so the plan drops only what cannot fit and reports it, rather than returning late or overloaded routes.
"""

import time
import warnings
from collections.abc import Callable
from decimal import Decimal

import pyvrp
from django.conf import settings
from pyvrp import PenaltyParams, SolveParams
from pyvrp.exceptions import PenaltyBoundWarning

from .distances import DistanceBackend, default_backend
from .model import KG_UNITS, Built, Slot, build_model
from .problem import Problem, Stop, StopKind, VehicleRef
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

    def __init__(self, clock: _Clock, give_up_at: float | None) -> None:
        self.clock = clock
        self.give_up_at = give_up_at

    def __call__(self, best_cost: int) -> bool:
        self.clock.report()
        fraction = self.clock.fraction()
        if fraction >= 1.0:
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
    """Plan the rounds of `problem`. `progress(fraction)` is called as time passes; the limit is wall time."""
    limit = time_limit_seconds if time_limit_seconds is not None else _setting("ROUTING_TIME_LIMIT_SECONDS", 30)
    clock = _Clock(limit, progress)
    built = build_model(problem, backend or default_backend())
    routes: list[Route] = []
    planned: set[str] = set()
    iterations = 0
    if built.stops and built.slots:
        k = built.max_unit_cost
        params = SolveParams(penalty=PenaltyParams(min_penalty=0.1 * k, max_penalty=100_000.0 * k))
        give_up = GIVE_UP_FRACTION if built.soft_data is not None else None
        with warnings.catch_warnings():
            # Expected when not every required stop fits: the second phase then drops what does not.
            warnings.simplefilter("ignore", PenaltyBoundWarning)
            result = pyvrp.solve(built.data, _Stop(clock, give_up), seed=seed, collect_stats=False, params=params)
        iterations = result.num_iterations
        if not result.best.is_feasible() and built.soft_data is not None and clock.fraction() < 1.0:
            result = pyvrp.solve(built.soft_data, _Stop(clock, None), seed=seed, collect_stats=False, params=params)
            iterations += result.num_iterations
        routes = _decode(problem, built, result.best)
        planned = {key for route in routes for key in route.stop_keys}
    unplanned = list(built.excluded)
    for stop in built.stops:
        if stop.key not in planned:
            reason = UnplannedReason.DID_NOT_FIT if stop.required else UnplannedReason.OPTIONAL_LEFT_OUT
            unplanned.append(UnplannedStop(stop.key, reason))
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
