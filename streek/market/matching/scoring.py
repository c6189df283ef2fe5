"""Score offer-request pairs, all criteria at once on arrays, and encode each pair's breakdown (compact JSON).

Every criterion gives a score from 0 to 1; the match score is their weighted mean. Scores are rounded where
their explanation is (a whole percent, a tenth of a km), so the stored number and the sentence agree. The
breakdown stores per criterion the score, the weight, an explanation code and its parameters, which
`selectors.matches.match_explanation` turns into a sentence in the reader's language.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..choices import MatchCriterion
from ..models.breakdown import WEIGHTS, compact_item, decode_breakdown
from .context import REL_NONE, SPEC_KEYS, MatchingContext
from .tables import PostTable

EARTH_RADIUS_KM = 6371.0088
CRITERIA = (
    MatchCriterion.PRODUCT,
    MatchCriterion.QUANTITY,
    MatchCriterion.PERIOD,
    MatchCriterion.DISTANCE,
    MatchCriterion.LABELS,
    MatchCriterion.SPEC,
    MatchCriterion.DELIVERY,
)
WEIGHT_ARRAY = np.array([WEIGHTS[c] for c in CRITERIA], dtype=np.float64)
TOTAL_WEIGHT = float(WEIGHT_ARRAY.sum())
# Units that cannot be compared score half: the parties must talk about it.
UNITS_DIFFER_SCORE = 0.5
BEYOND_RADIUS_SCORE = 0.3
BIG = 10**12


def haversine_km(lat1: np.ndarray, lon1: np.ndarray, lat2: np.ndarray, lon2: np.ndarray) -> np.ndarray:
    """Great-circle distance in km, element-wise (the same formula as streek.core.geo.haversine_km)."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    h = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(np.radians(lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(h)))


def overlap_days(o: PostTable, r: PostTable, oi: np.ndarray, ri: np.ndarray) -> np.ndarray:
    return np.clip(np.minimum(o.end[oi], r.end[ri]) - np.maximum(o.start[oi], r.start[ri]) + 1, 0, None)


def candidate_mask(
    context: MatchingContext, o: PostTable, r: PostTable, oi: np.ndarray, ri: np.ndarray, distance: np.ndarray
) -> np.ndarray:
    """The hard conditions: related product types, within the request's distance, periods overlap, two parties."""
    related = context.product_relation[o.type_row[oi], r.type_row[ri]] != REL_NONE
    return (
        related
        & (distance <= r.extra_a[ri])
        & (np.minimum(o.end[oi], r.end[ri]) >= np.maximum(o.start[oi], r.start[ri]))
        & (o.organisation[oi] != r.organisation[ri])
    )


def _popcount(words: np.ndarray) -> np.ndarray:
    counts = np.bitwise_count(words)
    return counts.sum(axis=-1) if words.ndim > 1 else counts


@dataclass
class PairScores:
    """Scores of pairs (oi[j], ri[j]): per criterion (7, n), in total (n), and the explanations' numbers."""

    oi: np.ndarray
    ri: np.ndarray
    distance: np.ndarray
    total: np.ndarray
    scores: np.ndarray
    codes: np.ndarray
    quantity_percent: np.ndarray
    overlap: np.ndarray
    period_percent: np.ndarray
    km10: np.ndarray

    def __len__(self) -> int:
        return len(self.oi)


def score_pairs(
    context: MatchingContext,
    o: PostTable,
    r: PostTable,
    oi: np.ndarray,
    ri: np.ndarray,
    distance: np.ndarray | None = None,
) -> PairScores:
    n = len(oi)
    if distance is None:
        distance = haversine_km(o.lat[oi], o.lon[oi], r.lat[ri], r.lon[ri])
    scores = np.zeros((len(CRITERIA), n), dtype=np.float64)
    codes = np.zeros((len(CRITERIA), n), dtype=np.int64)

    # product: exact type, a narrower one (apples for fruit) or a broader one (fruit for apples)
    ot, rt = o.type_row[oi], r.type_row[ri]
    scores[0] = context.product_score[ot, rt]
    codes[0] = context.product_relation[ot, rt]

    # period: the share of the requested period (whole percent) the offer covers
    o_start, o_end, r_start, r_end = o.start[oi], o.end[oi], r.start[ri], r.end[ri]
    overlap = np.clip(np.minimum(o_end, r_end) - np.maximum(o_start, r_start) + 1, 0, None)
    period_percent = np.rint(100.0 * overlap / (r_end - r_start + 1)).astype(np.int64)
    scores[2] = np.minimum(period_percent, 100) / 100.0
    codes[2] = np.where(overlap <= 0, 2, np.where(period_percent >= 100, 0, 1))

    # quantity: offered over the common period against asked over it (whole percent), when units compare
    weeks = np.maximum(overlap, 7) / 7.0
    o_week, r_week = o.per_week[oi], r.per_week[ri]
    offered = np.where(o_week > 0, o.amount[oi] * o_week * weeks, o.amount[oi])
    asked = np.where(r_week > 0, r.amount[ri] * r_week * weeks, r.amount[ri])
    same_dimension = o.dimension[oi] == r.dimension[ri]
    quantity_percent = np.where(
        same_dimension, np.rint(np.minimum(100.0 * offered / np.maximum(asked, 1e-12), 1e7)), 0
    ).astype(np.int64)
    scores[1] = np.where(same_dimension, np.minimum(quantity_percent, 100) / 100.0, UNITS_DIFFER_SCORE)
    codes[1] = np.where(~same_dimension, 2, np.where(quantity_percent >= 100, 0, 1))

    # distance (a tenth of a km): 1 next door, 0 at the request's maximum distance
    km10 = np.rint(distance * 10).astype(np.int64)
    max_km = r.extra_a[ri]
    scores[3] = np.round(np.clip(1.0 - km10 / 10.0 / max_km, 0.0, 1.0), 3)
    codes[3] = np.where(distance <= max_km, 0, 1)

    # labels: the share of the required labels the offer carries (a narrower label satisfies a broader one)
    required_labels = r.labels[ri]
    required = _popcount(required_labels)
    satisfied = _popcount(o.labels[oi] & required_labels)
    scores[4] = np.where(required == 0, 1.0, np.round(satisfied / np.maximum(required, 1), 3))
    codes[4] = np.where(required == 0, 0, np.where(satisfied == required, 1, 2))

    # preparation (washed, cut, packed...)
    r_spec = r.spec[ri]
    spec_required = np.bitwise_count(r_spec)
    spec_satisfied = np.bitwise_count(o.spec[oi] & r_spec)
    scores[5] = np.where(spec_required == 0, 1.0, np.round(spec_satisfied / np.maximum(spec_required, 1), 3))
    codes[5] = np.where(spec_required == 0, 0, np.where(spec_satisfied == spec_required, 1, 2))

    # delivery: wanted and offered within the offer's radius, offered but farther, pickup only; or collected
    wants = r.extra_b[ri] > 0
    delivers = o.extra_a[oi] > 0
    in_radius = distance <= o.extra_b[oi]
    delivery_code = np.where(~wants, 3, np.where(delivers & in_radius, 0, np.where(delivers, 1, 2)))
    scores[6] = np.array([1.0, BEYOND_RADIUS_SCORE, 0.0, 1.0])[delivery_code]
    codes[6] = delivery_code

    total = np.round(WEIGHT_ARRAY @ scores / TOTAL_WEIGHT, 4)
    return PairScores(
        oi=oi,
        ri=ri,
        distance=distance,
        total=total,
        scores=scores,
        codes=codes,
        quantity_percent=quantity_percent,
        overlap=overlap,
        period_percent=period_percent,
        km10=km10,
    )


def total_scores(
    context: MatchingContext, o: PostTable, r: PostTable, oi: np.ndarray, ri: np.ndarray, distance: np.ndarray
) -> np.ndarray:
    """The match scores only (what ranking needs), equal to score_pairs(...).total, with fewer operations."""
    w = WEIGHT_ARRAY
    total = w[0] * context.product_score[o.type_row[oi], r.type_row[ri]]
    o_start, o_end, r_start, r_end = o.start[oi], o.end[oi], r.start[ri], r.end[ri]
    overlap = np.clip(np.minimum(o_end, r_end) - np.maximum(o_start, r_start) + 1, 0, None)
    total += w[2] * np.minimum(np.rint(100.0 * overlap / (r_end - r_start + 1)), 100) / 100.0
    weeks = np.maximum(overlap, 7) / 7.0
    o_week, r_week = o.per_week[oi], r.per_week[ri]
    offered = np.where(o_week > 0, o.amount[oi] * o_week * weeks, o.amount[oi])
    asked = np.where(r_week > 0, r.amount[ri] * r_week * weeks, r.amount[ri])
    quantity = np.minimum(np.rint(np.minimum(100.0 * offered / np.maximum(asked, 1e-12), 1e7)), 100) / 100.0
    total += w[1] * np.where(o.dimension[oi] == r.dimension[ri], quantity, UNITS_DIFFER_SCORE)
    max_km = r.extra_a[ri]
    total += w[3] * np.round(np.clip(1.0 - np.rint(distance * 10) / 10.0 / max_km, 0.0, 1.0), 3)
    required_labels = r.labels[ri]
    required = _popcount(required_labels)
    satisfied = _popcount(o.labels[oi] & required_labels)
    total += w[4] * np.where(required == 0, 1.0, np.round(satisfied / np.maximum(required, 1), 3))
    r_spec = r.spec[ri]
    spec_required = np.bitwise_count(r_spec)
    spec_satisfied = np.bitwise_count(o.spec[oi] & r_spec)
    total += w[5] * np.where(spec_required == 0, 1.0, np.round(spec_satisfied / np.maximum(spec_required, 1), 3))
    wants = r.extra_b[ri] > 0
    delivers = o.extra_a[oi] > 0
    delivery = np.where(
        ~wants | (delivers & (distance <= o.extra_b[oi])), 1.0, np.where(delivers, BEYOND_RADIUS_SCORE, 0.0)
    )
    total += w[6] * delivery
    return np.round(total / TOTAL_WEIGHT, 4)


def _fragment(criterion: str, score: float, code_number: int, params: tuple[Any, ...] = ()) -> str:
    """One criterion's item in the stored form (models/breakdown.py): [score,code number,parameter values...]."""
    return compact_item(score, code_number, params)


def _by_key(keys: np.ndarray, make: Callable[[int], str]) -> np.ndarray:
    """One fragment per distinct key (made from the first pair with it), spread back over all pairs."""
    _, first, inverse = np.unique(keys, return_index=True, return_inverse=True, axis=0 if keys.ndim > 1 else None)
    fragments = np.array([make(int(j)) for j in first], dtype=object)
    return fragments[inverse.ravel()]


def breakdown_json(context: MatchingContext, o: PostTable, r: PostTable, ps: PairScores) -> list[str]:
    """The breakdown of every pair in its stored text form (models/breakdown.py: a JSON list in criterion
    order), formatting each distinct explanation once."""
    if len(ps) == 0:
        return []
    oi, ri, codes, scores = ps.oi, ps.ri, ps.codes, ps.scores
    product, quantity, period, distance, labels, spec, delivery = (str(c) for c in CRITERIA)

    def simple(number: int, criterion: str) -> Callable[[int], str]:
        return lambda j: _fragment(criterion, float(scores[number, j]), int(codes[number, j]))

    def quantity_fragment(j: int) -> str:
        params: tuple[Any, ...]
        if codes[1, j] == 2:
            params = (
                context.unit_keys.get(int(o.unit_id[oi[j]]), ""),
                context.unit_keys.get(int(r.unit_id[ri[j]]), ""),
            )
        else:
            params = (int(ps.quantity_percent[j]),)
        return _fragment(quantity, float(scores[1, j]), int(codes[1, j]), params)

    def period_fragment(j: int) -> str:
        params = (int(ps.overlap[j]), int(ps.period_percent[j]))
        return _fragment(period, float(scores[2, j]), int(codes[2, j]), params)

    def distance_fragment(j: int) -> str:
        params = (int(ps.km10[j]) / 10, int(r.extra_a[ri[j]]))
        return _fragment(distance, float(scores[3, j]), int(codes[3, j]), params)

    missing_labels = r.labels[ri] & ~o.labels[oi]

    def labels_fragment(j: int) -> str:
        params = (context.facet_keys_of(missing_labels[j]),) if codes[4, j] == 2 else ()
        return _fragment(labels, float(scores[4, j]), int(codes[4, j]), params)

    missing_spec = (r.spec[ri] & ~o.spec[oi]).astype(np.int64)

    def spec_fragment(j: int) -> str:
        missing = int(missing_spec[j])
        keys = [key for bit, key in enumerate(SPEC_KEYS) if missing >> bit & 1]
        params = (keys,) if codes[5, j] == 2 else ()
        return _fragment(spec, float(scores[5, j]), int(codes[5, j]), params)

    radius = np.where(np.isfinite(o.extra_b[oi]), o.extra_b[oi], 0).astype(np.int64)

    def delivery_fragment(j: int) -> str:
        params = (int(radius[j]),) if codes[6, j] == 1 else ()
        return _fragment(delivery, float(scores[6, j]), int(codes[6, j]), params)

    unit_pair = o.unit_id[oi] * 1_000_000 + r.unit_id[ri]
    columns = [
        _by_key(codes[0] * 1000 + np.rint(scores[0] * 1000).astype(np.int64), simple(0, product)),
        _by_key(codes[1] * BIG + np.where(codes[1] == 2, unit_pair, ps.quantity_percent), quantity_fragment),
        _by_key(codes[2] * BIG + ps.overlap * 1000 + ps.period_percent, period_fragment),
        _by_key(codes[3] * BIG + ps.km10 * 1000 + r.extra_a[ri].astype(np.int64), distance_fragment),
        _by_key(
            np.column_stack([codes[4].astype(np.uint64), np.where(codes[4, :, None] == 2, missing_labels, 0)]),
            labels_fragment,
        ),
        _by_key(codes[5] * BIG + np.where(codes[5] == 2, missing_spec, 0), spec_fragment),
        _by_key(codes[6] * BIG + np.where(codes[6] == 1, radius, 0), delivery_fragment),
    ]
    return ["[" + ",".join(parts) + "]" for parts in zip(*columns, strict=True)]


def breakdown(context: MatchingContext, o: PostTable, r: PostTable, ps: PairScores, j: int) -> dict[str, Any]:
    """The breakdown of pair j as a dict (what Match.breakdown holds)."""
    return decode_breakdown(breakdown_json(context, o, r, ps)[j])
