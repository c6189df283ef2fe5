"""Sales points: the filtered list, the map markers and one point, all public and read-only."""

import math
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import get_language
from ninja import Query, Router
from ninja.decorators import decorate_view
from ninja.responses import Response

from streek.catalog.choices import Accessibility, PaymentMethod, SalesPointStatus, SalesPointType, Weekday
from streek.catalog.directory_cache import DIRECTORY
from streek.catalog.opening_hours import local_now, opening_status
from streek.catalog.selectors.filter_params import Params, sales_point_filters_from_params
from streek.catalog.selectors.sales_points import (
    sales_point_concept_keys,
    sales_point_get,
    sales_point_map,
    sales_point_open_ids,
    sales_point_rows,
)
from streek.core.response_cache import cache_anonymous_get

from . import responses
from .pagination import PageParams, paginate
from .responses import json_response
from .schemas.common import Problem
from .schemas.sales_points import (
    MapParams,
    SalesPointDetail,
    SalesPointFilterParams,
    SalesPointMap,
    SalesPointPage,
)

router = Router(tags=["sales points"])

# The public page of a point (streek.web); the API links to it without importing the web layer.
SALES_POINT_PAGE_PATH = "/verkooppunt/%(slug)s/"
TYPE_LABELS = dict(SalesPointType.choices)
# Lazy labels, translated when an answer turns them into text.
STATUS_LABELS = dict(SalesPointStatus.choices)
PAYMENT_LABELS = dict(PaymentMethod.choices)
ACCESSIBILITY_LABELS = dict(Accessibility.choices)
WEEKDAY_LABELS = dict(Weekday.choices)


def request_params(request: HttpRequest) -> Params:
    return {key: request.GET.getlist(key) for key in request.GET}


def page_url(request: HttpRequest, slug: str) -> str:
    return request.build_absolute_uri(SALES_POINT_PAGE_PATH % {"slug": slug})


def municipality_name(row: dict[str, Any]) -> str:
    """The municipality name of a row in the active language, as Municipality.name."""
    if (get_language() or "nl").startswith("fr") and row["municipality__name_fr"]:
        return str(row["municipality__name_fr"])
    return str(row["municipality__name_nl"] or row["municipality__name_fr"])


def sales_point_item(
    site: str,
    row: dict[str, Any],
    categories: list[str],
    labels: list[str],
    is_open_now: bool,
    type_labels: dict[str, str],
) -> dict[str, Any]:
    """A list item from a row of sales_point_rows; `site` is the scheme and host of the request."""
    distance_sq = row.get("distance_sq")
    place = " ".join(part for part in (row["postal_code"], row["locality"]) if part)
    return {
        "id": row["id"],
        "slug": row["slug"],
        "name": row["name"],
        "type": row["type"],
        "type_label": type_labels.get(row["type"], row["type"]),
        "status": row["status"],
        "municipality": {"code": row["municipality__code"], "name": municipality_name(row)},
        "address": ", ".join(part for part in (row["street"], place) if part),
        "lat": row["lat"],
        "lon": row["lon"],
        "distance_km": round(math.sqrt(distance_sq), 2) if distance_sq is not None else None,
        "categories": categories,
        "labels": labels,
        "cooled": row["cooled"],
        "last_verified_at": row["last_verified_at"],
        "url": site + SALES_POINT_PAGE_PATH % {"slug": row["slug"]},
        "is_open_now": is_open_now,
    }


@router.get(
    "/sales-points",
    response={200: SalesPointPage, 422: Problem},
    url_name="sales_point_list",
    summary="List sales points",
)
@decorate_view(cache_anonymous_get(DIRECTORY))
def list_sales_points(
    request: HttpRequest, filters: Query[SalesPointFilterParams], page: Query[PageParams]
) -> HttpResponse:
    """Public sales points matching the filters: nearest first with `near` or `lat`/`lon`, else by name."""
    parsed = sales_point_filters_from_params(request_params(request))
    result = paginate(
        request, sales_point_rows(parsed), sort="distance_sq" if parsed.near is not None else "name", params=page
    )
    ids = [row["id"] for row in result.items]
    categories, labels = sales_point_concept_keys(sales_point_ids=ids)
    open_ids = sales_point_open_ids(sales_point_ids=ids, at=local_now())
    site = request.build_absolute_uri("/").rstrip("/")
    type_labels = {key: str(label) for key, label in SalesPointType.choices}
    items = [
        sales_point_item(site, row, categories[row["id"]], labels[row["id"]], row["id"] in open_ids, type_labels)
        for row in result.items
    ]
    # Built to the SalesPointPage schema (tests check it) and rendered without a second validation pass.
    return Response({"items": items, "next": result.next, "count": result.count})


@router.get(
    "/sales-points/map",
    response={200: SalesPointMap, 422: Problem},
    url_name="sales_point_map",
    summary="Map markers for a viewport",
)
@decorate_view(cache_anonymous_get(DIRECTORY))
def map_sales_points(
    request: HttpRequest, filters: Query[SalesPointFilterParams], view: Query[MapParams]
) -> HttpResponse:
    """Single markers when the viewport holds few points, else grid clusters sized for the zoom level."""
    parsed = sales_point_filters_from_params(request_params(request))
    result = sales_point_map(parsed, zoom=view.zoom)
    # Joined from pre-encoded JSON (the SalesPointMap schema; tests check it) without a validation pass.
    content = f'{{"total": {result.total}, "clusters": {result.clusters_json()}, "points": {result.points_json()}}}'
    if responses.CHECK_AGAINST_SCHEMA:
        expected = responses.encode(SalesPointMap.model_validate_json(content).model_dump())
        if expected != content:
            raise responses.SchemaMismatch(f"SalesPointMap: {content[:2000]} != {expected[:2000]}")
    return HttpResponse(content, content_type=responses.CONTENT_TYPE)


@router.get(
    "/sales-points/{slug}",
    response={200: SalesPointDetail, 404: Problem},
    url_name="sales_point_detail",
    summary="One sales point",
)
@decorate_view(cache_anonymous_get(DIRECTORY))
def get_sales_point(request: HttpRequest, slug: str) -> HttpResponse:
    """A public sales point with its opening hours, closures, payment methods, accessibility and operator."""
    point = sales_point_get(slug=slug)
    today = local_now().date()
    status = opening_status(point)
    payment_labels, access_labels, weekdays = PAYMENT_LABELS, ACCESSIBILITY_LABELS, WEEKDAY_LABELS
    operator = point.operator
    province = point.municipality.province
    body: dict[str, Any] = {
        "id": point.pk,
        "slug": point.slug,
        "name": point.name,
        "type": point.type,
        "type_label": str(TYPE_LABELS.get(point.type, point.type)),
        "status": point.status,
        "status_label": str(STATUS_LABELS.get(point.status, point.status)),
        "description": point.description,
        "street": point.street,
        "postal_code": point.postal_code,
        "locality": point.locality,
        "municipality": {"code": point.municipality.code, "name": point.municipality.name},
        "province": province.name if province is not None else None,
        "lat": point.lat,
        "lon": point.lon,
        "position_exact": point.position_exact,
        "phone": point.phone,
        "email": point.email,
        "website": point.website,
        "categories": [{"key": c.key, "label": c.label} for c in point.categories.all()],
        "labels": [{"key": c.key, "label": c.label} for c in point.labels.all()],
        "payment_methods": [{"key": m, "label": str(payment_labels.get(m, m))} for m in point.payment_methods],
        "accessibility": [{"key": a, "label": str(access_labels.get(a, a))} for a in point.accessibility],
        "cooled": point.cooled,
        "hours_note": point.hours_note,
        "opening_rules": [
            {
                "weekday": rule.weekday,
                "weekday_label": str(weekdays[rule.weekday]),
                "opens": rule.opens,
                "closes": rule.closes,
                "season_start": rule.season_start,
                "season_end": rule.season_end,
                "season_name": rule.season_name,
            }
            for rule in point.opening_rules.all()
        ],
        "closures": [
            {"start_date": c.start_date, "end_date": c.end_date, "reason": c.reason}
            for c in point.closures.all()
            if c.end_date >= today
        ],
        "opening_status": {
            "is_open": status.is_open,
            "closes_at": status.closes_at,
            "next_opening": status.next_opening,
        },
        "operator": (
            {
                "slug": operator.slug,
                "name": operator.name,
                "kind": operator.kind,
                "kind_label": operator.get_kind_display(),
                "url": request.build_absolute_uri(reverse("api-1:organisation_detail", kwargs={"slug": operator.slug})),
            }
            if operator is not None
            else None
        ),
        "last_verified_at": point.last_verified_at,
        "url": page_url(request, point.slug),
    }
    return json_response(SalesPointDetail, body)
