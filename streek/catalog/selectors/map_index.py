"""A per-process index of the public sales points, so that a map viewport costs no query (ADR 0011).

Each worker process keeps the public points (ids, positions, types and statuses in numpy arrays sorted by latitude,
each point's JSON pieces pre-encoded) and, per filter set, a boolean mask over them (one query: the ids that match
the filters without the viewport). A viewport is then a binary search on the latitude, a mask on the longitude and
the filters, and a join of pre-encoded text.

The index belongs to one *generation* of the directory (streek.catalog.directory_cache): every catalogue write
service calls `directory_changed()`, which replaces the generation in the shared response cache store after its
transaction commits; the next map request of every worker sees the new generation and rebuilds. An index is also
rebuilt after `settings.STREEK_MAP_INDEX_SECONDS` (writes that bypass the services: the admin, demo builders) and
is off when that is 0 or when there is no shared store for the generation (the test settings). Filters that depend
on the clock (open now) always take the query path, and so does a map request that finds the index stale less than
REBUILD_SECONDS after it was built (a burst of writes costs queries, not a rebuild per write in every worker).

Memory: about 31 MB per worker for 94,000 public points (the API's JSON text of each point is most of it), plus
0.1 MB per kept filter mask and up to about 1 MB per kept grid.
"""

import contextlib
import json
import math
import sys
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from json.encoder import encode_basestring_ascii  # type: ignore[attr-defined]
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt
from django.conf import settings

from streek.core.response_cache import response_cache_generation

from ..choices import PUBLIC_STATUSES
from ..directory_cache import DIRECTORY
from ..models import SalesPoint

if TYPE_CHECKING:
    from .sales_points import SalesPointFilters

# (cell row, cell column, number of points, mean latitude, mean longitude)
GridCell = tuple[int, int, int, float, float]
IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
# Masks (per filter set) and grids (per filter set and zoom level) kept per index, least recently used dropped.
MAX_MASKS = 64
MAX_GRIDS = 128
DEFAULT_SECONDS = 120
# A stale index is rebuilt at most once per this many seconds (about 0.6 s of CPU for 100,000 points).
REBUILD_SECONDS = 10

_dumps = json.dumps
# What json.dumps uses for a string (ensure_ascii): the C encoder when available.
_quote: Callable[[str], str] = encode_basestring_ascii


def point_head(pk: int, slug: str, name: str, type_: str) -> str:
    """The start of a point's JSON object up to and including the separator after its type.

    Every piece is encoded as json.dumps would encode the whole object (default separators, ASCII only), so that
    an answer joined from pieces is byte for byte the answer json.dumps gives for the same dictionaries.
    """
    return f'{{"id": {pk}, "slug": {_quote(slug)}, "name": {_quote(name)}, "type": {_quote(type_)}, '


def escaped(text: str) -> str:
    """The text as inside a JSON string (json.dumps escapes character by character)."""
    return _quote(text)[1:-1]


def point_position(lat: float, lon: float) -> str:
    return f'"lat": {float(lat)!r}, "lon": {float(lon)!r}'


def cell_json(lat: float, lon: float, count: int) -> str:
    return f'{{"lat": {lat!r}, "lon": {lon!r}, "count": {count}}}'


def cells_json(cells: Sequence[GridCell]) -> str:
    """Clusters as the JSON array of {"lat", "lon", "count"} objects."""
    return "[" + ", ".join(cell_json(lat, lon, n) for _y, _x, n, lat, lon in cells) + "]"


@dataclass(eq=False)
class WholeGrid:
    """The clusters of all matching points at one cell size, sorted by cell, each with its JSON."""

    cells: list[GridCell]
    rows: IntArray
    columns: IntArray
    counts: IntArray
    fragments: list[str]

    @classmethod
    def of(cls, cells: list[GridCell]) -> "WholeGrid":
        return cls(
            cells=cells,
            rows=np.array([c[0] for c in cells], dtype=np.int64),
            columns=np.array([c[1] for c in cells], dtype=np.int64),
            counts=np.array([c[2] for c in cells], dtype=np.int64),
            fragments=[cell_json(lat, lon, n) for _y, _x, n, lat, lon in cells],
        )

    def touched(self, south: float, west: float, north: float, east: float, cell: float) -> IntArray:
        """Indexes of the cells the box touches (as sales_points._cells_in_view)."""
        y0, y1 = math.floor(south / cell), math.floor(north / cell)
        x0, x1 = math.floor(west / cell), math.floor(east / cell)
        start = int(np.searchsorted(self.rows, y0, side="left"))
        end = int(np.searchsorted(self.rows, y1, side="right"))
        columns = self.columns[start:end]
        return np.flatnonzero((columns >= x0) & (columns <= x1)) + start


@dataclass(eq=False)
class MapIndex:
    """The public points of one directory generation, sorted by latitude (then id)."""

    generation: str
    built_at: float
    ids: IntArray
    lat: FloatArray
    lon: FloatArray
    types: list[str]  # the distinct types; type_codes index into it
    type_codes: npt.NDArray[np.int16]
    slugs: list[str]  # as inside a JSON string
    api: list[str]  # each point as the API's JSON object (row_json)
    head_ends: npt.NDArray[np.int32]  # where the status starts in api[...]
    place_starts: npt.NDArray[np.int32]  # where the latitude starts in api[...]
    masks: "OrderedDict[Hashable, BoolArray | None]" = field(default_factory=OrderedDict)
    grids: "OrderedDict[Hashable, WholeGrid]" = field(default_factory=OrderedDict)

    @property
    def size(self) -> int:
        return len(self.ids)

    def nbytes(self) -> int:
        """Approximate memory of the index: arrays, strings, lists, masks and grids."""
        arrays: list[npt.NDArray[Any]] = [self.ids, self.lat, self.lon, self.type_codes, self.head_ends]
        arrays += [self.place_starts, *(m for m in self.masks.values() if m is not None)]
        size = sum(int(a.nbytes) for a in arrays)
        size += sum(sys.getsizeof(s) for column in (self.slugs, self.api) for s in column)
        size += sys.getsizeof(self.slugs) + sys.getsizeof(self.api)
        for grid in self.grids.values():
            size += sum(sys.getsizeof(f) + 120 for f in grid.fragments) + 3 * grid.rows.nbytes
        return size

    # --- selection ----------------------------------------------------------------------------------------------

    def in_box(self, mask: BoolArray | None, south: float, west: float, north: float, east: float) -> IntArray:
        """Positions of the (masked) points inside the box, ordered by id."""
        start = int(np.searchsorted(self.lat, south, side="left"))
        end = int(np.searchsorted(self.lat, north, side="right"))
        lon = self.lon[start:end]
        keep = (lon >= west) & (lon <= east)
        if mask is not None:
            keep &= mask[start:end]
        found = np.flatnonzero(keep) + start
        return found[np.argsort(self.ids[found], kind="stable")]

    def everything(self, mask: BoolArray | None) -> IntArray:
        found = np.arange(self.size) if mask is None else np.flatnonzero(mask)
        return found[np.argsort(self.ids[found], kind="stable")]

    def grid(self, positions: IntArray | None, mask: BoolArray | None, cell: float) -> list[GridCell]:
        """(row, column, count, mean lat, mean lon) per non-empty cell of the given (or all masked) points."""
        if positions is None:
            lat, lon = (self.lat, self.lon) if mask is None else (self.lat[mask], self.lon[mask])
        else:
            lat, lon = self.lat[positions], self.lon[positions]
        if len(lat) == 0:
            return []
        # As the query path: FLOOR(lat / cell) in double precision.
        rows = np.floor(lat / cell).astype(np.int64)
        columns = np.floor(lon / cell).astype(np.int64)
        width = int(columns.max() - columns.min()) + 1
        keys = (rows - rows.min()) * width + (columns - columns.min())
        unique, inverse, counts = np.unique(keys, return_inverse=True, return_counts=True)
        sum_lat = np.bincount(inverse, weights=lat, minlength=len(unique))
        sum_lon = np.bincount(inverse, weights=lon, minlength=len(unique))
        first = np.zeros(len(unique), dtype=np.int64)
        first[inverse[::-1]] = np.arange(len(keys))[::-1]
        return list(
            zip(
                rows[first].tolist(),
                columns[first].tolist(),
                counts.tolist(),
                (sum_lat / counts).tolist(),
                (sum_lon / counts).tolist(),
                strict=True,
            )
        )

    # --- answers ------------------------------------------------------------------------------------------------

    def points_json(self, positions: IntArray, pieces: "PointPieces | None" = None) -> str:
        """The JSON array of the points at these positions (see sales_points.MapResult.points_json)."""
        api, chosen = self.api, positions.tolist()
        if pieces is None:
            return "[" + ", ".join([api[p] for p in chosen]) + "]"
        middles = [pieces.middle(t) for t in self.types]
        slugs, prefix, suffix = self.slugs, pieces.url_prefix, pieces.url_suffix
        codes = self.type_codes[positions].tolist()
        heads = self.head_ends[positions].tolist()
        places = self.place_starts[positions].tolist()
        items = [
            f"{api[p][:h]}{middles[c]}{api[p][s:-1]}{prefix}{slugs[p]}{suffix}"
            for p, c, h, s in zip(chosen, codes, heads, places, strict=True)
        ]
        return "[" + ", ".join(items) + "]"


@dataclass(frozen=True)
class PointPieces:
    """The web map's point: the type label after the type and the page URL at the end, instead of the status.

    `url` holds the marker SLUG where the point's slug goes.
    """

    type_labels: Mapping[str, str]
    url: str
    SLUG = "-slug-"

    @property
    def url_prefix(self) -> str:
        return ', "url": ' + _dumps(self.url).split(self.SLUG, 1)[0]

    @property
    def url_suffix(self) -> str:
        return _dumps(self.url).split(self.SLUG, 1)[1] + "}"

    def middle(self, type_: str) -> str:
        return f'"type_label": {_dumps(str(self.type_labels.get(type_, type_)))}, '

    def point_json(self, row: Mapping[str, Any]) -> str:
        """One row of the query path in the same shape."""
        head = point_head(row["id"], row["slug"], row["name"], row["type"])
        place = point_position(row["lat"], row["lon"])
        return f"{head}{self.middle(row['type'])}{place}{self.url_prefix}{escaped(row['slug'])}{self.url_suffix}"


def row_json(row: Mapping[str, Any]) -> str:
    """One row of the query path as the API point (MAP_POINT_FIELDS)."""
    head = point_head(row["id"], row["slug"], row["name"], row["type"])
    return f'{head}"status": {_dumps(row["status"])}, {point_position(row["lat"], row["lon"])}}}'


_lock = threading.Lock()
_current: MapIndex | None = None


def _lifetime() -> int:
    return int(getattr(settings, "STREEK_MAP_INDEX_SECONDS", DEFAULT_SECONDS))


def map_index_build(generation: str) -> MapIndex:
    """Read the public points (one query) into a new index."""
    rows = (
        SalesPoint.objects.filter(status__in=PUBLIC_STATUSES)
        .order_by("lat", "id")
        .values_list("id", "slug", "name", "type", "status", "lat", "lon")
    )
    columns = list(zip(*rows, strict=True)) or [()] * 7
    ids, slugs, names, point_types, statuses, lats, lons = columns
    types = {t: code for code, t in enumerate(dict.fromkeys(point_types))}
    type_codes = [types[t] for t in point_types]
    quoted_types = {t: _quote(t) for t in types}
    status_pieces = {s: f'"status": {_quote(s)}, ' for s in set(statuses)}
    quoted_slugs = list(map(_quote, slugs))
    heads = [
        f'{{"id": {pk}, "slug": {slug}, "name": {name}, "type": {quoted_types[t]}, '
        for pk, slug, name, t in zip(ids, quoted_slugs, map(_quote, names), point_types, strict=True)
    ]
    middles = [status_pieces[s] for s in statuses]
    api = [
        f'{head}{middle}"lat": {lat!r}, "lon": {lon!r}}}'
        for head, middle, lat, lon in zip(heads, middles, lats, lons, strict=True)
    ]
    head_ends = list(map(len, heads))
    place_starts = [end + len(middle) for end, middle in zip(head_ends, middles, strict=True)]
    del heads
    return MapIndex(
        generation=generation,
        built_at=time.monotonic(),
        ids=np.array(ids, dtype=np.int64),
        lat=np.array(lats, dtype=np.float64),
        lon=np.array(lons, dtype=np.float64),
        types=list(types),
        type_codes=np.array(type_codes, dtype=np.int16),
        slugs=[slug[1:-1] for slug in quoted_slugs],
        api=api,
        head_ends=np.array(head_ends, dtype=np.int32),
        place_starts=np.array(place_starts, dtype=np.int32),
    )


def map_index_current() -> MapIndex | None:
    """The index of the current directory generation (built now if needed), or None: the query path answers.

    None when the index is off, and when the index went stale less than REBUILD_SECONDS after it was built (a
    burst of writes then costs queries, not one rebuild per write in every worker).
    """
    global _current  # noqa: PLW0603 - one index per process, by design
    lifetime = _lifetime()
    if lifetime <= 0:
        return None
    generation = response_cache_generation(DIRECTORY)
    if generation is None:
        return None
    index = _current
    if index is not None and index.generation == generation and time.monotonic() - index.built_at < lifetime:
        return index
    with _lock:
        index = _current
        now = time.monotonic()
        if index is not None and index.generation == generation and now - index.built_at < lifetime:
            return index
        if index is not None and now - index.built_at < REBUILD_SECONDS:
            return None
        index = _current = map_index_build(generation)
    return index


def map_index_clear() -> None:
    """Forget this process's index (tests)."""
    global _current  # noqa: PLW0603
    _current = None


def indexable(filters: "SalesPointFilters") -> bool:
    """Whether the index can answer these filters: not tied to the clock, and only public statuses."""
    return not filters.open_now and set(filters.statuses) <= {str(s) for s in PUBLIC_STATUSES}


def _touch(store: "OrderedDict[Hashable, Any]", key: Hashable) -> None:
    with _lock, contextlib.suppress(KeyError):  # another thread may just have dropped it
        store.move_to_end(key)


def _remember(store: "OrderedDict[Hashable, Any]", key: Hashable, value: Any, limit: int) -> None:
    with _lock:
        store[key] = value
        store.move_to_end(key)
        while len(store) > limit:
            store.popitem(last=False)


def filter_mask(index: MapIndex, filters: "SalesPointFilters") -> BoolArray | None:
    """The points of the index that match the filters without the viewport (None: all); one query, then kept.

    Raises what sales_point_filter raises (NotFound for an unknown region).
    """
    from .sales_points import SalesPointFilters, sales_point_filter

    unbounded = replace(filters, bbox=None)
    if unbounded == SalesPointFilters():
        return None
    mask = index.masks.get(unbounded)
    if mask is not None:
        _touch(index.masks, unbounded)
        return mask
    matching = np.fromiter(sales_point_filter(unbounded).values_list("id", flat=True).order_by(), dtype=np.int64)
    mask = np.isin(index.ids, matching)
    _remember(index.masks, unbounded, mask, MAX_MASKS)
    return mask


def whole_grid(index: MapIndex, filters: "SalesPointFilters", mask: BoolArray | None, cell: float) -> WholeGrid:
    """The grid of all matching points at this cell size, sorted by cell; kept per filter set and cell size."""
    key = (replace(filters, bbox=None), cell)
    grid = index.grids.get(key)
    if grid is None:
        grid = WholeGrid.of(index.grid(None, mask, cell))
        _remember(index.grids, key, grid, MAX_GRIDS)
    else:
        _touch(index.grids, key)
    return grid
