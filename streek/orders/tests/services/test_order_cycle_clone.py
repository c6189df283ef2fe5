from datetime import UTC, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from streek.accounts.choices import MembershipRole
from streek.core.exceptions import ApplicationError, PermissionRefused
from streek.orders.choices import ChannelKind, CycleStatus, FeeCalculation, FeeKind
from streek.orders.models import CycleOffer, OrderCycle, PickupSlot
from streek.orders.services.cycles import order_cycle_clone
from streek.orders.tests.factories import (
    ChannelTermsFactory,
    CycleOfferFactory,
    CycleProducerFactory,
    DeliveryZoneFactory,
    HubFeeFactory,
    OrderCycleFactory,
    PickupPointFactory,
    PickupSlotFactory,
)
from streek.orders.tests.hub_scenarios import member_of

pytestmark = pytest.mark.django_db
WEEK = timedelta(weeks=1)
BRUSSELS = ZoneInfo("Europe/Brussels")


def wall(moment):
    """The local wall-clock time (copies keep it across changes to and from summer time)."""
    return timezone.localtime(moment).replace(tzinfo=None)


def full_cycle():
    """A published cycle with two producers, three offers (some sold), a fee, two channels, a zone and a slot."""
    cycle = OrderCycleFactory(with_channels=[ChannelKind.CONSUMER, ChannelKind.HORECA], name="Week 20")
    first = CycleProducerFactory(cycle=cycle, ready_from=cycle.closes_at)
    second = CycleProducerFactory(cycle=cycle)
    CycleOfferFactory(exchange=first, stock=10, sold=4, producer_price=Decimal("2.10"))
    CycleOfferFactory(exchange=first, stock=None, sold=3)
    CycleOfferFactory(exchange=second, stock=5, sold=5)
    HubFeeFactory(cycle=cycle, kind=FeeKind.TRANSPORT, calculation=FeeCalculation.PER_LINE, amount=Decimal("0.50"))
    cycle.delivery_zones.add(DeliveryZoneFactory(hub=cycle.hub))
    PickupSlotFactory(cycle=cycle, booked=7)
    return cycle


def test_order_cycle_clone_copies_the_set_up_a_week_later_with_nothing_sold():
    cycle = full_cycle()

    copy = order_cycle_clone(actor=member_of(cycle.hub), cycle=cycle, shift=WEEK)

    copy.refresh_from_db()
    assert copy.status == CycleStatus.DRAFT
    assert copy.cloned_from == cycle
    assert copy.hub == cycle.hub
    assert wall(copy.opens_at) == wall(cycle.opens_at) + WEEK
    assert wall(copy.closes_at) == wall(cycle.closes_at) + WEEK
    assert copy.fulfilment_date == cycle.fulfilment_date + WEEK
    assert copy.name == f"Week 20 ({copy.fulfilment_date:%d/%m/%Y})"
    assert set(copy.channels.all()) == set(cycle.channels.all())
    assert set(copy.delivery_zones.all()) == set(cycle.delivery_zones.all())
    assert sorted(copy.producers.values_list("producer_id", flat=True)) == sorted(
        cycle.producers.values_list("producer_id", flat=True)
    )
    assert (
        wall(copy.producers.get(producer=cycle.producers.first().producer).ready_from) == wall(cycle.closes_at) + WEEK
    )
    assert sorted(copy.offers.values_list("variant_id", "stock", "sold", "producer_price")) == sorted(
        (variant, stock, 0, price)
        for variant, stock, price in cycle.offers.values_list("variant_id", "stock", "producer_price")
    )
    for offer in copy.offers.select_related("exchange"):
        assert offer.exchange.cycle_id == copy.pk
        assert offer.exchange.producer_id == offer.variant.product.organisation_id
    assert list(copy.fees.values_list("kind", "calculation", "amount")) == list(
        cycle.fees.values_list("kind", "calculation", "amount")
    )
    slot, original = copy.slots.get(), cycle.slots.get()
    assert (wall(slot.starts_at), wall(slot.ends_at), slot.capacity, slot.booked) == (
        wall(original.starts_at) + WEEK,
        wall(original.ends_at) + WEEK,
        original.capacity,
        0,
    )


def test_order_cycle_clone_leaves_the_original_untouched():
    cycle = full_cycle()
    before = sorted(CycleOffer.objects.filter(cycle=cycle).values_list("pk", "stock", "sold"))

    order_cycle_clone(actor=member_of(cycle.hub), cycle=cycle, shift=WEEK, name="Week 21")

    assert sorted(CycleOffer.objects.filter(cycle=cycle).values_list("pk", "stock", "sold")) == before
    assert PickupSlot.objects.get(cycle=cycle).booked == 7
    assert OrderCycle.objects.get(name="Week 21").cloned_from == cycle


def test_order_cycle_clone_of_a_copy_replaces_the_date_in_the_name():
    cycle = full_cycle()
    owner = member_of(cycle.hub)

    second = order_cycle_clone(actor=owner, cycle=order_cycle_clone(actor=owner, cycle=cycle, shift=WEEK), shift=WEEK)

    assert second.name == f"Week 20 ({second.fulfilment_date:%d/%m/%Y})"


def test_order_cycle_clone_leaves_out_what_is_no_longer_active():
    cycle = full_cycle()
    inactive = cycle.offers.first()
    inactive.variant.is_active = False
    inactive.variant.save()
    cycle.channels.filter(kind=ChannelKind.HORECA).update(is_active=False)
    cycle.delivery_zones.update(is_active=False)
    closed_point = PickupPointFactory(hub=cycle.hub, is_active=False)
    PickupSlotFactory(cycle=cycle, pickup_point=closed_point)

    copy = order_cycle_clone(actor=member_of(cycle.hub), cycle=cycle, shift=WEEK)

    assert not copy.offers.filter(variant=inactive.variant).exists()
    assert copy.offers.count() == 2
    assert list(copy.channels.values_list("kind", flat=True)) == [ChannelKind.CONSUMER]
    assert not copy.delivery_zones.exists()
    assert copy.slots.count() == 1


def test_order_cycle_clone_keeps_the_local_time_across_summer_time():
    hub_cycle = OrderCycleFactory(
        opens_at=datetime(2035, 3, 20, 18, 0, tzinfo=BRUSSELS),
        closes_at=datetime(2035, 3, 23, 12, 0, tzinfo=BRUSSELS),
        fulfilment_date=datetime(2035, 3, 24).date(),
    )

    copy = order_cycle_clone(actor=member_of(hub_cycle.hub), cycle=hub_cycle, shift=WEEK)

    copy.refresh_from_db()
    opens = timezone.localtime(copy.opens_at, BRUSSELS)
    assert (opens.date().isoformat(), opens.hour, opens.minute) == ("2035-03-27", 18, 0)
    assert copy.opens_at.astimezone(UTC) - hub_cycle.opens_at.astimezone(UTC) == WEEK - timedelta(hours=1)


@pytest.mark.parametrize("shift", [timedelta(0), -WEEK, -timedelta(days=30)])
def test_order_cycle_clone_refuses_a_copy_that_is_not_later_or_closes_in_the_past(shift):
    cycle = OrderCycleFactory()

    with pytest.raises(ApplicationError) as error:
        order_cycle_clone(actor=member_of(cycle.hub), cycle=cycle, shift=shift)

    assert error.value.extra["field"] == "shift"
    assert OrderCycle.objects.count() == 1


def test_order_cycle_clone_refuses_a_copy_that_would_close_in_the_past():
    cycle = OrderCycleFactory(
        opens_at=timezone.now() - timedelta(days=30), closes_at=timezone.now() - timedelta(days=20)
    )

    with pytest.raises(ApplicationError, match="in the past"):
        order_cycle_clone(actor=member_of(cycle.hub), cycle=cycle, shift=WEEK)

    assert OrderCycle.objects.count() == 1


def test_order_cycle_clone_refuses_hub_staff_and_other_hubs():
    cycle = full_cycle()
    other = ChannelTermsFactory().hub

    for actor in (member_of(cycle.hub, MembershipRole.STAFF), member_of(other)):
        with pytest.raises(PermissionRefused):
            order_cycle_clone(actor=actor, cycle=cycle, shift=WEEK)

    assert OrderCycle.objects.count() == 1
