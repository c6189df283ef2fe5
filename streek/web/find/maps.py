"""The configuration our map script (static/web/map.js) reads from a json_script element."""

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from streek.catalog.models import Event, SalesPoint

# Flanders and the south of the Netherlands, when there is nothing to fit the map to.
DEFAULT_CENTER = {"lat": 51.0, "lon": 4.9, "zoom": 8}


def base_config() -> dict[str, Any]:
    return {
        "tileUrl": settings.STREEK_TILE_URL,
        "attribution": settings.STREEK_TILE_ATTRIBUTION,
        "center": DEFAULT_CENTER,
        "i18n": {
            # %(count)s is replaced by the script.
            "total": _("%(count)s sales points in this part of the map"),
            "cluster": _("%(count)s sales points here: zoom in"),
            "error": _("The map could not load the sales points. Try again later."),
            "loading": _("Loading sales points…"),
        },
    }


def find_map_config(
    *,
    bounds: dict[str, float] | None,
    form_id: str = "",
    results_id: str = "",
    status_id: str = "",
    params: dict[str, str] | None = None,
    new_tab: bool = False,
    near: dict[str, float] | None = None,
) -> dict[str, Any]:
    """The map that loads its markers from web:map_data for the current viewport and filters."""
    config = base_config()
    config.update(
        {
            "dataUrl": reverse("web:map_data"),
            "bounds": bounds,
            "form": form_id,
            "results": results_id,
            "status": status_id,
            "params": params or {},
            "newTab": new_tab,
            "near": near,
        }
    )
    return config


def point_markers(points: Iterable[SalesPoint]) -> list[dict[str, Any]]:
    return [
        {
            "lat": p.lat,
            "lon": p.lon,
            "name": p.name,
            "label": str(p.get_type_display()),
            "url": reverse("web:sales_point_detail", args=[p.slug]),
        }
        for p in points
    ]


def event_markers(events: Iterable[Event]) -> list[dict[str, Any]]:
    return [
        {
            "lat": e.lat,
            "lon": e.lon,
            "name": e.title,
            "label": str(e.get_kind_display()),
            "url": reverse("web:event_detail", args=[e.pk]),
        }
        for e in events
    ]


def points_map_config(markers: list[dict[str, Any]], *, zoom: int = 15, cluster: bool = False) -> dict[str, Any]:
    """A small map of fixed markers (a point, the points of an organisation, events)."""
    config = base_config()
    config.update({"points": markers, "zoom": zoom, "cluster": cluster})
    return config
