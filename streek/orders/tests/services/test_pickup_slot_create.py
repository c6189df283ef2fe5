from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from streek.accounts.choices import MembershipRole
from streek.core.exceptions import ApplicationError, PermissionRefused
from streek.orders.choices import CycleStatus
from streek.orders.models import PickupSlot
from streek.orders.services.outgoing import pickup_slot_create, pickup_slot_remove, pickup_slot_update
from streek.orders.tests.factories import OrderCycleFactory, PickupPointFactory, PickupSlotFactory
from streek.orders.tests.hub_scenarios import member_of

pytestmark = pytest.mark.django_db


def test_pickup_slot_create_adds_a_slot_on_the_fulfilment_day():
    cycle = OrderCycleFactory()
    point = PickupPointFactory(hub=cycle.hub)
    starts = timezone.make_aware(datetime.combine(cycle.fulfilment_date, datetime.min.time()) + timedelta(hours=16))

    slot = pickup_slot_create(
        actor=member_of(cycle.hub),
        cycle=cycle,
        pickup_point=point,
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        capacity=25,
    )

    slot.refresh_from_db()
    assert (slot.cycle, slot.pickup_point, slot.capacity, slot.booked) == (cycle, point, 25, 0)


def test_pickup_slot_create_allows_a_slot_on_another_day():
    cycle = OrderCycleFactory()
    starts = cycle.closes_at + timedelta(days=3)

    slot = pickup_slot_create(
        actor=member_of(cycle.hub),
        cycle=cycle,
        pickup_point=PickupPointFactory(hub=cycle.hub),
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
        capacity=1,
    )

    assert slot.starts_at.date() != cycle.fulfilment_date


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"ends_at": -timedelta(hours=1)}, "ends_at"),
        ({"ends_at": timedelta(0)}, "ends_at"),
        ({"capacity": 0}, "capacity"),
        ({"naive": True}, "starts_at"),
    ],
)
def test_pickup_slot_create_refuses_wrong_times_and_capacity(change, field):
    cycle = OrderCycleFactory()
    starts = cycle.closes_at + timedelta(days=1)
    arguments = {"starts_at": starts, "ends_at": starts + timedelta(hours=2), "capacity": 10}
    if "ends_at" in change:
        arguments["ends_at"] = starts + change["ends_at"]
    if "capacity" in change:
        arguments["capacity"] = change["capacity"]
    if "naive" in change:
        arguments["starts_at"] = starts.replace(tzinfo=None)

    with pytest.raises(ApplicationError) as error:
        pickup_slot_create(
            actor=member_of(cycle.hub), cycle=cycle, pickup_point=PickupPointFactory(hub=cycle.hub), **arguments
        )

    assert error.value.extra["field"] == field
    assert not PickupSlot.objects.exists()


def test_pickup_slot_create_refuses_a_point_of_another_hub_or_inactive():
    cycle = OrderCycleFactory()
    starts = cycle.closes_at + timedelta(days=1)

    for point in (PickupPointFactory(), PickupPointFactory(hub=cycle.hub, is_active=False)):
        with pytest.raises(ApplicationError) as error:
            pickup_slot_create(
                actor=member_of(cycle.hub),
                cycle=cycle,
                pickup_point=point,
                starts_at=starts,
                ends_at=starts + timedelta(hours=1),
                capacity=5,
            )
        assert error.value.extra["field"] == "pickup_point"

    assert not PickupSlot.objects.exists()


def test_pickup_slot_create_refuses_a_closed_cycle_and_staff():
    closed = OrderCycleFactory(status=CycleStatus.CLOSED)
    cycle = OrderCycleFactory()
    starts = cycle.closes_at + timedelta(days=1)

    with pytest.raises(ApplicationError, match="no longer be changed"):
        pickup_slot_create(
            actor=member_of(closed.hub),
            cycle=closed,
            pickup_point=PickupPointFactory(hub=closed.hub),
            starts_at=starts,
            ends_at=starts + timedelta(hours=1),
            capacity=5,
        )
    with pytest.raises(PermissionRefused):
        pickup_slot_create(
            actor=member_of(cycle.hub, MembershipRole.STAFF),
            cycle=cycle,
            pickup_point=PickupPointFactory(hub=cycle.hub),
            starts_at=starts,
            ends_at=starts + timedelta(hours=1),
            capacity=5,
        )

    assert not PickupSlot.objects.exists()


def test_pickup_slot_update_never_lowers_the_capacity_below_the_booked_orders():
    slot = PickupSlotFactory(capacity=10, booked=4)

    with pytest.raises(ApplicationError) as error:
        pickup_slot_update(actor=member_of(slot.cycle.hub), slot=slot, capacity=3)

    assert error.value.extra["field"] == "capacity"
    slot.refresh_from_db()
    assert slot.capacity == 10
    assert pickup_slot_update(actor=member_of(slot.cycle.hub), slot=slot, capacity=4).capacity == 4


def test_pickup_slot_update_moves_a_slot_and_refuses_an_end_before_its_start():
    slot = PickupSlotFactory()
    owner = member_of(slot.cycle.hub)
    later = slot.starts_at + timedelta(hours=1)

    moved = pickup_slot_update(actor=owner, slot=slot, starts_at=later, ends_at=later + timedelta(hours=1))
    with pytest.raises(ApplicationError):
        pickup_slot_update(actor=owner, slot=slot, ends_at=later - timedelta(minutes=5))

    slot.refresh_from_db()
    assert (slot.starts_at, slot.ends_at) == (moved.starts_at, moved.ends_at)


def test_pickup_slot_remove_only_when_nothing_is_booked():
    booked = PickupSlotFactory(booked=1)
    empty = PickupSlotFactory()

    with pytest.raises(ApplicationError):
        pickup_slot_remove(actor=member_of(booked.cycle.hub), slot=booked)
    pickup_slot_remove(actor=member_of(empty.cycle.hub), slot=empty)

    assert list(PickupSlot.objects.all()) == [booked]
