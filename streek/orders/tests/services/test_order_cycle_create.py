from datetime import timedelta

import pytest
from django.utils import timezone

from streek.accounts.choices import MembershipRole
from streek.catalog.choices import OrganisationKind
from streek.catalog.tests.factories import OrganisationFactory
from streek.core.exceptions import ApplicationError, PermissionRefused
from streek.orders.choices import ChannelKind, CycleStatus
from streek.orders.models import OrderCycle
from streek.orders.services.cycles import order_cycle_create
from streek.orders.tests.factories import ChannelTermsFactory, DeliveryZoneFactory, HubFactory
from streek.orders.tests.hub_scenarios import member_of

pytestmark = pytest.mark.django_db


def times(days: int = 0):
    opens = timezone.now() + timedelta(days=1)
    closes = opens + timedelta(days=5)
    return {
        "opens_at": opens,
        "closes_at": closes,
        "fulfilment_date": timezone.localdate(closes) + timedelta(days=days),
    }


def test_order_cycle_create_makes_a_draft_with_channels_and_zones():
    hub = HubFactory()
    consumer = ChannelTermsFactory(hub=hub, kind=ChannelKind.CONSUMER)
    horeca = ChannelTermsFactory(hub=hub, kind=ChannelKind.HORECA)
    zone = DeliveryZoneFactory(hub=hub)

    cycle = order_cycle_create(
        actor=member_of(hub),
        hub=hub,
        name=" Week 20 ",
        channels=[consumer, horeca],
        delivery_zones=[zone],
        notes="Afhalen aan de schuur",
        **times(days=1),
    )

    cycle.refresh_from_db()
    assert (cycle.name, cycle.status, cycle.notes) == ("Week 20", CycleStatus.DRAFT, "Afhalen aan de schuur")
    assert set(cycle.channels.all()) == {consumer, horeca}
    assert list(cycle.delivery_zones.all()) == [zone]


def test_order_cycle_create_lets_a_producer_run_its_own_cycle():
    farm = OrganisationFactory(kind=OrganisationKind.PRODUCER)

    cycle = order_cycle_create(
        actor=member_of(farm), hub=farm, name="Hoeve", channels=[ChannelTermsFactory(hub=farm)], **times()
    )

    assert cycle.hub == farm


def test_order_cycle_create_refuses_a_cycle_that_closes_before_it_opens():
    hub = HubFactory()
    when = times()

    with pytest.raises(ApplicationError, match="close after it opens") as error:
        order_cycle_create(
            actor=member_of(hub),
            hub=hub,
            name="Week 20",
            channels=[ChannelTermsFactory(hub=hub)],
            opens_at=when["closes_at"],
            closes_at=when["opens_at"],
            fulfilment_date=when["fulfilment_date"],
        )

    assert error.value.extra["field"] == "closes_at"
    assert not OrderCycle.objects.exists()


def test_order_cycle_create_refuses_a_fulfilment_day_before_the_close():
    hub = HubFactory()

    with pytest.raises(ApplicationError) as error:
        order_cycle_create(
            actor=member_of(hub), hub=hub, name="Week 20", channels=[ChannelTermsFactory(hub=hub)], **times(days=-1)
        )

    assert error.value.extra["field"] == "fulfilment_date"
    assert not OrderCycle.objects.exists()


def test_order_cycle_create_refuses_naive_times():
    hub = HubFactory()
    when = times()
    when["opens_at"] = when["opens_at"].replace(tzinfo=None)

    with pytest.raises(ApplicationError) as error:
        order_cycle_create(actor=member_of(hub), hub=hub, name="W", channels=[ChannelTermsFactory(hub=hub)], **when)

    assert error.value.extra["field"] == "opens_at"
    assert not OrderCycle.objects.exists()


@pytest.mark.parametrize("problem", ["none", "other_hub", "inactive"])
def test_order_cycle_create_refuses_missing_foreign_or_inactive_channels(problem):
    hub = HubFactory()
    channels = {
        "none": [],
        "other_hub": [ChannelTermsFactory()],
        "inactive": [ChannelTermsFactory(hub=hub, is_active=False)],
    }[problem]

    with pytest.raises(ApplicationError) as error:
        order_cycle_create(actor=member_of(hub), hub=hub, name="Week 20", channels=channels, **times())

    assert error.value.extra["field"] == "channels"
    assert not OrderCycle.objects.exists()


def test_order_cycle_create_refuses_a_zone_of_another_hub():
    hub = HubFactory()

    with pytest.raises(ApplicationError) as error:
        order_cycle_create(
            actor=member_of(hub),
            hub=hub,
            name="Week 20",
            channels=[ChannelTermsFactory(hub=hub)],
            delivery_zones=[DeliveryZoneFactory()],
            **times(),
        )

    assert error.value.extra["field"] == "delivery_zones"
    assert not OrderCycle.objects.exists()


def test_order_cycle_create_refuses_an_empty_name():
    hub = HubFactory()

    with pytest.raises(ApplicationError) as error:
        order_cycle_create(actor=member_of(hub), hub=hub, name="  ", channels=[ChannelTermsFactory(hub=hub)], **times())

    assert error.value.extra["field"] == "name"
    assert not OrderCycle.objects.exists()


def test_order_cycle_create_refuses_hub_staff():
    hub = HubFactory()

    with pytest.raises(PermissionRefused):
        order_cycle_create(
            actor=member_of(hub, MembershipRole.STAFF),
            hub=hub,
            name="Week 20",
            channels=[ChannelTermsFactory(hub=hub)],
            **times(),
        )

    assert not OrderCycle.objects.exists()
