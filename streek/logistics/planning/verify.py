"""Check a plan against the problem, independently of the solver: what is wrong is reported, never accepted."""

from collections import Counter
from collections.abc import Sequence

from .problem import Problem, StopKind
from .result import Route, UnplannedStop, Violation, ViolationKind

KG_TOLERANCE = 0.05  # loads are modelled in tenths of a kg


def plan_verify(*, problem: Problem, routes: Sequence[Route], unplanned: Sequence[UnplannedStop]) -> list[Violation]:
    violations: list[Violation] = []
    seen = Counter(key for route in routes for key in route.stop_keys)
    reported = {u.stop_key for u in unplanned}
    for stop in problem.stops:
        if seen[stop.key] > 1:
            violations.append(Violation(ViolationKind.VISITED_TWICE, stop.key, amount=seen[stop.key]))
        elif seen[stop.key] == 0 and stop.key not in reported:
            violations.append(Violation(ViolationKind.MISSING, stop.key))
    for route in routes:
        violations.extend(_route_violations(problem, route))
    if problem.has_dependencies:
        violations.extend(_dependency_violations(problem, routes))
    return violations


def _dependency_violations(problem: Problem, routes: Sequence[Route]) -> list[Violation]:
    """A delivery that waits for collections leaves, from the hub they came to, once they are unloaded there."""
    arrivals = {key: value for route in routes for key, value in route.hub_arrivals().items()}
    found: list[Violation] = []
    for route in routes:
        for visit in route.visits:
            stop = problem.stop(visit.stop_key)
            if not stop.after:
                continue
            if any(source not in arrivals or arrivals[source][0] != route.depot_key for source in stop.after):
                found.append(Violation(ViolationKind.GOODS_NOT_READY, stop.key, route.vehicle))
                continue
            reload = problem.depot(route.depot_key).reload_seconds
            ready = max(arrivals[source][1] for source in stop.after) + reload
            departure = route.trip_departure(visit.trip)
            if departure is None or departure < ready:
                early = ready if departure is None else ready - departure
                found.append(Violation(ViolationKind.GOODS_NOT_READY, stop.key, route.vehicle, amount=early))
    return found


def _route_violations(problem: Problem, route: Route) -> list[Violation]:
    vehicle = route.vehicle
    vt = problem.vehicle_type(vehicle.type_key)
    if vt is None:
        raise ValueError(f"route of unknown vehicle type {vehicle.type_key}")
    found: list[Violation] = []
    for visit in route.visits:
        stop = problem.stop(visit.stop_key)
        if stop.needs_cooling and not vt.cooled:
            found.append(Violation(ViolationKind.NOT_COOLED, stop.key, vehicle))
        if stop.locked_to is not None and stop.locked_to != vehicle:
            found.append(Violation(ViolationKind.LOCKED_ELSEWHERE, stop.key, vehicle))
        late = visit.late_seconds
        if stop.window is not None:
            late = max(late, visit.start - stop.window.end, stop.window.start - visit.start)
        if late > 0:
            found.append(Violation(ViolationKind.LATE, stop.key, vehicle, amount=late))
    # Loads recomputed from the stops: each trip leaves with its deliveries and picks up its collections.
    trips = sorted({visit.trip for visit in route.visits})
    for trip in trips:
        stops = [problem.stop(v.stop_key) for v in route.visits if v.trip == trip]
        kg = sum(s.demand_kg for s in stops if s.kind == StopKind.DELIVERY)
        crates = sum(s.demand_crates for s in stops if s.kind == StopKind.DELIVERY)
        peak_kg, peak_crates = kg, crates
        for stop in stops:
            sign = 1 if stop.kind == StopKind.COLLECTION else -1
            kg += sign * stop.demand_kg
            crates += sign * stop.demand_crates
            peak_kg, peak_crates = max(peak_kg, kg), max(peak_crates, crates)
        if peak_kg > vt.capacity_kg + KG_TOLERANCE:
            found.append(
                Violation(
                    ViolationKind.OVERLOADED, None, vehicle, amount=peak_kg - vt.capacity_kg, unit="kg", trip=trip
                )
            )
        if vt.capacity_crates is not None and peak_crates > vt.capacity_crates:
            found.append(
                Violation(
                    ViolationKind.OVERLOADED,
                    None,
                    vehicle,
                    amount=peak_crates - vt.capacity_crates,
                    unit="crates",
                    trip=trip,
                )
            )
    if len(trips) > vt.max_reloads + 1:
        found.append(Violation(ViolationKind.TOO_MANY_TRIPS, None, vehicle, amount=len(trips) - vt.max_reloads - 1))
    depot = problem.depot(vt.depot)
    earliest = max(vt.shift_start, depot.opens)
    ends = [end for end in (vt.shift_end, depot.closes) if end is not None]
    over = max(earliest - route.start, (route.end - min(ends)) if ends else 0)
    if vt.max_shift_seconds is not None:
        over = max(over, route.end - route.start - vt.max_shift_seconds)
    if over > 0:
        found.append(Violation(ViolationKind.SHIFT_EXCEEDED, None, vehicle, amount=over))
    return found
