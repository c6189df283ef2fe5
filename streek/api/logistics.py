"""Logistics: plans, routes and stops (read for the hubs' members), dispatchers moving stops, drivers marking them done.

Every endpoint needs a Django session (401 otherwise; CSRF token on POST). Guards come from
streek/logistics/access.py: a plan of another hub, or a route given to another driver, is a 404.
"""

from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Query, Router

from streek.accounts.selectors import Actor
from streek.logistics.access import access_logistics_hub, access_plan, access_route, access_stop, plan_hub_ids
from streek.logistics.choices import PlanStatus, StopKind, StopUnplannedReason
from streek.logistics.exceptions import PlanningRefused
from streek.logistics.models import Plan, Route, Stop
from streek.logistics.selectors.plans import driver_route_list, plan_detail, plan_list, route_with_stops
from streek.logistics.services.dispatch import plan_stop_move, stop_mark_done

from .auth import api_auth, require_token_organisation, token_organisation_id
from .pagination import PageParams, paginate
from .schemas.common import Problem
from .schemas.logistics import DriverRoutePage, PlanDetail, PlanPage, RouteOut, StopMoveIn, StopMoveOut, StopOut

router = Router(tags=["logistics"])
SESSION_ERRORS: dict[int, Any] = {401: Problem, 403: Problem, 404: Problem}


def actor(request: HttpRequest) -> Actor:
    return request.user  # type: ignore[return-value]


def _option(choices: Any, value: str) -> dict[str, str] | None:
    if not value:
        return None
    return {"key": value, "label": str(choices(value).label)}


def plan_item(request: HttpRequest, plan: Plan) -> dict[str, Any]:
    return {
        "id": plan.pk,
        "hub": {"id": plan.hub.pk, "slug": plan.hub.slug, "name": plan.hub.name},
        "day": plan.day,
        "version": plan.version,
        "parent_id": plan.parent_id,
        "status": _option(PlanStatus, plan.status),
        "progress": plan.progress,
        "is_feasible": plan.is_feasible,
        "is_edited": plan.is_edited,
        "totals": {
            "km": plan.total_km,
            "hours": plan.total_hours,
            "cost": plan.total_cost,
            "co2_kg": plan.co2_kg,
            "kg_delivered": plan.kg_delivered,
        },
        "savings": {
            "solo_km": plan.solo_km,
            "solo_hours": plan.solo_hours,
            "solo_co2_kg": plan.solo_co2_kg,
            "solo_vehicles": plan.solo_vehicles,
            "saved_km": plan.saved_km,
            "saved_hours": plan.saved_hours,
            "saved_co2_kg": plan.saved_co2_kg,
            "food_km_per_kg": plan.food_km_per_kg,
            "solo_food_km_per_kg": plan.solo_food_km_per_kg,
        },
        "url": request.build_absolute_uri(reverse("api-1:logistics_plan", args=[plan.pk])),
    }


def stop_out(stop: Stop) -> dict[str, Any]:
    return {
        "id": stop.pk,
        "key": stop.key,
        "kind": _option(StopKind, stop.kind),
        "name": stop.name,
        "address": stop.address,
        "lat": stop.lat,
        "lon": stop.lon,
        "sequence": stop.sequence,
        "trip": stop.trip,
        "window_start": stop.window_start,
        "window_end": stop.window_end,
        "arrival_at": stop.arrival_at,
        "departure_at": stop.departure_at,
        "load_kg": stop.load_kg,
        "crates": stop.crates,
        "deposit": stop.deposit,
        "on_board_kg": stop.on_board_kg,
        "needs_cooling": stop.needs_cooling,
        "is_locked": stop.is_locked,
        "unplanned_reason": _option(StopUnplannedReason, stop.unplanned_reason),
        "done_at": stop.done_at,
        "items": [{"text": str(row.get("text", "")), "quantity": str(row.get("quantity", ""))} for row in stop.items],
    }


def route_out(route: Route, stops: list[Stop]) -> dict[str, Any]:
    return {
        "id": route.pk,
        "plan_id": route.plan_id,
        "number": route.number,
        "vehicle": route.vehicle_name,
        "colour": route.colour,
        "is_cooled": route.is_cooled,
        "driver": route.driver.name if route.driver else None,
        "starts_at": route.starts_at,
        "ends_at": route.ends_at,
        "trips": route.trips,
        "km": route.km,
        "hours": route.hours,
        "cost": route.cost,
        "kg_out": route.kg_out,
        "kg_back": route.kg_back,
        "crates_out": route.crates_out,
        "crates_back": route.crates_back,
        "stops": [stop_out(stop) for stop in stops],
    }


@router.get(
    "/logistics/hubs/{hub_id}/plans",
    auth=api_auth("logistics:read"),
    response={200: PlanPage, **SESSION_ERRORS, 422: Problem},
    url_name="logistics_hub_plans",
    summary="A hub's plans of rounds",
)
def list_hub_plans(request: HttpRequest, hub_id: int, page: Query[PageParams]) -> dict[str, Any]:
    """The plans the hub takes part in, newest first, with their totals and savings; for the hub's members."""
    hub = access_logistics_hub(actor=actor(request), hub_id=hub_id)
    result = paginate(request, plan_list(hub=hub), sort="created_at", params=page, descending=True)
    return {"items": [plan_item(request, plan) for plan in result.items], "next": result.next, "count": result.count}


@router.get(
    "/logistics/plans/{plan_id}",
    auth=api_auth("logistics:read"),
    response={200: PlanDetail, **SESSION_ERRORS},
    url_name="logistics_plan",
    summary="A plan with its routes and stops",
)
def get_plan(request: HttpRequest, plan_id: int) -> dict[str, Any]:
    """Routes in order with their timed stops, and the stops not planned with the reason."""
    plan = access_plan(actor=actor(request), plan_id=plan_id)
    detail = plan_detail(plan=plan)
    return {
        **plan_item(request, plan),
        "routes": [route_out(route, list(route.stops.all())) for route in detail.routes],
        "unplanned": [stop_out(stop) for stop in detail.unplanned],
    }


@router.get(
    "/logistics/routes/{route_id}",
    auth=api_auth("logistics:read"),
    response={200: RouteOut, **SESSION_ERRORS},
    url_name="logistics_route",
    summary="A route with its stops",
)
def get_route(request: HttpRequest, route_id: int) -> dict[str, Any]:
    """For the plan's hubs' members and for the route's own driver."""
    route = access_route(actor=actor(request), route_id=route_id)
    require_token_organisation(request, *plan_hub_ids(plan=route.plan), what="route")
    return route_out(route, route_with_stops(route=route))


@router.get(
    "/logistics/my-routes",
    auth=api_auth("logistics:read"),
    response={200: DriverRoutePage, **SESSION_ERRORS, 422: Problem},
    url_name="logistics_driver_routes",
    summary="The routes you drive",
)
def list_my_routes(request: HttpRequest, page: Query[PageParams]) -> dict[str, Any]:
    """Routes given to you as a driver in finished plans, from yesterday on."""
    routes = driver_route_list(actor=actor(request))
    if (organisation_id := token_organisation_id(request)) is not None:  # a token: its organisation's plans only
        routes = routes.filter(plan__in=Plan.objects.filter(Q(hub_id=organisation_id) | Q(hubs=organisation_id)))
    result = paginate(request, routes, sort="created_at", params=page)
    return {
        "items": [
            {
                "id": route.pk,
                "plan_id": route.plan_id,
                "day": route.plan.day,
                "number": route.number,
                "vehicle": route.vehicle_name,
                "colour": route.colour,
                "starts_at": route.starts_at,
                "stop_count": route.stop_count,  # type: ignore[attr-defined]
                "done_count": route.done_count,  # type: ignore[attr-defined]
                "url": request.build_absolute_uri(reverse("api-1:logistics_route", args=[route.pk])),
            }
            for route in result.items
        ],
        "next": result.next,
        "count": result.count,
    }


@router.post(
    "/logistics/stops/{stop_id}/done",
    auth=api_auth("logistics:write"),
    response={200: StopOut, **SESSION_ERRORS, 400: Problem},
    url_name="logistics_stop_done",
    summary="Mark a stop done",
)
def post_stop_done(request: HttpRequest, stop_id: int) -> dict[str, Any]:
    """By the route's driver (or an owner or manager of the hub); marking it again changes nothing."""
    stop = access_stop(actor=actor(request), stop_id=stop_id)
    require_token_organisation(request, *plan_hub_ids(plan=stop.plan), what="stop")
    return stop_out(stop_mark_done(actor=actor(request), stop=stop))


@router.post(
    "/logistics/stops/{stop_id}/move",
    auth=api_auth("logistics:write"),
    response={200: StopMoveOut, **SESSION_ERRORS, 400: Problem},
    url_name="logistics_stop_move",
    summary="Move a stop onto another route of its plan",
)
def post_stop_move(request: HttpRequest, stop_id: int, payload: StopMoveIn) -> dict[str, Any]:
    """For the hub's owners and managers. The stop goes last on the route, locked to its vehicle; the changed
    routes are re-timed (indicative) and the answer lists what the move broke: goods not at the hub when the
    trip leaves, capacity, a time window, the driver's shift. Chilled goods on a van without cooling are refused.
    """
    stop = access_stop(actor=actor(request), stop_id=stop_id, for_write=True)
    require_token_organisation(request, *plan_hub_ids(plan=stop.plan), what="stop")
    route = Route.objects.filter(pk=payload.route, plan_id=stop.plan_id).first()
    if route is None:
        raise PlanningRefused(_("Choose a route of the same plan."), extra={"field": "route"})
    moved = plan_stop_move(actor=actor(request), stop=stop, route=route)
    return {
        "stop": stop_out(moved.stop),
        "route_ids": list(moved.route_ids),
        "warnings": [
            {"kind": w.kind, "route_id": w.route_id, "stop_id": w.stop_id, "message": w.message} for w in moved.warnings
        ],
    }
