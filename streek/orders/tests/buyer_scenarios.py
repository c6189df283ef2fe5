"""Scenarios for the buyer-side tests: a hub's open cycle with a producer's offers, a pickup slot and a buyer.

Built from the shared factories; tests change what they assert on.
"""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from streek.accounts.models import User
from streek.accounts.tests.factories import MembershipFactory, UserFactory
from streek.catalog.models import Organisation
from streek.orders.choices import ChannelKind, FulfilmentMethod
from streek.orders.models import Basket, ChannelTerms, CycleOffer, Order, OrderCycle, PickupSlot
from streek.orders.services.basket import basket_get_or_create, basket_set_line
from streek.orders.services.checkout import basket_checkout
from streek.orders.tests.factories import (
    CycleOfferFactory,
    CycleProducerFactory,
    OrderCycleFactory,
    PickupSlotFactory,
)


@dataclass
class Shop:
    cycle: OrderCycle
    hub: Organisation
    terms: ChannelTerms
    producer: Organisation
    offers: list[CycleOffer]
    slot: PickupSlot


def shop_open(
    *, stock: int | None = 10, offers: int = 2, producer_price: Decimal = Decimal("2.00"), **cycle: Any
) -> Shop:
    """An open consumer cycle of a hub with one producer offering `offers` variants and one pickup slot."""
    order_cycle = OrderCycleFactory(**cycle)
    exchange = CycleProducerFactory(cycle=order_cycle)
    offered: list[CycleOffer] = [
        CycleOfferFactory(exchange=exchange, stock=stock, producer_price=producer_price) for _ in range(offers)
    ]
    slot = PickupSlotFactory(cycle=order_cycle)
    terms = order_cycle.channels.get(kind=ChannelKind.CONSUMER)
    return Shop(
        cycle=order_cycle,
        hub=order_cycle.hub,
        terms=terms,
        producer=exchange.producer,
        offers=offered,
        slot=slot,
    )


def buyer_with_basket(
    shop: Shop, quantities: dict[int, int] | None = None, *, user: User | None = None
) -> tuple[User, Basket]:
    """A buyer and its basket with {offer index: quantity} (default one of the first offer)."""
    buyer = user or UserFactory()
    basket = basket_get_or_create(cycle=shop.cycle, user=buyer, session_key="")
    for index, quantity in ({0: 1} if quantities is None else quantities).items():
        basket_set_line(basket=basket, offer_id=shop.offers[index].pk, quantity=quantity)
    return buyer, basket


def checkout_pickup(shop: Shop, buyer: User, basket: Basket, *, key: str = "key-1", **kwargs: Any) -> Order:
    kwargs.setdefault("pickup_slot_id", shop.slot.pk)
    return basket_checkout(
        basket=basket, actor=buyer, idempotency_key=key, fulfilment_method=FulfilmentMethod.PICKUP, **kwargs
    )


def organisation_member(organisation: Organisation, *, role: str = "owner") -> User:
    return MembershipFactory(organisation=organisation, role=role).user
