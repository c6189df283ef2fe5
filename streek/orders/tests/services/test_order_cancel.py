from datetime import time, timedelta

import pytest
from django.utils import timezone

from streek.accounts.tests.factories import UserFactory
from streek.core.exceptions import PermissionRefused
from streek.orders.choices import CycleStatus, OrderStatus, PaymentStatus, ProducerOrderStatus
from streek.orders.exceptions import OrderChangeRefused
from streek.orders.models import CycleOffer, Order, PickupSlot
from streek.orders.services.orders import order_cancel
from streek.orders.tests.buyer_scenarios import buyer_with_basket, checkout_pickup, organisation_member, shop_open

pytestmark = pytest.mark.django_db


def _placed(**cycle):  # noqa: ANN003, ANN202
    shop = shop_open(**cycle)
    buyer, basket = buyer_with_basket(shop, {0: 3, 1: 1})
    return shop, buyer, checkout_pickup(shop, buyer, basket)


def _state(order):  # noqa: ANN001, ANN202
    fresh = Order.objects.get(pk=order.pk)
    return (
        fresh.status,
        fresh.payment_status,
        sorted(CycleOffer.objects.values_list("pk", "sold")),
        sorted(PickupSlot.objects.values_list("pk", "booked")),
    )


def test_the_buyer_cancels_and_stock_and_slot_are_given_back(django_capture_on_commit_callbacks, mailoutbox):
    # given a placed order of 3 + 1 items in a slot
    shop, buyer, order = _placed()

    # when the buyer cancels it
    with django_capture_on_commit_callbacks(execute=True):
        cancelled = order_cancel(actor=buyer, order=order, reason="Op reis")

    # then the order is cancelled, its items and slot free again, and the buyer told
    assert cancelled.status == OrderStatus.CANCELLED
    assert cancelled.cancelled_at is not None
    assert cancelled.payment_status == PaymentStatus.CANCELLED
    assert "Op reis" in cancelled.note
    assert set(order.producer_orders.values_list("status", flat=True)) == {ProducerOrderStatus.CANCELLED}
    assert list(CycleOffer.objects.filter(pk__in=[o.pk for o in shop.offers]).values_list("sold", flat=True)) == [0, 0]
    assert PickupSlot.objects.get(pk=shop.slot.pk).booked == 0
    assert any(buyer.email in message.to for message in mailoutbox)


def test_another_user_may_not_cancel():
    _shop, _buyer, order = _placed()
    before = _state(order)

    with pytest.raises(PermissionRefused):
        order_cancel(actor=UserFactory(), order=order)

    assert _state(order) == before


def test_the_buyer_may_not_cancel_after_the_cut_off_but_the_hub_may():
    # given a channel whose cut-off was yesterday
    shop, buyer, order = _placed()
    shop.terms.cutoff_days_before = 8
    shop.terms.cutoff_time = time(12, 0)
    shop.terms.save()
    before = _state(order)

    # when the buyer cancels, it is refused and nothing changes
    with pytest.raises(OrderChangeRefused):
        order_cancel(actor=buyer, order=order)
    assert _state(order) == before

    # and the hub's manager still can, until the cycle closes
    manager = organisation_member(shop.hub, role="manager")
    assert order_cancel(actor=manager, order=order).status == OrderStatus.CANCELLED


def test_the_hub_may_not_cancel_once_the_cycle_is_closed():
    shop, _buyer, order = _placed()
    shop.cycle.status = CycleStatus.CLOSED
    shop.cycle.closes_at = timezone.now() - timedelta(minutes=1)
    shop.cycle.save()
    Order.objects.filter(pk=order.pk).update(status=OrderStatus.CONFIRMED)
    before = _state(order)

    with pytest.raises(OrderChangeRefused):
        order_cancel(actor=organisation_member(shop.hub), order=order)

    assert _state(order) == before


def test_an_order_cannot_be_cancelled_twice():
    _shop, buyer, order = _placed()
    order_cancel(actor=buyer, order=order)
    before = _state(order)

    with pytest.raises(OrderChangeRefused):
        order_cancel(actor=buyer, order=order)

    assert _state(order) == before
