"""What the engine needs from the taxonomies, as arrays: product-type families, label ancestors, unit factors."""

import copy
from dataclasses import dataclass, field

import numpy as np
from django.db import connection

from streek.catalog.models import Concept

from ..choices import SpecOption
from ..quantities import UNIT_FACTORS

# Product relation codes (offer type against request type).
REL_NONE, REL_EXACT, REL_NARROWER, REL_BROADER = 0, 1, 2, 3
REL_CODES = {REL_EXACT: "exact", REL_NARROWER: "narrower", REL_BROADER: "broader"}
# Score of the product criterion by relation and distance in the tree: an offer of a narrower type (apples for
# a request of fruit) fits; an offer of a broader type (fruit for a request of apples) may hold what is asked.
NARROWER_SCORES = (1.0, 0.9, 0.8)
BROADER_SCORES = (1.0, 0.6, 0.5)
SPEC_BITS = {value: 1 << number for number, value in enumerate(SpecOption.values)}
SPEC_KEYS = list(SpecOption.values)
# The quantity units among the measures (what a post's unit may be).
UNIT_PATH_PREFIX = "Unit/QuantityUnit/"


def spec_mask(values: object) -> int:
    mask = 0
    if isinstance(values, list):
        for value in values:
            mask |= SPEC_BITS.get(str(value), 0)
    return mask


@dataclass
class MatchingContext:
    """Product types, facets and units indexed for vectorised lookups. Built once per process and per change."""

    type_index: dict[int, int]  # concept id -> row in the matrices
    type_ids: list[int]  # row -> concept id
    type_keys: list[str]
    family: list[np.ndarray]  # type row -> rows of the same, broader and narrower types
    product_score: np.ndarray  # (offer type row, request type row) -> score 0-1
    product_relation: np.ndarray  # (offer type row, request type row) -> REL_*
    facet_words: int
    facet_keys: list[str]  # bit -> facet key
    facet_bit: dict[int, int]  # facet id -> bit
    facet_closure: dict[int, list[int]]  # facet id -> bits of itself and its broader facets
    unit_dimension: dict[int, tuple[int, float]]  # unit id -> (dimension code, factor to the base unit)
    unit_keys: dict[int, str]
    dimension_names: list[str]
    # by concept id (dense arrays, -1 / nan when not a product type / unit): for loading posts as arrays
    type_row_by_id: np.ndarray
    dimension_by_id: np.ndarray
    factor_by_id: np.ndarray
    # what posting reads by key (product types, quantity units, facets), so it needs no query of its own
    concepts: dict[tuple[str, str], Concept] = field(default_factory=dict)

    def concept(self, scheme: str, key: str) -> Concept | None:
        """The product type ("product_type"), quantity unit ("measure") or facet ("facet") with that key, as a
        copy of the instance loaded with the context (the caller may change it), or None."""
        found = self.concepts.get((scheme, key))
        return copy.copy(found) if found is not None else None

    def type_rows(self, concept_ids: np.ndarray) -> np.ndarray:
        """Row in the matrices of each product type id, -1 when unknown."""
        return _lookup(self.type_row_by_id, concept_ids, -1)

    def unit_rows(self, concept_ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(dimension code, factor to the base unit) of each unit id; dimension -1 when unknown."""
        return _lookup(self.dimension_by_id, concept_ids, -1), _lookup(self.factor_by_id, concept_ids, 1.0)

    def facet_mask(self, facet_ids: list[int], closure: bool) -> np.ndarray:
        words = np.zeros(self.facet_words, dtype=np.uint64)
        for facet_id in facet_ids:
            bits = self.facet_closure.get(facet_id, []) if closure else [self.facet_bit.get(facet_id, -1)]
            for bit in bits:
                if bit >= 0:
                    words[bit // 64] |= np.uint64(1) << np.uint64(bit % 64)
        return words

    def facet_keys_of(self, words: np.ndarray) -> list[str]:
        keys = []
        for bit, key in enumerate(self.facet_keys):
            if int(words[bit // 64]) >> (bit % 64) & 1:
                keys.append(key)
        return keys

    def family_type_ids(self, type_id: int) -> list[int]:
        """The concept ids of the type, its broader and its narrower types."""
        row = self.type_index.get(type_id)
        if row is None:
            return []
        return [self.type_ids[int(other)] for other in self.family[row]]


def _lookup(table: np.ndarray, ids: np.ndarray, missing: float) -> np.ndarray:
    inside = (ids >= 0) & (ids < len(table))
    return np.where(inside, table[np.where(inside, ids, 0)], missing).astype(table.dtype)


def _dense(values: dict[int, float], missing: float, dtype: type) -> np.ndarray:
    table: np.ndarray = np.full(max(values, default=0) + 1, missing, dtype=dtype)
    for concept_id, value in values.items():
        table[concept_id] = value
    return table


def _build() -> MatchingContext:
    instances = list(Concept.objects.order_by("scheme", "path"))
    rows = [(c.pk, c.scheme, c.key, c.path, c.broader_id) for c in instances]
    types = [(cid, key, path) for cid, scheme, key, path, _ in rows if scheme == "product_type"]
    type_index = {cid: n for n, (cid, _, _) in enumerate(types)}
    paths = [path.split("/") for _, _, path in types]
    count = len(types)
    score = np.zeros((count, count), dtype=np.float64)
    relation = np.zeros((count, count), dtype=np.int8)
    path_rows = {tuple(p): n for n, p in enumerate(paths)}
    family: list[list[int]] = [[] for _ in range(count)]
    for n, path in enumerate(paths):
        ancestors = [path_rows[tuple(path[:size])] for size in range(1, len(path)) if tuple(path[:size]) in path_rows]
        relation[n, n] = REL_EXACT
        score[n, n] = 1.0
        family[n].append(n)
        for a in ancestors:
            steps = len(path) - len(paths[a])
            # offer n (narrower) for request a (broader)
            relation[n, a] = REL_NARROWER
            score[n, a] = NARROWER_SCORES[min(steps, 2)]
            # offer a (broader) for request n (narrower)
            relation[a, n] = REL_BROADER
            score[a, n] = BROADER_SCORES[min(steps, 2)]
            family[n].append(a)
            family[a].append(n)
    facets = [(cid, key, path) for cid, scheme, key, path, _ in rows if scheme == "facet"]
    facet_bit = {cid: n for n, (cid, _, _) in enumerate(facets)}
    facet_by_path = {facet_path: cid for cid, _, facet_path in facets}
    closure: dict[int, list[int]] = {}
    for cid, _, facet_path in facets:
        parts = facet_path.split("/")
        bits = [facet_bit[cid]]
        for size in range(1, len(parts)):
            parent = facet_by_path.get("/".join(parts[:size]))
            if parent is not None:
                bits.append(facet_bit[parent])
        closure[cid] = bits
    dimension_names: list[str] = []
    unit_dimension: dict[int, tuple[int, float]] = {}
    unit_keys: dict[int, str] = {}
    for cid, scheme, key, _, _ in rows:
        if scheme != "measure":
            continue
        name, factor = UNIT_FACTORS.get(key, (f"unit:{key}", 1.0))
        if name not in dimension_names:
            dimension_names.append(name)
        unit_dimension[cid] = (dimension_names.index(name), factor)
        unit_keys[cid] = key
    return MatchingContext(
        type_index=type_index,
        type_ids=[cid for cid, _, _ in types],
        type_keys=[key for _, key, _ in types],
        family=[np.array(sorted(set(f)), dtype=np.int64) for f in family],
        product_score=score,
        product_relation=relation,
        facet_words=max(1, (len(facets) + 63) // 64),
        facet_keys=[key for _, key, _ in facets],
        facet_bit=facet_bit,
        facet_closure=closure,
        unit_dimension=unit_dimension,
        unit_keys=unit_keys,
        dimension_names=dimension_names,
        type_row_by_id=_dense({cid: float(row) for cid, row in type_index.items()}, -1, np.int64),
        dimension_by_id=_dense({cid: float(d) for cid, (d, _) in unit_dimension.items()}, -1, np.int64),
        factor_by_id=_dense({cid: f for cid, (_, f) in unit_dimension.items()}, 1.0, np.float64),
        concepts={
            (c.scheme, c.key): c
            for c in instances
            if c.scheme in ("product_type", "facet") or (c.scheme == "measure" and c.path.startswith(UNIT_PATH_PREFIX))
        },
    )


_cache: dict[str, object] = {}


STAMP_SQL = f"SELECT MAX(updated_at), MAX(id), COUNT(*) FROM {Concept._meta.db_table}"  # noqa: S608 - constant


def matching_context() -> MatchingContext:
    """The context, rebuilt when the concepts changed (one small query to check: the latest change, the highest
    id and the count, so an edit, an addition and a deletion all show)."""
    with connection.cursor() as cursor:
        cursor.execute(STAMP_SQL)
        key = repr(cursor.fetchone())
    if _cache.get("key") != key:
        _cache["context"] = _build()
        _cache["key"] = key
    context = _cache["context"]
    assert isinstance(context, MatchingContext)  # noqa: S101 - set just above
    return context
