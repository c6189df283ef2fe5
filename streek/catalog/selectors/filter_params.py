"""Turn query parameters (from a page URL or an API call) into SalesPointFilters, with translated errors.

The same parameter names everywhere, so a permalink of the map works for the list, the API and the open data:
q, type (repeatable), category (repeatable), label (repeatable), municipality, region, open_now, open_on (YYYY-MM-DD),
near (postal code or place name), lat + lon, radius_km, bbox (west,south,east,north), cooled, country (BE/NL, for near).
"""

from collections.abc import Mapping, Sequence
from datetime import date

from django.utils.translation import gettext as _

from streek.core.exceptions import ApplicationError, NotFound
from streek.core.geo import BoundingBox, Point
from streek.territory.selectors import geocode

from ..choices import SalesPointType
from .sales_points import SalesPointFilters

TRUE_VALUES = {"1", "true", "on", "yes", "ja", "oui"}
MAX_RADIUS_KM = 200.0

Params = Mapping[str, Sequence[str]]


def _first(params: Params, name: str) -> str:
    values = params.get(name) or []
    return str(values[0]).strip() if values else ""


def _many(params: Params, name: str) -> tuple[str, ...]:
    values: list[str] = []
    for value in params.get(name) or []:
        values.extend(part.strip() for part in str(value).split(",") if part.strip())
    return tuple(dict.fromkeys(values))


def sales_point_filters_from_params(params: Params) -> SalesPointFilters:
    """Parse and validate; raises ApplicationError whose extra['errors'] maps each bad parameter to a message."""
    errors: dict[str, str] = {}
    types = _many(params, "type")
    unknown = [t for t in types if t not in SalesPointType.values]
    if unknown:
        errors["type"] = _("Unknown sales point type: %(value)s") % {"value": ", ".join(unknown)}

    open_on = None
    if raw := _first(params, "open_on"):
        try:
            open_on = date.fromisoformat(raw)
        except ValueError:
            errors["open_on"] = _("'%(value)s' is not a date (expected YYYY-MM-DD).") % {"value": raw}

    radius = None
    if raw := _first(params, "radius_km"):
        try:
            radius = float(raw.replace(",", "."))
            if not 0 < radius <= MAX_RADIUS_KM:
                raise ValueError
        except ValueError:
            errors["radius_km"] = _("The distance must be a number of kilometres between 0 and %(max)s.") % {
                "max": int(MAX_RADIUS_KM)
            }

    near = None
    lat_raw, lon_raw = _first(params, "lat"), _first(params, "lon")
    if lat_raw or lon_raw:
        try:
            near = Point(lat=float(lat_raw), lon=float(lon_raw))
            if not (-90 <= near.lat <= 90 and -180 <= near.lon <= 180):
                raise ValueError
        except ValueError:
            errors["lat"] = _("Latitude and longitude must be numbers in range.")
    elif place := _first(params, "near"):
        country = (_first(params, "country") or "BE").upper()
        postal = place if place[:4].isdigit() else ""
        locality = "" if postal else place
        try:
            near = geocode(country_code=country, postal_code=postal, locality=locality).point
        except NotFound:
            other = "NL" if country == "BE" else "BE"
            try:
                near = geocode(country_code=other, postal_code=postal, locality=locality).point
            except NotFound:
                errors["near"] = _("We do not know the place or postal code '%(value)s'.") % {"value": place}
    if near is not None and radius is None:
        radius = 25.0

    bbox = None
    if raw := _first(params, "bbox"):
        try:
            bbox = BoundingBox.parse(raw)
        except ValueError:
            errors["bbox"] = _("The map area must be four numbers: west,south,east,north.")

    cooled = None
    if raw := _first(params, "cooled"):
        cooled = raw.lower() in TRUE_VALUES

    if errors:
        raise ApplicationError(_("Some filters are not valid."), extra={"errors": errors})
    return SalesPointFilters(
        search=_first(params, "q")[:100],
        types=types,
        categories=_many(params, "category"),
        labels=_many(params, "label"),
        municipality=_first(params, "municipality"),
        region=_first(params, "region"),
        open_now=_first(params, "open_now").lower() in TRUE_VALUES,
        open_on=open_on,
        near=near,
        radius_km=radius,
        bbox=bbox,
        cooled=cooled,
    )
