"""Write the selected pairs as Match rows: insert new pairs, update changed scores, delete pairs no longer kept.

Only matches nobody acted on (status new) are deleted; contacted, agreed and dismissed ones stay with their
threads. Unchanged pairs are left alone, so a match keeps its created_at (what the digest counts as new) and a
re-match of unchanged data writes nothing. PostgreSQL gets the rows through COPY, other databases through
executemany; both in chunks, so memory stays bounded.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from itertools import islice
from typing import Any

import numpy as np
from django.db import connection, models, transaction
from django.utils import timezone
from psycopg.copy import QueuedLibpqWriter

from ..choices import MatchStatus
from ..models import Match
from ..signals import matches_found
from .context import MatchingContext
from .scoring import breakdown_json, score_pairs
from .tables import PostTable

CHUNK = 20000
# A write inserting at least this many rows, and more than the table holds, builds the match table's secondary
# indexes once after the rows instead of maintaining them row by row (PostgreSQL; see _indexes_built_after).
REBUILD_MIN_ROWS = 100_000
# Updates above this many go through a temporary table (COPY, then one UPDATE ... FROM) on PostgreSQL.
BULK_UPDATE_MIN_ROWS = 500
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


INSERT_COLUMNS = (
    "created_at, updated_at, offer_id, request_id, score, distance_km, breakdown, status, "
    "agreement_kind, agreement_reference"
)


def _copy_text(rows: list[tuple[int, int, float, float, str]], stamp: str) -> str:
    return "".join(
        f"{stamp}\t{stamp}\t{offer_id}\t{request_id}\t{score}\t{distance}\t{data.replace(BACKSLASH, BACKSLASH * 2)}\tnew\t\t\n"
        for offer_id, request_id, score, distance, data in rows
    )


class _Inserter:
    """Inserts rows as new matches. On PostgreSQL one COPY for the whole write, fed through psycopg's queued
    writer: a thread sends the rows while the next chunk is being scored, so PostgreSQL ingests in parallel
    (the queue is bounded: 1,024 buffers of 32 KiB). Elsewhere executemany, chunk by chunk."""

    def __init__(self, cursor: Any, now: datetime, *, queued: bool = True) -> None:
        self.cursor = cursor
        self.queued = queued
        self.now = now
        self.stamp = now.isoformat()
        self.copy: Any = None
        self._copy_context: Any = None

    def __enter__(self) -> "_Inserter":
        if connection.vendor == "postgresql":
            raw = self.cursor.cursor
            self._copy_context = raw.copy(
                f"COPY {Match._meta.db_table} ({INSERT_COLUMNS}) FROM STDIN",  # noqa: S608 - constant names
                writer=QueuedLibpqWriter(raw) if self.queued else None,
            )
            self.copy = self._copy_context.__enter__()
        return self

    def add(self, rows: list[tuple[int, int, float, float, str]]) -> None:
        if self.copy is not None:
            self.copy.write(_copy_text(rows, self.stamp))
        else:
            self.cursor.executemany(
                f"INSERT INTO {Match._meta.db_table} ({INSERT_COLUMNS}) "  # noqa: S608 - constant names
                "VALUES (%s, %s, %s, %s, %s, %s, %s, 'new', '', '')",
                [(self.now, self.now, *row) for row in rows],
            )

    def __exit__(self, *exc: object) -> None:
        if self._copy_context is not None:
            self._copy_context.__exit__(*exc)


def _insert(rows: list[tuple[int, int, float, float, str]], now: datetime) -> None:
    with connection.cursor() as cursor, _Inserter(cursor, now, queued=False) as inserter:
        inserter.add(rows)


def _update(ids: list[int], rows: list[tuple[int, int, float, float, str]], now: datetime) -> None:
    table = Match._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and len(ids) >= BULK_UPDATE_MIN_ROWS:
            # one statement instead of one per row: the new values into a temporary table, then UPDATE ... FROM
            cursor.execute(
                "CREATE TEMPORARY TABLE IF NOT EXISTS market_match_changes "
                "(id bigint, score double precision, distance_km double precision, breakdown text)"
            )
            cursor.execute("TRUNCATE market_match_changes")
            text = "".join(
                f"{match_id}\t{score}\t{distance}\t{data.replace(BACKSLASH, BACKSLASH * 2)}\n"
                for match_id, (_, _, score, distance, data) in zip(ids, rows, strict=True)
            )
            with cursor.cursor.copy("COPY market_match_changes FROM STDIN") as copy:
                copy.write(text)
            cursor.execute(
                f"UPDATE {table} AS m SET score = c.score, distance_km = c.distance_km, "  # noqa: S608
                "breakdown = c.breakdown, updated_at = %s FROM market_match_changes AS c WHERE m.id = c.id",
                [now],
            )
            return
        cursor.executemany(
            f"UPDATE {table} SET score = %s, distance_km = %s, breakdown = %s, updated_at = %s WHERE id = %s",  # noqa: S608
            [
                (score, distance, data, now, match_id)
                for match_id, (_, _, score, distance, data) in zip(ids, rows, strict=True)
            ],
        )


def _deferrable_indexes() -> tuple[list[models.Index], list[models.UniqueConstraint]]:
    """The match table's secondary indexes a bulk fill may build afterwards (not the partial ones)."""
    indexes = [index for index in Match._meta.indexes if index.condition is None]
    constraints = [c for c in Match._meta.constraints if isinstance(c, models.UniqueConstraint) and c.condition is None]
    return indexes, constraints


@contextmanager
def _indexes_built_after(enabled: bool) -> Iterator[None]:
    """When enabled (PostgreSQL, a bulk fill): in one transaction, drop the match table's secondary indexes and
    unique pair constraint, let the caller write, then build them again (a sort of the whole table is far
    cheaper than inserting a million rows into three b-trees). The table is locked for the transaction: readers
    and single-post matching wait for the end of the write. Otherwise nothing happens."""
    if not enabled:
        yield
        return
    indexes, constraints = _deferrable_indexes()
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
            # deferred foreign-key checks (Django's, e.g. agreed_by) run at once from here: ALTER TABLE refuses
            # to run while the transaction has pending trigger events
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        with connection.schema_editor(atomic=False) as editor:
            for constraint in constraints:
                editor.remove_constraint(Match, constraint)
            for index in indexes:
                editor.remove_index(Match, index)
        yield
        with connection.schema_editor(atomic=False) as editor:
            for constraint in constraints:
                editor.add_constraint(Match, constraint)
            for index in indexes:
                editor.add_index(Match, index)
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")  # back to Django's initially deferred checks


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
    bulk: bool = False,
) -> WriteResult:
    """Make the stored matches (within `existing`) equal to the selected pairs, touching only what changed.

    `bulk` (a full re-match): a large fill builds the secondary indexes after the rows (_indexes_built_after).
    """
    now = timezone.now()
    result = WriteResult()
    keys = o.ids[oi].astype(np.int64) * SHIFT + r.ids[ri].astype(np.int64)
    position = np.searchsorted(existing.keys, keys)
    position = np.minimum(position, max(len(existing.keys) - 1, 0))
    present = (existing.keys[position] == keys) if len(existing.keys) else np.zeros(len(keys), dtype=bool)
    fresh_count = int(len(keys) - present.sum())
    rebuild = (
        bulk
        and connection.vendor == "postgresql"
        and fresh_count >= REBUILD_MIN_ROWS
        and fresh_count > len(existing.keys)
    )
    with _indexes_built_after(rebuild):
        # deletions: stored, new, and not selected any more
        selected = np.zeros(len(existing.keys), dtype=bool)
        selected[position[present]] = True
        result.deleted = delete_new(existing.ids[~selected & existing.is_new])
        # insertions, chunk by chunk into one COPY
        fresh_rows = np.flatnonzero(~present)
        if len(fresh_rows) <= CHUNK:
            if len(fresh_rows):
                _insert(_row_values(context, o, r, oi[fresh_rows], ri[fresh_rows]), now)
                result.inserted += len(fresh_rows)
                if progress is not None:
                    progress(len(fresh_rows))
        else:
            with connection.cursor() as cursor, _Inserter(cursor, now) as inserter:
                for begin in range(0, len(fresh_rows), CHUNK):
                    part = fresh_rows[begin : begin + CHUNK]
                    inserter.add(_row_values(context, o, r, oi[part], ri[part]))
                    result.inserted += len(part)
                    if progress is not None:
                        progress(len(part))
        # updates of changed scores
        present_rows = np.flatnonzero(present)
        for begin in range(0, len(present_rows), CHUNK):
            part = present_rows[begin : begin + CHUNK]
            p_oi, p_ri, p_position = oi[part], ri[part], position[part]
            stored = existing.scores[p_position]
            totals = score_pairs(context, o, r, p_oi, p_ri).total
            changed = np.abs(totals - stored) > SCORE_TOLERANCE
            if changed.any():
                ids = [int(i) for i in existing.ids[p_position[changed]]]
                _update(ids, _row_values(context, o, r, p_oi[changed], p_ri[changed]), now)
                result.updated += int(changed.sum())
            result.unchanged += int((~changed).sum())
            if progress is not None:
                progress(len(part))
    if result.inserted:
        matches_found.send(sender=Match, created_at=now, count=result.inserted)
    return result
