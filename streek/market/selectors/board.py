"""The public board of offers and requests: one filter for the list, the map and the API."""

import math
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, F, FloatField, OuterRef, Prefetch, Q, QuerySet, Value
from django.db.models.expressions import ExpressionWrapper

from streek.catalog.models import Concept
from streek.core.geo import Point, bbox_around
from streek.territory.selectors import region_municipality_ids

from ..choices import PostStatus
from ..models import Offer, Request

KM_PER_DEGREE = 111.195
OFFER = "offer"
REQUEST = "request"


@dataclass(frozen=True)
class BoardFilters:
    """What a visitor filters the board on. Product types and labels are concept keys; narrower ones count."""

    search: str = ""
    product_types: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()
    municipality: str = ""  # NIS or CBS code
    region: str = ""  # custom region slug or province code
    near: Point | None = None
    radius_km: float | None = None
    surplus_only: bool = False  # offers only
    donation_only: bool = False  # offers open to food banks, with something left
    organisation_kinds: tuple[str, ...] = ()
    organisation_id: int | None = None
    statuses: tuple[str, ...] = field(default=(str(PostStatus.ACTIVE),))


def _subtree_ids(scheme: str, keys: tuple[str, ...]) -> QuerySet[Concept, Any]:
    paths = list(Concept.objects.filter(scheme=scheme, key__in=keys).values_list("path", flat=True))
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(path=path) | Q(path__startswith=f"{path}/")
    return Concept.objects.filter(scheme=scheme).filter(condition).values("pk")


def _distance_sq(center: Point) -> ExpressionWrapper:
    """Squared equirectangular distance in km² (accurate to well under 1 % within 100 km)."""
    coslat = math.cos(math.radians(center.lat))
    dlat = (F("lat") - Value(center.lat)) * Value(KM_PER_DEGREE)
    dlon = (F("lon") - Value(center.lon)) * Value(KM_PER_DEGREE * coslat)
    return ExpressionWrapper(dlat * dlat + dlon * dlon, output_field=FloatField())


def post_filter(filters: BoardFilters, kind: str) -> QuerySet[Any]:
    """Offers (kind "offer") or requests ("request") passing the filters; a constant number of queries."""
    model: type[Offer] | type[Request] = Offer if kind == OFFER else Request
    qs: QuerySet[Any] = model.objects.filter(status__in=filters.statuses)
    if filters.search:
        qs = qs.filter(
            Q(title__icontains=filters.search)
            | Q(description__icontains=filters.search)
            | Q(organisation__name__icontains=filters.search)
        )
    if filters.product_types:
        qs = qs.filter(product_type__in=_subtree_ids("product_type", filters.product_types))
    if filters.labels:
        through = model.labels.through
        column = f"{kind}_id"
        facets = _subtree_ids("facet", filters.labels)
        qs = qs.filter(Exists(through.objects.filter(**{column: OuterRef("pk")}, concept_id__in=facets)))
    if filters.municipality:
        qs = qs.filter(municipality__code=filters.municipality)
    if filters.region:
        qs = qs.filter(municipality_id__in=region_municipality_ids(region=filters.region))
    if filters.organisation_kinds:
        qs = qs.filter(organisation__kind__in=filters.organisation_kinds)
    if filters.organisation_id is not None:
        qs = qs.filter(organisation_id=filters.organisation_id)
    if kind == OFFER and filters.surplus_only:
        qs = qs.filter(is_surplus=True)
    if kind == OFFER and filters.donation_only:
        qs = qs.filter(donation_allowed=True, quantity_claimed__lt=F("quantity"))
    if filters.near is not None:
        qs = qs.annotate(distance_sq=_distance_sq(filters.near))
        if filters.radius_km:
            box = bbox_around(filters.near, filters.radius_km)
            qs = qs.filter(lat__gte=box.south, lat__lte=box.north, lon__gte=box.west, lon__lte=box.east)
            qs = qs.filter(distance_sq__lte=filters.radius_km**2)
    return qs


def _listing(qs: QuerySet[Any], filters: BoardFilters, kind: str) -> QuerySet[Any]:
    qs = qs.select_related("organisation", "product_type", "unit", "municipality").prefetch_related(
        Prefetch("labels", queryset=Concept.objects.only("id", "key", "label_nl", "label_fr", "label_en"))
    )
    if filters.near is not None:
        return qs.order_by("distance_sq", "id")
    if kind == OFFER:
        return qs.order_by("-is_surplus", "-created_at", "-id")
    return qs.order_by("-created_at", "-id")


def offer_list(*, filters: BoardFilters | None = None) -> QuerySet[Offer]:
    """Offers for the board (two queries: the rows and their labels); surplus first, then newest, or nearest
    first when a place is given. `distance_sq` (km²) is annotated when `near` is set."""
    filters = filters or BoardFilters()
    return _listing(post_filter(filters, OFFER), filters, OFFER)


def request_list(*, filters: BoardFilters | None = None) -> QuerySet[Request]:
    """Requests for the board (two queries), newest first, or nearest first when a place is given."""
    filters = filters or BoardFilters()
    return _listing(post_filter(filters, REQUEST), filters, REQUEST)


@dataclass(frozen=True)
class MapPost:
    id: int
    kind: str
    title: str
    lat: float
    lon: float
    is_surplus: bool


def board_map_posts(*, filters: BoardFilters | None = None, kinds: tuple[str, ...] = (OFFER, REQUEST)) -> list[MapPost]:
    """Light rows for the map markers (one query per kind)."""
    filters = filters or BoardFilters()
    result = []
    for kind in kinds:
        fields = ["id", "title", "lat", "lon"] + (["is_surplus"] if kind == OFFER else [])
        for row in post_filter(filters, kind).order_by("id").values(*fields):
            result.append(
                MapPost(
                    id=row["id"],
                    kind=kind,
                    title=row["title"],
                    lat=row["lat"],
                    lon=row["lon"],
                    is_surplus=bool(row.get("is_surplus", False)),
                )
            )
    return result


def offer_get(*, offer_id: int) -> Offer | None:
    return (
        Offer.objects.select_related("organisation", "product_type", "unit", "municipality", "product")
        .prefetch_related("labels")
        .filter(pk=offer_id)
        .first()
    )


def request_get(*, request_id: int) -> Request | None:
    return (
        Request.objects.select_related("organisation", "product_type", "unit", "municipality")
        .prefetch_related("labels")
        .filter(pk=request_id)
        .first()
    )


def own_posts(*, organisation_id: int) -> tuple[QuerySet[Offer], QuerySet[Request]]:
    """An organisation's offers and requests in every state (to manage them), newest first."""
    filters = BoardFilters(organisation_id=organisation_id, statuses=tuple(PostStatus.values))
    return offer_list(filters=filters), request_list(filters=filters)
