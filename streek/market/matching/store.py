"""Write the selected pairs as Match rows: insert new pairs, update changed scores, delete pairs no longer kept.

Only matches nobody acted on (status new) are deleted; contacted, agreed and dismissed ones stay with their
threads. Unchanged pairs are left alone, so a match keeps its created_at (what the digest counts as new) and a
re-match of unchanged data writes nothing. PostgreSQL gets the rows through COPY, other databases through
executemany; both in chunks, so memory stays bounded.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from itertools import islice

import numpy as np
from django.db import connection
from django.utils import timezone

from ..choices import MatchStatus
from ..models import Match
from ..signals import matches_found
from .context import MatchingContext
from .scoring import breakdown_json, score_pairs
from .tables import PostTable

CHUNK = 20000
BACKSLASH = "\\"
SHIFT = 1 << 31
# Scores closer than this are equal: no update.
SCORE_TOLERANCE = 0.00005


@dataclass
class Existing:
    """Stored matches as arrays, sorted by key (offer id * 2^31 + request id)."""

    ids: np.ndarray
    keys: np.ndarray
    scores: np.ndarray
    is_new: np.ndarray

    @classmethod
    def from_rows(cls, rows: list[tuple[int, int, int, float, str]]) -> "Existing":
        ids = np.array([row[0] for row in rows], dtype=np.int64)
        keys = np.array([row[1] * SHIFT + row[2] for row in rows], dtype=np.int64)
        scores = np.array([row[3] for row in rows], dtype=np.float64)
        is_new = np.array([row[4] == MatchStatus.NEW for row in rows], dtype=bool)
        order = np.argsort(keys, kind="stable")
        return cls(ids=ids[order], keys=keys[order], scores=scores[order], is_new=is_new[order])


@dataclass
class WriteResult:
    inserted: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0


def load_existing(filters: dict[str, object] | None = None) -> Existing:
    """Stored matches (all, or those passing `filters`) as arrays, read 50,000 rows at a time."""
    qs = Match.objects.order_by()
    if filters:
        qs = qs.filter(**filters)
    rows = qs.values_list("id", "offer_id", "request_id", "score", "status").iterator(chunk_size=50000)
    parts: list[Existing] = []
    while chunk := list(islice(rows, 50000)):
        parts.append(Existing.from_rows(chunk))
    if not parts:
        return Existing.from_rows([])
    ids = np.concatenate([p.ids for p in parts])
    keys = np.concatenate([p.keys for p in parts])
    order = np.argsort(keys, kind="stable")
    return Existing(
        ids=ids[order],
        keys=keys[order],
        scores=np.concatenate([p.scores for p in parts])[order],
        is_new=np.concatenate([p.is_new for p in parts])[order],
    )


def _row_values(
    context: MatchingContext, o: PostTable, r: PostTable, oi: np.ndarray, ri: np.ndarray
) -> list[tuple[int, int, float, float, str]]:
    ps = score_pairs(context, o, r, oi, ri)
    return list(
        zip(
            o.ids[oi].tolist(),
            r.ids[ri].tolist(),
            ps.total.tolist(),
            np.round(ps.distance, 3).tolist(),
            breakdown_json(context, o, r, ps),
            strict=True,
        )
    )


def _insert(rows: list[tuple[int, int, float, float, str]], now: datetime) -> None:
    table = Match._meta.db_table
    columns = (
        "created_at, updated_at, offer_id, request_id, score, distance_km, breakdown, status, "
        "agreement_kind, agreement_reference"
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            stamp = now.isoformat()
            text = "".join(
                f"{stamp}\t{stamp}\t{offer_id}\t{request_id}\t{score}\t{distance}\t{data.replace(BACKSLASH, BACKSLASH * 2)}\tnew\t\t\n"
                for offer_id, request_id, score, distance, data in rows
            )
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:  # noqa: S608 - constant names
                copy.write(text)
        else:
            cursor.executemany(
                f"INSERT INTO {table} ({columns}) VALUES (%s, %s, %s, %s, %s, %s, %s, 'new', '', '')",  # noqa: S608
                [(now, now, *row) for row in rows],
            )


def _update(ids: list[int], rows: list[tuple[int, int, float, float, str]], now: datetime) -> None:
    table = Match._meta.db_table
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {table} SET score = %s, distance_km = %s, breakdown = %s, updated_at = %s WHERE id = %s",  # noqa: S608
            [
                (score, distance, data, now, match_id)
                for match_id, (_, _, score, distance, data) in zip(ids, rows, strict=True)
            ],
        )


def delete_new(ids: np.ndarray) -> int:
    """Delete matches by id, only those still new (nobody acted on them, no thread points at them)."""
    table = Match._meta.db_table
    deleted = 0
    with connection.cursor() as cursor:
        for begin in range(0, len(ids), 5000):
            chunk = [int(i) for i in ids[begin : begin + 5000]]
            placeholders = ", ".join(["%s"] * len(chunk))
            cursor.execute(
                f"DELETE FROM {table} WHERE status = %s AND id IN ({placeholders})",  # noqa: S608
                [MatchStatus.NEW.value, *chunk],
            )
            deleted += cursor.rowcount
    return deleted


def write_pairs(
    context: MatchingContext,
    o: PostTable,
    r: PostTable,
    oi: np.ndarray,
    ri: np.ndarray,
    existing: Existing,
    *,
    progress: Callable[[int], None] | None = None,
) -> WriteResult:
    """Make the stored matches (within `existing`) equal to the selected pairs, touching only what changed."""
    now = timezone.now()
    result = WriteResult()
    keys = o.ids[oi].astype(np.int64) * SHIFT + r.ids[ri].astype(np.int64)
    position = np.searchsorted(existing.keys, keys)
    position = np.minimum(position, max(len(existing.keys) - 1, 0))
    present = (existing.keys[position] == keys) if len(existing.keys) else np.zeros(len(keys), dtype=bool)
    # deletions: stored, new, and not selected any more
    selected = np.zeros(len(existing.keys), dtype=bool)
    selected[position[present]] = True
    result.deleted = delete_new(existing.ids[~selected & existing.is_new])
    # insertions and updates, chunk by chunk
    for begin in range(0, len(keys), CHUNK):
        part = slice(begin, begin + CHUNK)
        p_oi, p_ri, p_present, p_position = oi[part], ri[part], present[part], position[part]
        fresh = ~p_present
        if fresh.any():
            _insert(_row_values(context, o, r, p_oi[fresh], p_ri[fresh]), now)
            result.inserted += int(fresh.sum())
        if p_present.any():
            stored = existing.scores[p_position[p_present]]
            totals = score_pairs(context, o, r, p_oi[p_present], p_ri[p_present]).total
            changed = np.abs(totals - stored) > SCORE_TOLERANCE
            if changed.any():
                ids = [int(i) for i in existing.ids[p_position[p_present][changed]]]
                _update(ids, _row_values(context, o, r, p_oi[p_present][changed], p_ri[p_present][changed]), now)
                result.updated += int(changed.sum())
            result.unchanged += int((~changed).sum())
        if progress is not None:
            progress(len(p_oi))
    if result.inserted:
        matches_found.send(sender=Match, created_at=now, count=result.inserted)
    return result
