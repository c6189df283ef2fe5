"""What a dispatcher changes in a finished plan (move a stop, lock it, assign a driver) and what a driver marks."""

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from streek.accounts.selectors import Actor
from streek.core.exceptions import PermissionRefused
from streek.orders.services.orders import order_record_delivery

from ..choices import PlanStatus, StopKind
from ..exceptions import PlanningRefused
from ..models import Driver, Plan, Route, Stop
from ..selectors.plan_check import PlanCheck, PlanWarning, plan_check, plan_departures
from ..signals import route_completed
from .checks import require_hub_editor


def _plan_hub_ids(plan: Plan) -> list[int]:
    return [plan.hub_id, *plan.hubs.values_list("pk", flat=True)]


def _require_finished(plan: Plan) -> None:
    if plan.status != PlanStatus.DONE:
        raise PlanningRefused(_("Only a finished plan can be changed."), extra={"field": "status"})


@dataclass(frozen=True)
class StopMove:
    """The moved stop, and what the changed routes now break (the move is made all the same: times indicative)."""

    stop: Stop
    warnings: list[PlanWarning]
    route_ids: tuple[int, ...]  # the routes re-timed


@transaction.atomic
def plan_stop_move(*, actor: Actor, stop: Stop, route: Route) -> StopMove:
    """Put a stop at the end of another route of the same plan, locked there so a re-plan keeps it on that vehicle.

    The changed routes are re-timed (indicative times: each trip leaves when it left, the stops in their new
    order) and checked like a solved plan: the warnings say what the move broke (goods not at the hub yet,
    capacity, a window, the shift). Refused: another plan's route, chilled goods on a van without cooling.
    """
    plan = Plan.objects.select_for_update().get(pk=stop.plan_id)
    require_hub_editor(actor=actor, hub_ids=_plan_hub_ids(plan))
    _require_finished(plan)
    if route.plan_id != plan.pk:
        raise PlanningRefused(_("Choose a route of the same plan."), extra={"field": "route"})
    current = Stop.objects.select_for_update().get(pk=stop.pk)
    if current.route_id == route.pk:
        return StopMove(current, [], ())
    if current.needs_cooling and not route.is_cooled:
        raise PlanningRefused(
            _("This stop has chilled goods: choose a route with a cooled vehicle."), extra={"field": "route"}
        )
    routes = list(Route.objects.filter(plan=plan).select_related("vehicle__depot", "depot").order_by("number"))
    stops = {s.pk: s for s in Stop.objects.filter(plan=plan)}
    departures = plan_departures(plan=plan, routes=routes, stops=stops.values())
    source_id = current.route_id
    last = Stop.objects.filter(route=route).aggregate(top=Max("sequence"))["top"] or 0
    current.route = route
    current.sequence = last + 1
    current.trip = Stop.objects.filter(route=route).aggregate(top=Max("trip"))["top"] or 0
    current.is_locked = True
    current.unplanned_reason = ""
    current.arrival_at = None
    current.departure_at = None
    stops[current.pk] = current
    check = plan_check(plan=plan, routes=routes, stops=stops.values(), departures=departures)
    changed = tuple(pk for pk in (source_id, route.pk) if pk is not None)
    _store_times(plan=plan, routes=routes, stops=list(stops.values()), check=check, changed=set(changed))
    waiting = {s.route_id for s in stops.values() if current.key in s.waits_for and s.route_id is not None}
    return StopMove(current, check.on_routes({*changed, *waiting}), changed)


def _store_times(*, plan: Plan, routes: list[Route], stops: list[Stop], check: PlanCheck, changed: set[int]) -> None:
    """Write the indicative times of the changed routes, and when the goods of the deliveries waiting are in."""
    moments = check.at
    visits = {visit.stop_key: visit for pk in changed if pk in check.timed for visit in check.timed[pk].visits}
    collected = {
        key: at for pk in changed if pk in check.timed for key, (_d, at) in check.timed[pk].hub_arrivals().items()
    }
    touched: list[Stop] = []
    for stop in stops:
        dirty = False
        if stop.route_id in changed:
            visit = visits.get(stop.key)
            stop.arrival_at = moments(visit.start) if visit else None
            stop.departure_at = moments(visit.departure) if visit else None
            stop.on_board_kg = _decimal(visit.load_kg if visit else 0, "0.1")
            stop.on_board_crates = visit.load_crates if visit else 0
            stop.hub_arrival_at = moments(collected[stop.key]) if stop.key in collected else None
            dirty = True
        if (
            stop.kind == StopKind.DELIVERY
            and stop.waits_for
            and (stop.route_id in changed or set(stop.waits_for) & set(collected))
        ):
            ready = check.ready.get(stop.key)
            stop.goods_ready_at = moments(ready) if ready is not None else None
            dirty = True
        if dirty:
            touched.append(stop)
    fields = ["route", "sequence", "trip", "is_locked", "unplanned_reason", "arrival_at", "departure_at"]
    fields += ["on_board_kg", "on_board_crates", "hub_arrival_at", "goods_ready_at", "updated_at"]
    now = timezone.now()
    for stop in touched:
        stop.updated_at = now
    Stop.objects.bulk_update(touched, fields)
    for route in routes:
        timed = check.timed.get(route.pk)
        if route.pk not in changed or timed is None:
            continue
        route.starts_at = moments(timed.start) if timed.trips else None
        route.ends_at = moments(timed.end) if timed.trips else None
        route.trips = max(1, len(timed.trips))
        route.km = _decimal(timed.km)
        route.hours = _decimal(timed.hours)
        route.cost = timed.cost
        route.co2_kg = _decimal(timed.co2_kg)
        route.kg_out = _decimal(sum(trip.load_out_kg for trip in timed.trips))
        route.kg_back = _decimal(sum(trip.load_back_kg for trip in timed.trips))
        route.crates_out = sum(trip.load_out_crates for trip in timed.trips)
        route.crates_back = sum(trip.load_back_crates for trip in timed.trips)
        route.updated_at = now
    route_fields = ["starts_at", "ends_at", "trips", "km", "hours", "cost", "co2_kg", "kg_out", "kg_back"]
    Route.objects.bulk_update(
        [route for route in routes if route.pk in changed], [*route_fields, "crates_out", "crates_back", "updated_at"]
    )
    plan.total_km = sum((route.km for route in routes), Decimal("0"))
    plan.total_hours = sum((route.hours for route in routes), Decimal("0"))
    plan.total_cost = sum((route.cost for route in routes), Decimal("0"))
    plan.co2_kg = sum((route.co2_kg for route in routes), Decimal("0"))
    if plan.kg_delivered:
        plan.food_km_per_kg = (plan.total_km / plan.kg_delivered).quantize(Decimal("0.0001"))
    plan.is_edited = True
    plan.save(
        update_fields=["total_km", "total_hours", "total_cost", "co2_kg", "food_km_per_kg", "is_edited", "updated_at"]
    )


def _decimal(value: float, places: str = "0.01") -> Decimal:
    return Decimal(str(value)).quantize(Decimal(places))


@transaction.atomic
def plan_stop_lock(*, actor: Actor, stop: Stop, locked: bool = True) -> Stop:
    """Lock a planned stop to its route's vehicle (a re-plan keeps it there), or release it."""
    plan = Plan.objects.get(pk=stop.plan_id)
    require_hub_editor(actor=actor, hub_ids=_plan_hub_ids(plan))
    _require_finished(plan)
    current = Stop.objects.select_for_update().get(pk=stop.pk)
    if locked and current.route_id is None:
        raise PlanningRefused(_("Only a stop on a route can be locked."), extra={"field": "stop"})
    current.is_locked = locked
    current.save(update_fields=["is_locked", "updated_at"])
    return current


@transaction.atomic
def route_driver_assign(*, actor: Actor, route: Route, driver: Driver | None) -> Route:
    """Give a route to one of the plan's hubs' drivers (None: nobody yet)."""
    plan = Plan.objects.get(pk=route.plan_id)
    hub_ids = _plan_hub_ids(plan)
    require_hub_editor(actor=actor, hub_ids=hub_ids)
    if driver is not None and (driver.hub_id not in hub_ids or not driver.is_active):
        raise PlanningRefused(_("Choose an active driver of the plan's hubs."), extra={"field": "driver"})
    current = Route.objects.select_for_update().get(pk=route.pk)
    current.driver = driver
    current.save(update_fields=["driver", "updated_at"])
    return current


@transaction.atomic
def stop_mark_done(*, actor: Actor, stop: Stop) -> Stop:
    """The driver of the route (or a hub editor) marks a stop done; marking it again changes nothing."""
    current = Stop.objects.select_for_update(of=("self",)).select_related("route__driver", "plan").get(pk=stop.pk)
    if current.route is None:
        raise PlanningRefused(_("This stop is not on a route."), extra={"field": "stop"})
    driver = current.route.driver
    is_driver = driver is not None and actor.is_authenticated and driver.user_id == actor.pk
    if not is_driver:
        try:
            require_hub_editor(actor=actor, hub_ids=_plan_hub_ids(current.plan))
        except PermissionRefused as error:
            raise PermissionRefused(_("Only the route's driver may mark its stops done.")) from error
    if current.done_at is not None:
        return current
    current.done_at = timezone.now()
    current.done_by_id = actor.pk if actor.is_authenticated else None
    current.save(update_fields=["done_at", "done_by", "updated_at"])
    if current.order_id is not None and current.order is not None:  # a home or business delivery
        order_record_delivery(order=current.order)
    route_id = current.route.pk
    if not Stop.objects.filter(route_id=route_id, done_at__isnull=True).exists():
        route_completed.send(sender=Route, route_id=route_id)
    return current
