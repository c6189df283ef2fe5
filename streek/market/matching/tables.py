"""Offers and requests as columns of numpy arrays: what the scoring reads, loaded in one pass per query."""

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
from django.contrib.postgres.expressions import ArraySubquery
from django.db import connection
from django.db.models import OuterRef, QuerySet, TextField
from django.db.models.functions import Cast

from streek.core.geo import BoundingBox

from ..choices import PostStatus
from ..models import Offer, Request
from ..quantities import OPEN_END_DAYS, per_week
from .context import MatchingContext, spec_mask

COMMON = (
    "id",
    "organisation_id",
    "product_type_id",
    "lat",
    "lon",
    "unit_id",
    "quantity",
    "recurrence",
    "starts_on",
    "ends_on",
    "spec",
)
OFFER_FIELDS = (*COMMON, "delivery_possible", "delivery_radius_km")
REQUEST_FIELDS = (*COMMON, "max_distance_km", "needs_delivery")


@dataclass
class PostTable:
    """One row per post. `extra_a`/`extra_b`: for offers delivery possible / radius (inf when any distance),
    for requests max distance (km) / delivery wanted."""

    kind: str  # "offer" or "request"
    ids: np.ndarray
    organisation: np.ndarray
    type_row: np.ndarray
    lat: np.ndarray
    lon: np.ndarray
    dimension: np.ndarray
    amount: np.ndarray  # per occurrence, in the base unit
    per_week: np.ndarray  # occurrences per week, 0 when once
    start: np.ndarray  # ordinal day
    end: np.ndarray  # ordinal day, inclusive
    spec: np.ndarray
    labels: np.ndarray  # (n, facet words) uint64
    unit_id: np.ndarray
    extra_a: np.ndarray
    extra_b: np.ndarray

    def __len__(self) -> int:
        return len(self.ids)

    def take(self, rows: np.ndarray) -> "PostTable":
        return PostTable(
            kind=self.kind,
            **{name: getattr(self, name)[rows] for name in ARRAY_FIELDS},
        )


ARRAY_FIELDS = (
    "ids",
    "organisation",
    "type_row",
    "lat",
    "lon",
    "dimension",
    "amount",
    "per_week",
    "start",
    "end",
    "spec",
    "labels",
    "unit_id",
    "extra_a",
    "extra_b",
)


def _spec_masks(values: tuple[Any, ...]) -> np.ndarray:
    """Preparation bit masks of the spec column (JSON text or lists), each distinct value parsed once."""
    try:
        distinct = set(values)
    except TypeError:  # lists (from instances): not hashable
        distinct = None
    if distinct is not None and all(isinstance(value, str) for value in distinct):
        masks_of = {value: spec_mask(json.loads(value)) for value in distinct}
        return np.array([masks_of[value] for value in values], dtype=np.uint64)
    cache: dict[Any, int] = {}
    masks = []
    for value in values:
        key = value if isinstance(value, str) or value is None else tuple(value)
        mask = cache.get(key)
        if mask is None:
            mask = cache[key] = spec_mask(json.loads(value) if isinstance(value, str) else value)
        masks.append(mask)
    return np.array(masks, dtype=np.uint64)


def _empty(kind: str, context: MatchingContext) -> PostTable:
    arrays = {name: np.zeros(0, dtype=dtype) for name, dtype in DTYPES.items()}
    return PostTable(kind=kind, labels=np.zeros((0, context.facet_words), dtype=np.uint64), **arrays)


DTYPES: dict[str, Any] = {
    "ids": np.int64,
    "organisation": np.int64,
    "type_row": np.int64,
    "lat": np.float64,
    "lon": np.float64,
    "dimension": np.int64,
    "amount": np.float64,
    "per_week": np.float64,
    "start": np.int64,
    "end": np.int64,
    "spec": np.uint64,
    "unit_id": np.int64,
    "extra_a": np.float64,
    "extra_b": np.float64,
}


def build_table(
    kind: str,
    rows: Iterable[tuple[Any, ...]],
    labels: dict[int, list[int]],
    context: MatchingContext,
    *,
    numeric: bool = False,
) -> PostTable:
    """A table from value rows (OFFER_FIELDS or REQUEST_FIELDS order; spec as JSON text or a list) and label
    ids per post id, column by column. `numeric`: the rows come from SQL that already gives the quantity as a
    float, the period as ordinal days (the end resolved) and an offer's radius as a float (infinite when none),
    so no column needs a loop in Python.

    Posts whose product type or unit is unknown to the context are left out."""
    rows = list(rows)
    if not rows:
        return _empty(kind, context)
    pid, org, type_id, lat, lon, unit_id, quantity, recurrence, starts_on, ends_on, spec, a, b = zip(*rows, strict=True)
    ids = np.array(pid, dtype=np.int64)
    type_row = context.type_rows(np.array(type_id, dtype=np.int64))
    units = np.array(unit_id, dtype=np.int64)
    dimension, factor = context.unit_rows(units)
    weekly = {value: per_week(value) for value in set(recurrence)}
    if numeric:
        start = np.array(starts_on, dtype=np.int64)
        end = np.array(ends_on, dtype=np.int64)
    else:
        start = np.array([day.toordinal() for day in starts_on], dtype=np.int64)
        end = np.array([day.toordinal() if day is not None else 0 for day in ends_on], dtype=np.int64)
        end = np.where(np.array([day is None for day in ends_on], dtype=bool), start + OPEN_END_DAYS, end)
    if kind == "offer":
        extra_a = np.array(a, dtype=bool).astype(np.float64)
        if numeric:
            extra_b = np.array(b, dtype=np.float64)
        else:
            extra_b = np.array([np.inf if value is None else float(value) for value in b], dtype=np.float64)
    else:
        extra_a = np.array(a, dtype=np.float64)
        extra_b = np.array(b, dtype=bool).astype(np.float64)
    label_array = np.zeros((len(ids), context.facet_words), dtype=np.uint64)
    if labels:
        closure = kind == "offer"
        position = {post_id: n for n, post_id in enumerate(pid)}
        for post_id, concept_ids in labels.items():
            row = position.get(post_id)
            if row is not None:
                label_array[row] = context.facet_mask(concept_ids, closure=closure)
    keep = (type_row >= 0) & (dimension >= 0)
    table = PostTable(
        kind=kind,
        ids=ids,
        organisation=np.array(org, dtype=np.int64),
        type_row=type_row,
        lat=np.array(lat, dtype=np.float64),
        lon=np.array(lon, dtype=np.float64),
        dimension=dimension,
        amount=np.array(quantity, dtype=np.float64) * factor,
        per_week=np.array([weekly[value] for value in recurrence], dtype=np.float64),
        start=start,
        end=end,
        spec=_spec_masks(spec),
        labels=label_array,
        unit_id=units,
        extra_a=extra_a,
        extra_b=extra_b,
    )
    return table if keep.all() else table.take(np.flatnonzero(keep))


def _labels_of(kind: str, posts: QuerySet[Any] | None, active_only: bool) -> dict[int, list[int]]:
    """Label ids per post: of the posts of a queryset (read with it as a subquery), or of all (active) posts."""
    model = Offer if kind == "offer" else Request
    through = model.labels.through
    column = "offer_id" if kind == "offer" else "request_id"
    qs = through.objects.all()
    if posts is not None:
        qs = qs.filter(**{f"{column}__in": posts.order_by().values("id")})
    elif active_only:
        qs = qs.filter(**{f"{column.removesuffix('_id')}__status": "active"})
    result: dict[int, list[int]] = {}
    for post_id, concept_id in qs.values_list(column, "concept_id").iterator(chunk_size=20000):
        result.setdefault(post_id, []).append(concept_id)
    return result


def load_table(kind: str, qs: QuerySet[Any], context: MatchingContext, *, all_active: bool = False) -> PostTable:
    """Load the posts of a queryset. `all_active`: the queryset is every active post (labels read in one pass)."""
    fields = [*(OFFER_FIELDS if kind == "offer" else REQUEST_FIELDS)]
    # the preparation list as JSON text: parsed once per distinct value instead of once per row
    fields[fields.index("spec")] = "spec_text"
    annotated = qs.order_by().annotate(spec_text=Cast("spec", TextField()))
    if connection.vendor == "postgresql" and not all_active:
        # a few posts: their label ids in the same query, as an array per row
        model = Offer if kind == "offer" else Request
        through = model.labels.through
        column = "offer_id" if kind == "offer" else "request_id"
        label_ids = ArraySubquery(through.objects.filter(**{column: OuterRef("pk")}).values("concept_id"))
        rows = list(annotated.annotate(label_ids=label_ids).values_list(*fields, "label_ids"))
        labels = {row[0]: row[-1] for row in rows if row[-1]}
        return build_table(kind, [row[:-1] for row in rows], labels, context)
    rows = list(annotated.values_list(*fields).iterator(chunk_size=20000))
    if not rows:
        return _empty(kind, context)
    labels = _labels_of(kind, None if all_active else qs, active_only=all_active)
    return build_table(kind, rows, labels, context)


def post_row(kind: str, post: Offer | Request) -> tuple[Any, ...]:
    """A post instance (saved, its fields cleaned) as a value row for build_table."""
    return tuple(getattr(post, name) for name in (OFFER_FIELDS if kind == "offer" else REQUEST_FIELDS))


KM_PER_DEG = 111.195


def _candidates_sql(kind: str) -> str:
    model = Offer if kind == "offer" else Request
    through = model.labels.through
    own = "offer_id" if kind == "offer" else "request_id"
    # the columns of build_table(numeric=True): quantity as float8, the period as ordinal days (date.toordinal:
    # 0001-01-01 is day 1; an open end is OPEN_END_DAYS after the start), no radius as infinity
    numeric = {
        "quantity": "p.quantity::float8",
        "starts_on": "p.starts_on - DATE '0001-01-01' + 1",
        "ends_on": f"COALESCE(p.ends_on, p.starts_on + {int(OPEN_END_DAYS)}) - DATE '0001-01-01' + 1",
        "spec": "p.spec::text",
        "delivery_radius_km": "COALESCE(p.delivery_radius_km::float8, 'Infinity'::float8)",
    }
    columns = ", ".join(
        numeric.get(name, f"p.{model._meta.get_field(name.removesuffix('_id')).column}")  # type: ignore[union-attr]
        for name in (OFFER_FIELDS if kind == "offer" else REQUEST_FIELDS)
    )
    return (
        f"SELECT {columns}, ARRAY(SELECT l.concept_id FROM {through._meta.db_table} AS l WHERE l.{own} = p.id) "  # noqa: S608 - constant names
        f"FROM {model._meta.db_table} AS p "
        "WHERE p.status = %(active)s AND p.product_type_id = ANY(%(types)s) "
        "AND p.starts_on <= %(end)s AND (p.ends_on IS NULL OR p.ends_on >= %(start)s) "
        "AND p.organisation_id <> %(organisation)s "
        "AND p.lat >= %(south)s AND p.lat <= %(north)s AND p.lon >= %(west)s AND p.lon <= %(east)s"
    )


# A request reaches the point when its maximum distance (2 % slack; the exact test follows) covers the
# equirectangular distance: the same bound as engine._requests_reaching.
REACHING_SQL = (
    " AND ((p.lat - %(lat)s) * %(km_lat)s) * ((p.lat - %(lat)s) * %(km_lat)s)"
    " + ((p.lon - %(lon)s) * %(km_lon)s) * ((p.lon - %(lon)s) * %(km_lon)s)"
    " <= (p.max_distance_km * 1.02::float8) * (p.max_distance_km * 1.02::float8)"
)


def candidates_table(
    kind: str,
    context: MatchingContext,
    *,
    type_ids: list[int],
    start: date,
    end: date,
    organisation_id: int,
    box: BoundingBox,
    reaching: tuple[float, float] | None = None,
) -> PostTable:
    """Active posts of `kind` (offers or requests) of the given product types, whose period meets start..end,
    of another organisation, inside the box, with their labels; `reaching` (requests only): only those whose
    maximum distance reaches that point (lat, lon). One query, written out (PostgreSQL): this is the path of
    matching one new post."""
    sql = _candidates_sql(kind)
    params: dict[str, Any] = {
        "active": PostStatus.ACTIVE.value,
        "types": type_ids,
        "start": start,
        "end": end,
        "organisation": organisation_id,
        "south": box.south,
        "north": box.north,
        "west": box.west,
        "east": box.east,
    }
    if reaching is not None:
        sql += REACHING_SQL
        lat, lon = reaching
        params.update(lat=lat, lon=lon, km_lat=KM_PER_DEG, km_lon=KM_PER_DEG * math.cos(math.radians(lat)))
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    labels = {row[0]: row[-1] for row in rows if row[-1]}
    return build_table(kind, [row[:-1] for row in rows], labels, context, numeric=True)
