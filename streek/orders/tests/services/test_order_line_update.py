from datetime import time
from decimal import Decimal

import pytest

from streek.accounts.tests.factories import UserFactory
from streek.core.exceptions import PermissionRefused
from streek.orders.choices import FeeCalculation
from streek.orders.exceptions import OrderChangeRefused
from streek.orders.models import CycleOffer, Order, OrderLine, ProducerOrder
from streek.orders.services.orders import order_line_update
from streek.orders.tests.buyer_scenarios import buyer_with_basket, checkout_pickup, shop_open
from streek.orders.tests.factories import (
    ChannelVariantTermFactory,
    CycleOfferFactory,
    CycleProducerFactory,
    HubFeeFactory,
)

pytestmark = pytest.mark.django_db


def _state(order):  # noqa: ANN001, ANN202
    fresh = Order.objects.get(pk=order.pk)
    return (
        fresh.subtotal,
        fresh.total,
        sorted(OrderLine.objects.values_list("pk", "quantity", "amount")),
        sorted(CycleOffer.objects.values_list("pk", "sold")),
    )


def test_the_buyer_raises_a_quantity_and_the_amounts_follow(django_capture_on_commit_callbacks, mailoutbox):
    # given an order of 2 + 1 items at 2.00 with a fixed fee of 0.50 per item
    shop = shop_open(stock=5)
    HubFeeFactory(cycle=shop.cycle, calculation=FeeCalculation.PER_ITEM, amount=Decimal("0.50"))
    buyer, basket = buyer_with_basket(shop, {0: 2, 1: 1})
    order = checkout_pickup(shop, buyer, basket)
    line = order.lines.get(offer=shop.offers[0])

    # when the buyer makes it 4
    with django_capture_on_commit_callbacks(execute=True):
        updated = order_line_update(actor=buyer, line=line, quantity=4)

    # then the line, the totals and the stock follow
    assert updated is not None
    assert (updated.quantity, updated.fee_total, updated.amount, updated.weight_kg) == (
        4,
        Decimal("2.00"),
        Decimal("10.00"),
        Decimal("4.000"),
    )
    order.refresh_from_db()
    assert order.subtotal == Decimal("10.00")  # 4 x 2.00 + 1 x 2.00
    assert order.fees_total == Decimal("2.50")
    assert order.total == order.subtotal + order.fees_total + order.vat_total
    assert ProducerOrder.objects.get(order=order).producer_total == Decimal("10.00")
    assert CycleOffer.objects.get(pk=shop.offers[0].pk).sold == 4
    assert any(buyer.email in message.to for message in mailoutbox)


def test_lowering_gives_stock_back_and_zero_removes_the_line():
    # given an order with lines of two producers
    shop = shop_open(stock=5)
    other = CycleOfferFactory(exchange=CycleProducerFactory(cycle=shop.cycle))
    shop.offers.append(other)
    buyer, basket = buyer_with_basket(shop, {0: 3, 2: 1})
    order = checkout_pickup(shop, buyer, basket)

    # when one is lowered and the other removed
    order_line_update(actor=buyer, line=order.lines.get(offer=shop.offers[0]), quantity=1)
    removed = order_line_update(actor=buyer, line=order.lines.get(offer=other), quantity=0)

    # then stock comes back, the other producer's part is gone
    assert removed is None
    assert CycleOffer.objects.get(pk=shop.offers[0].pk).sold == 1
    assert CycleOffer.objects.get(pk=other.pk).sold == 0
    assert list(order.producer_orders.values_list("producer_id", flat=True)) == [shop.producer.pk]
    order.refresh_from_db()
    assert order.subtotal == Decimal("2.00")


def test_the_last_line_cannot_be_removed():
    shop = shop_open()
    buyer, basket = buyer_with_basket(shop, {0: 1})
    order = checkout_pickup(shop, buyer, basket)
    before = _state(order)

    with pytest.raises(OrderChangeRefused):
        order_line_update(actor=buyer, line=order.lines.get(), quantity=0)

    assert _state(order) == before


def test_more_than_is_left_is_refused_naming_the_line():
    shop = shop_open(stock=3)
    buyer, basket = buyer_with_basket(shop, {0: 2})
    order = checkout_pickup(shop, buyer, basket)
    line = order.lines.get()
    before = _state(order)

    with pytest.raises(OrderChangeRefused) as refused:
        order_line_update(actor=buyer, line=line, quantity=5)

    assert refused.value.offer_id == shop.offers[0].pk
    assert line.description in refused.value.message
    assert _state(order) == before


def test_another_user_may_not_change_the_order():
    shop = shop_open()
    buyer, basket = buyer_with_basket(shop, {0: 2})
    order = checkout_pickup(shop, buyer, basket)
    before = _state(order)

    with pytest.raises(PermissionRefused):
        order_line_update(actor=UserFactory(), line=order.lines.get(), quantity=1)

    assert _state(order) == before


def test_after_the_cut_off_the_buyer_may_not_change_the_order():
    shop = shop_open()
    buyer, basket = buyer_with_basket(shop, {0: 2})
    order = checkout_pickup(shop, buyer, basket)
    shop.terms.cutoff_days_before = 8
    shop.terms.cutoff_time = time(8, 0)
    shop.terms.save()
    before = _state(order)

    with pytest.raises(OrderChangeRefused) as refused:
        order_line_update(actor=buyer, line=order.lines.get(), quantity=1)

    assert refused.value.field == "cycle"
    assert _state(order) == before


def test_a_quantity_off_the_case_size_is_refused():
    shop = shop_open(stock=20)
    ChannelVariantTermFactory(terms=shop.terms, variant=shop.offers[0].variant, case_size=4)
    buyer, basket = buyer_with_basket(shop, {0: 4})
    order = checkout_pickup(shop, buyer, basket)
    before = _state(order)

    with pytest.raises(OrderChangeRefused) as refused:
        order_line_update(actor=buyer, line=order.lines.get(), quantity=6)

    assert "4" in refused.value.message
    assert _state(order) == before


def test_below_the_minimum_order_is_refused():
    shop = shop_open()
    buyer, basket = buyer_with_basket(shop, {0: 5})
    order = checkout_pickup(shop, buyer, basket)
    shop.terms.minimum_order_value = Decimal("8.00")
    shop.terms.save()
    before = _state(order)

    with pytest.raises(OrderChangeRefused):
        order_line_update(actor=buyer, line=order.lines.get(), quantity=2)

    assert _state(order) == before
