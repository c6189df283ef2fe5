"""Offers and requests as columns of numpy arrays: what the scoring reads, loaded in one pass per query."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
from django.db.models import QuerySet

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


def _ordinal(day: date) -> int:
    return day.toordinal()


def build_table(
    kind: str, rows: Iterable[tuple[Any, ...]], labels: dict[int, list[int]], context: MatchingContext
) -> PostTable:
    """A table from value rows (OFFER_FIELDS or REQUEST_FIELDS order) and label ids per post id.

    Posts whose product type or unit is unknown to the context are left out."""
    columns: dict[str, list[Any]] = {name: [] for name in ARRAY_FIELDS if name != "labels"}
    label_rows: list[np.ndarray] = []
    offer = kind == "offer"
    for row in rows:
        pid, org, type_id, lat, lon, unit_id, quantity, recurrence, starts_on, ends_on, spec, a, b = row
        type_row = context.type_index.get(type_id)
        unit = context.unit_dimension.get(unit_id)
        if type_row is None or unit is None:
            continue
        start = _ordinal(starts_on)
        columns["ids"].append(pid)
        columns["organisation"].append(org)
        columns["type_row"].append(type_row)
        columns["lat"].append(lat)
        columns["lon"].append(lon)
        columns["dimension"].append(unit[0])
        columns["amount"].append(float(quantity) * unit[1])
        columns["per_week"].append(per_week(recurrence))
        columns["start"].append(start)
        columns["end"].append(_ordinal(ends_on) if ends_on is not None else start + OPEN_END_DAYS)
        columns["spec"].append(spec_mask(spec))
        columns["unit_id"].append(unit_id)
        if offer:
            columns["extra_a"].append(1.0 if a else 0.0)
            columns["extra_b"].append(float(b) if b is not None else np.inf)
        else:
            columns["extra_a"].append(float(a))
            columns["extra_b"].append(1.0 if b else 0.0)
        label_rows.append(context.facet_mask(labels.get(pid, []), closure=offer))
    dtypes = {
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
    arrays = {name: np.array(values, dtype=dtypes[name]) for name, values in columns.items()}
    label_array = (np.vstack(label_rows) if label_rows else np.zeros((0, context.facet_words), dtype=np.uint64)).astype(
        np.uint64
    )
    return PostTable(kind=kind, labels=label_array, **arrays)


def _labels_of(kind: str, post_ids: list[int] | None, active_only: bool) -> dict[int, list[int]]:
    model = Offer if kind == "offer" else Request
    through = model.labels.through
    column = "offer_id" if kind == "offer" else "request_id"
    qs = through.objects.all()
    if post_ids is not None:
        qs = qs.filter(**{f"{column}__in": post_ids})
    elif active_only:
        qs = qs.filter(**{f"{column.removesuffix('_id')}__status": "active"})
    result: dict[int, list[int]] = {}
    for post_id, concept_id in qs.values_list(column, "concept_id").iterator(chunk_size=20000):
        result.setdefault(post_id, []).append(concept_id)
    return result


def load_table(kind: str, qs: QuerySet[Any], context: MatchingContext, *, all_active: bool = False) -> PostTable:
    """Load the posts of a queryset. `all_active`: the queryset is every active post (labels read in one pass)."""
    fields = OFFER_FIELDS if kind == "offer" else REQUEST_FIELDS
    rows = list(qs.order_by().values_list(*fields).iterator(chunk_size=20000))
    if all_active:
        labels = _labels_of(kind, None, active_only=True)
    else:
        labels = _labels_of(kind, [row[0] for row in rows], active_only=False) if rows else {}
    return build_table(kind, rows, labels, context)
