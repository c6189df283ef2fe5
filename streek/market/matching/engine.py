"""The two ways matches are made: one post at once (when it is created or changed) and all posts (a command)."""

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from django.conf import settings
from django.db import connection
from django.db.models import ExpressionWrapper, F, FloatField, Q, Value
from django.utils import timezone

from streek.core.geo import Point, bbox_around

from ..choices import PostStatus
from ..models import MAX_DISTANCE_KM, Match, Offer, Request
from .candidates import KM_PER_DEG, select_top
from .context import MatchingContext, matching_context
from .scoring import candidate_mask, haversine_km, score_pairs
from .store import SHIFT, Existing, WriteResult, delete_new, load_existing, write_pairs
from .tables import PostTable, build_table, candidates_table, load_table, post_row

OFFER = "offer"
REQUEST = "request"


def top_k() -> int:
    """How many matches each post keeps (its best K), from the setting STREEK_MATCH_TOP_K (default 10)."""
    return int(getattr(settings, "STREEK_MATCH_TOP_K", 10))


@dataclass
class RematchResult:
    offers: int = 0
    requests: int = 0
    scored: int = 0
    kept: int = 0
    write: WriteResult = field(default_factory=WriteResult)
    seconds: dict[str, float] = field(default_factory=dict)


def rematch_all(
    *,
    k: int | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> RematchResult:
    """Match every active offer with every active request again; returns counts and timings.

    `progress(stage, done, total)` is called while candidates are scored ("match") and rows written ("write").
    """
    k = k or top_k()
    result = RematchResult()
    started = time.perf_counter()
    context = matching_context()
    offers = load_table(OFFER, Offer.objects.filter(status=PostStatus.ACTIVE), context, all_active=True)
    requests = load_table(REQUEST, Request.objects.filter(status=PostStatus.ACTIVE), context, all_active=True)
    result.offers, result.requests = len(offers), len(requests)
    result.seconds["load"] = time.perf_counter() - started

    mark = time.perf_counter()
    done = [0]

    def step(count: int) -> None:
        done[0] += count
        if progress is not None:
            progress("match", done[0], len(requests))

    selection = select_top(context, offers, requests, top_k=k, progress=step)
    result.scored, result.kept = selection.scored, len(selection.oi)
    result.seconds["match"] = time.perf_counter() - mark

    mark = time.perf_counter()
    existing = load_existing()
    written = [0]

    def write_step(count: int) -> None:
        written[0] += count
        if progress is not None:
            progress("write", written[0], len(selection.oi))

    result.write = write_pairs(
        context, offers, requests, selection.oi, selection.ri, existing, progress=write_step, bulk=True
    )
    result.seconds["write"] = time.perf_counter() - mark
    if _vacuum_after(result.write):
        mark = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM (ANALYZE) {Match._meta.db_table}")
        result.seconds["vacuum"] = time.perf_counter() - mark
    result.seconds["total"] = time.perf_counter() - started
    return result


VACUUM_MIN_ROWS = 10_000


def _vacuum_after(write: WriteResult) -> bool:
    """After a large write on PostgreSQL, outside a transaction: vacuum and analyse the match table at once rather
    than when autovacuum comes by, so that a new post's look-up of the best scores reads the (counterpart, score)
    indexes alone (the visibility map) and the planner knows the table's new size."""
    changed = write.inserted + write.updated + write.deleted
    return connection.vendor == "postgresql" and not connection.in_atomic_block and changed >= VACUUM_MIN_ROWS


def _period_q(start: date, end: date) -> Q:
    return Q(starts_on__lte=end) & (Q(ends_on__isnull=True) | Q(ends_on__gte=start))


def _within_q(point: Point, radius_km: float) -> Q:
    box = bbox_around(point, radius_km)
    return Q(lat__gte=box.south, lat__lte=box.north, lon__gte=box.west, lon__lte=box.east)


def _requests_reaching(point: Point) -> ExpressionWrapper:
    """Squared equirectangular distance (km²) to the point minus the request's squared maximum distance."""
    coslat = math.cos(math.radians(point.lat))
    dlat = (F("lat") - Value(point.lat)) * Value(KM_PER_DEG)
    dlon = (F("lon") - Value(point.lon)) * Value(KM_PER_DEG * coslat)
    # 2 % slack: the exact haversine test follows in Python
    reach = F("max_distance_km") * Value(1.02)
    return ExpressionWrapper(dlat * dlat + dlon * dlon - reach * reach, output_field=FloatField())


def clear_new_matches(*, kind: str, post_ids: list[int]) -> int:
    """Delete the matches nobody acted on of posts that left the board (withdrawn, expired)."""
    column = "offer_id" if kind == OFFER else "request_id"
    ids = np.array(
        list(Match.objects.filter(**{f"{column}__in": post_ids}, status="new").values_list("id", flat=True)),
        dtype=np.int64,
    )
    return delete_new(ids)


def _array_literal(values: list[int] | list[float]) -> str:
    """A PostgreSQL array literal of numbers (Python's repr of a float reads back as the same double): far
    cheaper to send than a list adapted element by element, for the thousands of counterparts of a broad type."""
    return "{" + ",".join(map(str, values)) + "}"


def _own_scores(kind: str, post_id: int, other_ids: np.ndarray, existing: Existing) -> np.ndarray:
    """The score of the post's stored match with each counterpart, -1 where it has none."""
    own = np.full(len(other_ids), -1.0)
    if len(existing.keys) == 0:
        return own
    keys = post_id * SHIFT + other_ids if kind == OFFER else other_ids * SHIFT + post_id
    at = np.searchsorted(existing.keys, keys)
    found = at < len(existing.keys)
    found[found] = existing.keys[at[found]] == keys[found]
    own[found] = existing.scores[at[found]]
    return own


def _entering(
    other_column: str, own_column: str, post_id: int, other_ids: np.ndarray, scores: np.ndarray, own: np.ndarray, k: int
) -> np.ndarray:
    """Which counterparts the post enters the best K of: those with fewer than k other matches scoring at least
    as much (one query). `own`: the score of the post's own stored match with each counterpart (-1: none), which
    is not one of the others.

    On PostgreSQL each counterpart reads at most k + 1 entries of its (counterpart, score) index and nothing of
    the table (the post's own match is subtracted with `own` instead of being filtered out by its column), with
    JIT compilation off: the planner's estimate for thousands of counterparts of a broad product type made
    PostgreSQL spend 10 ms compiling a query that runs in 30."""
    table = Match._meta.db_table
    if len(other_ids) == 0:
        return np.zeros(0, dtype=bool)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            if connection.in_atomic_block:
                cursor.execute("SET LOCAL jit = off")
            cursor.execute(
                "SELECT c.id FROM unnest(%s::bigint[], %s::float8[], %s::float8[]) AS c(id, score, own) "  # noqa: S608 - constant names
                f"WHERE (SELECT count(*) FROM (SELECT 1 FROM {table} AS m WHERE m.{other_column} = c.id "
                "AND m.score >= c.score LIMIT %s) AS better) - (c.own >= c.score)::int < %s",
                [
                    _array_literal(other_ids.tolist()),
                    _array_literal(scores.tolist()),
                    _array_literal(own.tolist()),
                    k + 1,
                    k,
                ],
            )
            entering = np.array([row[0] for row in cursor.fetchall()], dtype=np.int64)
            return np.isin(other_ids, entering)
        floors: dict[int, tuple[int, float]] = {}
        ids = [int(i) for i in other_ids]
        for begin in range(0, len(ids), 5000):
            chunk = ids[begin : begin + 5000]
            placeholders = ", ".join(["%s"] * len(chunk))
            cursor.execute(
                f"SELECT {other_column}, COUNT(*), MIN(score) FROM ("  # noqa: S608 - constant names
                f"SELECT {other_column}, score, ROW_NUMBER() OVER (PARTITION BY {other_column} ORDER BY score DESC) AS n "
                f"FROM {table} WHERE {other_column} IN ({placeholders}) AND {own_column} <> %s"
                f") AS ranked WHERE n <= %s GROUP BY {other_column}",
                [*chunk, post_id, k],
            )
            for other_id, count, kth in cursor.fetchall():
                floors[int(other_id)] = (int(count), float(kth))
    result = np.zeros(len(ids), dtype=bool)
    for j, other_id in enumerate(ids):
        count, kth = floors.get(other_id, (0, 0.0))
        result[j] = count < k or scores[j] > kth
    return result


def _other_side(context: MatchingContext, kind: str, me: PostTable, post_id: int) -> PostTable:
    """The active posts of the other side that may match the post (product family, common period, another
    organisation, within reach: the request's maximum distance), in one query."""
    point = Point(float(me.lat[0]), float(me.lon[0]))
    start = date.fromordinal(int(me.start[0]))
    end = date.fromordinal(int(me.end[0]))
    family = context.family_type_ids(context.type_ids[int(me.type_row[0])])
    organisation_id = int(me.organisation[0])
    # offers reach every request within the request's own distance; a request reaches offers within its own
    radius = MAX_DISTANCE_KM if kind == OFFER else float(me.extra_a[0])
    if connection.vendor == "postgresql":
        return candidates_table(
            REQUEST if kind == OFFER else OFFER,
            context,
            type_ids=family,
            start=start,
            end=end,
            organisation_id=organisation_id,
            box=bbox_around(point, radius),
            reaching=(point.lat, point.lon) if kind == OFFER else None,
        )
    other_filter = Q(status=PostStatus.ACTIVE, product_type_id__in=family) & _period_q(start, end)
    other_filter &= ~Q(organisation_id=organisation_id) & _within_q(point, radius)
    if kind == OFFER:
        qs = Request.objects.filter(other_filter).alias(reach=_requests_reaching(point)).filter(reach__lte=0)
        return load_table(REQUEST, qs, context)
    return load_table(OFFER, Offer.objects.filter(other_filter), context)


def _match_table(
    context: MatchingContext, kind: str, me: PostTable, post_id: int, existing: Existing, k: int
) -> WriteResult:
    own_column, other_column = ("offer_id", "request_id") if kind == OFFER else ("request_id", "offer_id")
    other = _other_side(context, kind, me, post_id)
    if kind == OFFER:
        o, r = me, other
        oi, ri = np.zeros(len(other), dtype=np.int64), np.arange(len(other))
    else:
        o, r = other, me
        oi, ri = np.arange(len(other)), np.zeros(len(other), dtype=np.int64)
    distance = haversine_km(o.lat[oi], o.lon[oi], r.lat[ri], r.lon[ri])
    ok = candidate_mask(context, o, r, oi, ri, distance)
    oi, ri, distance = oi[ok], ri[ok], distance[ok]
    other_rows = ri if kind == OFFER else oi
    totals = score_pairs(context, o, r, oi, ri, distance).total
    other_ids = other.ids[other_rows]
    # the post's own best K
    order = np.lexsort((other_ids, -totals))
    keep = np.zeros(len(totals), dtype=bool)
    keep[order[:k]] = True
    # pairs that enter the counterpart's best K
    rest = np.flatnonzero(~keep)
    if len(rest):
        own = _own_scores(kind, post_id, other_ids[rest], existing)
        keep[rest] = _entering(other_column, own_column, post_id, other_ids[rest], totals[rest], own, k)
    return write_pairs(context, o, r, oi[keep], ri[keep], existing)


def match_post(*, kind: str, post_id: int, k: int | None = None) -> WriteResult:
    """Match one post (just created or changed) against the active posts of the other side.

    Keeps the post's best K and, for each counterpart, the pair when it enters that counterpart's best K.
    Pairs that dropped out of the post's own list are deleted (when still new); the counterparts' lists are
    pruned by the next full re-match.
    """
    return _match_stored(kind, post_id, k or top_k(), matching_context(), mark_matched=True)


def _match_stored(kind: str, post_id: int, k: int, context: MatchingContext, *, mark_matched: bool) -> WriteResult:
    model = Offer if kind == OFFER else Request
    me = load_table(kind, model.objects.filter(pk=post_id, status=PostStatus.ACTIVE), context)
    if len(me) == 0:
        return WriteResult(deleted=clear_new_matches(kind=kind, post_ids=[post_id]))
    own_column = "offer_id" if kind == OFFER else "request_id"
    result = _match_table(context, kind, me, post_id, load_existing({own_column: post_id}), k)
    if mark_matched:
        model.objects.filter(pk=post_id).update(matched_at=timezone.now())
    return result


def match_saved_post(
    *,
    kind: str,
    post: Offer | Request,
    label_ids: list[int] | None,
    created: bool,
    context: MatchingContext | None = None,
    k: int | None = None,
) -> WriteResult:
    """match_post for a post its caller has just saved, in the same transaction, with its matched_at set: the
    post is read from the instance instead of the database, and a post `created` in this transaction has no
    stored matches to compare with. `label_ids`: the post's labels as saved, None when unknown (then the post
    is read from the database)."""
    k = k or top_k()
    context = context or matching_context()
    if label_ids is None:
        return _match_stored(kind, post.pk, k, context, mark_matched=False)
    if post.status != PostStatus.ACTIVE:
        return WriteResult(deleted=clear_new_matches(kind=kind, post_ids=[post.pk]))
    me = build_table(kind, [post_row(kind, post)], {post.pk: label_ids} if label_ids else {}, context)
    if len(me) == 0:
        return WriteResult(deleted=0 if created else clear_new_matches(kind=kind, post_ids=[post.pk]))
    own_column = "offer_id" if kind == OFFER else "request_id"
    existing = Existing.from_rows([]) if created else load_existing({own_column: post.pk})
    return _match_table(context, kind, me, post.pk, existing, k)


__all__ = [
    "OFFER",
    "REQUEST",
    "PostTable",
    "RematchResult",
    "clear_new_matches",
    "match_post",
    "match_saved_post",
    "rematch_all",
]
