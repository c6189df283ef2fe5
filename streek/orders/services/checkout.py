"""The checkout: a basket becomes one customer order and one order per producer, in one transaction.

Either the order, its producer orders and lines, the stock taken and the slot booked all exist, or none
do. A refused line raises CheckoutRefused naming it and what is left; the basket is kept as it was.
The same idempotency key twice (a double click, a retried request) returns the first order.
"""

from collections.abc import Callable

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from streek.accounts.models import User
from streek.accounts.selectors import Actor
from streek.core.exceptions import NotFound, PermissionRefused

from ..access import is_editor
from ..exceptions import CheckoutRefused
from ..models import Basket, BasketLine, ChannelTerms, Order, OrderCycle
from ..notifications import order_placed_notify
from ..signals import order_placed
from .checkout_rules import channel_check, fulfilment_resolve
from .placing import OFFER_RELATED, PlaceItem, order_place

IDEMPOTENCY_KEY_LENGTH = 64


def order_for_key(*, buyer_id: int, idempotency_key: str) -> Order | None:
    return Order.objects.filter(buyer_id=buyer_id, idempotency_key=idempotency_key).first()


def order_once(*, buyer_id: int, idempotency_key: str, place: Callable[[], Order]) -> Order:
    """The buyer's order for this idempotency key: the one placed before, else `place()`; when another request
    with the same key wins the race (the unique key refuses the second insert), the winner's order."""
    existing = order_for_key(buyer_id=buyer_id, idempotency_key=idempotency_key)
    if existing is not None:
        return existing
    try:
        return place()
    except IntegrityError:
        existing = order_for_key(buyer_id=buyer_id, idempotency_key=idempotency_key)
        if existing is None:
            raise
        return existing


def basket_checkout(
    *,
    basket: Basket,
    actor: Actor,
    idempotency_key: str,
    fulfilment_method: str,
    pickup_slot_id: int | None = None,
    delivery_zone_id: int | None = None,
    street: str = "",
    postal_code: str = "",
    locality: str = "",
    note: str = "",
) -> Order:
    """Place the basket as an order (see the module docstring); the buyer is told after the commit."""
    key = idempotency_key.strip()
    if not key or len(key) > IDEMPOTENCY_KEY_LENGTH:
        raise CheckoutRefused(_("The checkout form expired: reload the page and try again."), field="idempotency_key")
    if not actor.is_authenticated or basket.user_id != actor.pk:
        raise NotFound("basket")
    return order_once(
        buyer_id=actor.pk,
        idempotency_key=key,
        place=lambda: _checkout(
            basket_id=basket.pk,
            buyer=actor,
            key=key,
            fulfilment_method=fulfilment_method,
            pickup_slot_id=pickup_slot_id,
            delivery_zone_id=delivery_zone_id,
            street=street,
            postal_code=postal_code,
            locality=locality,
            note=note,
        ),
    )


@transaction.atomic
def _checkout(
    *,
    basket_id: int,
    buyer: User,
    key: str,
    fulfilment_method: str,
    pickup_slot_id: int | None,
    delivery_zone_id: int | None,
    street: str,
    postal_code: str,
    locality: str,
    note: str,
) -> Order:
    # The basket row is the queue for double submits: the second waits here, then finds the first's order.
    basket = Basket.objects.select_for_update().filter(pk=basket_id).first()
    if basket is None:
        raise NotFound("basket")
    existing = order_for_key(buyer_id=buyer.pk, idempotency_key=key)
    if existing is not None:
        return existing
    cycle = OrderCycle.objects.select_related("hub").get(pk=basket.cycle_id)
    terms = ChannelTerms.objects.get(pk=basket.terms_id)
    organisation = basket.buyer_organisation
    if organisation is not None and not is_editor(actor=buyer, organisation_id=organisation.pk):
        raise PermissionRefused(str(_("You may only order for an organisation you manage.")))
    at = timezone.now()
    channel_check(cycle=cycle, terms=terms, buyer_organisation=organisation, at=at)
    lines = (
        BasketLine.objects.filter(basket=basket)
        .select_related(*(f"offer__{path}" for path in OFFER_RELATED))
        .order_by("offer_id")
    )
    items = [PlaceItem(offer=line.offer, quantity=line.quantity, preparation=line.preparation) for line in lines]
    if not items:
        raise CheckoutRefused(_("Your basket is empty."), field="basket")
    fulfilment = fulfilment_resolve(
        cycle=cycle,
        method=fulfilment_method,
        pickup_slot_id=pickup_slot_id,
        delivery_zone_id=delivery_zone_id,
        street=street,
        postal_code=postal_code,
        locality=locality,
    )
    placement = order_place(
        cycle=cycle,
        terms=terms,
        buyer=buyer,
        buyer_organisation=organisation,
        items=items,
        fulfilment=fulfilment,
        idempotency_key=key,
        note=note,
        at=at,
    )
    BasketLine.objects.filter(basket=basket).delete()
    order_id = placement.order.pk
    order_placed.send(sender=Order, order_id=order_id)
    transaction.on_commit(lambda: order_placed_notify(order_id=order_id))
    return placement.order
