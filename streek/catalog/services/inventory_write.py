"""Writing an import plan fast: batched INSERT and UPDATE statements (executemany) instead of one ORM object per row.

The values were checked row by row in inventory_validation (types, lengths, choices, keys), so no model
validation runs here. The caller holds the transaction. Every point written gets a SalesPointRevision
with action IMPORTED, like the single-point services record.
"""

import json
import operator
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, time
from typing import Any

from django.db import connection, models
from django.utils import timezone
from django.utils.text import slugify

from ..choices import RevisionAction, SalesPointSource
from ..directory_cache import directory_changed
from ..hours_syntax import format_hours
from ..inventory_plan import DIFF_FIELDS, ImportPlan, PlannedRow, created_fields
from ..models import OpeningRule, SalesPoint, SalesPointRevision
from .sales_points import TRACKED_FIELDS

ROWS_PER_STATEMENT = 2000


def _chunks(values: Sequence[Any], size: int = ROWS_PER_STATEMENT) -> Iterator[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


class _Table:
    """INSERT rows given as dicts of attribute names into the table of a model; unset columns get their defaults."""

    def __init__(self, model: type[models.Model], now: datetime) -> None:
        fields = [f for f in model._meta.local_concrete_fields if not f.primary_key]
        adapted_now = connection.ops.adapt_datetimefield_value(now)
        self.defaults: dict[str, Any] = {}
        self.json_fields: dict[str, models.Field[Any, Any]] = {}
        self.time_fields: list[str] = []
        # SQLite stores JSON as text and PostgreSQL's COPY parses it from text; other databases get their adapter.
        self.json_as_text = connection.vendor in ("sqlite", "postgresql")
        for f in fields:
            if isinstance(f, models.DateTimeField) and (f.auto_now or f.auto_now_add):
                self.defaults[f.attname] = adapted_now
            else:
                self.defaults[f.attname] = f.get_default()
            if isinstance(f, models.JSONField):
                self.json_fields[f.attname] = f
            elif isinstance(f, models.TimeField):
                self.time_fields.append(f.attname)
        self.getter = operator.itemgetter(*(f.attname for f in fields))
        columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
        placeholders = ", ".join(["%s"] * len(fields))
        table = connection.ops.quote_name(model._meta.db_table)
        self.sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608 - names from the model
        self.copy_sql = f"COPY {table} ({columns}) FROM STDIN"
        self.times: dict[time, Any] = {}

    def _time(self, value: time) -> Any:
        if value not in self.times:
            self.times[value] = connection.ops.adapt_timefield_value(value)
        return self.times[value]

    def insert(self, rows: Iterable[dict[str, Any]]) -> None:
        params = []
        for row in rows:
            merged = {**self.defaults, **row}
            for name, json_field in self.json_fields.items():
                value = merged[name]
                merged[name] = (
                    json.dumps(value) if self.json_as_text else json_field.get_db_prep_save(value, connection)
                )
            for name in self.time_fields:
                merged[name] = self._time(merged[name])
            params.append(self.getter(merged))
        with connection.cursor() as cursor:
            raw = cursor.cursor
            if connection.vendor == "postgresql" and hasattr(raw, "copy"):
                # COPY (psycopg 3): one stream instead of a statement per row.
                with raw.copy(self.copy_sql) as copy:
                    for values in params:
                        copy.write_row(values)
                return
            for chunk in _chunks(params):
                cursor.executemany(self.sql, chunk)


def _update(names: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
    """UPDATE the named SalesPoint attributes; each row holds their values, then updated_at, then the id."""
    quote = connection.ops.quote_name
    fields = {f.attname: f for f in SalesPoint._meta.local_concrete_fields}
    assignments = ", ".join(f"{quote(fields[name].column)} = %s" for name in (*names, "updated_at"))
    sql = f"UPDATE {quote(SalesPoint._meta.db_table)} SET {assignments} WHERE {quote('id')} = %s"  # noqa: S608
    with connection.cursor() as cursor:
        for chunk in _chunks(rows):
            cursor.executemany(sql, chunk)


def _free_slug(name: str, taken: set[str], counters: dict[str, int]) -> str:
    base = slugify(name)[:200] or "verkooppunt"
    slug = base
    counter = counters.get(base, 2)
    while slug in taken:
        slug = f"{base}-{counter}"
        counter += 1
    counters[base] = counter
    taken.add(slug)
    return slug


def _hours_rows(point_id: int, row: PlannedRow) -> list[dict[str, Any]]:
    return [{"sales_point_id": point_id, **rule.as_fields()} for rule in row.clean.hours or ()]


def _concept_rows(point_id: int, keys: tuple[str, ...] | None, concept_ids: dict[str, int]) -> list[dict[str, Any]]:
    return [{"salespoint_id": point_id, "concept_id": concept_ids[key]} for key in keys or ()]


def _created_changes(fields: dict[str, Any], row: PlannedRow) -> dict[str, Any]:
    # Like sales_point_create, without the empty values (an import creates many points at once).
    changes: dict[str, Any] = {
        name: [None, fields[name]] for name in TRACKED_FIELDS if fields.get(name) not in (None, "", [])
    }
    changes["external_ref"] = [None, fields.get("external_ref", "")]
    if row.clean.categories:
        changes["categories"] = [None, list(row.clean.categories)]
    if row.clean.labels:
        changes["labels"] = [None, list(row.clean.labels)]
    if row.clean.hours:
        changes["hours"] = [None, format_hours(row.clean.hours)]
    return changes


class _Writer:
    """The tables an import writes, and the rows waiting for them (written per batch to bound memory)."""

    def __init__(self, plan: ImportPlan, *, actor_id: int | None, note: str, now: datetime) -> None:
        if plan.lookups is None:
            raise ValueError("a plan with rows has lookups")
        self.lookups = plan.lookups
        self.now = now
        self.revision_base = {"actor_id": actor_id, "action": RevisionAction.IMPORTED, "note": note[:300]}
        self.tables = {
            "points": _Table(SalesPoint, now),
            "categories": _Table(SalesPoint.categories.through, now),
            "labels": _Table(SalesPoint.labels.through, now),
            "rules": _Table(OpeningRule, now),
            "revisions": _Table(SalesPointRevision, now),
        }
        self.pending: dict[str, list[dict[str, Any]]] = {name: [] for name in self.tables if name != "points"}

    def add_children(self, point_id: int, row: PlannedRow, *, changes: dict[str, Any], new: bool) -> None:
        if new or "categories" in row.changes:
            self.pending["categories"] += _concept_rows(point_id, row.clean.categories, self.lookups.categories)
        if new or "labels" in row.changes:
            self.pending["labels"] += _concept_rows(point_id, row.clean.labels, self.lookups.labels)
        if new or "hours" in row.changes:
            self.pending["rules"] += _hours_rows(point_id, row)
        self.pending["revisions"].append({**self.revision_base, "sales_point_id": point_id, "changes": changes})

    def flush(self) -> None:
        for name, rows in self.pending.items():
            self.tables[name].insert(rows)
            rows.clear()


def _write_creates(writer: _Writer, creates: list[PlannedRow]) -> None:
    taken = set(SalesPoint.objects.values_list("slug", flat=True))
    counters: dict[str, int] = {}
    for batch in _chunks(creates):
        new_points = []
        for row in batch:
            fields = created_fields(row.clean)
            fields["slug"] = _free_slug(fields["name"], taken, counters)
            fields["source"] = SalesPointSource.IMPORT
            new_points.append(fields)
        writer.tables["points"].insert(new_points)
        ids = dict(SalesPoint.objects.filter(slug__in=[f["slug"] for f in new_points]).values_list("slug", "id"))
        for row, fields in zip(batch, new_points, strict=True):
            writer.add_children(ids[fields["slug"]], row, changes=_created_changes(fields, row), new=True)
        writer.flush()


def _write_updates(writer: _Writer, updates: list[PlannedRow]) -> None:
    adapted_now = connection.ops.adapt_datetimefield_value(writer.now)
    json_field = SalesPoint._meta.get_field("payment_methods")
    for batch in _chunks(updates):
        groups: dict[tuple[str, ...], list[tuple[Any, ...]]] = {}
        for row in batch:
            values = {name: new for name, (_old, new) in row.changes.items() if name in DIFF_FIELDS}
            names = tuple(sorted(values))
            params = tuple(
                json_field.get_db_prep_save(values[n], connection) if n == "payment_methods" else values[n]
                for n in names
            )
            groups.setdefault(names, []).append((*params, adapted_now, row.point_id))
        for names, group in groups.items():
            _update(names, group)
        SalesPoint.categories.through.objects.filter(
            salespoint_id__in=[row.point_id for row in batch if "categories" in row.changes]
        ).delete()
        SalesPoint.labels.through.objects.filter(
            salespoint_id__in=[row.point_id for row in batch if "labels" in row.changes]
        ).delete()
        OpeningRule.objects.filter(
            sales_point_id__in=[row.point_id for row in batch if "hours" in row.changes]
        ).delete()
        for row in batch:
            writer.add_children(int(row.point_id or 0), row, changes=row.changes, new=False)
        writer.flush()


@contextmanager
def _sqlite_cache(megabytes: int = 64) -> Iterator[None]:
    """A larger page cache for this connection while it writes (SQLite's default of 2 MB thrashes the indexes)."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        previous = cursor.fetchone()[0]
        cursor.execute(f"PRAGMA cache_size = {-1024 * int(megabytes)}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(previous)}")


def inventory_plan_write(plan: ImportPlan, *, actor_id: int | None, note: str) -> None:
    """Create and update every row of the plan and record the history, in batched statements."""
    if plan.lookups is None:
        return
    writer = _Writer(plan, actor_id=actor_id, note=note, now=timezone.now())
    with _sqlite_cache():
        _write_creates(writer, [row for row in plan.rows if row.action == "create"])
        _write_updates(writer, [row for row in plan.rows if row.action == "update" and row.point_id is not None])
    directory_changed()
