"""Checking the rows of an inventory file: each column of each row, with translated messages naming row and column.

Everything is looked up in dictionaries built once per file (InventoryLookups), so a row costs no query.
The caller activates the uploader's language (translation.override) before calling.
"""

import math
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.translation import gettext as _

from streek.core.geo import Point, haversine_km
from streek.territory.models import Municipality, PostalCode

from .choices import PaymentMethod, SalesPointStatus, SalesPointType
from .hours_syntax import HoursRule, HoursSyntaxError, parse_hours
from .inventory_formats import parse_bool, split_list
from .models import Concept
from .validators import normalise_postal_code

# Belgium and the Netherlands with a margin: positions outside are refused.
COVERED_AREA = (49.3, 2.3, 53.8, 7.4)  # south, west, north, east
# Without municipal boundaries, "inside the municipality" means within this distance of its representative point.
SCOPE_RADIUS_KM = 25.0
NEAREST_CELL_DEGREES = 0.15
MAX_LENGTHS = {
    "name": 200,
    "street": 200,
    "postal_code": 10,
    "locality": 120,
    "phone": 40,
    "email": 254,
    "website": 200,
    "external_ref": 120,
}
_email = EmailValidator()
TYPES = frozenset(SalesPointType.values)
STATUSES = frozenset(SalesPointStatus.values)
PAYMENT_METHODS = frozenset(PaymentMethod.values)
_url = URLValidator(schemes=["http", "https"])


def name_key(text: str) -> str:
    """A name for comparisons: lower case, accents and everything but letters and digits removed."""
    if text.isascii():
        return "".join(filter(str.isalnum, text.lower()))
    text = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in text if c.isalnum() and not unicodedata.combining(c))


@dataclass(frozen=True)
class MunicipalityInfo:
    id: int
    code: str
    name: str
    country: str
    lat: float | None
    lon: float | None


@dataclass
class InventoryLookups:
    """Everything a row is checked against, read in a handful of queries."""

    by_code: dict[str, MunicipalityInfo]
    by_id: dict[int, MunicipalityInfo]
    by_name: dict[str, list[MunicipalityInfo]]
    postal: dict[str, list[MunicipalityInfo]]
    categories: dict[str, int]
    labels: dict[str, int]
    grid: dict[tuple[int, int], list[MunicipalityInfo]] = field(default_factory=dict)

    def nearest(self, position: Point) -> MunicipalityInfo | None:
        """The municipality whose representative point is nearest (an approximation near borders)."""
        y, x = _coarse_cell(position.lat, position.lon)
        candidates = [m for dy in (-1, 0, 1) for dx in (-1, 0, 1) for m in self.grid.get((y + dy, x + dx), ())]
        if not candidates:
            return None
        return min(candidates, key=lambda m: haversine_km(position, Point(lat=m.lat or 0.0, lon=m.lon or 0.0)))


def _coarse_cell(lat: float, lon: float) -> tuple[int, int]:
    return int(math.floor(lat / NEAREST_CELL_DEGREES)), int(math.floor(lon / NEAREST_CELL_DEGREES))


def inventory_lookups() -> InventoryLookups:
    municipalities = [
        MunicipalityInfo(id=pk, code=code, name=name_nl, country=country, lat=lat, lon=lon)
        for pk, code, name_nl, country, lat, lon in Municipality.objects.values_list(
            "id", "code", "name_nl", "country__code", "lat", "lon"
        )
    ]
    by_id = {m.id: m for m in municipalities}
    by_name: dict[str, list[MunicipalityInfo]] = {}
    for pk, name_nl, name_fr in Municipality.objects.values_list("id", "name_nl", "name_fr"):
        for name in {name_key(name_nl), name_key(name_fr)} - {""}:
            by_name.setdefault(name, []).append(by_id[pk])
    postal: dict[str, list[MunicipalityInfo]] = {}
    for code, municipality_id in PostalCode.objects.filter(country__code="BE").values_list("code", "municipality_id"):
        postal.setdefault(code, []).append(by_id[municipality_id])
    concepts: dict[str, dict[str, int]] = {"product_type": {}, "facet": {}}
    for scheme, key, pk in Concept.objects.filter(scheme__in=concepts).values_list("scheme", "key", "id"):
        concepts[scheme][key] = pk
    grid: dict[tuple[int, int], list[MunicipalityInfo]] = {}
    for municipality in municipalities:
        if municipality.lat is not None and municipality.lon is not None:
            grid.setdefault(_coarse_cell(municipality.lat, municipality.lon), []).append(municipality)
    return InventoryLookups(
        grid=grid,
        by_code={m.code.upper(): m for m in municipalities},
        by_id=by_id,
        by_name=by_name,
        postal=postal,
        categories=concepts["product_type"],
        labels=concepts["facet"],
    )


@dataclass(slots=True)
class CleanRow:
    """A row that passed every check: model field values for the columns the file has."""

    row: int
    fields: dict[str, Any]
    municipality: MunicipalityInfo
    lat: float
    lon: float
    position_given: bool
    categories: tuple[str, ...] | None = None
    labels: tuple[str, ...] | None = None
    hours: tuple[HoursRule, ...] | None = None
    name_key: str = ""


@dataclass
class RowErrors:
    """Errors of one file: (row, column, message), up to a limit."""

    limit: int = 1000
    items: list[dict[str, Any]] = field(default_factory=list)
    truncated: bool = False

    def add(self, row: int, column: str, message: str) -> None:
        if len(self.items) >= self.limit:
            self.truncated = True
            return
        self.items.append({"row": row, "column": column, "message": message})

    @property
    def full(self) -> bool:
        return len(self.items) >= self.limit


def _number(text: str) -> float:
    text = text.strip()
    if "," in text and "." not in text:
        text = text.replace(",", ".")
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(text)
    return value


def _resolve_municipality(
    raw: dict[str, str],
    *,
    row: int,
    lookups: InventoryLookups,
    scope: MunicipalityInfo | None,
    position: Point | None,
    errors: RowErrors,
) -> MunicipalityInfo | None:
    given = raw.get("municipality", "")
    if given:
        found = lookups.by_code.get(given.upper())
        if found is None:
            candidates = lookups.by_name.get(name_key(given), [])
            if len(candidates) > 1:
                errors.add(
                    row, "municipality", _("'%(value)s' is ambiguous: use the NIS or CBS code.") % {"value": given}
                )
                return None
            found = candidates[0] if candidates else None
        if found is None:
            errors.add(row, "municipality", _("Unknown municipality '%(value)s'.") % {"value": given})
        return found
    postal_code = raw.get("postal_code", "")
    if postal_code[:4].isdigit() and not any(c.isalpha() for c in postal_code):
        candidates = lookups.postal.get(postal_code[:4], [])
        if not candidates and (scope is None or scope.country == "BE"):
            errors.add(row, "postal_code", _("Unknown postal code '%(value)s'.") % {"value": postal_code})
            return None
        if candidates:
            locality = name_key(raw.get("locality", ""))
            named = [m for m in candidates if locality and locality == name_key(m.name)]
            if named:
                return named[0]
            if scope is not None and scope in candidates:
                return scope
            if position is not None:
                located = [m for m in candidates if m.lat is not None and m.lon is not None]
                if located:
                    return min(located, key=lambda m: haversine_km(position, Point(lat=m.lat, lon=m.lon)))  # type: ignore[arg-type]
            return candidates[0]
    if locality := raw.get("locality", ""):
        candidates = lookups.by_name.get(name_key(locality), [])
        if len(candidates) == 1:
            return candidates[0]
    if scope is not None:
        return scope
    if position is not None and (nearest := lookups.nearest(position)) is not None:
        return nearest
    errors.add(
        row,
        "municipality",
        _("Give the municipality (code or name) or a postal code or locality we know."),
    )
    return None


def _keys(raw: str, known: dict[str, int] | set[str], *, row: int, column: str, errors: RowErrors) -> tuple[str, ...]:
    keys = split_list(raw)
    unknown = [key for key in keys if key not in known]
    if unknown:
        errors.add(row, column, _("Unknown value(s): %(values)s.") % {"values": ", ".join(unknown)})
    return tuple(sorted(keys))


def validate_row(
    raw: dict[str, str],
    *,
    row: int,
    columns: set[str],
    lookups: InventoryLookups,
    scope: MunicipalityInfo | None,
    errors: RowErrors,
) -> CleanRow | None:
    """Check one row; adds every problem to errors and returns None, or returns the clean values."""
    before = len(errors.items)
    fields: dict[str, Any] = {}
    for column, limit in MAX_LENGTHS.items():
        value = raw.get(column, "")
        if len(value) > limit:
            errors.add(row, column, _("At most %(limit)s characters.") % {"limit": limit})
        if column in columns:
            fields[column] = value
    if not raw.get("name"):
        errors.add(row, "name", _("The name is required."))

    type_value = raw.get("type", "")
    if type_value in TYPES:
        fields["type"] = type_value
    elif not type_value:
        errors.add(row, "type", _("The type is required."))
    else:
        errors.add(row, "type", _("Unknown sales point type '%(value)s'.") % {"value": type_value})
    if "status" in columns and raw.get("status"):
        if raw["status"] in STATUSES:
            fields["status"] = raw["status"]
        else:
            errors.add(row, "status", _("Unknown status '%(value)s'.") % {"value": raw["status"]})

    position = _position(raw.get("lat", ""), raw.get("lon", ""), row=row, errors=errors)
    municipality = _resolve_municipality(raw, row=row, lookups=lookups, scope=scope, position=position, errors=errors)
    if municipality is not None and scope is not None:
        if municipality.id != scope.id:
            errors.add(
                row,
                "municipality",
                _("This row lies in %(found)s, not in %(scope)s.") % {"found": municipality.name, "scope": scope.name},
            )
        elif position is not None and scope.lat is not None and scope.lon is not None:
            if haversine_km(position, Point(lat=scope.lat, lon=scope.lon)) > SCOPE_RADIUS_KM:
                errors.add(row, "lat", _("The position lies outside %(scope)s.") % {"scope": scope.name})

    postal_code = raw.get("postal_code", "")
    if postal_code and municipality is not None:
        try:
            fields["postal_code"] = normalise_postal_code(municipality.country, postal_code)
        except ValidationError as error:
            errors.add(row, "postal_code", " ".join(error.messages))
    if raw.get("email"):
        try:
            _email(raw["email"])
        except ValidationError:
            errors.add(row, "email", _("'%(value)s' is not an email address.") % {"value": raw["email"]})
    if website := raw.get("website", ""):
        if "://" not in website:
            website = f"https://{website}"
        try:
            _url(website)
            fields["website"] = website
        except ValidationError:
            errors.add(row, "website", _("'%(value)s' is not a web address.") % {"value": raw["website"]})

    categories = labels = None
    if "categories" in columns:
        categories = _keys(raw.get("categories", ""), lookups.categories, row=row, column="categories", errors=errors)
    if "labels" in columns:
        labels = _keys(raw.get("labels", ""), lookups.labels, row=row, column="labels", errors=errors)
    if "payment_methods" in columns:
        methods = split_list(raw.get("payment_methods", ""))
        unknown = [m for m in methods if m not in PAYMENT_METHODS]
        if unknown:
            errors.add(row, "payment_methods", _("Unknown value(s): %(values)s.") % {"values": ", ".join(unknown)})
        fields["payment_methods"] = methods
    for column in ("cooled", "position_exact"):
        if column in columns:
            flag = parse_bool(raw.get(column, ""))
            if flag is None:
                errors.add(row, column, _("'%(value)s' is not yes or no.") % {"value": raw[column]})
            elif column == "cooled" or position is not None:
                fields[column] = flag
    hours = None
    if "hours" in columns:
        try:
            hours = tuple(parse_hours(raw.get("hours", "")))
        except HoursSyntaxError as error:
            errors.add(row, "hours", str(error))

    if municipality is not None and position is None and (municipality.lat is None or municipality.lon is None):
        errors.add(row, "lat", _("Give lat and lon: %(name)s has no known position.") % {"name": municipality.name})
    if len(errors.items) > before or errors.truncated or municipality is None:
        return None
    fields["municipality_id"] = municipality.id
    if position is not None:
        lat, lon = position.lat, position.lon
        fields.setdefault("position_exact", True)
    else:
        lat, lon = municipality.lat or 0.0, municipality.lon or 0.0
    return CleanRow(
        row=row,
        fields=fields,
        municipality=municipality,
        lat=lat,
        lon=lon,
        position_given=position is not None,
        categories=categories,
        labels=labels,
        hours=hours,
        name_key=name_key(raw["name"]),
    )


def _position(lat_text: str, lon_text: str, *, row: int, errors: RowErrors) -> Point | None:
    """The position of a row, or None (empty, or an error was added)."""
    if not lat_text and not lon_text:
        return None
    values: dict[str, float] = {}
    for column, text, limit in (("lat", lat_text, 90), ("lon", lon_text, 180)):
        if not text:
            errors.add(row, column, _("Latitude and longitude go together: give both or neither."))
            continue
        try:
            value = _number(text)
        except ValueError:
            errors.add(row, column, _("'%(value)s' is not a number.") % {"value": text})
            continue
        if not -limit <= value <= limit:
            errors.add(
                row, column, _("%(value)s is not between -%(limit)s and %(limit)s.") % {"value": text, "limit": limit}
            )
            continue
        values[column] = value
    if len(values) != 2:
        return None
    south, west, north, east = COVERED_AREA
    if not (south <= values["lat"] <= north and west <= values["lon"] <= east):
        errors.add(
            row,
            "lat",
            _("The position %(lat)s, %(lon)s lies outside Belgium and the Netherlands.")
            % {"lat": lat_text, "lon": lon_text},
        )
        return None
    return Point(lat=values["lat"], lon=values["lon"])
