"""Ordering from a market match (on the market router, tags "market"): where the match's buyer can order from its
producer, and setting up a standing order or placing a one-off business order from it (docs/trade.md, "From a match
to an order"). For the buying party only: an owner or manager of the request's organisation (a session, or a token of
that organisation with the orders scope); others get 404 (not a party) or 403 (the offering side, staff, admins).
"""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Header, Router, Status
from ninja.responses import Response

from streek.market.access import access_match_buyer
from streek.market.models import Match
from streek.orders.exceptions import MatchOrderRefused, TradeError
from streek.orders.models import DeliveryZone, OrderCycle, PickupPoint, PickupSlot
from streek.orders.offer_lines import offer_description
from streek.orders.selectors.match_options import match_order_options
from streek.orders.selectors.orders import order_get_detail
from streek.orders.services.checkout import IDEMPOTENCY_KEY_LENGTH, order_for_key
from streek.orders.services.from_match import order_from_match, standing_order_from_match

from .auth import api_auth
from .errors import PROBLEM_CONTENT_TYPE
from .orders import SESSION_ERRORS, signed_in
from .orders import refusal as trade_refusal
from .orders_render import order_detail
from .schemas.market_orders import HubOptionOut, MatchOrderIn, MatchOrderOut, MatchStandingIn, MatchStandingOut
from .schemas.orders import TradeProblem

router = Router(tags=["market"])

PlaceOptionSource = PickupPoint | DeliveryZone | PickupSlot


# --- ordering from a match ------------------------------------------------------------------------------------------


def match_agreement_out(match: Match) -> dict[str, Any]:
    return {
        "id": match.pk,
        "status": match.status,
        "agreement_kind": match.agreement_kind,
        "agreement_reference": match.agreement_reference,
        "agreed_at": match.agreed_at,
    }


def match_refusal(request: HttpRequest, exc: TradeError) -> HttpResponse:
    """A refused order from a match as the trade endpoints answer it; a dismissed match is a conflict (409)."""
    if isinstance(exc, MatchOrderRefused) and exc.field == "match":
        extra = {**exc.extra, "errors": {"match": exc.message}}
        body = {"type": "about:blank", "title": _("Conflict"), "status": 409, "detail": exc.message, **extra}
        response = Response(body, status=409)
        response["Content-Type"] = PROBLEM_CONTENT_TYPE
        return response
    return trade_refusal(request, exc)


def _place(option: PlaceOptionSource) -> dict[str, Any]:
    return {"id": option.pk, "name": str(option)}


def _cycle_option(cycle: OrderCycle) -> dict[str, Any]:
    return {
        "id": cycle.pk,
        "name": cycle.name,
        "opens_at": cycle.opens_at,
        "closes_at": cycle.closes_at,
        "fulfilment_date": cycle.fulfilment_date,
    }


@router.get(
    "/matches/{match_id}/order-options",
    auth=api_auth("orders:read"),
    response={200: list[HubOptionOut], **SESSION_ERRORS},
    url_name="match_order_options",
    summary="Where a match's buyer can order from its producer",
)
def list_match_order_options(request: HttpRequest, match_id: int) -> list[dict[str, Any]]:
    """The hubs through which the match's buyer (an owner or manager of the request's organisation) can order
    from the offering producer: admitted to a business channel there, the producer selling in an open or
    upcoming cycle. Per hub its cycles, the producer's variants and where to collect or deliver."""
    match = access_match_buyer(actor=signed_in(request), match_id=match_id)
    return [
        {
            "hub": {"id": option.hub.pk, "slug": option.hub.slug, "name": option.hub.name},
            "channel": option.terms.kind,
            "open_cycle": _cycle_option(option.open_cycle) if option.open_cycle is not None else None,
            "next_cycles": [_cycle_option(cycle) for cycle in option.next_cycles],
            "variants": [
                {
                    "variant_id": variant.variant.pk,
                    "description": variant.description,
                    "suggested": variant.suggested,
                    "offer_id": variant.offer.pk if variant.offer is not None else None,
                    "available": variant.available,
                    "case_size": variant.case_size,
                    "minimum_quantity": variant.minimum_quantity,
                    "unit_price": variant.price.unit_price if variant.price is not None else None,
                }
                for variant in option.variants
            ],
            "pickup_points": [_place(point) for point in option.pickup_points],
            "delivery_zones": [_place(zone) for zone in option.delivery_zones],
            "pickup_slots": [_place(slot) for slot in option.pickup_slots],
            "cycle_delivery_zones": [_place(zone) for zone in option.cycle_zones],
        }
        for option in match_order_options(match=match)
    ]


@router.post(
    "/matches/{match_id}/standing-order",
    auth=api_auth("orders:write"),
    response={201: MatchStandingOut, **SESSION_ERRORS, 409: TradeProblem, 422: TradeProblem},
    url_name="match_standing_order",
    summary="Set up a standing order from a match",
)
def create_match_standing_order(
    request: HttpRequest, match_id: int, payload: MatchStandingIn
) -> Status[dict[str, Any]] | HttpResponse:
    """The match's buyer sets up a standing order of the producer's variant through a hub of the order options;
    the match becomes an agreement (a collaboration for the monitor). A refusal names the field and writes
    nothing: 422 for a value to correct, 409 for a dismissed match; 403 for anyone but the buyer's owners and
    managers."""
    user = signed_in(request)
    match = access_match_buyer(actor=user, match_id=match_id)
    address = payload.address
    try:
        standing = standing_order_from_match(
            actor=user,
            match=match,
            hub_id=payload.hub_id,
            variant_id=payload.variant_id,
            quantity=payload.quantity,
            fulfilment_method=payload.fulfilment_method,
            starts_on=payload.starts_on,
            interval_weeks=payload.interval_weeks,
            ends_on=payload.ends_on,
            pickup_point_id=payload.pickup_point_id,
            delivery_zone_id=payload.delivery_zone_id,
            street=address.street if address is not None else "",
            postal_code=address.postal_code if address is not None else "",
            locality=address.locality if address is not None else "",
            note=payload.note,
            name=payload.name,
        )
    except TradeError as exc:
        return match_refusal(request, exc)
    match.refresh_from_db()
    lines = standing.lines.select_related("variant__product").order_by("pk")
    organisation = match.request.organisation
    return Status(
        201,
        {
            "match": match_agreement_out(match),
            "standing_order": {
                "id": standing.pk,
                "name": standing.name,
                "hub": {"id": standing.hub.pk, "slug": standing.hub.slug, "name": standing.hub.name},
                "buyer_organisation": {"id": organisation.pk, "slug": organisation.slug, "name": organisation.name},
                "channel": standing.terms.kind,
                "status": standing.status,
                "interval_weeks": standing.interval_weeks,
                "starts_on": standing.starts_on,
                "ends_on": standing.ends_on,
                "fulfilment_method": standing.fulfilment_method,
                "lines": [
                    {
                        "variant_id": line.variant_id,
                        "description": offer_description(variant=line.variant, product=line.variant.product),
                        "quantity": line.quantity,
                    }
                    for line in lines
                ],
            },
        },
    )


@router.post(
    "/matches/{match_id}/order",
    auth=api_auth("orders:write"),
    response={200: MatchOrderOut, 201: MatchOrderOut, **SESSION_ERRORS, 409: TradeProblem, 422: TradeProblem},
    url_name="match_order",
    summary="Place a one-off order from a match",
)
def create_match_order(
    request: HttpRequest,
    match_id: int,
    payload: MatchOrderIn,
    idempotency_key: str = Header(
        ...,
        alias="Idempotency-Key",
        min_length=1,
        max_length=IDEMPOTENCY_KEY_LENGTH,
        description="A key unique to this order (e.g. a UUID): sending it again returns the same order.",
    ),
) -> Status[dict[str, Any]] | HttpResponse:
    """The match's buyer places a one-off business order of the producer's variant in the hub's open cycle,
    placed and priced as a checkout; the match becomes an agreement (a collaboration for the monitor).

    201 with the new order; 200 with the same order when the `Idempotency-Key` was used before. Refusals write
    nothing: 409 when the stock is short (naming `available`), the cut-off passed or the match is dismissed;
    422 for a value to correct (the hub, the variant, the pickup slot...); 403 for anyone but the buyer's owners
    and managers."""
    user = signed_in(request)
    match = access_match_buyer(actor=user, match_id=match_id)
    key = idempotency_key.strip()
    placed = order_for_key(buyer_id=user.pk, idempotency_key=key)
    address = payload.address
    if placed is None:
        try:
            order = order_from_match(
                actor=user,
                match=match,
                hub_id=payload.hub_id,
                variant_id=payload.variant_id,
                quantity=payload.quantity,
                fulfilment_method=payload.fulfilment_method,
                idempotency_key=key,
                pickup_slot_id=payload.pickup_slot_id,
                delivery_zone_id=payload.delivery_zone_id,
                street=address.street if address is not None else "",
                postal_code=address.postal_code if address is not None else "",
                locality=address.locality if address is not None else "",
                note=payload.note,
            )
        except TradeError as exc:
            return match_refusal(request, exc)
    else:
        order = placed
    match.refresh_from_db()
    body = {"match": match_agreement_out(match), "order": order_detail(request, order_get_detail(order=order))}
    return Status(200 if placed is not None else 201, body)
