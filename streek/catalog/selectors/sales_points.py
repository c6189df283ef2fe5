"""Reads of sales points for the map, the list, the API and the open data: one filter, shared by all."""

import bisect
import hashlib
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from functools import partial
from typing import Any, TypeVar

import numpy as np
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import (
    Avg,
    Count,
    DurationField,
    Exists,
    F,
    FloatField,
    JSONField,
    Model,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Floor, Now

from streek.core.exceptions import NotFound
from streek.core.geo import BoundingBox, Point, bbox_around
from streek.territory.selectors import region_municipality_ids

from ..choices import PUBLIC_STATUSES
from ..models import ClosurePeriod, Concept, Event, OpeningRule, OrganisationLabel, Product, SalesPoint
from ..opening_hours import local_now, open_on_q
from .compiled_query import CompiledQuery
from .map_index import (
    GridCell,
    MapIndex,
    PointPieces,
    cells_json,
    filter_mask,
    indexable,
    map_index_current,
    row_json,
    whole_grid,
)

KM_PER_DEGREE = 111.195
# Above this many points in a viewport the map gets server-side clusters instead of single markers.
MAP_CLUSTER_THRESHOLD = 1500
# Up to this zoom level (cells of 0.04 degree and more) cluster grids of the whole territory are cached.
MAP_GRID_CACHE_MAX_ZOOM = 11
# The fields of a row of sales_point_rows (list pages and the API list).
LIST_ROW_FIELDS = (
    "id",
    "slug",
    "name",
    "type",
    "status",
    "street",
    "postal_code",
    "locality",
    "lat",
    "lon",
    "cooled",
    "last_verified_at",
    "municipality__code",
    "municipality__name_nl",
    "municipality__name_fr",
)
# The fields of opening rules and closures that pages and answers show.
OPENING_RULE_FIELDS = ("sales_point_id", "weekday", "opens", "closes", "season_start", "season_end", "season_name")
CLOSURE_FIELDS = ("sales_point_id", "start_date", "end_date", "reason")
# The fields of a single marker on the map.
MAP_POINT_FIELDS = ("id", "slug", "name", "type", "status", "lat", "lon")


@dataclass(frozen=True)
class SalesPointFilters:
    """What a visitor can filter the map, the list, the API and the open data on."""

    search: str = ""
    types: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()  # product type concept keys; narrower types included
    labels: tuple[str, ...] = ()  # facet concept keys; narrower facets included
    municipality: str = ""  # NIS or CBS code
    region: str = ""  # custom region slug or province code
    open_now: bool = False
    open_on: date | None = None
    near: Point | None = None
    radius_km: float | None = None
    bbox: BoundingBox | None = None
    cooled: bool | None = None
    statuses: tuple[str, ...] = field(default=tuple(str(s) for s in PUBLIC_STATUSES))


def _concept_subtree_q(scheme: str, keys: tuple[str, ...]) -> QuerySet[Concept]:
    paths = list(Concept.objects.filter(scheme=scheme, key__in=keys).values_list("path", flat=True))
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(path=path) | Q(path__startswith=f"{path}/")
    return Concept.objects.filter(scheme=scheme).filter(condition)


def _has_concept(through: Any, scheme: str, keys: tuple[str, ...]) -> Exists:
    """The point is linked (through the given many-to-many table) to one of the concepts or a narrower one."""
    concepts = _concept_subtree_q(scheme, keys)
    return Exists(through.objects.filter(salespoint_id=OuterRef("pk"), concept_id__in=concepts.values("pk")))


def sales_point_filter(filters: SalesPointFilters, qs: QuerySet[SalesPoint] | None = None) -> QuerySet[SalesPoint]:
    """Apply the filters; a constant number of queries whatever the data size."""
    qs = SalesPoint.objects.all() if qs is None else qs
    qs = qs.filter(status__in=filters.statuses)
    if filters.search:
        qs = qs.filter(Q(name__icontains=filters.search) | Q(locality__icontains=filters.search))
    if filters.types:
        qs = qs.filter(type__in=filters.types)
    if filters.categories:
        qs = qs.filter(_has_concept(SalesPoint.categories.through, "product_type", filters.categories))
    if filters.labels:
        qs = qs.filter(_has_concept(SalesPoint.labels.through, "facet", filters.labels))
    if filters.municipality:
        qs = qs.filter(municipality__code=filters.municipality)
    if filters.region:
        qs = qs.filter(municipality_id__in=region_municipality_ids(region=filters.region))
    if filters.cooled is not None:
        qs = qs.filter(cooled=filters.cooled)
    if filters.open_now:
        now = local_now()
        qs = qs.filter(open_on_q(now.date(), now.time().replace(tzinfo=None)), status="active")
    elif filters.open_on is not None:
        qs = qs.filter(open_on_q(filters.open_on), status="active")
    if filters.bbox is not None:
        box = filters.bbox
        qs = qs.filter(lat__gte=box.south, lat__lte=box.north, lon__gte=box.west, lon__lte=box.east)
    if filters.near is not None:
        qs = _annotate_distance(qs, filters.near)
        if filters.radius_km:
            box = bbox_around(filters.near, filters.radius_km)
            qs = qs.filter(lat__gte=box.south, lat__lte=box.north, lon__gte=box.west, lon__lte=box.east)
            qs = qs.filter(Q(distance_sq__lte=filters.radius_km**2))
    return qs


def _annotate_distance(qs: QuerySet[SalesPoint], center: Point) -> QuerySet[SalesPoint]:
    """Squared equirectangular distance in km² (accurate to well under 1 % within 100 km)."""
    coslat = math.cos(math.radians(center.lat))
    dlat = (F("lat") - Value(center.lat)) * Value(KM_PER_DEGREE)
    dlon = (F("lon") - Value(center.lon)) * Value(KM_PER_DEGREE * coslat)
    return qs.annotate(distance_sq=dlat * dlat + dlon * dlon)


def sales_point_list(filters: SalesPointFilters) -> QuerySet[SalesPoint]:
    """Points for a list page or API page: nearest first when a place is given, else by name."""
    qs = sales_point_filter(filters).select_related("municipality", "operator")
    qs = qs.prefetch_related(
        Prefetch("opening_rules", queryset=OpeningRule.objects.only(*OPENING_RULE_FIELDS)),
        Prefetch("closures", queryset=ClosurePeriod.objects.only(*CLOSURE_FIELDS)),
        Prefetch("categories", queryset=Concept.objects.only("id", "key", "label_nl", "label_fr", "label_en")),
    )
    if filters.near is not None:
        return qs.order_by("distance_sq", "id")
    return qs.order_by("name", "id")


def sales_point_rows(filters: SalesPointFilters) -> QuerySet[SalesPoint, dict[str, Any]]:
    """The list of sales_point_list as plain rows for fast serialisation: one query per page, no prefetches.

    Each row has LIST_ROW_FIELDS and, with a centre, `distance_sq`. Categories and labels come from
    sales_point_concept_keys, open now from sales_point_open_ids, for the ids of one page.
    """
    fields = [*LIST_ROW_FIELDS] + (["distance_sq"] if filters.near is not None else [])
    return (
        sales_point_filter(filters)
        .values(*fields)
        .order_by("distance_sq" if filters.near is not None else "name", "id")
    )


def sales_point_open_ids(*, sales_point_ids: list[int], at: datetime) -> set[int]:
    """The ids among these that are active and open at `at` (local time): the rule of the open_now filter."""
    qs = SalesPoint.objects.filter(pk__in=sales_point_ids, status="active").filter(
        open_on_q(at.date(), at.time().replace(tzinfo=None))
    )
    return set(qs.values_list("id", flat=True))


def sales_point_concept_keys(*, sales_point_ids: list[int]) -> tuple[dict[int, list[str]], dict[int, list[str]]]:
    """Category keys and label keys per sales point id: two queries, whatever the number of points."""
    result: list[dict[int, list[str]]] = []
    for through in (SalesPoint.categories.through, SalesPoint.labels.through):
        keys: dict[int, list[str]] = {pk: [] for pk in sales_point_ids}
        rows = (
            through.objects.filter(salespoint_id__in=sales_point_ids)
            .order_by("concept__path")
            .values_list("salespoint_id", "concept__key")
        )
        for pk, key in rows:
            keys[pk].append(key)
        result.append(keys)
    return result[0], result[1]


def distance_km(point: SalesPoint) -> float | None:
    value = getattr(point, "distance_sq", None)
    return math.sqrt(value) if value is not None else None


@dataclass(frozen=True)
class MapCluster:
    lat: float
    lon: float
    count: int


class MapResult:
    """Markers of a viewport: `clusters` or `points` (rows of MAP_POINT_FIELDS), and the number of points `total`.

    Answers from the map index (streek.catalog.selectors.map_index) hold positions in the index instead of rows;
    `points_json` and `clusters_json` give the JSON arrays either way, byte for byte what json.dumps gives for the
    rows (the API's MapPoint) or, with `pieces`, for the web map's points.
    """

    def __init__(
        self,
        *,
        total: int,
        cells: Sequence[GridCell] = (),
        points: list[dict[str, Any]] | None = None,
        index: MapIndex | None = None,
        positions: Any = None,
        clusters_json: str | None = None,
    ) -> None:
        self.total = total
        self._clusters_json = clusters_json
        self.cells = cells
        self._rows = points
        self._index = index
        self._positions = positions

    @property
    def clusters(self) -> list[MapCluster]:
        return [MapCluster(lat=lat, lon=lon, count=n) for _y, _x, n, lat, lon in self.cells]

    @property
    def points(self) -> list[dict[str, Any]]:
        if self._rows is None:
            self._rows = list(json.loads(self.points_json())) if self._index is not None else []
        return self._rows

    @property
    def from_index(self) -> bool:
        return self._index is not None

    def clusters_json(self) -> str:
        return self._clusters_json if self._clusters_json is not None else cells_json(self.cells)

    def points_json(self, pieces: PointPieces | None = None) -> str:
        if self._index is not None:
            return "[]" if self._positions is None else self._index.points_json(self._positions, pieces)
        rows = self._rows or []
        encode = row_json if pieces is None else pieces.point_json
        return "[" + ", ".join(encode(row) for row in rows) + "]"


def cluster_cell_degrees(zoom: int) -> float:
    """Grid cell size for server clustering: about 60 screen pixels at this zoom level."""
    return 360.0 / (2 ** max(0, min(zoom, 20))) / 256 * 60


def _point_rows(qs: QuerySet[SalesPoint]) -> list[dict[str, Any]]:
    return list(qs.order_by("id").values(*MAP_POINT_FIELDS)[:MAP_CLUSTER_THRESHOLD])


def _grid_cells(qs: QuerySet[SalesPoint], cell: float) -> list[GridCell]:
    """One GROUP BY: (cell row, cell column, count, mean lat, mean lon) per non-empty cell, sorted by cell."""
    size = Value(cell, output_field=FloatField())
    grouped = (
        qs.annotate(cell_y=Floor(F("lat") / size), cell_x=Floor(F("lon") / size))
        .values("cell_y", "cell_x")
        .annotate(count=Count("*"), mean_lat=Avg("lat"), mean_lon=Avg("lon"))
        .values_list("cell_y", "cell_x", "count", "mean_lat", "mean_lon")
        .order_by()
    )
    return sorted((int(y), int(x), n, lat, lon) for y, x, n, lat, lon in grouped)


def _cached_grid(filters: SalesPointFilters, zoom: int, timeout: int) -> list[GridCell]:
    """The cluster grid of the whole territory for these filters (without the viewport), from the cache."""
    unbounded = replace(filters, bbox=None)
    digest = hashlib.sha256(repr((unbounded, zoom)).encode()).hexdigest()
    key = f"catalog:sales-point-map-grid:{digest}"
    grid: list[GridCell] | None = cache.get(key)
    if grid is None:
        grid = _grid_cells(sales_point_filter(unbounded), cluster_cell_degrees(zoom))
        cache.set(key, grid, timeout)
    return grid


def _cells_in_view(grid: list[GridCell], box: BoundingBox | None, cell: float) -> list[GridCell]:
    if box is None:
        return grid
    y0, y1 = math.floor(box.south / cell), math.floor(box.north / cell)
    x0, x1 = math.floor(box.west / cell), math.floor(box.east / cell)
    start = bisect.bisect_left(grid, (y0,))
    end = bisect.bisect_left(grid, (y1 + 1,))
    return [c for c in grid[start:end] if x0 <= c[1] <= x1]


def sales_point_map(filters: SalesPointFilters, *, zoom: int) -> MapResult:
    """Markers for a viewport: single points when few, grid clusters (one GROUP BY query) when many.

    With the map index on (settings.STREEK_MAP_INDEX_SECONDS > 0 and a shared response cache store, see
    map_index), a viewport costs no query for filters that do not depend on the clock, and the same answer as the
    query path below.

    Above MAP_GRID_CACHE_MAX_ZOOM a viewport with few points costs one query (its rows, no count); below, without
    the grid cache, a count comes first.

    At zoom levels up to MAP_GRID_CACHE_MAX_ZOOM, when settings.STREEK_MAP_GRID_CACHE_SECONDS > 0, the clusters come
    from a cached grid of the whole territory for the same filters (one GROUP BY per filter set, zoom level and
    cache period); a viewport then costs no query when it holds many points and one when it holds few. Clusters are
    then whole grid cells (stable while panning) and `total` counts the points of the cells the viewport touches.
    """
    timeout = int(getattr(settings, "STREEK_MAP_GRID_CACHE_SECONDS", 0))
    cell = cluster_cell_degrees(zoom)
    whole_cells = timeout > 0 and zoom <= MAP_GRID_CACHE_MAX_ZOOM
    if indexable(filters) and (index := map_index_current()) is not None:
        return _map_from_index(index, filters, zoom=zoom, whole_cells=whole_cells)
    if whole_cells and not filters.open_now:
        cells = _cells_in_view(_cached_grid(filters, zoom, timeout), filters.bbox, cell)
        in_view = sum(c[2] for c in cells)
        if in_view <= MAP_CLUSTER_THRESHOLD:
            rows = _point_rows(sales_point_filter(filters))
            return MapResult(points=rows, total=len(rows))
        return MapResult(cells=cells, total=in_view)
    qs = sales_point_filter(filters)
    if zoom > MAP_GRID_CACHE_MAX_ZOOM:
        # Zoomed in, a viewport mostly holds few points: one query for the rows (one more than shown), no count.
        rows = list(qs.order_by("id").values(*MAP_POINT_FIELDS)[: MAP_CLUSTER_THRESHOLD + 1])
        if len(rows) <= MAP_CLUSTER_THRESHOLD:
            return MapResult(points=rows, total=len(rows))
        if zoom >= 15:
            return MapResult(points=rows[:MAP_CLUSTER_THRESHOLD], total=qs.count())
        cells = _grid_cells(qs, cell)
        return MapResult(cells=cells, total=sum(c[2] for c in cells))
    # Zoomed out (without the grid cache), a viewport mostly holds many points: count them first.
    total = qs.count()
    if total <= MAP_CLUSTER_THRESHOLD:
        return MapResult(points=_point_rows(qs), total=total)
    return MapResult(cells=_grid_cells(qs, cell), total=total)


def _map_from_index(index: MapIndex, filters: SalesPointFilters, *, zoom: int, whole_cells: bool) -> MapResult:
    """sales_point_map answered from the index: the same rules, no query once the filter set's mask is kept."""
    threshold = MAP_CLUSTER_THRESHOLD
    cell = cluster_cell_degrees(zoom)
    mask = filter_mask(index, filters)
    box = filters.bbox

    def in_view() -> Any:
        if box is None:
            return index.everything(mask)
        return index.in_box(mask, box.south, box.west, box.north, box.east)

    if whole_cells:
        grid = whole_grid(index, filters, mask, cell)
        touched = (
            np.arange(len(grid.cells)) if box is None else grid.touched(box.south, box.west, box.north, box.east, cell)
        )
        count = int(grid.counts[touched].sum())
        if count <= threshold:
            positions = in_view()[:threshold]
            return MapResult(index=index, positions=positions, total=len(positions))
        chosen = touched.tolist()
        cells = [grid.cells[i] for i in chosen]
        fragments = grid.fragments
        clusters = "[" + ", ".join([fragments[i] for i in chosen]) + "]"
        return MapResult(cells=cells, total=count, index=index, clusters_json=clusters)
    positions = in_view()
    if len(positions) <= threshold:
        return MapResult(index=index, positions=positions, total=len(positions))
    if zoom >= 15:
        return MapResult(index=index, positions=positions[:threshold], total=len(positions))
    cells = index.grid(positions, None, cell)
    return MapResult(cells=cells, total=len(positions), index=index)


def _prefetched(point: SalesPoint, name: str, objects: list[Any]) -> None:
    """Fill the prefetch cache of a many-to-many relation of the point as prefetch_related would."""
    qs = getattr(point, name).all()
    qs._result_cache = objects
    qs._prefetch_done = True
    point.__dict__.setdefault("_prefetched_objects_cache", {})[name] = qs


def _prefetch_concepts(point: SalesPoint) -> None:
    """The categories and labels of the point in one query (instead of one prefetch each)."""
    categories_through, labels_through = SalesPoint.categories.through, SalesPoint.labels.through
    in_categories = categories_through.objects.filter(salespoint_id=point.pk)
    in_labels = labels_through.objects.filter(salespoint_id=point.pk)
    concepts = (
        Concept.objects.only("id", "scheme", "key", "path", "label_nl", "label_fr", "label_en")
        .filter(Q(pk__in=in_categories.values("concept_id")) | Q(pk__in=in_labels.values("concept_id")))
        .annotate(
            in_categories=Exists(in_categories.filter(concept_id=OuterRef("pk"))),
            in_labels=Exists(in_labels.filter(concept_id=OuterRef("pk"))),
        )
    )
    rows = list(concepts)
    _prefetched(point, "categories", [c for c in rows if c.in_categories])
    _prefetched(point, "labels", [c for c in rows if c.in_labels])


def _json_list(table: str, fields: tuple[str, ...], ordering: str, join: str = "") -> RawSQL:
    """The rows of `table` (alias r) linked to the outer point as one JSON array (PostgreSQL only).

    Written as SQL: compiling the equivalent ORM subqueries cost more CPU than the rest of the request.
    """
    point_table = SalesPoint._meta.db_table
    pairs = ", ".join(f"'{name}', r.{name}" for name in fields)
    where = join or f"WHERE r.sales_point_id = {point_table}.id"
    sql = f"(SELECT jsonb_agg(jsonb_build_object({pairs}) ORDER BY {ordering}) FROM {table} r {where})"  # noqa: S608
    return RawSQL(sql, (), output_field=JSONField())  # noqa: S611 - names from the models, no values


def _concepts_json(through: Any) -> RawSQL:
    point_table = SalesPoint._meta.db_table
    join = f"JOIN {through._meta.db_table} t ON t.concept_id = r.id WHERE t.salespoint_id = {point_table}.id"
    return _json_list(Concept._meta.db_table, CONCEPT_FIELDS, "r.scheme, r.path", join)


CONCEPT_FIELDS = ("id", "scheme", "key", "path", "label_nl", "label_fr", "label_en")


# A value no slug takes (slugs have no spaces): the marker of the slug parameter in the compiled point query.
_SLUG_MARKER = "<slug of the sales point>"
M = TypeVar("M", bound=Model)


def _point_flags(qs: QuerySet[SalesPoint]) -> QuerySet[SalesPoint]:
    """Whether the point page has to ask for events, operator labels and operator products at all.

    `may_have_events`: an event at the point that ends after the start of yesterday (database clock; a superset of
    the upcoming events, so the page still picks them with event_list). The operator flags: the operator declares
    a label / has an active product.
    """
    since = Now() - Value(timedelta(days=1), output_field=DurationField())
    return qs.annotate(
        may_have_events=Exists(Event.objects.filter(sales_point_id=OuterRef("pk"), ends_at__gte=since)),
        operator_has_labels=Exists(OrganisationLabel.objects.filter(organisation_id=OuterRef("operator_id"))),
        operator_has_products=Exists(Product.objects.filter(organisation_id=OuterRef("operator_id"), is_active=True)),
    )


def _point_queryset(public: bool) -> QuerySet[SalesPoint]:
    qs = SalesPoint.objects.select_related("municipality", "municipality__province", "operator")
    if public:
        qs = qs.filter(status__in=PUBLIC_STATUSES)
    return _point_flags(qs)


def _point_query_postgresql(public: bool, slug: str) -> QuerySet[SalesPoint]:
    """The point with its rules, closures, categories and labels aggregated in the same query."""
    rule_fields = ("id", *OPENING_RULE_FIELDS[1:])
    closure_fields = ("id", *CLOSURE_FIELDS[1:])
    return (
        _point_queryset(public)
        .annotate(
            rules_json=_json_list(OpeningRule._meta.db_table, rule_fields, "r.season_start, r.weekday, r.opens, r.id"),
            closures_json=_json_list(ClosurePeriod._meta.db_table, closure_fields, "r.start_date, r.id"),
            categories_json=_concepts_json(SalesPoint.categories.through),
            labels_json=_concepts_json(SalesPoint.labels.through),
        )
        .filter(slug=slug)
        .order_by()[:2]
    )


# Compiled to SQL once per connection (compiling it cost more CPU than the rest of an API answer).
_POINT_QUERIES = {
    public: CompiledQuery[SalesPoint](partial(_point_query_postgresql, public), {"slug": _SLUG_MARKER})
    for public in (True, False)
}


# How values of the JSON aggregates become field values (the rest are JSON numbers, strings and nulls).
_FROM_JSON = {
    "opens": time.fromisoformat,
    "closes": time.fromisoformat,
    "start_date": date.fromisoformat,
    "end_date": date.fromisoformat,
}


def _from_json(model: type[M], rows: list[dict[str, Any]] | None, using: str, **common: Any) -> list[M]:
    """Instances of `model` from the rows of a JSON aggregate, as a queryset with .only() of those fields gives."""
    if not rows:
        return []
    names = [f.attname for f in model._meta.concrete_fields if f.attname in rows[0] or f.attname in common]
    instances = []
    for row in rows:
        values = row | common
        for name, parse in _FROM_JSON.items():
            if name in values:
                values[name] = parse(values[name])
        instances.append(model.from_db(using, names, [values[name] for name in names]))
    return instances


def _point_get_postgresql(public: bool, slug: str) -> SalesPoint:
    rows = _POINT_QUERIES[public].rows(connection.alias, slug=slug)
    if len(rows) != 1:
        raise SalesPoint.DoesNotExist
    point = rows[0]
    annotated: Any = point  # the JSON aggregates are annotations
    using = connection.alias
    _prefetched(point, "opening_rules", _from_json(OpeningRule, annotated.rules_json, using, sales_point_id=point.pk))
    _prefetched(point, "closures", _from_json(ClosurePeriod, annotated.closures_json, using, sales_point_id=point.pk))
    _prefetched(point, "categories", _from_json(Concept, annotated.categories_json, using))
    _prefetched(point, "labels", _from_json(Concept, annotated.labels_json, using))
    return point


def sales_point_get(*, slug: str, public: bool = True) -> SalesPoint:
    """A sales point with everything its page shows: one query on PostgreSQL, four elsewhere.

    Besides its relations the point carries `may_have_events`, `operator_has_labels` and `operator_has_products`
    (see _point_flags), so that its page asks for those only when there is something to show.
    """
    try:
        if connection.vendor == "postgresql":
            return _point_get_postgresql(public, slug)
        point = (
            _point_queryset(public)
            .prefetch_related(
                Prefetch("opening_rules", queryset=OpeningRule.objects.only(*OPENING_RULE_FIELDS)),
                Prefetch("closures", queryset=ClosurePeriod.objects.only(*CLOSURE_FIELDS)),
            )
            .get(slug=slug)
        )
    except SalesPoint.DoesNotExist as error:
        raise NotFound("sales point") from error
    _prefetch_concepts(point)
    return point
