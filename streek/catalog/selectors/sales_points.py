"""Reads of sales points for the map, the list, the API and the open data: one filter, shared by all."""

import bisect
import hashlib
import math
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import (
    Avg,
    Count,
    Exists,
    F,
    FloatField,
    JSONField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Floor

from streek.core.exceptions import NotFound
from streek.core.geo import BoundingBox, Point, bbox_around
from streek.territory.selectors import region_municipality_ids

from ..choices import PUBLIC_STATUSES
from ..models import ClosurePeriod, Concept, OpeningRule, SalesPoint
from ..opening_hours import local_now, open_on_q

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
# (cell row, cell column, number of points, mean latitude, mean longitude)
GridCell = tuple[int, int, int, float, float]


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


@dataclass(frozen=True)
class MapResult:
    clusters: list[MapCluster]
    points: list[dict[str, Any]]
    total: int


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

    Above MAP_GRID_CACHE_MAX_ZOOM a viewport with few points costs one query (its rows, no count); below, without
    the grid cache, a count comes first.

    At zoom levels up to MAP_GRID_CACHE_MAX_ZOOM, when settings.STREEK_MAP_GRID_CACHE_SECONDS > 0, the clusters come
    from a cached grid of the whole territory for the same filters (one GROUP BY per filter set, zoom level and
    cache period); a viewport then costs no query when it holds many points and one when it holds few. Clusters are
    then whole grid cells (stable while panning) and `total` counts the points of the cells the viewport touches.
    """
    timeout = int(getattr(settings, "STREEK_MAP_GRID_CACHE_SECONDS", 0))
    cell = cluster_cell_degrees(zoom)
    if timeout > 0 and zoom <= MAP_GRID_CACHE_MAX_ZOOM and not filters.open_now:
        cells = _cells_in_view(_cached_grid(filters, zoom, timeout), filters.bbox, cell)
        in_view = sum(c[2] for c in cells)
        if in_view <= MAP_CLUSTER_THRESHOLD:
            rows = _point_rows(sales_point_filter(filters))
            return MapResult(clusters=[], points=rows, total=len(rows))
        clusters = [MapCluster(lat=lat, lon=lon, count=n) for _y, _x, n, lat, lon in cells]
        return MapResult(clusters=clusters, points=[], total=in_view)
    qs = sales_point_filter(filters)
    if zoom > MAP_GRID_CACHE_MAX_ZOOM:
        # Zoomed in, a viewport mostly holds few points: one query for the rows (one more than shown), no count.
        rows = list(qs.order_by("id").values(*MAP_POINT_FIELDS)[: MAP_CLUSTER_THRESHOLD + 1])
        if len(rows) <= MAP_CLUSTER_THRESHOLD:
            return MapResult(clusters=[], points=rows, total=len(rows))
        if zoom >= 15:
            return MapResult(clusters=[], points=rows[:MAP_CLUSTER_THRESHOLD], total=qs.count())
        cells = _grid_cells(qs, cell)
        clusters = [MapCluster(lat=lat, lon=lon, count=n) for _y, _x, n, lat, lon in cells]
        return MapResult(clusters=clusters, points=[], total=sum(c[2] for c in cells))
    # Zoomed out (without the grid cache), a viewport mostly holds many points: count them first.
    total = qs.count()
    if total <= MAP_CLUSTER_THRESHOLD:
        return MapResult(clusters=[], points=_point_rows(qs), total=total)
    clusters = [MapCluster(lat=lat, lon=lon, count=n) for _y, _x, n, lat, lon in _grid_cells(qs, cell)]
    return MapResult(clusters=clusters, points=[], total=total)


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


def _point_get_postgresql(qs: QuerySet[SalesPoint], slug: str) -> SalesPoint:
    """The point with its rules, closures, categories and labels aggregated in the same query."""
    rule_fields = ("id", *OPENING_RULE_FIELDS[1:])
    closure_fields = ("id", *CLOSURE_FIELDS[1:])
    point = qs.annotate(
        rules_json=_json_list(OpeningRule._meta.db_table, rule_fields, "r.season_start, r.weekday, r.opens, r.id"),
        closures_json=_json_list(ClosurePeriod._meta.db_table, closure_fields, "r.start_date, r.id"),
        categories_json=_concepts_json(SalesPoint.categories.through),
        labels_json=_concepts_json(SalesPoint.labels.through),
    ).get(slug=slug)
    rules = [
        OpeningRule(
            **row | {"opens": time.fromisoformat(row["opens"]), "closes": time.fromisoformat(row["closes"])},
            sales_point_id=point.pk,
        )
        for row in point.rules_json or []
    ]
    closures = [
        ClosurePeriod(
            **row
            | {"start_date": date.fromisoformat(row["start_date"]), "end_date": date.fromisoformat(row["end_date"])},
            sales_point_id=point.pk,
        )
        for row in point.closures_json or []
    ]
    _prefetched(point, "opening_rules", rules)
    _prefetched(point, "closures", closures)
    _prefetched(point, "categories", [Concept(**row) for row in point.categories_json or []])
    _prefetched(point, "labels", [Concept(**row) for row in point.labels_json or []])
    return point


def sales_point_get(*, slug: str, public: bool = True) -> SalesPoint:
    """A sales point with everything its page shows: one query on PostgreSQL, four elsewhere."""
    qs = SalesPoint.objects.select_related("municipality", "municipality__province", "operator")
    if public:
        qs = qs.filter(status__in=PUBLIC_STATUSES)
    try:
        if connection.vendor == "postgresql":
            return _point_get_postgresql(qs, slug)
        point = qs.prefetch_related(
            Prefetch("opening_rules", queryset=OpeningRule.objects.only(*OPENING_RULE_FIELDS)),
            Prefetch("closures", queryset=ClosurePeriod.objects.only(*CLOSURE_FIELDS)),
        ).get(slug=slug)
    except SalesPoint.DoesNotExist as error:
        raise NotFound("sales point") from error
    _prefetch_concepts(point)
    return point
