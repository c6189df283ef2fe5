from datetime import timedelta

import pytest

from streek.core.exceptions import ApplicationError, PermissionRefused
from streek.orders.choices import ChannelKind, CycleStatus, OrderStatus
from streek.orders.models import OrderCycle
from streek.orders.services.cycles import order_cycle_update
from streek.orders.tests.factories import ChannelTermsFactory, DeliveryZoneFactory, OrderCycleFactory
from streek.orders.tests.hub_scenarios import member_of, outsider, placed_order

pytestmark = pytest.mark.django_db


def test_order_cycle_update_changes_times_name_channels_and_zones():
    cycle = OrderCycleFactory(status=CycleStatus.DRAFT)
    horeca = ChannelTermsFactory(hub=cycle.hub, kind=ChannelKind.HORECA)
    zone = DeliveryZoneFactory(hub=cycle.hub)
    later = cycle.closes_at + timedelta(days=1)

    order_cycle_update(
        actor=member_of(cycle.hub),
        cycle=cycle,
        name="Week 21",
        closes_at=later,
        fulfilment_date=cycle.fulfilment_date + timedelta(days=1),
        channels=[horeca],
        delivery_zones=[zone],
    )

    cycle.refresh_from_db()
    assert (cycle.name, cycle.closes_at) == ("Week 21", later)
    assert list(cycle.channels.all()) == [horeca]
    assert list(cycle.delivery_zones.all()) == [zone]


def test_order_cycle_update_refuses_a_close_before_the_opening_and_changes_nothing():
    cycle = OrderCycleFactory(name="Week 20")
    closes_at = cycle.closes_at

    with pytest.raises(ApplicationError, match="close after it opens"):
        order_cycle_update(actor=member_of(cycle.hub), cycle=cycle, name="X", closes_at=cycle.opens_at)

    cycle.refresh_from_db()
    assert (cycle.closes_at, cycle.name) == (closes_at, "Week 20")


def test_order_cycle_update_keeps_the_fulfilment_day_once_orders_are_placed():
    cycle = OrderCycleFactory()
    placed_order(cycle)
    day = cycle.fulfilment_date

    with pytest.raises(ApplicationError) as error:
        order_cycle_update(actor=member_of(cycle.hub), cycle=cycle, fulfilment_date=day + timedelta(days=2))

    assert error.value.extra["field"] == "fulfilment_date"
    cycle.refresh_from_db()
    assert cycle.fulfilment_date == day


def test_order_cycle_update_may_move_the_day_when_every_order_is_cancelled():
    cycle = OrderCycleFactory()
    placed_order(cycle, status=OrderStatus.CANCELLED)

    updated = order_cycle_update(
        actor=member_of(cycle.hub), cycle=cycle, fulfilment_date=cycle.fulfilment_date + timedelta(days=2)
    )

    assert updated.fulfilment_date == cycle.fulfilment_date + timedelta(days=2)


def test_order_cycle_update_refuses_a_closed_cycle_unknown_fields_and_outsiders():
    closed = OrderCycleFactory(status=CycleStatus.CLOSED, name="Oud")
    cycle = OrderCycleFactory(name="Nu")

    with pytest.raises(ApplicationError, match="no longer be changed"):
        order_cycle_update(actor=member_of(closed.hub), cycle=closed, name="Nieuw")
    with pytest.raises(ApplicationError, match="status"):
        order_cycle_update(actor=member_of(cycle.hub), cycle=cycle, status=CycleStatus.CLOSED)
    with pytest.raises(PermissionRefused):
        order_cycle_update(actor=outsider(), cycle=cycle, name="Nieuw")

    assert set(OrderCycle.objects.values_list("name", "status")) == {
        ("Oud", CycleStatus.CLOSED),
        ("Nu", CycleStatus.PUBLISHED),
    }
