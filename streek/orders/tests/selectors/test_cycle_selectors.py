from datetime import timedelta

import pytest
from django.utils import timezone

from streek.orders.choices import ChannelKind, CycleStatus, OrderStatus
from streek.orders.selectors.cycles import cycle_list_for_hub, hub_shop_list, next_cycle_opening, open_cycles
from streek.orders.tests.factories import CycleOfferFactory, CycleProducerFactory, HubFactory, OrderCycleFactory
from streek.orders.tests.hub_scenarios import placed_order

pytestmark = pytest.mark.django_db


def counts(cycle):
    return (cycle.producer_count, cycle.offer_count, cycle.order_count)


def upcoming(hub, days=3, **fields):
    now = timezone.now()
    return OrderCycleFactory(
        hub=hub, opens_at=now + timedelta(days=days), closes_at=now + timedelta(days=days + 5), **fields
    )


def past(hub, **fields):
    now = timezone.now()
    return OrderCycleFactory(hub=hub, opens_at=now - timedelta(days=20), closes_at=now - timedelta(days=15), **fields)


def test_cycle_list_for_hub_counts_producers_offers_and_live_orders(django_assert_num_queries):
    hub = HubFactory()
    cycle = OrderCycleFactory(hub=hub, with_channels=[ChannelKind.CONSUMER, ChannelKind.HORECA])
    exchange = CycleProducerFactory(cycle=cycle)
    CycleOfferFactory(exchange=exchange)
    CycleOfferFactory(exchange=exchange)
    placed_order(cycle)
    placed_order(cycle, status=OrderStatus.CANCELLED)
    older = past(hub)
    for _ in range(3):
        past(hub)
    OrderCycleFactory()

    with django_assert_num_queries(2):
        cycles = list(cycle_list_for_hub(hub=hub))
        channels = [sorted(t.kind for t in c.channels.all()) for c in cycles]

    assert len(cycles) == 5
    assert cycles[0] == cycle
    assert counts(cycles[0]) == (1, 2, 1)
    assert channels[0] == [ChannelKind.CONSUMER, ChannelKind.HORECA]
    assert older in cycles
    assert counts(cycles[1]) == (0, 0, 0)


def test_open_cycles_lists_published_cycles_taking_orders_now():
    hub = HubFactory()
    open_now = OrderCycleFactory(hub=hub)
    OrderCycleFactory(hub=hub, status=CycleStatus.DRAFT)
    soon = upcoming(hub)
    past(hub)
    elsewhere = OrderCycleFactory()

    assert list(open_cycles(hub=hub)) == [open_now]
    assert set(open_cycles()) == {open_now, elsewhere}
    assert list(open_cycles(hub=hub, at=timezone.now() + timedelta(days=4))) == [open_now, soon]


def test_next_cycle_opening_is_the_first_published_cycle_to_open():
    hub = HubFactory()
    OrderCycleFactory(hub=hub)
    later = upcoming(hub, days=10)
    first = upcoming(hub, days=3)
    upcoming(hub, days=1, status=CycleStatus.DRAFT)

    assert next_cycle_opening(hub=hub) == first
    assert next_cycle_opening(hub=hub, at=first.opens_at) == later
    assert next_cycle_opening(hub=HubFactory()) is None


def test_hub_shop_list_shows_hubs_selling_to_consumers_with_an_open_or_upcoming_cycle(django_assert_num_queries):
    open_hub = HubFactory(name="A hub")
    soon_closing = OrderCycleFactory(hub=open_hub, closes_at=timezone.now() + timedelta(days=1))
    OrderCycleFactory(hub=open_hub)
    next_one = upcoming(open_hub, days=2)
    upcoming(open_hub, days=9)
    upcoming_hub = HubFactory(name="B hub")
    only_next = upcoming(upcoming_hub)
    business_only = HubFactory(name="C hub")
    OrderCycleFactory(hub=business_only, with_channels=[ChannelKind.HORECA])
    past(HubFactory(name="D hub"))
    OrderCycleFactory(hub=HubFactory(name="E hub"), status=CycleStatus.DRAFT)

    with django_assert_num_queries(1):
        shops = hub_shop_list()

    assert [(s.hub, s.open_cycle, s.next_cycle, s.is_open) for s in shops] == [
        (open_hub, soon_closing, next_one, True),
        (upcoming_hub, None, only_next, False),
    ]


def test_hub_shop_list_leaves_out_an_inactive_consumer_channel():
    cycle = OrderCycleFactory()
    cycle.channels.update(is_active=False)

    assert hub_shop_list() == []
