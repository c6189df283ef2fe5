"""Organisations: producers, processors, hubs, buyers; public and read-only."""

from collections import Counter
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import get_language
from ninja import Query, Router
from ninja.decorators import decorate_view

from streek.catalog.choices import OrganisationKind, Practice
from streek.catalog.directory_cache import DIRECTORY
from streek.catalog.models import Organisation
from streek.catalog.selectors.organisations import organisation_get, organisation_list_rows
from streek.core.response_cache import cache_anonymous_get

from .pagination import PageParams, paginate
from .responses import json_response, url_builder
from .schemas.common import Problem
from .schemas.organisations import OrganisationDetail, OrganisationFilterParams, OrganisationPage

router = Router(tags=["organisations"])


def organisation_item(request: HttpRequest, organisation: Organisation) -> dict[str, object]:
    municipality = organisation.municipality
    return {
        "id": organisation.pk,
        "slug": organisation.slug,
        "name": organisation.name,
        "kind": organisation.kind,
        "kind_label": organisation.get_kind_display(),
        "municipality": {"code": municipality.code, "name": municipality.name} if municipality else None,
        "locality": organisation.locality,
        "lat": organisation.lat,
        "lon": organisation.lon,
        "website": organisation.website,
        "url": request.build_absolute_uri(reverse("api-1:organisation_detail", kwargs={"slug": organisation.slug})),
    }


def municipality_name(row: dict[str, Any], prefix: str, language: str) -> str:
    """Municipality.name for a row: French in French when there is one, else Dutch (else French)."""
    name_nl, name_fr = row[f"{prefix}_nl"], row[f"{prefix}_fr"]
    if language.startswith("fr") and name_fr:
        return str(name_fr)
    return str(name_nl or name_fr)


def organisation_rows_out(request: HttpRequest, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows of organisation_list_rows as OrganisationItem bodies (what organisation_item gives)."""
    language = get_language() or "nl"
    kinds = {value: str(label) for value, label in OrganisationKind.choices}
    url = url_builder(request, "api-1:organisation_detail", "slug")
    return [
        {
            "id": row["id"],
            "slug": row["slug"],
            "name": row["name"],
            "kind": row["kind"],
            "kind_label": kinds.get(row["kind"], row["kind"]),
            "municipality": (
                {"code": row["municipality__code"], "name": municipality_name(row, "municipality__name", language)}
                if row["municipality_id"] is not None
                else None
            ),
            "locality": row["locality"],
            "lat": row["lat"],
            "lon": row["lon"],
            "website": row["website"],
            "url": url(row["slug"]),
        }
        for row in rows
    ]


@router.get(
    "/organisations",
    response={200: OrganisationPage, 422: Problem},
    url_name="organisation_list",
    summary="List organisations",
)
@decorate_view(cache_anonymous_get(DIRECTORY))
def list_organisations(
    request: HttpRequest, filters: Query[OrganisationFilterParams], page: Query[PageParams]
) -> HttpResponse:
    """Organisations by name, filtered on kind, municipality code and a search text."""
    qs = organisation_list_rows(
        kind=filters.kind or "", municipality=filters.municipality or "", search=filters.q or ""
    )
    result = paginate(request, qs, sort="name", params=page)
    body = {"items": organisation_rows_out(request, result.items), "next": result.next, "count": result.count}
    return json_response(OrganisationPage, body)


@router.get(
    "/organisations/{slug}",
    response={200: OrganisationDetail, 404: Problem},
    url_name="organisation_detail",
    summary="One organisation",
)
def get_organisation(request: HttpRequest, slug: str) -> dict[str, object]:
    """An organisation with its labels, practices, a summary of its products and its public sales points."""
    organisation = organisation_get(slug=slug)
    practices = dict(Practice.choices)
    products = list(organisation.products.all())
    type_counts = Counter(product.product_type.key for product in products)
    type_labels = {product.product_type.key: product.product_type.label for product in products}
    return {
        **organisation_item(request, organisation),
        "legal_name": organisation.legal_name,
        "country": organisation.country.code,
        "street": organisation.street,
        "postal_code": organisation.postal_code,
        "description": organisation.description,
        "practices": [{"key": p, "label": str(practices[p])} for p in organisation.practices if p in practices],
        "labels": [
            {
                "key": label.facet.key,
                "label": label.facet.label,
                "certifier": label.certifier,
                "certificate_number": label.certificate_number,
                "valid_until": label.valid_until,
            }
            for label in organisation.labels.all()
        ],
        "products": {
            "count": len(products),
            "product_types": [{"key": key, "label": type_labels[key], "count": n} for key, n in type_counts.items()],
        },
        "sales_points": [
            {
                "slug": point.slug,
                "name": point.name,
                "type": point.type,
                "url": request.build_absolute_uri(reverse("api-1:sales_point_detail", kwargs={"slug": point.slug})),
            }
            for point in getattr(organisation, "public_sales_points", [])
        ],
    }
