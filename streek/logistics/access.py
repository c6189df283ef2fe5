"""The one door to each protected logistics object: guards that return the object or refuse.

A hub's members see its fleet and the plans it takes part in; its owners and managers change them and plan.
A driver sees only the routes assigned to them, and their stops. NotFound (404) when the actor may not know
the object exists, PermissionRefused (403) when it may see it but not do this. One condition per line.
"""

from streek.accounts.selectors import Actor, is_platform_admin, organisation_ids
from streek.catalog.models import Organisation
from streek.core.exceptions import NotFound, PermissionRefused
from streek.orders.access import access_hub, is_editor

from .models import Depot, Driver, Plan, Route, Stop, Vehicle


def access_logistics_hub(*, actor: Actor, hub_id: int, for_write: bool = False) -> Organisation:
    """A hub's fleet and plans: its members read, its owners and managers write."""
    return access_hub(actor=actor, hub_id=hub_id, for_write=for_write)


def access_depot(*, actor: Actor, depot_id: int, for_write: bool = False) -> Depot:
    depot = Depot.objects.select_related("hub").filter(pk=depot_id).first()
    if depot is None:
        raise NotFound("depot")
    access_logistics_hub(actor=actor, hub_id=depot.hub_id, for_write=for_write)
    return depot


def access_vehicle(*, actor: Actor, vehicle_id: int, for_write: bool = False) -> Vehicle:
    vehicle = Vehicle.objects.select_related("hub", "depot").filter(pk=vehicle_id).first()
    if vehicle is None:
        raise NotFound("vehicle")
    access_logistics_hub(actor=actor, hub_id=vehicle.hub_id, for_write=for_write)
    return vehicle


def access_driver(*, actor: Actor, driver_id: int, for_write: bool = False) -> Driver:
    driver = Driver.objects.select_related("hub", "user").filter(pk=driver_id).first()
    if driver is None:
        raise NotFound("driver")
    access_logistics_hub(actor=actor, hub_id=driver.hub_id, for_write=for_write)
    return driver


def plan_hub_ids(*, plan: Plan) -> set[int]:
    return {plan.hub_id, *plan.hubs.values_list("pk", flat=True)}


def is_plan_member(*, actor: Actor, plan: Plan) -> bool:
    if is_platform_admin(actor=actor):
        return True
    return bool(plan_hub_ids(plan=plan) & organisation_ids(actor=actor))


def is_plan_editor(*, actor: Actor, plan: Plan) -> bool:
    return any(is_editor(actor=actor, organisation_id=hub_id) for hub_id in plan_hub_ids(plan=plan))


def access_plan(*, actor: Actor, plan_id: int, for_write: bool = False) -> Plan:
    """A plan is seen by the members of the hubs taking part; changed and re-planned by their owners and managers."""
    plan = Plan.objects.select_related("hub", "parent").filter(pk=plan_id).first()
    if plan is None:
        raise NotFound("plan")
    if not is_plan_member(actor=actor, plan=plan):
        raise NotFound("plan")
    if for_write and not is_plan_editor(actor=actor, plan=plan):
        raise PermissionRefused("plan")
    return plan


def is_route_driver(*, actor: Actor, route: Route) -> bool:
    return actor.is_authenticated and route.driver is not None and route.driver.user_id == actor.pk


def access_route(*, actor: Actor, route_id: int, for_write: bool = False) -> Route:
    """A route is seen by the plan's hubs' members and by its own driver; changed by the hubs' editors."""
    route = Route.objects.select_related("plan__hub", "driver", "vehicle", "depot").filter(pk=route_id).first()
    if route is None:
        raise NotFound("route")
    driver = is_route_driver(actor=actor, route=route)
    member = is_plan_member(actor=actor, plan=route.plan)
    if not (driver or member):
        raise NotFound("route")
    if for_write and not is_plan_editor(actor=actor, plan=route.plan):
        raise PermissionRefused("route")
    return route


def access_stop(*, actor: Actor, stop_id: int, for_write: bool = False) -> Stop:
    """A stop is seen by the plan's hubs' members and by the driver of its route; dispatched by the hubs' editors.

    Whether the actor may mark it done is the service's rule (the route's driver, or a hub editor).
    """
    stop = Stop.objects.select_related("plan__hub", "route__driver").filter(pk=stop_id).first()
    if stop is None:
        raise NotFound("stop")
    driver = stop.route is not None and is_route_driver(actor=actor, route=stop.route)
    member = is_plan_member(actor=actor, plan=stop.plan)
    if not (driver or member):
        raise NotFound("stop")
    if for_write and not is_plan_editor(actor=actor, plan=stop.plan):
        raise PermissionRefused("stop")
    return stop
