"""The hub marks orders ready, delivered and paid; a producer marks its part prepared."""

import pytest

from streek.accounts.tests.factories import UserFactory
from streek.core.exceptions import PermissionRefused
from streek.orders.choices import OrderStatus, PaymentStatus, ProducerOrderStatus
from streek.orders.exceptions import OrderChangeRefused
from streek.orders.models import Order
from streek.orders.services.orders import (
    order_cancel,
    order_mark_delivered,
    order_mark_paid,
    order_mark_ready,
    producer_order_mark_prepared,
)
from streek.orders.tests.buyer_scenarios import buyer_with_basket, checkout_pickup, organisation_member, shop_open
from streek.orders.tests.factories import CycleOfferFactory, CycleProducerFactory

pytestmark = pytest.mark.django_db


def _placed():  # noqa: ANN202
    shop = shop_open()
    buyer, basket = buyer_with_basket(shop, {0: 1})
    return shop, buyer, checkout_pickup(shop, buyer, basket)


def test_the_hub_marks_an_order_ready_delivered_and_paid():
    shop, _buyer, order = _placed()
    manager = organisation_member(shop.hub, role="manager")

    assert order_mark_ready(actor=manager, order=order).status == OrderStatus.READY
    delivered = order_mark_delivered(actor=manager, order=order)
    paid = order_mark_paid(actor=manager, order=order)

    assert delivered.status == OrderStatus.DELIVERED
    assert delivered.delivered_at is not None
    assert paid.payment_status == PaymentStatus.PAID


@pytest.mark.parametrize("service", [order_mark_ready, order_mark_delivered, order_mark_paid])
def test_only_the_hubs_editors_change_the_status(service):  # noqa: ANN001
    shop, buyer, order = _placed()
    staff = organisation_member(shop.hub, role="staff")

    for actor in (buyer, staff, UserFactory()):
        with pytest.raises(PermissionRefused):
            service(actor=actor, order=order)

    fresh = Order.objects.get(pk=order.pk)
    assert (fresh.status, fresh.payment_status) == (OrderStatus.PLACED, PaymentStatus.UNPAID)


def test_a_cancelled_order_is_not_delivered_or_paid():
    shop, buyer, order = _placed()
    order_cancel(actor=buyer, order=order)
    manager = organisation_member(shop.hub)

    with pytest.raises(OrderChangeRefused):
        order_mark_delivered(actor=manager, order=order)
    with pytest.raises(OrderChangeRefused):
        order_mark_paid(actor=manager, order=order)

    fresh = Order.objects.get(pk=order.pk)
    assert (fresh.status, fresh.payment_status) == (OrderStatus.CANCELLED, PaymentStatus.CANCELLED)


def test_each_producer_marks_only_its_own_part_prepared(django_capture_on_commit_callbacks, mailoutbox):
    # given an order with parts from two producers
    shop = shop_open()
    other = CycleOfferFactory(exchange=CycleProducerFactory(cycle=shop.cycle))
    shop.offers.append(other)
    buyer, basket = buyer_with_basket(shop, {0: 1, 2: 1})
    order = checkout_pickup(shop, buyer, basket)
    mine = order.producer_orders.get(producer=shop.producer)
    theirs = order.producer_orders.get(producer=other.exchange.producer)

    # when the other producer tries the first's part, it is refused
    with pytest.raises(PermissionRefused):
        producer_order_mark_prepared(actor=organisation_member(theirs.producer), producer_order=mine)
    mine.refresh_from_db()
    assert mine.status == ProducerOrderStatus.TO_PREPARE

    # and when both mark their own part, the buyer is told once all is prepared
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        producer_order_mark_prepared(actor=organisation_member(mine.producer), producer_order=mine)
    assert callbacks == []
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        prepared = producer_order_mark_prepared(actor=organisation_member(theirs.producer), producer_order=theirs)
    assert prepared.status == ProducerOrderStatus.PREPARED
    assert len(callbacks) == 1
