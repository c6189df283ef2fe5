"""What an inventory file would change: every row checked, matched with the existing inventory and compared.

A row matches an existing point by external_ref, else by the same name (normalised) within 100 m. Nothing is
written here; services.inventory_import applies a plan. Reads are batched: a constant number of queries per
few thousand rows whatever the file size.
"""

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from .choices import SalesPointStatus
from .hours_syntax import HoursRule, format_hours
from .inventory_formats import FileFormatError, SourceTable, osm_columns, osm_provided_columns, read_table
from .inventory_validation import (
    CleanRow,
    InventoryLookups,
    MunicipalityInfo,
    RowErrors,
    inventory_lookups,
    name_key,
    validate_row,
)
from .models import OpeningRule, SalesPoint

MATCH_RADIUS_M = 100.0
GRID_DEGREES = 0.002  # grid cell for near-duplicate search; 3x3 cells cover more than 100 m in Belgium and NL
PROGRESS_EVERY = 1000
QUERY_CHUNK = 2000
SUMMARY_ROWS = 1000
# Fields compared and written, as on SalesPoint (municipality as municipality_id).
DIFF_FIELDS = (
    "name",
    "type",
    "status",
    "street",
    "postal_code",
    "locality",
    "municipality_id",
    "lat",
    "lon",
    "position_exact",
    "phone",
    "email",
    "website",
    "payment_methods",
    "cooled",
    "external_ref",
)

Progress = Callable[[int], None]


@dataclass(slots=True)
class PlannedRow:
    clean: CleanRow
    action: str  # "create", "update" or "unchanged"
    point_id: int | None = None
    matched_by: str = ""  # "", "external_ref" or "name_position"
    changes: dict[str, list[Any]] = field(default_factory=dict)


@dataclass
class ImportPlan:
    total: int
    rows: list[PlannedRow]
    errors: RowErrors
    ignored_columns: list[str]
    lookups: InventoryLookups | None = None

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)


def _distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Equirectangular distance in metres; exact enough below a few kilometres."""
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    y = math.radians(lat2 - lat1)
    return 6_371_008.8 * math.hypot(x, y)


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return int(math.floor(lat / GRID_DEGREES)), int(math.floor(lon / GRID_DEGREES))


NEIGHBOURS = tuple((dy, dx) for dy in (-1, 0, 1) for dx in (-1, 0, 1))


@dataclass(slots=True)
class _Known:
    """A point (in the file or in the inventory) for duplicate search."""

    ref: int  # row number or point id
    name_key: str
    lat: float
    lon: float
    external_ref: str


class _Grid:
    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], list[_Known]] = {}

    def add(self, item: _Known) -> None:
        self.cells.setdefault(_cell(item.lat, item.lon), []).append(item)

    def same_name_near(self, name_key: str, lat: float, lon: float, external_ref: str) -> _Known | None:
        y, x = _cell(lat, lon)
        cells = self.cells
        for dy, dx in NEIGHBOURS:
            for item in cells.get((y + dy, x + dx), ()):
                if item.name_key != name_key:
                    continue
                if external_ref and item.external_ref and item.external_ref != external_ref:
                    continue
                if _distance_m(lat, lon, item.lat, item.lon) <= MATCH_RADIUS_M:
                    return item
        return None


def _chunks(values: list[Any], size: int = QUERY_CHUNK) -> Iterator[list[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _check_header(table: SourceTable, errors: RowErrors) -> bool:
    provided = set(table.columns) | osm_provided_columns(table.columns)
    for column in ("name", "type"):
        if column not in provided:
            errors.add(1, column, _("The column '%(column)s' is missing.") % {"column": column})
    return not errors.items


def file_error_message(error: FileFormatError) -> str:
    messages = {
        "encoding": _("The file is not UTF-8 text."),
        "json": _("The file is not valid JSON: %(detail)s") % {"detail": error.detail},
        "feature_collection": _("A GeoJSON file must hold one FeatureCollection."),
        "empty": _("The file is empty."),
    }
    return messages.get(error.code, _("The file cannot be read."))


def _validated_rows(
    table: SourceTable,
    *,
    lookups: InventoryLookups,
    scope: MunicipalityInfo | None,
    errors: RowErrors,
    progress: Progress | None,
) -> list[CleanRow]:
    osm = osm_provided_columns(table.columns)
    columns = set(table.columns) | osm
    clean_rows: list[CleanRow] = []
    by_ref: dict[str, int] = {}
    grid = _Grid()
    for index, (number, raw) in enumerate(table.rows, start=1):
        if osm or "=" in raw.get("type", ""):
            raw = osm_columns(raw)
        clean = validate_row(raw, row=number, columns=columns, lookups=lookups, scope=scope, errors=errors)
        if clean is not None:
            ref = clean.fields.get("external_ref", "")
            if ref and ref in by_ref:
                errors.add(number, "external_ref", _("The same external_ref as row %(row)s.") % {"row": by_ref[ref]})
            else:
                twin = grid.same_name_near(clean.name_key, clean.lat, clean.lon, ref)
                if twin is not None:
                    errors.add(
                        number, "name", _("Duplicate of row %(row)s: the same name within 100 m.") % {"row": twin.ref}
                    )
                else:
                    if ref:
                        by_ref[ref] = number
                    grid.add(_Known(number, clean.name_key, clean.lat, clean.lon, ref))
                    clean_rows.append(clean)
        if errors.full:
            break
        if progress is not None and index % PROGRESS_EVERY == 0:
            progress(index)
    return clean_rows


@dataclass(slots=True)
class _Current:
    values: dict[str, Any]
    categories: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()
    hours: str = ""


@dataclass
class _Inventory:
    """Existing points rows may match: ids by external_ref, a grid by position, and their current state."""

    by_ref: dict[str, int] = field(default_factory=dict)
    grid: _Grid = field(default_factory=_Grid)
    states: dict[int, _Current] = field(default_factory=dict)

    def load(self, points: QuerySet[SalesPoint], *, into_grid: bool) -> None:
        """Read the state of the points in a fixed number of queries (sub-selects, no long id lists)."""
        loaded: list[int] = []
        for pk, *values in points.order_by("id").values_list("id", *DIFF_FIELDS).iterator(chunk_size=QUERY_CHUNK):
            state = _Current(values=dict(zip(DIFF_FIELDS, values, strict=True)))
            self.states[pk] = state
            loaded.append(pk)
            if into_grid:
                name = state.values["name"]
                self.grid.add(
                    _Known(pk, name_key(name), state.values["lat"], state.values["lon"], state.values["external_ref"])
                )
        if not loaded:
            return
        concepts: dict[str, dict[int, list[str]]] = {"categories": {}, "labels": {}}
        for kind, through in (("categories", SalesPoint.categories.through), ("labels", SalesPoint.labels.through)):
            rows = through.objects.filter(salespoint__in=points).values_list("salespoint_id", "concept__key")
            for point_id, key in rows.iterator(chunk_size=QUERY_CHUNK):
                concepts[kind].setdefault(point_id, []).append(key)
        rules: dict[int, list[HoursRule]] = {}
        for point_id, weekday, opens, closes, start, end in (
            OpeningRule.objects.filter(sales_point__in=points)
            .values_list("sales_point_id", "weekday", "opens", "closes", "season_start", "season_end")
            .iterator(chunk_size=QUERY_CHUNK)
        ):
            rules.setdefault(point_id, []).append(HoursRule(start, end, weekday, opens, closes))
        for pk in loaded:
            state = self.states[pk]
            state.categories = tuple(sorted(concepts["categories"].get(pk, ())))
            state.labels = tuple(sorted(concepts["labels"].get(pk, ())))
            state.hours = format_hours(rules.get(pk, ()))


def _inventory_for(rows: list[CleanRow]) -> _Inventory:
    inventory = _Inventory()
    refs = {row.fields["external_ref"] for row in rows if row.fields.get("external_ref")}
    if refs:
        for pk, ref in SalesPoint.objects.exclude(external_ref="").order_by("id").values_list("id", "external_ref"):
            if ref in refs:
                inventory.by_ref.setdefault(ref, pk)
    if rows:
        margin = GRID_DEGREES * 2
        south, north = min(r.lat for r in rows) - margin, max(r.lat for r in rows) + margin
        west, east = min(r.lon for r in rows) - margin, max(r.lon for r in rows) + margin
        area = SalesPoint.objects.filter(lat__gte=south, lat__lte=north, lon__gte=west, lon__lte=east)
        inventory.load(area, into_grid=True)
    elsewhere = sorted(pk for pk in inventory.by_ref.values() if pk not in inventory.states)
    for chunk in _chunks(elsewhere):
        inventory.load(SalesPoint.objects.filter(pk__in=chunk), into_grid=False)
    return inventory


def _same(old: Any, new: Any) -> bool:
    if isinstance(old, float) and isinstance(new, float):
        return abs(old - new) < 1e-9
    return bool(old == new)


def _changes(clean: CleanRow, state: _Current) -> dict[str, list[Any]]:
    wanted: dict[str, Any] = {
        name: value
        for name, value in clean.fields.items()
        if not (name in ("external_ref", "status") and not value) and not (name == "position_exact")
    }
    if clean.position_given:
        wanted["lat"], wanted["lon"] = clean.lat, clean.lon
        moved = not (_same(state.values["lat"], clean.lat) and _same(state.values["lon"], clean.lon))
        if "position_exact" in clean.fields:
            wanted["position_exact"] = clean.fields["position_exact"]
        elif moved:
            wanted["position_exact"] = True
    changes = {
        name: [state.values[name], value] for name, value in wanted.items() if not _same(state.values[name], value)
    }
    if clean.categories is not None and clean.categories != state.categories:
        changes["categories"] = [list(state.categories), list(clean.categories)]
    if clean.labels is not None and clean.labels != state.labels:
        changes["labels"] = [list(state.labels), list(clean.labels)]
    if clean.hours is not None:
        hours = format_hours(clean.hours)
        if hours != state.hours:
            changes["hours"] = [state.hours, hours]
    return changes


def _match(rows: list[CleanRow], errors: RowErrors) -> list[PlannedRow]:
    inventory = _inventory_for(rows)
    planned: list[PlannedRow] = []
    claimed: dict[int, int] = {}
    for clean in rows:
        ref = clean.fields.get("external_ref", "")
        point_id = inventory.by_ref.get(ref) if ref else None
        matched_by = "external_ref"
        if point_id is None:
            near = inventory.grid.same_name_near(clean.name_key, clean.lat, clean.lon, ref)
            point_id, matched_by = (near.ref, "name_position") if near is not None else (None, "")
        if point_id is None:
            planned.append(PlannedRow(clean=clean, action="create"))
            continue
        if point_id in claimed:
            errors.add(
                clean.row,
                "name",
                _("This row and row %(row)s match the same existing sales point.") % {"row": claimed[point_id]},
            )
            continue
        claimed[point_id] = clean.row
        changes = _changes(clean, inventory.states[point_id])
        planned.append(
            PlannedRow(
                clean=clean,
                action="update" if changes else "unchanged",
                point_id=point_id,
                matched_by=matched_by,
                changes=changes,
            )
        )
    return planned


def inventory_plan(
    *,
    content: str,
    file_format: str,
    scope_id: int | None = None,
    error_limit: int = 1000,
    progress: Progress | None = None,
    on_total: Progress | None = None,
) -> ImportPlan:
    """Check every row and compare with the inventory. Errors carry the row, the column and a translated message."""
    errors = RowErrors(limit=error_limit)
    try:
        table = read_table(content, file_format)
    except FileFormatError as error:
        errors.add(1, "", file_error_message(error))
        return ImportPlan(total=0, rows=[], errors=errors, ignored_columns=[])
    if on_total is not None:
        on_total(table.total)
    if not _check_header(table, errors):
        return ImportPlan(total=table.total, rows=[], errors=errors, ignored_columns=table.ignored_columns)
    lookups = inventory_lookups()
    scope = lookups.by_id.get(scope_id) if scope_id is not None else None
    clean_rows = _validated_rows(table, lookups=lookups, scope=scope, errors=errors, progress=progress)
    if errors.items:
        return ImportPlan(total=table.total, rows=[], errors=errors, ignored_columns=table.ignored_columns)
    planned = _match(clean_rows, errors)
    if errors.items:
        planned = []
    if progress is not None:
        progress(table.total)
    return ImportPlan(
        total=table.total, rows=planned, errors=errors, ignored_columns=table.ignored_columns, lookups=lookups
    )


def created_fields(clean: CleanRow) -> dict[str, Any]:
    """The fields of a new point from a row: unset columns take the model defaults."""
    fields = dict(clean.fields)
    fields.setdefault("status", SalesPointStatus.ACTIVE)
    if not fields["status"]:
        fields["status"] = SalesPointStatus.ACTIVE
    fields["lat"], fields["lon"] = clean.lat, clean.lon
    fields.setdefault("position_exact", clean.position_given)
    return fields
