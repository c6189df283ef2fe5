"""The driver's pages on a phone: today's routes, one route's stops with big buttons to mark them done."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from streek.core.exceptions import ApplicationError
from streek.logistics.access import access_route, access_stop, is_route_driver
from streek.logistics.selectors.plans import driver_route_list, route_with_stops
from streek.logistics.services.dispatch import stop_mark_done

from ..hub.http import refusal_message
from ..inventory.http import refusals_as_http, signed_in_user
from .maps import route_map_config


@require_GET
@login_required
def driver_home(request: HttpRequest) -> HttpResponse:
    return render(request, "web/logistics/driver_home.html", {"routes": list(driver_route_list(actor=request.user))})


@require_GET
@login_required
@refusals_as_http
def driver_route(request: HttpRequest, route_id: int) -> HttpResponse:
    route = access_route(actor=request.user, route_id=route_id)
    stops = route_with_stops(route=route)
    return render(
        request,
        "web/logistics/driver_route.html",
        {
            "route": route,
            "stops": stops,
            "done": sum(1 for stop in stops if stop.done_at),
            "is_driver": is_route_driver(actor=request.user, route=route),
            "map_config": route_map_config(route, stops),
        },
    )


@require_POST
@login_required
@refusals_as_http
def driver_stop_done(request: HttpRequest, stop_id: int) -> HttpResponse:
    stop = access_stop(actor=request.user, stop_id=stop_id)
    try:
        stop = stop_mark_done(actor=signed_in_user(request), stop=stop)
    except ApplicationError as error:
        message = refusal_message(error)
        if request.headers.get("HX-Request") == "true":
            return render(request, "web/logistics/_driver_stop.html", {"stop": stop, "error": message}, status=409)
        messages.error(request, message)
    else:
        if request.headers.get("HX-Request") == "true":
            return render(request, "web/logistics/_driver_stop.html", {"stop": stop, "is_driver": True})
        messages.success(request, _("%(name)s is done.") % {"name": stop.name})
    return redirect("web:logistics_driver_route", route_id=stop.route_id)
