from decimal import Decimal

import pytest

from streek.catalog.choices import StorageTemperature
from streek.orders.choices import OrderStatus
from streek.orders.models import OrderLine
from streek.orders.selectors.reports import packing_list, pick_list
from streek.orders.tests.documents_scenario import offer_of, place_order
from streek.orders.tests.factories import DeliveryZoneFactory, OrderCycleFactory, PickupSlotFactory

pytestmark = pytest.mark.django_db


def test_a_pick_list_holds_only_the_producers_lines_per_variant_and_per_order(django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    # given two producers in one cycle
    cycle = OrderCycleFactory()
    carrots = offer_of(cycle)
    producer = carrots.exchange.producer
    leeks = offer_of(cycle, producer=producer)
    other = offer_of(cycle)
    first = place_order(cycle=cycle, lines=[(carrots, 2), (leeks, 1), (other, 4)])
    second = place_order(cycle=cycle, lines=[(carrots, 3)])
    place_order(cycle=cycle, lines=[(carrots, 10)], status=OrderStatus.CANCELLED)

    # when
    with django_assert_num_queries(2):
        listing = pick_list(cycle=cycle, producer=producer)

    # then
    assert {variant.variant_id: (variant.quantity, variant.orders) for variant in listing.variants} == {
        carrots.variant_id: (5, 2),
        leeks.variant_id: (1, 1),
    }
    assert [order.reference for order in listing.orders] == [first.reference, second.reference]
    assert [line.quantity for line in listing.orders[0].lines] == [2, 1]
    assert listing.items == 6
    assert listing.weight_kg == Decimal("6.000")


def test_a_packing_list_per_pickup_point_and_per_zone(django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    # given orders at two points and in a zone; one line out of stock, one chilled product
    cycle = OrderCycleFactory()
    cheese = offer_of(cycle, storage_temperature=StorageTemperature.CHILLED)
    bread = offer_of(cycle)
    here, there = PickupSlotFactory(cycle=cycle), PickupSlotFactory(cycle=cycle)
    zone = DeliveryZoneFactory(hub=cycle.hub)
    mine = place_order(cycle=cycle, lines=[(cheese, 1), (bread, 2)], slot=here)
    OrderLine.objects.filter(order=mine, offer=bread).update(is_out_of_stock=True)
    place_order(cycle=cycle, lines=[(bread, 1)], slot=there)
    delivered = place_order(cycle=cycle, lines=[(bread, 3)], zone=zone)

    # when
    with django_assert_num_queries(2):
        at_point = packing_list(cycle=cycle, pickup_point=here.pickup_point)
    in_zone = packing_list(cycle=cycle, zone=zone)
    everything = packing_list(cycle=cycle)

    # then
    (order,) = at_point.orders
    assert order.reference == mine.reference
    assert [(line.description, line.quantity, line.is_chilled) for line in order.lines] == [
        (mine.lines.get(offer=cheese).description, 1, True)
    ]
    assert order.has_chilled and order.total == mine.total and not order.is_paid
    assert order.handover_at == here.starts_at
    assert [order.reference for order in in_zone.orders] == [delivered.reference]
    assert "Kerkstraat 2" in in_zone.orders[0].destination
    assert len(everything.orders) == 3
    assert everything.items == 1 + 1 + 3
