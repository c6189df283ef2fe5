"""What a dispatcher changes in a finished plan (move a stop, lock it, assign a driver) and what a driver marks."""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from streek.accounts.selectors import Actor
from streek.core.exceptions import PermissionRefused
from streek.orders.services.orders import order_record_delivery

from ..choices import PlanStatus
from ..exceptions import PlanningRefused
from ..models import Driver, Plan, Route, Stop
from ..signals import route_completed
from .checks import require_hub_editor


def _plan_hub_ids(plan: Plan) -> list[int]:
    return [plan.hub_id, *plan.hubs.values_list("pk", flat=True)]


def _require_finished(plan: Plan) -> None:
    if plan.status != PlanStatus.DONE:
        raise PlanningRefused(_("Only a finished plan can be changed."), extra={"field": "status"})


@transaction.atomic
def plan_stop_move(*, actor: Actor, stop: Stop, route: Route) -> Stop:
    """Put a stop at the end of another route of the same plan, locked there so a re-plan keeps it on that vehicle.

    Times on the changed routes are only indicative until the plan is re-planned.
    """
    plan = Plan.objects.select_for_update().get(pk=stop.plan_id)
    require_hub_editor(actor=actor, hub_ids=_plan_hub_ids(plan))
    _require_finished(plan)
    if route.plan_id != plan.pk:
        raise PlanningRefused(_("Choose a route of the same plan."), extra={"field": "route"})
    current = Stop.objects.select_for_update().get(pk=stop.pk)
    if current.route_id == route.pk:
        return current
    if current.needs_cooling and not route.is_cooled:
        raise PlanningRefused(
            _("This stop has chilled goods: choose a route with a cooled vehicle."), extra={"field": "route"}
        )
    last = Stop.objects.filter(route=route).aggregate(top=Max("sequence"))["top"] or 0
    current.route = route
    current.sequence = last + 1
    current.trip = Stop.objects.filter(route=route).aggregate(top=Max("trip"))["top"] or 0
    current.is_locked = True
    current.unplanned_reason = ""
    current.arrival_at = None
    current.departure_at = None
    current.save(
        update_fields=[
            "route",
            "sequence",
            "trip",
            "is_locked",
            "unplanned_reason",
            "arrival_at",
            "departure_at",
            "updated_at",
        ]
    )
    plan.is_edited = True
    plan.save(update_fields=["is_edited", "updated_at"])
    return current


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
