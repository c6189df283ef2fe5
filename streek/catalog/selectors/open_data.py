"""Open data: the public sales points as rows with the columns of the inventory file, and what there is to download.

An export imports again without changes (same columns, same syntax). Rows are read with iterator(chunk_size) and
prefetched categories, labels and opening rules: a constant number of queries per chunk.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from streek.territory.models import CustomRegion, Municipality, Province

from ..choices import PUBLIC_STATUSES
from ..hours_syntax import HoursRule, format_hours
from ..models import Concept, OpeningRule, SalesPoint
from .sales_points import SalesPointFilters, sales_point_filter

CHUNK_SIZE = 2000


def open_data_queryset(filters: SalesPointFilters) -> QuerySet[SalesPoint]:
    """Public points matching the filters, with everything a row needs; ordered by id for stable files."""
    return (
        sales_point_filter(filters)
        .select_related("municipality")
        .prefetch_related(
            Prefetch("categories", queryset=Concept.objects.only("id", "key")),
            Prefetch("labels", queryset=Concept.objects.only("id", "key")),
            Prefetch(
                "opening_rules",
                queryset=OpeningRule.objects.only(
                    "id", "sales_point_id", "weekday", "opens", "closes", "season_start", "season_end"
                ),
            ),
        )
        .order_by("id")
    )


def open_data_row(point: SalesPoint) -> dict[str, Any]:
    """One point with the columns of the inventory file (typed: lists and booleans; the formats write text)."""
    rules = [HoursRule(r.season_start, r.season_end, r.weekday, r.opens, r.closes) for r in point.opening_rules.all()]
    return {
        "external_ref": point.external_ref,
        "name": point.name,
        "type": point.type,
        "status": point.status,
        "street": point.street,
        "postal_code": point.postal_code,
        "locality": point.locality,
        "municipality": point.municipality.code,
        "lat": point.lat,
        "lon": point.lon,
        "position_exact": point.position_exact,
        "phone": point.phone,
        "email": point.email,
        "website": point.website,
        "categories": sorted(concept.key for concept in point.categories.all()),
        "labels": sorted(concept.key for concept in point.labels.all()),
        "payment_methods": list(point.payment_methods or []),
        "cooled": point.cooled,
        "hours": format_hours(rules),
        "slug": point.slug,
    }


def open_data_rows(filters: SalesPointFilters, *, chunk_size: int = CHUNK_SIZE) -> Iterator[dict[str, Any]]:
    """Rows for a CSV or GeoJSON file, streamed: 1 + 3 queries per chunk of points."""
    for point in open_data_queryset(filters).iterator(chunk_size=chunk_size):
        yield open_data_row(point)


def open_data_count(filters: SalesPointFilters) -> int:
    return sales_point_filter(filters).count()


def open_data_metadata(*, count: int, source_url: str, generated_at: datetime | None = None) -> dict[str, Any]:
    """Top-level members of the GeoJSON file: the licence and where the data comes from."""
    return {
        "name": f"{settings.STREEK_SITE_NAME} – sales points",
        "licence": settings.STREEK_OPEN_DATA_LICENCE,
        "licence_url": settings.STREEK_OPEN_DATA_LICENCE_URL,
        "attribution": f"{settings.STREEK_SITE_NAME} contributors and the municipalities",
        "generated_at": (generated_at or timezone.now()).isoformat(timespec="seconds"),
        "source": source_url,
        "count": count,
    }


@dataclass(frozen=True)
class DownloadArea:
    """A municipality, custom region or province with public points, and its filter parameter."""

    kind: str  # "municipality", "region" or "province"
    param: str  # "municipality" or "region"
    value: str
    name: str
    points: int


def open_data_areas() -> dict[str, list[DownloadArea]]:
    """What the open-data page offers, each with the number of public points (three queries)."""
    public = Q(sales_points__status__in=PUBLIC_STATUSES)
    municipalities = [
        DownloadArea("municipality", "municipality", m.code, m.name, m.points)
        for m in Municipality.objects.annotate(points=Count("sales_points", filter=public))
        .filter(points__gt=0)
        .order_by("name_nl")
    ]
    through_public = Q(municipalities__sales_points__status__in=PUBLIC_STATUSES)
    regions = [
        DownloadArea("region", "region", r.slug, r.name, r.points)
        for r in CustomRegion.objects.annotate(points=Count("municipalities__sales_points", filter=through_public))
        .filter(points__gt=0)
        .order_by("name")
    ]
    provinces = [
        DownloadArea("province", "region", p.code, p.name, p.points)
        for p in Province.objects.annotate(points=Count("municipalities__sales_points", filter=through_public))
        .filter(points__gt=0)
        .order_by("code")
    ]
    return {"municipalities": municipalities, "regions": regions, "provinces": provinces}
