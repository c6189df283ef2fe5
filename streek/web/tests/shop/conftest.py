"""Scenarios of the buyer's pages: a hub's open cycle with two producers, a pickup slot, English pages."""

from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.test import Client

from streek.accounts.models import User
from streek.accounts.tests.factories import UserFactory
from streek.catalog.models import Organisation
from streek.orders.models import CycleOffer, OrderCycle, PickupSlot
from streek.orders.tests.factories import CycleOfferFactory, CycleProducerFactory, OrderCycleFactory, PickupSlotFactory


@dataclass
class Market:
    cycle: OrderCycle
    hub: Organisation
    producers: list[Organisation]
    offers: list[CycleOffer]
    slot: PickupSlot


def market_open(*, offers_per_producer: int = 1, stock: int | None = 10, **cycle: object) -> Market:
    """An open consumer cycle of a hub with two producers, each offering variants, and one pickup slot."""
    order_cycle = OrderCycleFactory(**cycle)
    exchanges = [CycleProducerFactory(cycle=order_cycle) for _ in range(2)]
    offers: list[CycleOffer] = [
        CycleOfferFactory(exchange=exchange, stock=stock, producer_price=Decimal("2.00"))
        for exchange in exchanges
        for _ in range(offers_per_producer)
    ]
    return Market(
        cycle=order_cycle,
        hub=order_cycle.hub,
        producers=[exchange.producer for exchange in exchanges],
        offers=offers,
        slot=PickupSlotFactory(cycle=order_cycle),
    )


def english_client(user: User | None = None) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def market() -> Market:
    return market_open()


@pytest.fixture
def buyer() -> User:
    return UserFactory()
