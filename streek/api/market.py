"""The market: the public board of offers and requests, posting and managing them, and their ranked matches.

The board and one active post are public. Posting, withdrawing and renewing need a Django session (CSRF token on
unsafe methods) or an API token with the `market:write` scope (401 without either; 403 for a token without the
scope): posting for an organisation its editors only, withdrawing and renewing its members
(streek/market/access.py). A post's matches (`market:read`) are shown to its organisation's members only, with the
score explained per criterion in the language of the request. Message threads are in market_threads.py,
donations to food banks in market_donations.py, ordering from a match in market_orders.py.
"""

import math
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.decorators import decorate_view
from ninja.errors import AuthenticationError

from streek.accounts.models import User
from streek.accounts.selectors import Actor, organisation_ids
from streek.catalog.directory_cache import DIRECTORY
from streek.catalog.models import Organisation
from streek.core.exceptions import ApplicationError, NotFound, PermissionRefused
from streek.core.geo import Point
from streek.core.response_cache import cache_anonymous_get
from streek.market.access import access_offer, access_request
from streek.market.board_cache import BOARD
from streek.market.explanations import match_explanations
from streek.market.models import Match
from streek.market.selectors.board import BoardFilters, offer_get, offer_list, request_get, request_list
from streek.market.selectors.matches import match_list_for_offer, match_list_for_request
from streek.market.services.posts import (
    offer_create,
    offer_renew,
    offer_withdraw,
    request_create,
    request_renew,
    request_withdraw,
)
from streek.territory.models import Municipality

from .auth import api_auth
from .errors import values_refused
from .market_donations import router as donations_router
from .market_orders import router as match_orders_router
from .market_render import OFFER_FIELDS, REQUEST_FIELDS, matched_post, post_out
from .market_threads import router as threads_router
from .pagination import PageParams, paginate
from .responses import json_response, url_builder
from .schemas.common import Problem
from .schemas.market import (
    BoardFilterParams,
    MatchPage,
    OfferFilterParams,
    OfferIn,
    OfferOut,
    OfferPage,
    PostIn,
    RequestIn,
    RequestOut,
    RequestPage,
)

router = Router(tags=["market"])
router.add_router("", match_orders_router)  # ordering from a match: /matches/{match_id}/...
router.add_router("", threads_router)  # message threads: /market/threads/..., /market/.../messages
router.add_router("", donations_router)  # donations to food banks: /market/donations/..., /market/offers/.../claims

SESSION_ERRORS: dict[int, Any] = {401: Problem, 403: Problem, 404: Problem}
POST_FIELDS = ("title", "description", "quantity", "recurrence", "starts_on", "ends_on", "place_name", "lat", "lon")


# --- shared -------------------------------------------------------------------------------------------------------


def actor(request: HttpRequest) -> Actor:
    return request.user  # type: ignore[return-value]


def signed_in(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User):
        raise AuthenticationError()
    return user


def keys(values: list[str]) -> tuple[str, ...]:
    """Repeatable parameters, each possibly comma separated."""
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def board_filters(params: BoardFilterParams) -> BoardFilters:
    near = None
    if params.near:
        try:
            lat, lon = (float(part) for part in params.near.split(","))
        except ValueError:
            lat, lon = math.nan, math.nan
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            message = _("Give the centre as latitude,longitude in degrees.")
            raise ApplicationError(message, extra={"errors": {"near": message}})
        near = Point(lat=lat, lon=lon)
    if params.radius_km is not None and near is None:
        message = _("A radius needs a centre (near).")
        raise ApplicationError(message, extra={"errors": {"near": message}})
    surplus = isinstance(params, OfferFilterParams) and params.surplus
    donation = isinstance(params, OfferFilterParams) and params.donation
    return BoardFilters(
        search=(params.q or "").strip(),
        product_types=keys(params.product_type),
        labels=keys(params.label),
        municipality=params.municipality or "",
        region=params.region or "",
        near=near,
        radius_km=params.radius_km,
        surplus_only=surplus,
        donation_only=donation,
        organisation_kinds=keys(params.organisation_kind),
        organisation_id=params.organisation,
    )


def editable_organisation(user: User, organisation_id: int) -> Organisation:
    """The organisation given in the body: 404 when unknown, 403 unless the caller is one of its editors."""
    organisation = Organisation.objects.select_related("municipality").filter(pk=organisation_id).first()
    if organisation is None:
        raise NotFound(_("organisation"))
    if organisation.pk not in organisation_ids(actor=user, editors_only=True):
        raise PermissionRefused(_("You may only post for an organisation you edit."))
    return organisation


def post_fields(payload: PostIn, names: tuple[str, ...]) -> dict[str, Any]:
    fields = {name: getattr(payload, name) for name in (*POST_FIELDS, *names)}
    if payload.municipality:
        municipality = Municipality.objects.filter(code=payload.municipality).first()
        if municipality is None:
            message = _("Unknown municipality '%(code)s'.") % {"code": payload.municipality}
            raise ApplicationError(message, extra={"errors": {"municipality": message}})
        fields["municipality"] = municipality
    if (payload.lat is None) != (payload.lon is None):
        message = _("Give both latitude and longitude, or neither.")
        raise ApplicationError(message, extra={"errors": {"lat": message}})
    return fields


def board_page(request: HttpRequest, qs: Any, filters: BoardFilters, page: PageParams, *, offers: bool) -> HttpResponse:
    sort, descending = ("distance_sq", False) if filters.near is not None else ("created_at", True)
    result = paginate(request, qs, sort=sort, params=page, descending=descending)
    if offers:
        schema: type[OfferPage | RequestPage] = OfferPage
        url = url_builder(request, "api-1:offer_detail", "offer_id")
    else:
        schema, url = RequestPage, url_builder(request, "api-1:request_detail", "request_id")
    items = [post_out(request, post, url) for post in result.items]
    return json_response(schema, {"items": items, "next": result.next, "count": result.count})


def match_page(request: HttpRequest, qs: Any, page: PageParams) -> dict[str, Any]:
    result = paginate(request, qs, sort="score", params=page, descending=True)
    matches: list[Match] = list(result.items)
    explanations = match_explanations(matches)
    items = [
        {
            "id": match.pk,
            "score": match.score,
            "distance_km": match.distance_km,
            "status": match.status,
            "offer": matched_post(request, match.offer),
            "request": matched_post(request, match.request),
            "criteria": [
                {
                    "criterion": entry.criterion,
                    "label": entry.label,
                    "score": entry.score,
                    "weight": entry.weight,
                    "code": entry.code,
                    "text": entry.text,
                }
                for entry in explanations[match.pk]
            ],
        }
        for match in matches
    ]
    return {"items": items, "next": result.next, "count": result.count}


# --- offers ---------------------------------------------------------------------------------------------------------


@router.get(
    "/offers", response={200: OfferPage, 404: Problem, 422: Problem}, url_name="offer_list", summary="The offers"
)
@decorate_view(cache_anonymous_get(BOARD, DIRECTORY))
def list_offers(request: HttpRequest, filters: Query[OfferFilterParams], page: Query[PageParams]) -> HttpResponse:
    """Active offers passing the filters, newest first, or nearest first with `near`."""
    parsed = board_filters(filters)
    return board_page(request, offer_list(filters=parsed), parsed, page, offers=True)


@router.get("/offers/{offer_id}", response={200: OfferOut, 404: Problem}, url_name="offer_detail", summary="One offer")
def get_offer(request: HttpRequest, offer_id: int) -> dict[str, Any]:
    """An active offer (its organisation's members also see expired and withdrawn ones)."""
    access_offer(actor=actor(request), offer_id=offer_id)
    offer = offer_get(offer_id=offer_id)
    if offer is None:
        raise NotFound(_("offer"))
    return post_out(request, offer)


@router.post(
    "/offers",
    auth=api_auth("market:write"),
    response={201: OfferOut, 422: Problem, **SESSION_ERRORS},
    url_name="offer_create",
    summary="Post an offer",
)
def create_offer(request: HttpRequest, payload: OfferIn) -> Status[dict[str, Any]]:
    """Post an offer for an organisation you edit (a producer, processor or food hub); it is matched at once."""
    user = signed_in(request)
    organisation = editable_organisation(user, payload.organisation)
    fields = post_fields(payload, OFFER_FIELDS)
    try:
        offer = offer_create(
            organisation=organisation,
            actor=user,
            product_type=payload.product_type,
            unit=payload.unit,
            label_keys=payload.labels,
            spec=payload.spec,
            **fields,
        )
    except ValidationError as exc:
        raise values_refused(exc) from exc
    found = offer_get(offer_id=offer.pk)
    assert found is not None  # noqa: S101 - just created
    return Status(201, post_out(request, found))


@router.post(
    "/offers/{offer_id}/withdraw",
    auth=api_auth("market:write"),
    response={200: OfferOut, 422: Problem, **SESSION_ERRORS},
    url_name="offer_withdraw",
    summary="Withdraw an offer",
)
def withdraw_offer(request: HttpRequest, offer_id: int) -> dict[str, Any]:
    """Take an offer off the board (its organisation's members)."""
    user = signed_in(request)
    offer = access_offer(actor=user, offer_id=offer_id, for_write=True)
    offer_withdraw(offer=offer, actor=user)
    return post_out(request, offer_get(offer_id=offer.pk))  # type: ignore[arg-type]


@router.post(
    "/offers/{offer_id}/renew",
    auth=api_auth("market:write"),
    response={200: OfferOut, 422: Problem, **SESSION_ERRORS},
    url_name="offer_renew",
    summary="Renew an offer",
)
def renew_offer(request: HttpRequest, offer_id: int) -> dict[str, Any]:
    """Keep an offer on the board for another period; an expired one comes back and is re-matched."""
    user = signed_in(request)
    offer = access_offer(actor=user, offer_id=offer_id, for_write=True)
    try:
        offer_renew(offer=offer, actor=user)
    except ValidationError as exc:
        raise values_refused(exc) from exc
    return post_out(request, offer_get(offer_id=offer.pk))  # type: ignore[arg-type]


@router.get(
    "/offers/{offer_id}/matches",
    auth=api_auth("market:read"),
    response={200: MatchPage, 422: Problem, **SESSION_ERRORS},
    url_name="offer_matches",
    summary="The requests matching an offer",
)
def list_offer_matches(request: HttpRequest, offer_id: int, page: Query[PageParams]) -> dict[str, Any]:
    """The requests matching an offer, best first, each criterion explained (its organisation's members)."""
    offer = access_offer(actor=signed_in(request), offer_id=offer_id, for_write=True)
    return match_page(request, match_list_for_offer(offer=offer, limit=None), page)


# --- requests -------------------------------------------------------------------------------------------------------


@router.get(
    "/requests",
    response={200: RequestPage, 404: Problem, 422: Problem},
    url_name="request_list",
    summary="The requests",
)
@decorate_view(cache_anonymous_get(BOARD, DIRECTORY))
def list_requests(request: HttpRequest, filters: Query[BoardFilterParams], page: Query[PageParams]) -> HttpResponse:
    """Active requests passing the filters, newest first, or nearest first with `near`."""
    parsed = board_filters(filters)
    return board_page(request, request_list(filters=parsed), parsed, page, offers=False)


@router.get(
    "/requests/{request_id}", response={200: RequestOut, 404: Problem}, url_name="request_detail", summary="One request"
)
def get_request(request: HttpRequest, request_id: int) -> dict[str, Any]:
    """An active request (its organisation's members also see expired and withdrawn ones)."""
    access_request(actor=actor(request), request_id=request_id)
    found = request_get(request_id=request_id)
    if found is None:
        raise NotFound(_("request"))
    return post_out(request, found)


@router.post(
    "/requests",
    auth=api_auth("market:write"),
    response={201: RequestOut, 422: Problem, **SESSION_ERRORS},
    url_name="request_create",
    summary="Post a request",
)
def create_request(request: HttpRequest, payload: RequestIn) -> Status[dict[str, Any]]:
    """Post a request for an organisation you edit (any buyer); it is matched at once."""
    user = signed_in(request)
    organisation = editable_organisation(user, payload.organisation)
    fields = post_fields(payload, REQUEST_FIELDS)
    try:
        created = request_create(
            organisation=organisation,
            actor=user,
            product_type=payload.product_type,
            unit=payload.unit,
            label_keys=payload.labels,
            spec=payload.spec,
            **fields,
        )
    except ValidationError as exc:
        raise values_refused(exc) from exc
    found = request_get(request_id=created.pk)
    assert found is not None  # noqa: S101 - just created
    return Status(201, post_out(request, found))


@router.post(
    "/requests/{request_id}/withdraw",
    auth=api_auth("market:write"),
    response={200: RequestOut, 422: Problem, **SESSION_ERRORS},
    url_name="request_withdraw",
    summary="Withdraw a request",
)
def withdraw_request(request: HttpRequest, request_id: int) -> dict[str, Any]:
    """Take a request off the board (its organisation's members)."""
    user = signed_in(request)
    found = access_request(actor=user, request_id=request_id, for_write=True)
    request_withdraw(request=found, actor=user)
    return post_out(request, request_get(request_id=found.pk))  # type: ignore[arg-type]


@router.post(
    "/requests/{request_id}/renew",
    auth=api_auth("market:write"),
    response={200: RequestOut, 422: Problem, **SESSION_ERRORS},
    url_name="request_renew",
    summary="Renew a request",
)
def renew_request(request: HttpRequest, request_id: int) -> dict[str, Any]:
    """Keep a request on the board for another period; an expired one comes back and is re-matched."""
    user = signed_in(request)
    found = access_request(actor=user, request_id=request_id, for_write=True)
    try:
        request_renew(request=found, actor=user)
    except ValidationError as exc:
        raise values_refused(exc) from exc
    return post_out(request, request_get(request_id=found.pk))  # type: ignore[arg-type]


@router.get(
    "/requests/{request_id}/matches",
    auth=api_auth("market:read"),
    response={200: MatchPage, 422: Problem, **SESSION_ERRORS},
    url_name="request_matches",
    summary="The offers matching a request",
)
def list_request_matches(request: HttpRequest, request_id: int, page: Query[PageParams]) -> dict[str, Any]:
    """The offers matching a request, best first, each criterion explained (its organisation's members)."""
    found = access_request(actor=signed_in(request), request_id=request_id, for_write=True)
    return match_page(request, match_list_for_request(request=found, limit=None), page)
