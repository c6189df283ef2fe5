"""Full re-match: candidate pairs by product family and a grid of cells, scored in blocks, top K kept per post.

Offers are sorted by (product type, cell row, cell column). For the requests of one product type, every
(request, family type, cell row) gives one contiguous range of that sorted array (the cells of the row within
the request's reach), found with a binary search; the ranges are expanded into candidate pairs, filtered on
the exact distance, the period and the two parties, and scored, all as array operations. The best K offers of
each request are final at once (all of a request's candidates are in its block); the best K requests of each
offer are merged into a running (offers x K) table. Memory stays O(posts x K + block), whatever the number of
candidate pairs.
"""

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np

from .context import MatchingContext
from .scoring import haversine_km, total_scores
from .tables import PostTable

CELL_DEG = 0.225  # about 25 km north-south
KM_PER_DEG = 111.195
OFFSET = 2048
# Candidate pairs expanded at once (before filtering); a block with more is split by requests.
MAX_PAIRS = 3_000_000
SCALE = 10000  # scores have four decimals


def _cell(values: np.ndarray) -> np.ndarray:
    return np.floor(values / CELL_DEG).astype(np.int64) + OFFSET


def _key(type_row: np.ndarray, cy: np.ndarray, cx: np.ndarray) -> np.ndarray:
    return (type_row * 4096 + cy) * 4096 + cx


@dataclass
class Selection:
    """Pairs (offer row, request row) kept: the union of each request's and each offer's best K."""

    oi: np.ndarray
    ri: np.ndarray
    scored: int  # candidate pairs scored


def ranks_in_runs(groups: np.ndarray) -> np.ndarray:
    """Rank within runs of equal values of a sorted array: [5,5,7,7,7] -> [0,1,0,1,2]."""
    if len(groups) == 0:
        return groups
    starts = np.r_[0, np.flatnonzero(np.diff(groups)) + 1]
    lengths = np.diff(np.r_[starts, len(groups)])
    return np.arange(len(groups)) - np.repeat(starts, lengths)


def _expand(starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Positions start..start+count-1 of every range, concatenated."""
    total = int(counts.sum())
    if total == 0:
        return np.array([], dtype=np.int64)
    offsets = np.repeat(np.cumsum(counts) - counts, counts)
    return np.arange(total, dtype=np.int64) - offsets + np.repeat(starts, counts)


class OfferGrid:
    """Offers sorted by (type, cell row, cell column) for range look-ups."""

    def __init__(self, o: PostTable) -> None:
        keys = _key(o.type_row, _cell(o.lat), _cell(o.lon))
        self.order = np.argsort(keys, kind="stable")
        self.keys = keys[self.order]

    def candidates(
        self, context: MatchingContext, r: PostTable, rows: np.ndarray, type_row: int
    ) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        """(offer rows, request rows) of the candidate pairs of requests `rows` (all of product type `type_row`),
        in blocks of at most MAX_PAIRS pairs."""
        family = context.family[type_row]
        reach = r.extra_a[rows]
        cy, cx = _cell(r.lat[rows]), _cell(r.lon[rows])
        ky = int(math.ceil(float(reach.max()) / (CELL_DEG * KM_PER_DEG)))
        edge = np.minimum(89.0, np.abs(r.lat[rows]) + reach / KM_PER_DEG + CELL_DEG)
        kx = np.ceil(reach / (CELL_DEG * KM_PER_DEG * np.cos(np.radians(edge)))).astype(np.int64)
        dy = np.arange(-ky, ky + 1)
        # (requests, family types, cell rows)
        row_cells = cy[:, None, None] + dy[None, None, :]
        types = family[None, :, None]
        low = _key(types, row_cells, (cx - kx)[:, None, None])
        high = _key(types, row_cells, (cx + kx)[:, None, None])
        starts = np.searchsorted(self.keys, low.ravel(), side="left")
        counts = np.searchsorted(self.keys, high.ravel(), side="right") - starts
        per_request = counts.reshape(len(rows), -1).sum(axis=1)
        ranges_per_request = low.shape[1] * low.shape[2]
        begin = 0
        while begin < len(rows):
            # as many requests as fit in MAX_PAIRS (at least one)
            cumulative = np.cumsum(per_request[begin:])
            end = begin + max(1, int(np.searchsorted(cumulative, MAX_PAIRS, side="right")))
            part = slice(begin * ranges_per_request, end * ranges_per_request)
            part_counts = counts[part]
            positions = _expand(starts[part], part_counts)
            request_of_range = np.repeat(np.arange(begin, end), ranges_per_request)
            yield self.order[positions], rows[np.repeat(request_of_range, part_counts)]
            begin = end


def select_top(
    context: MatchingContext,
    o: PostTable,
    r: PostTable,
    *,
    top_k: int,
    progress: Callable[[int], None] | None = None,
) -> Selection:
    """The best `top_k` offers of every request and the best `top_k` requests of every offer."""
    grid = OfferGrid(o)
    # cos of the request's latitude less the 2.5 degrees of the largest reach: never overestimates a distance
    coslat = np.cos(np.radians(np.minimum(89.0, np.abs(r.lat) + 2.5)))
    best_score = np.full((len(o), top_k), -1.0)
    best_request = np.full((len(o), top_k), -1, dtype=np.int64)
    kept_o: list[np.ndarray] = []
    kept_r: list[np.ndarray] = []
    scored = 0
    by_type = np.argsort(r.type_row, kind="stable")
    type_values, type_starts = np.unique(r.type_row[by_type], return_index=True)
    type_ends = np.r_[type_starts[1:], len(by_type)]
    for type_row, start, end in zip(type_values, type_starts, type_ends, strict=True):
        rows = by_type[start:end]
        for oi, ri in grid.candidates(context, r, rows, int(type_row)):
            # the family is right by construction: check period, parties, then distance (a cheap flat-earth
            # bound with 2 % slack first, the exact great-circle distance on what is left)
            ok = np.minimum(o.end[oi], r.end[ri]) >= np.maximum(o.start[oi], r.start[ri])
            ok &= o.organisation[oi] != r.organisation[ri]
            oi, ri = oi[ok], ri[ok]
            dlat = o.lat[oi] - r.lat[ri]
            dlon = (o.lon[oi] - r.lon[ri]) * coslat[ri]
            reach = r.extra_a[ri] * 1.02 / KM_PER_DEG
            ok = dlat * dlat + dlon * dlon <= reach * reach
            oi, ri = oi[ok], ri[ok]
            distance = haversine_km(o.lat[oi], o.lon[oi], r.lat[ri], r.lon[ri])
            ok = distance <= r.extra_a[ri]
            oi, ri, distance = oi[ok], ri[ok], distance[ok]
            if len(oi) == 0:
                continue
            scored += len(oi)
            total = total_scores(context, o, r, oi, ri, distance)
            # best first within a post: sort on (post row, 10000 - score in 1/10000), stable
            worse = SCALE - np.rint(total * SCALE).astype(np.int64)
            # each request's best K (all of a request's candidates are in this block)
            by_request = np.argsort(ri * (SCALE + 1) + worse, kind="stable")
            keep = by_request[ranks_in_runs(ri[by_request]) < top_k]
            kept_o.append(oi[keep])
            kept_r.append(ri[keep])
            # each offer's best K so far
            by_offer = np.argsort(oi * (SCALE + 1) + worse, kind="stable")
            ranks = ranks_in_runs(oi[by_offer])
            chosen = by_offer[ranks < top_k]
            rank = ranks[ranks < top_k]
            unique, inverse = np.unique(oi[chosen], return_inverse=True)
            new_score = np.full((len(unique), top_k), -1.0)
            new_request = np.full((len(unique), top_k), -1, dtype=np.int64)
            new_score[inverse, rank] = total[chosen]
            new_request[inverse, rank] = ri[chosen]
            merged_score = np.hstack([best_score[unique], new_score])
            merged_request = np.hstack([best_request[unique], new_request])
            best = np.argsort(-merged_score, axis=1, kind="stable")[:, :top_k]
            best_score[unique] = np.take_along_axis(merged_score, best, axis=1)
            best_request[unique] = np.take_along_axis(merged_request, best, axis=1)
        if progress is not None:
            progress(len(rows))
    offer_rows, slots = np.nonzero(best_request >= 0)
    all_o = np.concatenate([*kept_o, offer_rows])
    all_r = np.concatenate([*kept_r, best_request[offer_rows, slots]])
    keys = np.sort(all_o.astype(np.int64) * (1 << 31) + all_r.astype(np.int64))
    keys = keys[np.r_[True, keys[1:] != keys[:-1]]] if len(keys) else keys
    return Selection(oi=keys // (1 << 31), ri=keys % (1 << 31), scored=scored)
