"""What a finished plan breaks, route by route: re-timed from its stored stops and checked by `plan_verify`.

Used after a dispatcher moved stops by hand (the service stores the indicative times it gives) and by the plan
page and the route sheet to show the warnings. No query of its own: the routes come with their vehicle and
depot, the stops with their route. Travel times come from the plan's distance backend (the same matrices the
planner used, cached per set of positions).
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from streek.core.geo import Point

from ..choices import StopKind
from ..models import Depot, Plan, Route, Stop
from ..planning import problem as planning
from ..planning.distances import DistanceBackend, Matrices, default_backend, matrices_for
from ..planning.result import Route as TimedRoute
from ..planning.result import Violation, ViolationKind
from ..planning.retime import RouteOrder, route_retime
from ..planning.verify import plan_verify
from ..services.problem import day_origin, depot_key

NO_POSITION = "no_position"
UNLIMITED_TRIPS = 10


@dataclass(frozen=True)
class PlanWarning:
    """Something a route or one of its stops breaks; `message` is translated and says by how much."""

    kind: str  # a ViolationKind value, or "no_position"
    route_id: int
    stop_id: int | None
    message: str


@dataclass(frozen=True)
class PlanCheck:
    origin: datetime
    timed: dict[int, TimedRoute]  # route pk -> its stops timed
    warnings: list[PlanWarning]
    ready: dict[str, int] = field(default_factory=dict)  # delivery key -> its goods unloaded at the hub (seconds)

    def at(self, seconds: int) -> datetime:
        return self.origin + timedelta(seconds=seconds)

    def route_warnings(self, route_id: int) -> list[PlanWarning]:
        """The warnings about the route as a whole (load, shift, trips)."""
        return [w for w in self.warnings if w.route_id == route_id and w.stop_id is None]

    def stop_warnings(self) -> dict[int, list[PlanWarning]]:
        found: dict[int, list[PlanWarning]] = defaultdict(list)
        for warning in self.warnings:
            if warning.stop_id is not None:
                found[warning.stop_id].append(warning)
        return dict(found)

    def on_routes(self, route_ids: Iterable[int]) -> list[PlanWarning]:
        wanted = set(route_ids)
        return [w for w in self.warnings if w.route_id in wanted]


def route_type_key(route_id: int) -> str:
    return f"route:{route_id}"


def _clock(value: time) -> int:
    return value.hour * 3600 + value.minute * 60 + value.second


def _seconds(origin: datetime, moment: datetime) -> int:
    return int((moment - origin).total_seconds())


def _hhmm(moment: datetime) -> str:
    """Hours and minutes, cut as the pages show times (|time:"H:i")."""
    return timezone.localtime(moment).strftime("%H:%M")


def _minutes(seconds: float) -> int:
    """Whole minutes, at least one: matches the difference of the times shown."""
    return max(1, int(seconds // 60))


@dataclass
class _Setting:
    """The plan's stops as a planning problem: one vehicle type per route, the matrices over every position."""

    plan: Plan
    origin: datetime
    routes: dict[int, Route]
    stops: list[Stop]
    problem: planning.Problem
    matrices: Matrices
    index: dict[str, int]


def _route_depot(route: Route) -> Depot | None:
    if route.depot is not None:
        return route.depot
    return route.vehicle.depot if route.vehicle is not None else None


def _window(origin: datetime, stop: Stop) -> planning.TimeWindow | None:
    if stop.window_start is None and stop.window_end is None:
        return None
    start = 0 if stop.window_start is None else max(0, _seconds(origin, stop.window_start))
    end = 7 * 24 * 3600 if stop.window_end is None else _seconds(origin, stop.window_end)
    return planning.TimeWindow(start, max(start, end))


def _setting(
    *, plan: Plan, routes: Sequence[Route], stops: Iterable[Stop], backend: DistanceBackend | None
) -> _Setting:
    origin = day_origin(plan.day)
    depots: dict[str, planning.Depot] = {}
    types: list[planning.VehicleType] = []
    usable: dict[int, Route] = {}
    for route in sorted(routes, key=lambda r: r.pk):
        depot = _route_depot(route)
        if depot is None:
            continue
        key = depot_key(depot.pk)
        depots.setdefault(
            key,
            planning.Depot(
                key=key,
                position=Point(depot.lat, depot.lon),
                opens=_clock(depot.opens),
                closes=_clock(depot.closes),
                reload_seconds=depot.reload_minutes * 60,
            ),
        )
        vehicle = route.vehicle
        types.append(
            planning.VehicleType(
                key=route_type_key(route.pk),
                depot=key,
                capacity_kg=float(vehicle.capacity_kg) if vehicle else float("inf"),
                capacity_crates=vehicle.capacity_crates if vehicle else None,
                cooled=route.is_cooled,
                cost_per_km=vehicle.cost_per_km if vehicle else planning.VehicleType.cost_per_km,
                cost_per_hour=vehicle.cost_per_hour if vehicle else planning.VehicleType.cost_per_hour,
                shift_start=_clock(vehicle.shift_start) if vehicle else 0,
                shift_end=_clock(vehicle.shift_end) if vehicle else None,
                max_reloads=(vehicle.max_trips if vehicle else UNLIMITED_TRIPS) - 1,
                co2_kg_per_km=None
                if vehicle is None or vehicle.co2_kg_per_km is None
                else float(vehicle.co2_kg_per_km),
                name=route.vehicle_name,
            )
        )
        usable[route.pk] = route
    every = sorted(stops, key=lambda s: s.pk)
    on_routes = [stop for stop in every if stop.route_id in usable]
    points: list[Point] = [depot.position for depot in depots.values()]
    points += [Point(s.lat, s.lon) for s in every if s.lat is not None and s.lon is not None]
    unique = list(dict.fromkeys(points))
    row = {point: k for k, point in enumerate(unique)}
    index = {key: row[depot.position] for key, depot in depots.items()}
    problem_stops: list[planning.Stop] = []
    for stop in on_routes:
        position = Point(stop.lat, stop.lon) if stop.lat is not None and stop.lon is not None else None
        if position is not None:
            index[stop.key] = row[position]
        route_depot = _route_depot(usable[stop.route_id])  # type: ignore[index]
        if route_depot is None:
            continue
        problem_stops.append(
            planning.Stop(
                key=stop.key,
                kind=StopKind(stop.kind),
                position=position or depots[depot_key(route_depot.pk)].position,
                demand_kg=float(stop.load_kg),
                demand_crates=stop.crates,
                window=_window(origin, stop),
                service_seconds=stop.service_minutes * 60,
                needs_cooling=stop.needs_cooling,
                label=stop.name,
                after=tuple(stop.waits_for) if stop.kind == StopKind.DELIVERY else (),
            )
        )
    problem = planning.Problem.build(
        depots=list(depots.values()), vehicle_types=types, stops=problem_stops, origin=origin, name=str(plan)
    )
    matrices = matrices_for(backend or default_backend(), unique)
    return _Setting(plan, origin, usable, on_routes, problem, matrices, index)


def _vehicle_type(setting: _Setting, route_id: int) -> planning.VehicleType:
    vt = setting.problem.vehicle_type(route_type_key(route_id))
    if vt is None:
        raise ValueError(f"no vehicle type for route {route_id}")
    return vt


def _trips(setting: _Setting) -> dict[int, dict[int, list[Stop]]]:
    """Route pk -> trip index -> its stops in driving order."""
    found: dict[int, dict[int, list[Stop]]] = defaultdict(lambda: defaultdict(list))
    for stop in sorted(setting.stops, key=lambda s: (s.sequence, s.pk)):
        found[stop.route_id][stop.trip].append(stop)  # type: ignore[index]
    return found


def _departures(setting: _Setting) -> dict[int, dict[int, int]]:
    """When each trip leaves the depot in the stored plan: the route's start for its first trip, and for the
    next ones the time at their first stop less the drive to it."""
    found: dict[int, dict[int, int]] = {}
    for route_id, trips in _trips(setting).items():
        route = setting.routes[route_id]
        vt = _vehicle_type(setting, route_id)
        home = setting.index[vt.depot]
        leaves: dict[int, int] = {}
        for position, trip in enumerate(sorted(trips)):
            first = trips[trip][0]
            if position == 0 and route.starts_at is not None:
                leaves[trip] = _seconds(setting.origin, route.starts_at)
            elif first.arrival_at is not None:
                there = setting.index.get(first.key, home)
                drive = int(setting.matrices.duration_s[home, there])
                leaves[trip] = _seconds(setting.origin, first.arrival_at) - drive
        found[route_id] = leaves
    return found


def plan_departures(
    *, plan: Plan, routes: Sequence[Route], stops: Iterable[Stop], backend: DistanceBackend | None = None
) -> dict[int, dict[int, int]]:
    """Route pk -> trip -> when it leaves the depot (seconds from the plan day's midnight), as stored."""
    return _departures(_setting(plan=plan, routes=routes, stops=stops, backend=backend))


def plan_check(
    *,
    plan: Plan,
    routes: Sequence[Route],
    stops: Iterable[Stop],
    departures: dict[int, dict[int, int]] | None = None,
    backend: DistanceBackend | None = None,
) -> PlanCheck:
    """Re-time every route from its stored stops and say what the plan breaks.

    `routes` come with their vehicle and depot; `stops` are the plan's stops (those on a route are checked).
    A trip leaves when it left in the stored plan (`departures`, by default read from the stored times), or
    later when the vehicle is back later from its previous trip; it does not wait for goods that came in later.
    """
    setting = _setting(plan=plan, routes=routes, stops=stops, backend=backend)
    leaves = departures if departures is not None else _departures(setting)
    timed: dict[int, TimedRoute] = {}
    trips = _trips(setting)
    for route_id in setting.routes:
        order = RouteOrder(
            vehicle=planning.VehicleRef(route_type_key(route_id)),
            trips=[(trip, [s.key for s in stops_]) for trip, stops_ in trips.get(route_id, {}).items()],
            departures=leaves.get(route_id, {}),
        )
        timed[route_id] = route_retime(
            problem=setting.problem, order=order, matrices=setting.matrices, index=setting.index
        )
    violations = plan_verify(problem=setting.problem, routes=list(timed.values()), unplanned=[])
    ready = _ready(setting, timed)
    warnings = [w for v in violations if (w := _warning(setting, timed, ready, v)) is not None]
    warnings += [
        PlanWarning(
            NO_POSITION,
            stop.route_id,
            stop.pk,
            _("%(name)s has no position on the map: its time is a guess.") % {"name": stop.name},
        )
        for stop in setting.stops
        if (stop.lat is None or stop.lon is None) and stop.route_id is not None
    ]
    return PlanCheck(origin=setting.origin, timed=timed, warnings=warnings, ready=ready)


def _ready(setting: _Setting, timed: dict[int, TimedRoute]) -> dict[str, int]:
    """Deliveries waiting for collections on a route: when the last of their goods is unloaded at that hub."""
    arrivals = {key: value for route in timed.values() for key, value in route.hub_arrivals().items()}
    ready: dict[str, int] = {}
    for stop in setting.problem.stops:
        if stop.after and all(source in arrivals for source in stop.after):
            depot = arrivals[stop.after[0]][0]
            reload = setting.problem.depot(depot).reload_seconds
            ready[stop.key] = max(arrivals[source][1] for source in stop.after) + reload
    return ready


def _route_id(vehicle: planning.VehicleRef | None) -> int | None:
    if vehicle is None or not vehicle.type_key.startswith("route:"):
        return None
    return int(vehicle.type_key.split(":", 1)[1])


def _warning(
    setting: _Setting, timed: dict[int, TimedRoute], ready: dict[str, int], violation: Violation
) -> PlanWarning | None:
    route_id = _route_id(violation.vehicle)
    if route_id is None:
        return None
    route = setting.routes[route_id]
    route_timed = timed[route_id]
    by_key = {stop.key: stop for stop in setting.stops}
    stop = by_key.get(violation.stop_key) if violation.stop_key else None
    stop_id = stop.pk if stop is not None else None
    kind = violation.kind
    vt = _vehicle_type(setting, route_id)
    message: str
    if kind == ViolationKind.GOODS_NOT_READY and stop is not None:
        message = _goods_message(setting, timed, route, ready, stop, by_key)
    elif kind == ViolationKind.OVERLOADED:
        capacity = vt.capacity_kg if violation.unit == "kg" else vt.capacity_crates
        values = {
            "load": _number(float(capacity or 0) + violation.amount),
            "capacity": _number(float(capacity or 0)),
            "trip": (violation.trip or 0) + 1,
        }
        if violation.unit == "crates":
            message = _("Over capacity on trip %(trip)s: %(load)s crates on board, the vehicle takes %(capacity)s.")
        else:
            message = _("Over capacity on trip %(trip)s: %(load)s kg on board, the vehicle carries %(capacity)s kg.")
        message = message % values
    elif kind == ViolationKind.LATE and stop is not None:
        visit = next(v for v in route_timed.visits if v.stop_key == stop.key)
        message = _("%(name)s is reached at %(time)s, %(minutes)s min after its window closes (%(end)s).") % {
            "name": stop.name,
            "time": _hhmm(setting.origin + timedelta(seconds=visit.start)),
            "minutes": _minutes(violation.amount),
            "end": _hhmm(stop.window_end) if stop.window_end else "",
        }
    elif kind == ViolationKind.SHIFT_EXCEEDED:
        depot = setting.problem.depot(vt.depot)
        ends = [end for end in (vt.shift_end, depot.closes) if end is not None]
        if ends and route_timed.end > min(ends):
            message = _("Back at %(end)s: %(minutes)s min past the end of the shift (%(shift_end)s).") % {
                "end": _hhmm(setting.origin + timedelta(seconds=route_timed.end)),
                "minutes": _minutes(route_timed.end - min(ends)),
                "shift_end": _hhmm(setting.origin + timedelta(seconds=min(ends))),
            }
        else:
            message = _("The route is %(minutes)s min too long for the driver's shift.") % {
                "minutes": _minutes(violation.amount)
            }
    elif kind == ViolationKind.TOO_MANY_TRIPS:
        message = _("%(trips)s trips: more than the vehicle makes in a day (%(max)s).") % {
            "trips": len(route_timed.trips),
            "max": vt.max_reloads + 1,
        }
    else:
        message = str(kind.label)
    return PlanWarning(str(kind), route_id, stop_id, message)


def _number(value: float) -> str:
    return f"{value:.0f}" if abs(value - round(value)) < 0.05 else f"{value:.1f}"


def _goods_message(
    setting: _Setting,
    timed: dict[int, TimedRoute],
    route: Route,
    ready: dict[str, int],
    stop: Stop,
    by_key: dict[str, Stop],
) -> str:
    sources = [by_key.get(key) for key in stop.waits_for]
    missing = [key for key, source in zip(stop.waits_for, sources, strict=True) if source is None]
    if missing:
        return _("%(name)s waits for goods that no route collects.") % {"name": stop.name}
    collections = [source for source in sources if source is not None]
    elsewhere = [s for s in collections if setting.routes[s.route_id].depot_id != route.depot_id]  # type: ignore[index]
    if elsewhere:
        other = setting.routes[elsewhere[0].route_id]  # type: ignore[index]
        return _(
            "%(name)s carries goods that collection route %(route)s brings to another depot: this route cannot load them."
        ) % {"name": stop.name, "route": other.number}
    route_timed = timed[route.pk]
    visit = next(v for v in route_timed.visits if v.stop_key == stop.key)
    departure = route_timed.trip_departure(visit.trip)
    arrivals: dict[str, tuple[int, int]] = {
        key: (route_id, at) for route_id, other in timed.items() for key, (_depot, at) in other.hub_arrivals().items()
    }
    last = max(collections, key=lambda s: arrivals.get(s.key, (0, 0))[1])
    source_route, back = arrivals.get(last.key, (last.route_id, 0))
    return _(
        "Leaves the hub at %(departure)s, before the goods of %(name)s are in: collection route %(route)s is back "
        "at %(back)s, the goods are ready at %(ready)s."
    ) % {
        "departure": _hhmm(setting.origin + timedelta(seconds=departure or 0)),
        "name": stop.name,
        "route": setting.routes[source_route].number,  # type: ignore[index]
        "back": _hhmm(setting.origin + timedelta(seconds=back)),
        "ready": _hhmm(setting.origin + timedelta(seconds=ready.get(stop.key, back))),
    }


def plan_detail_check(*, plan: Plan, routes: Sequence[Route], unplanned: Sequence[Stop]) -> PlanCheck | None:
    """The warnings of a plan changed by hand, set on its routes (`route.warnings`, the route as a whole) and on
    their prefetched stops (`stop.warnings`). None for a plan as solved: it was checked when it was made.

    No query: `routes` come from `plan_detail` (vehicle, depot and stops loaded).
    """
    if not plan.is_edited:
        return None
    planned = [stop for route in routes for stop in route.stops.all()]
    check = plan_check(plan=plan, routes=routes, stops=[*planned, *unplanned])
    by_stop = check.stop_warnings()
    for route in routes:
        route.warnings = check.route_warnings(route.pk)  # type: ignore[attr-defined]
        for stop in route.stops.all():
            stop.warnings = by_stop.get(stop.pk, [])  # type: ignore[attr-defined]
    return check


def route_sheet_warnings(*, route: Route, stops: Sequence[Stop]) -> list[PlanWarning]:
    """The warnings of one route of a plan changed by hand (route as a whole), and `stop.warnings` on `stops`
    (the route's stops as the sheet lists them). Two queries, only for an edited plan."""
    plan = route.plan
    if not plan.is_edited:
        return []
    routes = list(Route.objects.filter(plan=plan).select_related("vehicle__depot", "depot"))
    others = [stop for stop in Stop.objects.filter(plan=plan).exclude(route=route)]
    check = plan_check(plan=plan, routes=routes, stops=[*stops, *others])
    by_stop = check.stop_warnings()
    for stop in stops:
        stop.warnings = by_stop.get(stop.pk, [])  # type: ignore[attr-defined]
    return check.route_warnings(route.pk)
