"""Cycle routes along local addresses: a round trip by bike from a start through sales points, across borders.

The visitor gives a start and a day; the page proposes the nearest points open that day (of the chosen kinds)
and orders them into a round trip, or takes the points the visitor ticks. Map, GPX and a printable sheet.
"""

from typing import Any

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from streek.catalog.models import SalesPoint
from streek.catalog.selectors.filter_params import sales_point_filters_from_params
from streek.catalog.selectors.sales_points import sales_point_list
from streek.core.exceptions import ApplicationError
from streek.core.geo import Point
from streek.logistics.planning.gpx import gpx_document
from streek.logistics.planning.round_trip import RoundTrip, RoundTripPoint, round_trip_plan

from ..cycle_route_forms import MAX_POINTS, CycleRouteForm
from ..maps import base_config

CANDIDATES = 20


def _candidates(form: CycleRouteForm, data: QueryDict) -> tuple[Point | None, list[SalesPoint]]:
    """The start's position and the nearest public points open on the day within the distance (or errors)."""
    params: dict[str, list[str]] = {
        "near": [data.get("start", "")],
        "radius_km": [data.get("radius_km", "") or "12"],
        "type": data.getlist("type"),
    }
    if day := data.get("day", ""):
        params["open_on"] = [day]
    try:
        filters = sales_point_filters_from_params(params)
    except ApplicationError as error:
        for name, message in error.extra.get("errors", {}).items():
            field = {"near": "start", "open_on": "day"}.get(name, name)
            form.add_error(field if field in form.fields else None, message)
        return None, []
    return filters.near, list(sales_point_list(filters)[:CANDIDATES])


def _route_config(trip: RoundTrip) -> dict[str, Any]:
    config = base_config()
    markers = [
        {
            "lat": stop.position.lat,
            "lon": stop.position.lon,
            "name": f"{number}. {stop.name}",
            "label": "",
            "url": reverse("web:sales_point_detail", args=[stop.key]),
        }
        for number, stop in enumerate(trip.points, start=1)
    ]
    start = {"lat": trip.start.lat, "lon": trip.start.lon, "name": _("Start and finish"), "label": "", "url": ""}
    line = [[point.lat, point.lon] for point in trip.coordinates()]
    config.update({"points": [start, *markers], "zoom": 13, "lines": [{"coords": line, "color": "#1b5e20"}]})
    return config


@require_GET
def cycle_route(request: HttpRequest) -> HttpResponse:
    data = request.GET
    form = CycleRouteForm(data or None)
    context: dict[str, Any] = {"form": form, "max_points": MAX_POINTS}
    if not data:
        return render(request, "web/find/cycle_route.html", context)
    start, candidates = _candidates(form, data)
    form.set_candidates([(point.slug, point.name) for point in candidates])
    if not form.is_valid() or start is None:
        return render(request, "web/find/cycle_route.html", context, status=400)
    chosen = set(form.cleaned_data["p"])
    points = [point for point in candidates if point.slug in chosen] if chosen else candidates
    points = points[: form.cleaned_data["max_stops"]] if not chosen else points
    if not points:
        context["empty"] = True
        return render(request, "web/find/cycle_route.html", context)
    trip = round_trip_plan(
        start=start,
        points=[RoundTripPoint(key=p.slug, position=Point(lat=p.lat, lon=p.lon), name=p.name) for p in points],
        stop_minutes=15,
    )
    by_slug = {point.slug: point for point in points}
    if data.get("format") == "gpx":
        name = _("Cycle route from %(start)s") % {"start": form.cleaned_data["start"]}
        named = [
            (_("Start"), trip.start),
            *((stop.name, stop.position) for stop in trip.points),
            (_("Finish"), trip.start),
        ]
        response = HttpResponse(gpx_document(name=name, points=named), content_type="application/gpx+xml")
        response["Content-Disposition"] = f'attachment; filename="fietsroute-{slugify(form.cleaned_data["start"])}.gpx"'
        return response
    gpx_query = data.copy()
    gpx_query["format"] = "gpx"
    context.update(
        {
            "trip": trip,
            "stops": [
                (stop, by_slug[stop.key], leg / 1000) for stop, leg in zip(trip.points, trip.legs_m, strict=False)
            ],
            "last_leg_km": trip.legs_m[-1] / 1000,
            "duration_minutes": trip.duration_s // 60,
            "map_config": _route_config(trip),
            "gpx_url": f"{request.path}?{gpx_query.urlencode()}",
            "chosen": chosen,
        }
    )
    return render(request, "web/find/cycle_route.html", context)
