"""The trade demo: built through the services on top of the catalogue demo, consistent, and idempotent."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.db.models import Sum

from streek.catalog.demo.generator import demo_delete, demo_load
from streek.catalog.demo.names import CUSTOM_REGIONS
from streek.monitor.demo import monitor_demo_delete
from streek.orders.choices import AdmissionStatus, ChannelKind, CycleStatus, OrderStatus
from streek.orders.demo import TradeDemoResult, trade_demo_delete, trade_demo_load
from streek.orders.models import ChannelAdmission, CycleOffer, Invoice, Order, OrderCycle, OrderLine
from streek.orders.payment_reference import is_valid_structured_communication
from streek.territory.models import CustomRegion


@pytest.fixture(scope="module")
def trade_demo(django_db_setup: None, django_db_blocker: Any) -> Iterator[TradeDemoResult]:
    with django_db_blocker.unblock():
        demo_load()
        result = trade_demo_load(seed=1)
        yield result
        monitor_demo_delete()  # the delivered demo orders appended sale facts, which outlive their orders
        trade_demo_delete()
        demo_delete()
        CustomRegion.objects.filter(slug__in=[slug for _name, slug, _text, _members in CUSTOM_REGIONS]).delete()


@pytest.mark.django_db
def test_the_demo_hub_has_a_closed_an_open_and_upcoming_cycles(trade_demo: TradeDemoResult) -> None:
    assert trade_demo.created
    statuses = list(OrderCycle.objects.order_by("fulfilment_date").values_list("status", flat=True))
    assert statuses[0] == CycleStatus.CLOSED
    assert sum(cycle.is_open() for cycle in OrderCycle.objects.all()) == 1
    assert len(statuses) >= 3


@pytest.mark.django_db
def test_the_closed_cycle_is_delivered_and_invoiced_and_the_open_one_has_consumer_and_care_orders(
    trade_demo: TradeDemoResult,
) -> None:
    closed = OrderCycle.objects.get(status=CycleStatus.CLOSED)
    open_cycle = next(cycle for cycle in OrderCycle.objects.all() if cycle.is_open())

    assert set(closed.orders.values_list("status", flat=True)) == {OrderStatus.DELIVERED}
    assert Invoice.objects.filter(order__cycle=closed).count() == closed.orders.count()
    assert set(open_cycle.orders.values_list("channel", flat=True)) == {ChannelKind.CONSUMER, ChannelKind.CARE}
    assert all(is_valid_structured_communication(order.structured_communication) for order in Order.objects.all())


@pytest.mark.django_db
def test_stock_sold_equals_the_ordered_lines(trade_demo: TradeDemoResult) -> None:
    for offer in CycleOffer.objects.filter(sold__gt=0):
        ordered = OrderLine.objects.filter(offer=offer, order__status__in=OrderStatus.values).aggregate(
            total=Sum("quantity")
        )["total"]
        assert offer.sold == ordered
        assert offer.stock is None or offer.sold <= offer.stock


@pytest.mark.django_db
def test_one_buyer_is_admitted_and_one_waits_for_the_hub(trade_demo: TradeDemoResult) -> None:
    statuses = sorted(ChannelAdmission.objects.values_list("status", flat=True))

    assert statuses == sorted([AdmissionStatus.ADMITTED, AdmissionStatus.REQUESTED])


@pytest.mark.django_db
def test_loading_again_does_nothing(trade_demo: TradeDemoResult) -> None:
    before = (OrderCycle.objects.count(), Order.objects.count())

    again = trade_demo_load(seed=1)

    assert not again.created
    assert (OrderCycle.objects.count(), Order.objects.count()) == before
