"""Renderers of the market endpoints: posts and their matched counterparts as the schemas of schemas/market.py."""

import math
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from streek.catalog.models import Concept, Organisation
from streek.market.models import Offer, Request

OFFER_FIELDS = ("price", "packaging", "delivery_possible", "delivery_radius_km", "is_surplus", "donation_allowed")
REQUEST_FIELDS = (
    "max_distance_km",
    "needs_delivery",
    "delivery_weekdays",
    "delivery_time_from",
    "delivery_time_until",
    "budget",
)


def option(concept: Concept) -> dict[str, str]:
    return {"key": concept.key, "label": concept.label}


def organisation_out(organisation: Organisation) -> dict[str, Any]:
    return {"id": organisation.pk, "slug": organisation.slug, "name": organisation.name, "kind": organisation.kind}


def post_url(request: HttpRequest, post: Offer | Request) -> str:
    if isinstance(post, Offer):
        return request.build_absolute_uri(reverse("api-1:offer_detail", kwargs={"offer_id": post.pk}))
    return request.build_absolute_uri(reverse("api-1:request_detail", kwargs={"request_id": post.pk}))


def post_out(
    request: HttpRequest, post: Offer | Request, url: Callable[[int | str], str] | None = None
) -> dict[str, Any]:
    """A post as OfferOut or RequestOut; `url` (from streek/api/responses.url_builder) links many posts at once."""
    distance_sq = getattr(post, "distance_sq", None)
    municipality = post.municipality
    common = {
        "id": post.pk,
        "title": post.title,
        "description": post.description,
        "organisation": organisation_out(post.organisation),
        "product_type": option(post.product_type),
        "quantity": post.quantity,
        "unit": option(post.unit),
        "recurrence": post.recurrence,
        "starts_on": post.starts_on,
        "ends_on": post.ends_on,
        "place_name": post.place_name,
        "municipality": {"code": municipality.code, "name": municipality.name} if municipality else None,
        "lat": post.lat,
        "lon": post.lon,
        "labels": [option(label) for label in post.labels.all()],
        "spec": list(post.spec or []),
        "status": post.status,
        "expires_at": post.expires_at,
        "created_at": post.created_at,
        "distance_km": round(math.sqrt(max(distance_sq, 0.0)), 2) if distance_sq is not None else None,
        "url": url(post.pk) if url is not None else post_url(request, post),
    }
    if isinstance(post, Offer):
        return {
            **common,
            **{name: getattr(post, name) for name in OFFER_FIELDS},
            "quantity_available": (post.quantity_available),
        }
    return {**common, **{name: getattr(post, name) for name in REQUEST_FIELDS}}


def matched_post(request: HttpRequest, post: Offer | Request) -> dict[str, Any]:
    return {
        "id": post.pk,
        "title": post.title,
        "organisation": organisation_out(post.organisation),
        "product_type": option(post.product_type),
        "quantity": post.quantity,
        "unit": option(post.unit),
        "url": post_url(request, post),
    }
