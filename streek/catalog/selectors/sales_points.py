"""Reads of sales points for the map, the list, the API and the open data: one filter, shared by all."""

import math
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Avg, Count, Exists, F, FloatField, OuterRef, Prefetch, Q, QuerySet, Value
from django.db.models.functions import Floor

from streek.core.exceptions import NotFound
from streek.core.geo import BoundingBox, Point, bbox_around
from streek.territory.selectors import region_municipality_ids

from ..choices import PUBLIC_STATUSES
from ..models import Concept, SalesPoint
from ..opening_hours import local_now, open_on_q

KM_PER_DEGREE = 111.195
# Above this many points in a viewport the map gets server-side clusters instead of single markers.
MAP_CLUSTER_THRESHOLD = 1500


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


def sales_point_filter(filters: SalesPointFilters, qs: QuerySet[SalesPoint] | None = None) -> QuerySet[SalesPoint]:
    """Apply the filters; a constant number of queries whatever the data size."""
    qs = SalesPoint.objects.all() if qs is None else qs
    qs = qs.filter(status__in=filters.statuses)
    if filters.search:
        qs = qs.filter(Q(name__icontains=filters.search) | Q(locality__icontains=filters.search))
    if filters.types:
        qs = qs.filter(type__in=filters.types)
    if filters.categories:
        through = SalesPoint.categories.through
        concepts = _concept_subtree_q("product_type", filters.categories)
        qs = qs.filter(
            Exists(through.objects.filter(salespoint_id=OuterRef("pk"), concept_id__in=concepts.values("pk")))
        )
    if filters.labels:
        through = SalesPoint.labels.through
        concepts = _concept_subtree_q("facet", filters.labels)
        qs = qs.filter(
            Exists(through.objects.filter(salespoint_id=OuterRef("pk"), concept_id__in=concepts.values("pk")))
        )
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
            qs = qs.filter(distance_sq__lte=filters.radius_km**2)
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
        "opening_rules",
        "closures",
        Prefetch("categories", queryset=Concept.objects.only("id", "key", "label_nl", "label_fr", "label_en")),
    )
    if filters.near is not None:
        return qs.order_by("distance_sq", "id")
    return qs.order_by("name", "id")


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


def sales_point_map(filters: SalesPointFilters, *, zoom: int) -> MapResult:
    """Markers for a viewport: single points when few, grid clusters (one GROUP BY query) when many."""
    qs = sales_point_filter(filters)
    total = qs.count()
    if total <= MAP_CLUSTER_THRESHOLD or zoom >= 15:
        rows = list(qs.order_by("id").values("id", "slug", "name", "type", "status", "lat", "lon")[:MAP_CLUSTER_THRESHOLD])
        return MapResult(clusters=[], points=rows, total=total)
    cell = cluster_cell_degrees(zoom)
    grouped = (
        qs.annotate(
            cell_y=Floor(F("lat") / Value(cell, output_field=FloatField())),
            cell_x=Floor(F("lon") / Value(cell, output_field=FloatField())),
        )
        .values("cell_y", "cell_x")
        .annotate(count=Count("id"), lat=Avg("lat"), lon=Avg("lon"))
        .order_by()
    )
    clusters = [MapCluster(lat=row["lat"], lon=row["lon"], count=row["count"]) for row in grouped]
    return MapResult(clusters=clusters, points=[], total=total)


def sales_point_get(*, slug: str, public: bool = True) -> SalesPoint:
    """A sales point with everything its page shows, in a fixed number of queries."""
    qs = SalesPoint.objects.select_related(
        "municipality", "municipality__province", "operator", "last_verified_by"
    ).prefetch_related("opening_rules", "closures", "categories", "labels")
    if public:
        qs = qs.filter(status__in=PUBLIC_STATUSES)
    try:
        return qs.get(slug=slug)
    except SalesPoint.DoesNotExist as error:
        raise NotFound("sales point") from error
