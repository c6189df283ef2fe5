"""A route as a printed sheet for its driver (PDF) and as GPX for a navigation app."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from streek.core.geo import Point
from streek.core.pdf import pdf_from_html
from streek.logistics.access import access_route
from streek.logistics.models import Route
from streek.logistics.planning.gpx import gpx_document
from streek.logistics.selectors.plan_check import route_sheet_warnings
from streek.logistics.selectors.plans import plan_routed_stops, route_waits, route_with_stops

from ..inventory.http import refusals_as_http


def _file_name(route: Route, extension: str) -> str:
    return f"route-{route.plan.day:%Y-%m-%d}-v{route.plan.version}-{route.number}-{slugify(route.vehicle_name)}.{extension}"


@require_GET
@login_required
@refusals_as_http
def route_sheet_pdf(request: HttpRequest, route_id: int) -> HttpResponse:
    """Stop order, address, window, what to load or unload, crates and deposits: one sheet per driver."""
    route = access_route(actor=request.user, route_id=route_id)
    stops = route_with_stops(route=route)
    warnings = route_sheet_warnings(route=route, stops=stops)
    html = render_to_string(
        "web/logistics/route_sheet.html",
        {
            "route": route,
            "plan": route.plan,
            "stops": stops,
            "deliveries": [stop for stop in stops if stop.kind == "delivery"],
            "deposits": sum((stop.deposit for stop in stops), start=0),
            "waits": route_waits(route=route, stops=plan_routed_stops(plan=route.plan)),
            "route_warnings": warnings,
        },
        request=request,
    )
    response = HttpResponse(pdf_from_html(html), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{_file_name(route, "pdf")}"'
    return response


@require_GET
@login_required
@refusals_as_http
def route_gpx(request: HttpRequest, route_id: int) -> HttpResponse:
    route = access_route(actor=request.user, route_id=route_id)
    points: list[tuple[str, Point]] = []
    depot = route.depot
    if depot is not None:
        points.append((depot.name, Point(depot.lat, depot.lon)))
    for stop in route_with_stops(route=route):
        if stop.lat is not None and stop.lon is not None:
            points.append((f"{stop.sequence}. {stop.name}", Point(stop.lat, stop.lon)))
    if depot is not None:
        points.append((depot.name, Point(depot.lat, depot.lon)))
    name = f"{route.plan.day:%Y-%m-%d} {route.number}. {route.vehicle_name}"
    response = HttpResponse(gpx_document(name=name, points=points), content_type="application/gpx+xml")
    response["Content-Disposition"] = f'attachment; filename="{_file_name(route, "gpx")}"'
    return response
