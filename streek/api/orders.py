"""Trade: order cycles, the shop catalogue, the basket, the checkout and orders.

Cycles and the catalogue are public (published cycles; a hub's members also see its drafts). The basket,
the checkout and orders need a Django session (401 otherwise; CSRF token on unsafe methods, as ninja's
SessionAuth checks it). Guards come from streek/orders/access.py: someone else's order is a 404.
Renderers are in orders_render.py.
"""

from decimal import Decimal
from typing import Any

from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Header, Query, Router, Status
from ninja.decorators import decorate_view
from ninja.errors import AuthenticationError
from ninja.responses import Response

from streek.accounts.models import User
from streek.accounts.selectors import Actor
from streek.catalog.directory_cache import DIRECTORY
from streek.catalog.models import Organisation
from streek.core.exceptions import NotFound, PermissionRefused
from streek.core.response_cache import cache_anonymous_get
from streek.orders.access import (
    access_cycle,
    access_hub,
    access_order,
    access_producer_in_cycle,
    is_member,
    organisations_buying_for,
)
from streek.orders.choices import CycleStatus
from streek.orders.exceptions import ChannelRefused, CheckoutRefused, OrderChangeRefused, TradeError
from streek.orders.models import OrderCycle
from streek.orders.selectors.baskets import basket_for, basket_summary
from streek.orders.selectors.cycles import cycle_count_for_hub, cycle_list_for_hub, cycle_page_for_hub
from streek.orders.selectors.orders import (
    order_get_detail,
    order_queryset_for_buyer,
    order_queryset_for_cycle,
    producer_cycle_lines,
)
from streek.orders.selectors.shop import cycle_producer_list, shop_catalogue
from streek.orders.services.basket import basket_get_or_create, basket_set_line, basket_terms
from streek.orders.services.checkout import IDEMPOTENCY_KEY_LENGTH, basket_checkout, order_for_key
from streek.orders.services.orders import order_cancel
from streek.orders.shop_cache import SHOP

from .auth import api_auth, require_token_organisation, token_organisation_id
from .errors import PROBLEM_CONTENT_TYPE
from .orders_render import (
    basket_out,
    catalogue_item,
    channel_option,
    cycle_item,
    cycle_ref,
    cycle_row_item,
    hub_order_item,
    order_detail,
    order_item,
    organisation_ref,
    producer_line_out,
    slot_out,
    zone_out,
)
from .pagination import PageParams, decode_datetime_cursor, next_page_url, paginate
from .responses import json_response, url_builder
from .schemas.common import Problem
from .schemas.orders import (
    BasketLineIn,
    BasketOut,
    BuyerParams,
    CancelIn,
    CataloguePage,
    CatalogueParams,
    CheckoutIn,
    CycleDetail,
    CycleFilterParams,
    CyclePage,
    HubOrderPage,
    OrderFilterParams,
    OrderPage,
    ProducerLines,
    ProducerLinesParams,
    TradeProblem,
)
from .schemas.orders import OrderDetail as OrderDetailOut

router = Router(tags=["trade"])

# Responses every session-only endpoint may give besides its own.
SESSION_ERRORS: dict[int, Any] = {401: Problem, 403: Problem, 404: Problem}
# Refusals naming these fields are about the state of the cycle, basket or order (409), not a value to correct.
STATE_FIELDS = frozenset({"cycle", "basket", "status"})


# --- shared -------------------------------------------------------------------------------------------------------


def actor(request: HttpRequest) -> Actor:
    return request.user  # type: ignore[return-value]


def signed_in(request: HttpRequest) -> User:
    """The signed-in user of a session-only endpoint (SessionAuth let the request through)."""
    user = request.user
    if not isinstance(user, User):
        raise AuthenticationError()
    return user


def refusal(request: HttpRequest, exc: TradeError) -> HttpResponse:
    """A refused trade action as problem+json naming the line (`offer_id`), the field and what is left:
    409 when the state forbids it (stock, cut-off, status), 403 for a channel the buyer may not buy on,
    422 for a value to correct."""
    extra = dict(exc.extra)
    field = str(extra.get("field") or "")
    if isinstance(exc, CheckoutRefused | OrderChangeRefused) or "available" in extra or field in STATE_FIELDS:
        status, title = 409, _("Conflict")
    elif isinstance(exc, ChannelRefused):
        status, title = 403, _("Forbidden")
    else:
        status, title = 422, _("Invalid request")
    if field:
        extra["errors"] = {field: str(exc.message)}
    body = {"type": "about:blank", "title": title, "status": status, "detail": str(exc.message), **extra}
    response = Response(body, status=status)
    response["Content-Type"] = PROBLEM_CONTENT_TYPE
    return response


def buyer_organisation_for(request: HttpRequest, organisation_id: int | None) -> Organisation | None:
    """The organisation the caller buys for (None: a household); 401 for guests, 403 unless the caller manages it."""
    if organisation_id is None:
        organisation_id = token_organisation_id(request)  # a token buys for its organisation, never a household
    if organisation_id is None:
        return None
    if not request.user.is_authenticated:
        raise AuthenticationError()
    found = next((o for o in organisations_buying_for(actor=actor(request)) if o.pk == organisation_id), None)
    if found is None:
        raise PermissionRefused(_("You may only order for an organisation you manage."))
    return found


# --- cycles -------------------------------------------------------------------------------------------------------


@router.get(
    "/hubs/{hub_id}/cycles",
    response={200: CyclePage, 404: Problem, 422: Problem},
    url_name="hub_cycle_list",
    summary="A hub's order cycles",
)
@decorate_view(cache_anonymous_get(SHOP, DIRECTORY))
def list_hub_cycles(
    request: HttpRequest, hub_id: int, filters: Query[CycleFilterParams], page: Query[PageParams]
) -> HttpResponse:
    """Published cycles, newest first; the hub's members also see drafts, closed and cancelled cycles."""
    # only what the items show of the hub (organisation_ref); the page comes from one hand-written query
    hub = Organisation.objects.only("id", "slug", "name").filter(pk=hub_id).first()
    if hub is None:
        raise NotFound(_("hub"))
    member = is_member(actor=actor(request), organisation_id=hub.pk)
    statuses = [filters.status] if filters.status else None
    if not member:
        statuses = [CycleStatus.PUBLISHED] if statuses in (None, [CycleStatus.PUBLISHED]) else []
    before = decode_datetime_cursor(page.cursor, "opens_at") if page.cursor else None
    rows = (
        cycle_page_for_hub(hub_id=hub.pk, statuses=statuses, before=before, limit=page.limit + 1)
        if statuses != []
        else []
    )
    items, more = rows[: page.limit], len(rows) > page.limit
    url = url_builder(request, "api-1:cycle_detail", "cycle_id")
    body = {
        "items": [cycle_row_item(row, hub, member=member, url=url) for row in items],
        "next": next_page_url(request, sort="opens_at", value=items[-1].opens_at, pk=items[-1].id) if more else None,
        "count": (cycle_count_for_hub(hub_id=hub.pk, statuses=statuses) if statuses != [] else 0)
        if page.count
        else None,
    }
    return json_response(CyclePage, body)


@router.get(
    "/cycles/{cycle_id}",
    response={200: CycleDetail, 404: Problem},
    url_name="cycle_detail",
    summary="One order cycle",
)
def get_cycle(request: HttpRequest, cycle_id: int) -> dict[str, Any]:
    """A cycle with its producers, hub fees, pickup slots and delivery zones."""
    found = access_cycle(actor=actor(request), cycle_id=cycle_id)
    hub = found.hub
    member = is_member(actor=actor(request), organisation_id=hub.pk)
    cycle = cycle_list_for_hub(hub=hub).get(pk=found.pk)
    return {
        **cycle_item(request, cycle, hub, member=member),
        "notes": cycle.notes,
        "producers": [
            organisation_ref(exchange.producer)
            for exchange in cycle.producers.select_related("producer").order_by("producer__name", "pk")
        ],
        "fees": [
            {
                "kind": fee.kind,
                "name": fee.name or str(fee.get_kind_display()),
                "calculation": fee.calculation,
                "amount": fee.amount,
            }
            for fee in cycle.fees.all()
        ],
        "pickup_slots": [
            slot_out(slot) for slot in cycle.slots.select_related("pickup_point").filter(pickup_point__is_active=True)
        ],
        "delivery_zones": [zone_out(zone) for zone in cycle.delivery_zones.filter(is_active=True)],
    }


# --- shop catalogue -----------------------------------------------------------------------------------------------


def page_url(request: HttpRequest, page: int) -> str:
    query = request.GET.copy()
    query["page"] = str(page)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


@router.get(
    "/cycles/{cycle_id}/catalogue",
    response={200: CataloguePage, 401: Problem, 403: TradeProblem, 404: Problem, 422: Problem},
    url_name="cycle_catalogue",
    summary="The shop catalogue of a cycle",
)
def get_catalogue(request: HttpRequest, cycle_id: int, params: Query[CatalogueParams]) -> HttpResponse:
    """What the caller can order in a cycle, priced on its channel: consumers (guests and households) on the
    consumer terms, a business buyer (`buyer_organisation`) on the business channel it is admitted to.
    Sold-out offers are included. Filtered on a search text, a producer and a product type; page by page."""
    cycle = access_cycle(actor=actor(request), cycle_id=cycle_id)
    organisation = buyer_organisation_for(request, params.buyer_organisation)
    try:
        terms = basket_terms(cycle=cycle, buyer_organisation=organisation)
    except TradeError as exc:
        return refusal(request, exc)
    shop = shop_catalogue(
        cycle=cycle,
        terms=terms,
        page=params.page,
        per_page=params.limit,
        search=params.q or "",
        producer_id=params.producer,
        product_type_key=params.product_type or None,
    )
    # Built to the CataloguePage schema (tests check it) and rendered without a second validation pass.
    return Response(
        {
            "cycle": cycle_ref(cycle),
            "channel": channel_option(terms),
            "items": [catalogue_item(row, cycle) for row in shop.rows],
            "page": shop.page,
            "num_pages": shop.num_pages,
            "count": shop.total,
            "next": page_url(request, shop.page + 1) if shop.has_next else None,
            "previous": page_url(request, shop.page - 1) if shop.has_previous else None,
        }
    )


# --- basket -------------------------------------------------------------------------------------------------------


def render_basket(
    request: HttpRequest, cycle: OrderCycle, organisation: Organisation | None
) -> Status[dict[str, Any]] | HttpResponse:
    """The caller's basket in a cycle as BasketOut (an empty one when there is none yet)."""
    basket = basket_for(cycle=cycle, user=actor(request), session_key="", buyer_organisation=organisation)
    if basket is None:
        try:
            terms = basket_terms(cycle=cycle, buyer_organisation=organisation)
        except TradeError as exc:
            return refusal(request, exc)
        return Status(200, basket_out(cycle=cycle, terms=terms, organisation=organisation, summary=None))
    summary = basket_summary(basket=basket)
    return Status(200, basket_out(cycle=cycle, terms=summary.terms, organisation=organisation, summary=summary))


@router.get(
    "/cycles/{cycle_id}/basket",
    auth=api_auth("orders:read"),
    response={200: BasketOut, **SESSION_ERRORS, 403: TradeProblem},
    url_name="cycle_basket",
    summary="Your basket in a cycle",
)
def get_basket(request: HttpRequest, cycle_id: int, buyer: Query[BuyerParams]) -> Status[dict[str, Any]] | HttpResponse:
    """Your basket (or your organisation's with `buyer_organisation`), priced per line and grouped per producer,
    with its totals and what to fix before checking out. Nothing is created by reading it."""
    cycle = access_cycle(actor=actor(request), cycle_id=cycle_id)
    organisation = buyer_organisation_for(request, buyer.buyer_organisation)
    return render_basket(request, cycle, organisation)


@router.put(
    "/cycles/{cycle_id}/basket/lines/{offer_id}",
    auth=api_auth("orders:write"),
    response={200: BasketOut, **SESSION_ERRORS, 403: TradeProblem, 409: TradeProblem, 422: TradeProblem},
    url_name="cycle_basket_line",
    summary="Put an offered variant in your basket",
)
def put_basket_line(
    request: HttpRequest, cycle_id: int, offer_id: int, payload: BasketLineIn, buyer: Query[BuyerParams]
) -> Status[dict[str, Any]] | HttpResponse:
    """Set the quantity (and preparation) of one line; 0 removes it. Refused with 422 naming the line for a case
    size, minimum or preparation the channel does not allow, 409 with what is left when the stock is short."""
    cycle = access_cycle(actor=actor(request), cycle_id=cycle_id)
    organisation = buyer_organisation_for(request, buyer.buyer_organisation)
    try:
        basket = basket_get_or_create(cycle=cycle, user=actor(request), session_key="", buyer_organisation=organisation)
        basket_set_line(
            basket=basket, offer_id=offer_id, quantity=payload.quantity, preparation=payload.preparation or ""
        )
    except TradeError as exc:
        return refusal(request, exc)
    return render_basket(request, cycle, organisation)


@router.delete(
    "/cycles/{cycle_id}/basket/lines/{offer_id}",
    auth=api_auth("orders:write"),
    response={200: BasketOut, **SESSION_ERRORS, 403: TradeProblem, 422: TradeProblem},
    url_name="cycle_basket_line_delete",
    summary="Remove a line from your basket",
)
def delete_basket_line(
    request: HttpRequest, cycle_id: int, offer_id: int, buyer: Query[BuyerParams]
) -> Status[dict[str, Any]] | HttpResponse:
    """Remove one line (removing a line that is not there changes nothing); answers with the basket."""
    cycle = access_cycle(actor=actor(request), cycle_id=cycle_id)
    organisation = buyer_organisation_for(request, buyer.buyer_organisation)
    basket = basket_for(cycle=cycle, user=actor(request), session_key="", buyer_organisation=organisation)
    if basket is not None:
        try:
            basket_set_line(basket=basket, offer_id=offer_id, quantity=0)
        except TradeError as exc:
            return refusal(request, exc)
    return render_basket(request, cycle, organisation)


# --- checkout -------------------------------------------------------------------------------------------------------


@router.post(
    "/cycles/{cycle_id}/checkout",
    auth=api_auth("orders:write"),
    response={
        200: OrderDetailOut,
        201: OrderDetailOut,
        **SESSION_ERRORS,
        403: TradeProblem,
        409: TradeProblem,
        422: TradeProblem,
    },
    url_name="cycle_checkout",
    summary="Place your basket as an order",
)
def checkout(
    request: HttpRequest,
    cycle_id: int,
    payload: CheckoutIn,
    buyer: Query[BuyerParams],
    idempotency_key: str = Header(
        ...,
        alias="Idempotency-Key",
        min_length=1,
        max_length=IDEMPOTENCY_KEY_LENGTH,
        description="A key unique to this checkout (e.g. a UUID): sending it again returns the same order.",
    ),
) -> Status[dict[str, Any]] | HttpResponse:
    """Place your basket of this cycle: one order for you, one per producer, in one transaction.

    201 with the new order; 200 with the same order when the `Idempotency-Key` was used before (a retried or
    double request never places two orders). A refused checkout (a line no longer in stock, the cut-off
    passed, a full pickup slot, a minimum order) is a 409 naming the line (`offer_id`), the field and what is
    left (`available`); the basket is kept as it was."""
    user = signed_in(request)
    key = idempotency_key.strip()
    cycle = access_cycle(actor=user, cycle_id=cycle_id)
    organisation = buyer_organisation_for(request, buyer.buyer_organisation)
    placed = order_for_key(buyer_id=user.pk, idempotency_key=key)
    if placed is not None:
        return Status(200, order_detail(request, order_get_detail(order=placed)))
    address = payload.address
    try:
        basket = basket_get_or_create(cycle=cycle, user=user, session_key="", buyer_organisation=organisation)
        order = basket_checkout(
            basket=basket,
            actor=user,
            idempotency_key=key,
            fulfilment_method=payload.fulfilment_method,
            pickup_slot_id=payload.pickup_slot_id,
            delivery_zone_id=payload.delivery_zone_id,
            street=address.street if address is not None else "",
            postal_code=address.postal_code if address is not None else "",
            locality=address.locality if address is not None else "",
            note=payload.note,
        )
    except TradeError as exc:
        return refusal(request, exc)
    return Status(201, order_detail(request, order_get_detail(order=order)))


# --- orders -------------------------------------------------------------------------------------------------------


@router.get(
    "/orders",
    auth=api_auth("orders:read"),
    response={200: OrderPage, 401: Problem, 422: Problem},
    url_name="order_list",
    summary="Your orders",
)
def list_orders(request: HttpRequest, filters: Query[OrderFilterParams], page: Query[PageParams]) -> HttpResponse:
    """Your orders and those of the organisations you belong to, newest first."""
    orders = order_queryset_for_buyer(actor=actor(request), status=filters.status or None)
    if (organisation_id := token_organisation_id(request)) is not None:  # a token: its organisation's orders only
        orders = orders.filter(Q(buyer_organisation_id=organisation_id) | Q(hub_id=organisation_id))
    result = paginate(request, orders, sort="placed_at", params=page, descending=True)
    # Built to the OrderPage schema (tests check it) and rendered without a second validation pass.
    return Response(
        {"items": [order_item(request, order) for order in result.items], "next": result.next, "count": result.count}
    )


@router.get(
    "/orders/{order_id}",
    auth=api_auth("orders:read"),
    response={200: OrderDetailOut, **SESSION_ERRORS},
    url_name="order_detail",
    summary="One of your orders",
)
def get_order(request: HttpRequest, order_id: int) -> dict[str, Any]:
    """An order with its fulfilment, amounts, VAT per rate and the lines of each producer (404 for others')."""
    order = access_order(actor=actor(request), order_id=order_id)
    require_token_organisation(request, order.buyer_organisation_id, order.hub_id, what=_("order"))
    return order_detail(request, order_get_detail(order=order))


@router.post(
    "/orders/{order_id}/cancel",
    auth=api_auth("orders:write"),
    response={200: OrderDetailOut, **SESSION_ERRORS, 409: TradeProblem},
    url_name="order_cancel",
    summary="Cancel an order",
)
def cancel_order(request: HttpRequest, order_id: int, payload: CancelIn) -> Status[dict[str, Any]] | HttpResponse:
    """The buyer cancels until the cut-off, the hub's owners and managers until the cycle closes; the stock and
    the pickup slot are given back. 409 when it is too late, 403 for the hub's staff."""
    order = access_order(actor=actor(request), order_id=order_id, for_write=True)
    require_token_organisation(request, order.buyer_organisation_id, order.hub_id, what=_("order"))
    try:
        cancelled = order_cancel(actor=actor(request), order=order, reason=payload.reason)
    except TradeError as exc:
        return refusal(request, exc)
    return Status(200, order_detail(request, order_get_detail(order=cancelled)))


@router.get(
    "/cycles/{cycle_id}/orders",
    auth=api_auth("orders:read"),
    response={200: HubOrderPage, **SESSION_ERRORS, 422: Problem},
    url_name="cycle_order_list",
    summary="The orders of a cycle (the hub)",
)
def list_cycle_orders(
    request: HttpRequest, cycle_id: int, filters: Query[OrderFilterParams], page: Query[PageParams]
) -> HttpResponse:
    """Every order of the cycle, oldest first, for the hub's members (404 for anyone else)."""
    cycle = access_cycle(actor=actor(request), cycle_id=cycle_id)
    access_hub(actor=actor(request), hub_id=cycle.hub_id)
    orders = order_queryset_for_cycle(cycle=cycle, status=filters.status or None)
    result = paginate(request, orders, sort="placed_at", params=page)
    # Built to the HubOrderPage schema (tests check it) and rendered without a second validation pass.
    return Response(
        {
            "items": [hub_order_item(request, order) for order in result.items],
            "next": result.next,
            "count": result.count,
        }
    )


@router.get(
    "/cycles/{cycle_id}/producer-lines",
    auth=api_auth("orders:read"),
    response={200: ProducerLines, **SESSION_ERRORS, 422: Problem},
    url_name="cycle_producer_lines",
    summary="What a producer prepares in a cycle",
)
def list_producer_lines(request: HttpRequest, cycle_id: int, params: Query[ProducerLinesParams]) -> HttpResponse:
    """Only the producer's own lines of orders not cancelled, by product then order, for the producer's members
    (404 for anyone else, also when the producer does not take part in the cycle)."""
    cycle = access_producer_in_cycle(actor=actor(request), cycle_id=cycle_id, producer_id=params.producer)
    producer = next(p for p in cycle_producer_list(cycle=cycle) if p.pk == params.producer)
    lines = producer_cycle_lines(cycle=cycle, producer=producer)
    return Response(
        {
            "cycle": cycle_ref(cycle),
            "producer": organisation_ref(producer),
            "item_count": sum(line.quantity for line in lines if not line.is_out_of_stock),
            "producer_total": sum((line.producer_amount for line in lines), Decimal("0.00")),
            "items": [producer_line_out(line) for line in lines],
        }
    )
