from decimal import Decimal

import pytest

from streek.orders.choices import ChannelKind, OrderStatus
from streek.orders.models import Order, OrderLine
from streek.orders.selectors.reports import cycle_report
from streek.orders.tests.documents_scenario import offer_of, place_order
from streek.orders.tests.factories import DeliveryZoneFactory, HubFeeFactory, OrderCycleFactory, PickupSlotFactory

pytestmark = pytest.mark.django_db


def test_totals_per_group_equal_the_sum_of_the_lines(django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    # given orders at two pickup points and in a zone, on two channels, from two producers
    cycle = OrderCycleFactory(with_channels=[ChannelKind.CONSUMER, ChannelKind.HORECA])
    HubFeeFactory(cycle=cycle, amount=Decimal("10.00"))
    carrots = offer_of(cycle, producer_price="2.00")
    cheese = offer_of(cycle, producer_price="7.50", vat_rate="6.00")
    first, second = PickupSlotFactory(cycle=cycle), PickupSlotFactory(cycle=cycle)
    zone = DeliveryZoneFactory(hub=cycle.hub, fee=Decimal("4.00"))
    place_order(cycle=cycle, lines=[(carrots, 2), (cheese, 1)], slot=first)
    place_order(cycle=cycle, lines=[(carrots, 5)], slot=second, channel=ChannelKind.HORECA)
    place_order(cycle=cycle, lines=[(cheese, 3)], zone=zone)
    cancelled = place_order(cycle=cycle, lines=[(carrots, 4)], slot=first, status=OrderStatus.CANCELLED)
    out = place_order(cycle=cycle, lines=[(cheese, 9)], slot=second)
    OrderLine.objects.filter(order=out).update(is_out_of_stock=True)

    # when
    with django_assert_max_num_queries(12):
        report = cycle_report(cycle=cycle)

    # then the cancelled order and the line out of stock are left out
    counted = OrderLine.objects.exclude(order=cancelled).exclude(order=out)
    assert report.total.items == sum(counted.values_list("quantity", flat=True)) == 11
    assert report.total.value == sum(counted.values_list("amount", flat=True))
    assert report.total.vat == sum(counted.values_list("vat_amount", flat=True))
    assert report.total.fees == sum(counted.values_list("fee_total", flat=True))
    assert report.total.goods + report.total.fees == report.total.value
    assert report.total.weight_kg == Decimal("11.000")
    assert report.total.orders == 3
    assert report.total.delivery_fees == Decimal("4.00")
    for groups in (report.per_producer, report.per_pickup_point + report.per_zone, report.per_channel):
        assert sum(row.items for row in groups) == report.total.items
        assert sum(row.value for row in groups) == report.total.value
        assert sum(row.vat for row in groups) == report.total.vat
        assert sum(row.weight_kg for row in groups) == report.total.weight_kg
    assert {row.label: row.items for row in report.per_pickup_point} == {
        first.pickup_point.name: 3,
        second.pickup_point.name: 5,
    }
    assert [(row.label, row.items, row.delivery_fees) for row in report.per_zone] == [(zone.name, 3, Decimal("4.00"))]
    assert {row.key: row.orders for row in report.per_channel} == {"consumer": 2, "horeca": 1}
    assert {row.key: row.items for row in report.per_producer} == {
        carrots.exchange.producer_id: 7,
        cheese.exchange.producer_id: 4,
    }


def test_an_empty_cycle_reports_zeros() -> None:
    cycle = OrderCycleFactory()

    report = cycle_report(cycle=cycle)

    assert (report.total.orders, report.total.items, report.total.value) == (0, 0, Decimal("0"))
    assert report.per_producer == [] and not Order.objects.exists()
