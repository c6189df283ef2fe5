from datetime import timedelta

import pytest
from django.utils import timezone

from streek.core.exceptions import ApplicationError, PermissionRefused
from streek.orders.choices import CycleStatus, OrderStatus
from streek.orders.models import OrderCycle
from streek.orders.services.cycles import order_cycle_cancel, order_cycle_publish
from streek.orders.tests.factories import (
    CycleOfferFactory,
    DeliveryZoneFactory,
    OrderCycleFactory,
    PickupSlotFactory,
)
from streek.orders.tests.hub_scenarios import member_of, outsider, placed_order

pytestmark = pytest.mark.django_db


def draft_ready(**fields):
    """A draft with an offer and a pickup slot: ready to publish."""
    offer = CycleOfferFactory(exchange__cycle__status=CycleStatus.DRAFT, **fields)
    PickupSlotFactory(cycle=offer.cycle)
    return offer.cycle


def test_order_cycle_publish_publishes_a_ready_draft():
    cycle = draft_ready()

    order_cycle_publish(actor=member_of(cycle.hub), cycle=cycle)

    assert OrderCycle.objects.get(pk=cycle.pk).status == CycleStatus.PUBLISHED


def test_order_cycle_publish_accepts_home_delivery_instead_of_slots():
    offer = CycleOfferFactory(exchange__cycle__status=CycleStatus.DRAFT)
    cycle = offer.cycle
    cycle.delivery_zones.add(DeliveryZoneFactory(hub=cycle.hub))

    assert order_cycle_publish(actor=member_of(cycle.hub), cycle=cycle).status == CycleStatus.PUBLISHED


@pytest.mark.parametrize("missing", ["offers", "outgoing", "channels", "future"])
def test_order_cycle_publish_refuses_a_draft_that_is_not_ready(missing):
    cycle = OrderCycleFactory(status=CycleStatus.DRAFT)
    if missing != "offers":
        CycleOfferFactory(exchange__cycle=cycle)
    if missing != "outgoing":
        PickupSlotFactory(cycle=cycle)
    if missing == "channels":
        cycle.channels.clear()
    if missing == "future":
        OrderCycle.objects.filter(pk=cycle.pk).update(
            opens_at=timezone.now() - timedelta(days=3), closes_at=timezone.now() - timedelta(days=1)
        )

    with pytest.raises(ApplicationError):
        order_cycle_publish(actor=member_of(cycle.hub), cycle=cycle)

    assert OrderCycle.objects.get(pk=cycle.pk).status == CycleStatus.DRAFT


def test_order_cycle_publish_refuses_a_published_cycle_and_outsiders():
    published = OrderCycleFactory()
    draft = draft_ready()

    with pytest.raises(ApplicationError, match="Only a draft"):
        order_cycle_publish(actor=member_of(published.hub), cycle=published)
    with pytest.raises(PermissionRefused):
        order_cycle_publish(actor=outsider(), cycle=draft)

    assert OrderCycle.objects.get(pk=draft.pk).status == CycleStatus.DRAFT


def test_order_cycle_cancel_cancels_a_cycle_without_orders():
    cycle = OrderCycleFactory()
    placed_order(cycle, status=OrderStatus.CANCELLED)

    order_cycle_cancel(actor=member_of(cycle.hub), cycle=cycle)

    assert OrderCycle.objects.get(pk=cycle.pk).status == CycleStatus.CANCELLED


def test_order_cycle_cancel_refuses_while_orders_are_placed():
    cycle = OrderCycleFactory()
    placed_order(cycle)

    with pytest.raises(ApplicationError, match="1 orders") as error:
        order_cycle_cancel(actor=member_of(cycle.hub), cycle=cycle)

    assert error.value.extra["orders"] == 1
    assert OrderCycle.objects.get(pk=cycle.pk).status == CycleStatus.PUBLISHED


def test_order_cycle_cancel_refuses_a_closed_cycle():
    cycle = OrderCycleFactory(status=CycleStatus.CLOSED)

    with pytest.raises(ApplicationError):
        order_cycle_cancel(actor=member_of(cycle.hub), cycle=cycle)

    assert OrderCycle.objects.get(pk=cycle.pk).status == CycleStatus.CLOSED
