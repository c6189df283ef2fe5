"""From the query string of a Find page to sales point filters, carrying on when some values are wrong.

The map, the list and the map data share the parameter names of the API (see
streek.catalog.selectors.filter_params), plus `area` ("municipality:<code>" or "region:<slug or province code>")
for the single place select of the form. Wrong values are reported per form field and left out, so the page
still shows the results of the valid filters.
"""

from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlencode

from django.db.models import Max, Min, QuerySet
from django.http import QueryDict
from django.utils.translation import gettext as _

from streek.catalog.models import SalesPoint
from streek.catalog.selectors.filter_params import sales_point_filters_from_params
from streek.catalog.selectors.sales_points import SalesPointFilters, sales_point_list
from streek.core.exceptions import ApplicationError, NotFound

# The query parameters to leave out when the parser reports an error under a key.
ERROR_PARAMS: dict[str, tuple[str, ...]] = {
    "type": ("type",),
    "open_on": ("open_on",),
    "radius_km": ("radius_km",),
    "lat": ("lat", "lon"),
    "near": ("near",),
    "bbox": ("bbox",),
}
# The form field that shows an error reported under a parser key.
ERROR_FIELDS = {"lat": "near", "bbox": "__all__"}
# Parameters of the page, not of the filter.
PAGE_PARAMS = ("page", "zoom", "area")


@dataclass
class FindQuery:
    filters: SalesPointFilters
    errors: dict[str, str] = field(default_factory=dict)  # form field -> translated message
    params: dict[str, list[str]] = field(default_factory=dict)  # normalised parameters (area split up)


def area_params(area: str) -> dict[str, list[str]]:
    """'municipality:71053' -> {'municipality': ['71053']}; anything else -> {}."""
    kind, _sep, value = area.partition(":")
    if kind in ("municipality", "region") and value.strip():
        return {kind: [value.strip()]}
    return {}


def query_params(query: QueryDict) -> dict[str, list[str]]:
    params = {key: query.getlist(key) for key in query if key not in PAGE_PARAMS}
    area = query.get("area", "")
    if area:
        params.pop("municipality", None)
        params.pop("region", None)
        params.update(area_params(area))
    return params


def find_query(query: QueryDict) -> FindQuery:
    """Parse the filters; on errors keep the valid ones and name the wrong ones per form field."""
    params = query_params(query)
    try:
        return FindQuery(filters=sales_point_filters_from_params(params), params=params)
    except ApplicationError as error:
        reported: dict[str, Any] = dict(error.extra.get("errors") or {"__all__": error.message})
    errors = {ERROR_FIELDS.get(key, key): str(message) for key, message in reported.items()}
    dropped = {name for key in reported for name in ERROR_PARAMS.get(key, (key,))}
    try:
        filters = sales_point_filters_from_params({k: v for k, v in params.items() if k not in dropped})
    except ApplicationError:
        filters = SalesPointFilters()
    return FindQuery(filters=filters, errors=errors, params=params)


def unknown_area(query: FindQuery) -> None:
    """Report an unknown region on the place select and stop filtering on it."""
    query.errors["area"] = _("We do not know this municipality or region.")
    query.filters = replace(query.filters, region="")


def find_points(query: FindQuery) -> QuerySet[SalesPoint]:
    """The filtered points for a list; an unknown region becomes a field error, not a server error."""
    try:
        return sales_point_list(query.filters)
    except NotFound:
        unknown_area(query)
        return sales_point_list(query.filters)


def points_bounds(points: QuerySet[SalesPoint]) -> dict[str, float] | None:
    """The box around the filtered points (one query), or None when there are none."""
    box = points.order_by().aggregate(south=Min("lat"), north=Max("lat"), west=Min("lon"), east=Max("lon"))
    if box["south"] is None:
        return None
    return {key: float(value) for key, value in box.items()}


def clean_querystring(query: QueryDict, *, without: tuple[str, ...] = ()) -> str:
    """The query string without empty values (and without the named parameters), for permalinks and paging.

    The distance is left out when there is no place to measure it from.
    """
    if not query.get("near") and not query.get("lat"):
        without = (*without, "radius_km")
    pairs = [(key, value) for key in query for value in query.getlist(key) if value != "" and key not in without]
    return urlencode(pairs)
