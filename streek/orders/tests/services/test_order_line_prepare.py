from datetime import time
from decimal import Decimal

import pytest

from streek.core.exceptions import PermissionRefused
from streek.orders.exceptions import OrderChangeRefused
from streek.orders.models import CycleOffer, Order, OrderLine
from streek.orders.services.orders import order_line_prepare
from streek.orders.tests.buyer_scenarios import buyer_with_basket, checkout_pickup, organisation_member, shop_open
from streek.orders.tests.factories import CycleOfferFactory, CycleProducerFactory

pytestmark = pytest.mark.django_db


def _placed(stock: int = 10):  # noqa: ANN202
    """An order with 3 bags of the first producer and 1 item of a second producer."""
    shop = shop_open(stock=stock)
    other = CycleOfferFactory(exchange=CycleProducerFactory(cycle=shop.cycle))
    shop.offers.append(other)
    buyer, basket = buyer_with_basket(shop, {0: 3, 2: 1})
    order = checkout_pickup(shop, buyer, basket)
    return shop, order, order.lines.get(offer=shop.offers[0]), order.lines.get(offer=other)


def _state(order):  # noqa: ANN001, ANN202
    fresh = Order.objects.get(pk=order.pk)
    return (
        fresh.total,
        sorted(OrderLine.objects.values_list("pk", "final_quantity", "is_out_of_stock", "amount")),
        sorted(CycleOffer.objects.values_list("pk", "sold")),
    )


def test_the_producer_sets_the_weighed_quantity_and_the_amounts_follow():
    # given three 1 kg bags at 2.00 that weigh 3.2 kg
    shop, order, line, _other = _placed()
    producer_staff = organisation_member(shop.producer, role="staff")

    # when the producer enters the final quantity
    prepared = order_line_prepare(actor=producer_staff, line=line, final_quantity=Decimal("3.2"))

    # then the line is charged for 3.2 and weighs 3.2 kg, and the order total follows
    assert prepared.final_quantity == Decimal("3.2")
    assert (prepared.amount, prepared.producer_amount, prepared.weight_kg) == (
        Decimal("6.40"),
        Decimal("6.40"),
        Decimal("3.200"),
    )
    order.refresh_from_db()
    assert order.subtotal == Decimal("8.40")
    assert order.producer_orders.get(producer=shop.producer).producer_total == Decimal("6.40")
    # and the stock counts items, not kilograms
    assert CycleOffer.objects.get(pk=shop.offers[0].pk).sold == 3


def test_out_of_stock_releases_the_stock_and_is_no_longer_charged(django_capture_on_commit_callbacks, mailoutbox):
    shop, order, line, _other = _placed()
    producer_owner = organisation_member(shop.producer)

    with django_capture_on_commit_callbacks(execute=True):
        prepared = order_line_prepare(actor=producer_owner, line=line, out_of_stock=True)

    assert prepared.is_out_of_stock is True
    assert (prepared.amount, prepared.vat_amount, prepared.producer_amount) == (Decimal("0"),) * 3
    assert CycleOffer.objects.get(pk=shop.offers[0].pk).sold == 0
    order.refresh_from_db()
    assert order.subtotal == Decimal("2.00")
    assert any(order.buyer.email in message.to for message in mailoutbox)


def test_a_line_back_in_stock_takes_the_stock_again():
    shop, _order, line, _other = _placed()
    owner = organisation_member(shop.producer)
    order_line_prepare(actor=owner, line=line, out_of_stock=True)

    back = order_line_prepare(actor=owner, line=line, out_of_stock=False)

    assert back.is_out_of_stock is False
    assert back.amount == Decimal("6.00")
    assert CycleOffer.objects.get(pk=shop.offers[0].pk).sold == 3


def test_a_producer_may_not_prepare_another_producers_line():
    # given the member of the second producer
    shop, order, line, other_line = _placed()
    stranger = organisation_member(other_line.producer)
    before = _state(order)

    # when it tries to weigh the first producer's line
    with pytest.raises(PermissionRefused):
        order_line_prepare(actor=stranger, line=line, final_quantity=Decimal("1"))

    # then nothing changed
    assert _state(order) == before


def test_the_hub_may_not_prepare_a_producers_line():
    shop, order, line, _other = _placed()
    before = _state(order)

    with pytest.raises(PermissionRefused):
        order_line_prepare(actor=organisation_member(shop.hub), line=line, out_of_stock=True)

    assert _state(order) == before


def test_after_the_cut_off_preparation_is_refused():
    shop, order, line, _other = _placed()
    shop.terms.cutoff_days_before = 8
    shop.terms.cutoff_time = time(6, 0)
    shop.terms.save()
    before = _state(order)

    with pytest.raises(OrderChangeRefused):
        order_line_prepare(actor=organisation_member(shop.producer), line=line, out_of_stock=True)

    assert _state(order) == before


def test_a_final_quantity_of_zero_is_refused():
    shop, order, line, _other = _placed()
    before = _state(order)

    with pytest.raises(OrderChangeRefused) as refused:
        order_line_prepare(actor=organisation_member(shop.producer), line=line, final_quantity=Decimal("0"))

    assert refused.value.field == "final_quantity"
    assert _state(order) == before
