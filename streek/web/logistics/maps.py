"""The configuration routes.js reads from a json_script element: routes as coloured lines with numbered stops."""

from typing import Any

from django.conf import settings
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from streek.logistics.models import Route, Stop
from streek.logistics.selectors.plans import PlanDetail

from ..find.maps import DEFAULT_CENTER


def _time(stop: Stop) -> str:
    if stop.arrival_at is None:
        return ""
    return formats.time_format(timezone.localtime(stop.arrival_at), "H:i")


def _stop(stop: Stop) -> dict[str, Any]:
    return {
        "lat": stop.lat,
        "lon": stop.lon,
        "name": stop.name,
        "sequence": stop.sequence,
        "label": f"{stop.get_kind_display()} {_time(stop)}".strip(),
    }


def _route(route: Route) -> dict[str, Any]:
    stops = [stop for stop in route.stops.all() if stop.lat is not None and stop.lon is not None]
    depot = route.depot
    ends = [[depot.lat, depot.lon]] if depot is not None else []
    return {
        "colour": route.colour,
        "name": f"{route.number}. {route.vehicle_name}",
        "line": ends + [[stop.lat, stop.lon] for stop in stops] + ends,
        "stops": [_stop(stop) for stop in stops],
    }


def plan_map_config(detail: PlanDetail) -> dict[str, Any]:
    depots = {route.depot.pk: route.depot for route in detail.routes if route.depot is not None}
    return {
        "tileUrl": settings.STREEK_TILE_URL,
        "attribution": settings.STREEK_TILE_ATTRIBUTION,
        "center": DEFAULT_CENTER,
        "routes": [_route(route) for route in detail.routes],
        "depots": [{"lat": d.lat, "lon": d.lon, "name": d.name} for d in depots.values()],
        "unplanned": [_stop(stop) for stop in detail.unplanned if stop.lat is not None and stop.lon is not None],
        "i18n": {"depot": _("Depot"), "unplanned": _("Not planned")},
    }


def route_map_config(route: Route, stops: list[Stop]) -> dict[str, Any]:
    depot = route.depot
    ends = [[depot.lat, depot.lon]] if depot is not None else []
    located = [stop for stop in stops if stop.lat is not None and stop.lon is not None]
    return {
        "tileUrl": settings.STREEK_TILE_URL,
        "attribution": settings.STREEK_TILE_ATTRIBUTION,
        "center": DEFAULT_CENTER,
        "routes": [
            {
                "colour": route.colour,
                "name": f"{route.number}. {route.vehicle_name}",
                "line": ends + [[s.lat, s.lon] for s in located] + ends,
                "stops": [_stop(s) for s in located],
            }
        ],
        "depots": [{"lat": depot.lat, "lon": depot.lon, "name": depot.name}] if depot else [],
        "unplanned": [],
        "i18n": {"depot": _("Depot"), "unplanned": _("Not planned")},
    }
