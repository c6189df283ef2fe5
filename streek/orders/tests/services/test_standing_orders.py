"""Standing orders and subscription boxes: set up, change, pause, cancel, and one order per matching cycle."""

from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from streek.accounts.tests.factories import UserFactory
from streek.catalog.choices import OrganisationKind
from streek.catalog.tests.factories import OrganisationFactory, VariantFactory
from streek.core.exceptions import PermissionRefused
from streek.orders.choices import ChannelKind, FulfilmentMethod, StandingOrderKind, StandingOrderStatus
from streek.orders.exceptions import StandingOrderRefused
from streek.orders.models import ChannelTerms, CycleOffer, Order, PickupPoint, StandingOrder, StandingOrderLine
from streek.orders.services.standing import (
    StandingLineInput,
    standing_order_cancel,
    standing_order_create,
    standing_order_pause,
    standing_order_resume,
    standing_order_update,
    standing_orders_generate,
)
from streek.orders.tests.buyer_scenarios import organisation_member, shop_open
from streek.orders.tests.factories import ChannelAdmissionFactory, ChannelVariantTermFactory, PickupPointFactory

pytestmark = pytest.mark.django_db


def _subscription(shop, buyer=None, **kwargs):  # noqa: ANN001, ANN003, ANN202
    """A household's weekly box of 2 + 1 items collected at the shop's pickup point."""
    kwargs.setdefault("starts_on", timezone.localdate())
    kwargs.setdefault(
        "lines",
        [
            StandingLineInput(variant_id=shop.offers[0].variant_id, quantity=2),
            StandingLineInput(variant_id=shop.offers[1].variant_id, quantity=1),
        ],
    )
    return standing_order_create(
        actor=buyer or UserFactory(),
        hub=shop.hub,
        kind=StandingOrderKind.SUBSCRIPTION,
        name="Groentepakket",
        fulfilment_method=FulfilmentMethod.PICKUP,
        pickup_point=shop.slot.pickup_point,
        **kwargs,
    )


def test_a_household_sets_up_a_subscription_box():
    shop = shop_open()
    buyer = UserFactory()

    box = _subscription(shop, buyer)

    assert (box.kind, box.buyer, box.terms, box.status) == (
        StandingOrderKind.SUBSCRIPTION,
        buyer,
        shop.terms,
        StandingOrderStatus.ACTIVE,
    )
    assert sorted(box.lines.values_list("quantity", flat=True)) == [1, 2]


def test_a_standing_order_needs_an_admitted_organisation_the_actor_manages():
    shop = shop_open(with_channels=[ChannelKind.CONSUMER, ChannelKind.SCHOOL])
    school_terms = ChannelTerms.objects.get(hub=shop.hub, kind=ChannelKind.SCHOOL)
    school = OrganisationFactory(kind=OrganisationKind.SCHOOL)
    lines = [StandingLineInput(variant_id=shop.offers[0].variant_id, quantity=4)]
    common: dict[str, Any] = {
        "hub": shop.hub,
        "kind": StandingOrderKind.STANDING,
        "name": "Schoolfruit",
        "lines": lines,
        "fulfilment_method": FulfilmentMethod.PICKUP,
        "pickup_point": shop.slot.pickup_point,
        "starts_on": timezone.localdate(),
        "buyer_organisation": school,
    }
    principal = organisation_member(school)

    # not admitted yet
    with pytest.raises(StandingOrderRefused):
        standing_order_create(actor=principal, **common)
    ChannelAdmissionFactory(terms=school_terms, buyer=school)
    # not one of its managers
    with pytest.raises(PermissionRefused):
        standing_order_create(actor=UserFactory(), **common)
    assert StandingOrder.objects.count() == 0

    standing = standing_order_create(actor=principal, **common)

    assert (standing.terms, standing.buyer_organisation) == (school_terms, school)


def test_refusals_name_what_is_wrong_and_save_nothing():
    shop = shop_open()
    ChannelVariantTermFactory(terms=shop.terms, variant=shop.offers[0].variant, case_size=5)
    elsewhere = PickupPointFactory()

    with pytest.raises(StandingOrderRefused) as refused:
        _subscription(shop, lines=[StandingLineInput(variant_id=shop.offers[0].variant_id, quantity=3)])
    assert "5" in refused.value.message
    with pytest.raises(StandingOrderRefused) as refused:
        standing_order_create(
            actor=UserFactory(),
            hub=shop.hub,
            kind=StandingOrderKind.SUBSCRIPTION,
            name="Elders",
            lines=[StandingLineInput(variant_id=shop.offers[1].variant_id, quantity=1)],
            fulfilment_method=FulfilmentMethod.PICKUP,
            pickup_point=elsewhere,
            starts_on=timezone.localdate(),
        )
    assert refused.value.field == "pickup_point"
    with pytest.raises(StandingOrderRefused):
        _subscription(shop, lines=[])

    assert StandingOrder.objects.count() == StandingOrderLine.objects.count() == 0


def test_only_the_buyer_changes_pauses_resumes_and_cancels():
    shop = shop_open()
    buyer = UserFactory()
    box = _subscription(shop, buyer)
    stranger = UserFactory()
    hub_manager = organisation_member(shop.hub)
    until = timezone.localdate() + timedelta(days=20)

    for actor in (stranger, hub_manager):
        with pytest.raises(PermissionRefused):
            standing_order_pause(actor=actor, standing_order=box, until=until)
        with pytest.raises(PermissionRefused):
            standing_order_cancel(actor=actor, standing_order=box)
        with pytest.raises(PermissionRefused):
            standing_order_update(actor=actor, standing_order=box, name="Van mij")
    box.refresh_from_db()
    assert (box.status, box.name) == (StandingOrderStatus.ACTIVE, "Groentepakket")

    updated = standing_order_update(
        actor=buyer,
        standing_order=box,
        name="Klein pakket",
        interval_weeks=2,
        lines=[StandingLineInput(variant_id=shop.offers[1].variant_id, quantity=3)],
    )
    assert (updated.name, updated.interval_weeks) == ("Klein pakket", 2)
    assert list(updated.lines.values_list("variant_id", "quantity")) == [(shop.offers[1].variant_id, 3)]
    paused = standing_order_pause(actor=buyer, standing_order=box, until=until)
    assert (paused.status, paused.paused_until) == (StandingOrderStatus.PAUSED, until)
    resumed = standing_order_resume(actor=buyer, standing_order=box)
    assert (resumed.status, resumed.paused_until) == (StandingOrderStatus.ACTIVE, None)
    cancelled = standing_order_cancel(actor=buyer, standing_order=box)
    assert cancelled.status == StandingOrderStatus.CANCELLED
    with pytest.raises(StandingOrderRefused):
        standing_order_resume(actor=buyer, standing_order=box)


def test_a_pause_must_end_in_the_future():
    shop = shop_open()
    buyer = UserFactory()
    box = _subscription(shop, buyer)

    with pytest.raises(StandingOrderRefused):
        standing_order_pause(actor=buyer, standing_order=box, until=timezone.localdate())

    box.refresh_from_db()
    assert box.status == StandingOrderStatus.ACTIVE


def test_generate_places_one_order_per_cycle_once(django_capture_on_commit_callbacks, mailoutbox):
    # given a weekly box and an open cycle
    shop = shop_open()
    buyer = UserFactory()
    box = _subscription(shop, buyer)

    # when the cycle's standing orders are generated, twice
    with django_capture_on_commit_callbacks(execute=True):
        first = standing_orders_generate(cycle=shop.cycle)
    second = standing_orders_generate(cycle=shop.cycle)

    # then one order, for the buyer, with the box's lines and the pickup slot
    assert len(first) == 1 and first.skipped == []
    order = first[0]
    assert (order.buyer, order.standing_order, order.pickup_slot) == (buyer, box, shop.slot)
    assert order.idempotency_key == f"standing-{box.pk}-{shop.cycle.pk}"
    assert sorted(order.lines.values_list("quantity", flat=True)) == [1, 2]
    assert list(second) == []
    assert Order.objects.count() == 1
    assert CycleOffer.objects.get(pk=shop.offers[0].pk).sold == 2
    assert any(buyer.email in message.to for message in mailoutbox)


def test_generate_skips_and_reports_lines_out_of_stock_or_not_offered():
    # given a box with a line sold out and a line the cycle does not offer
    shop = shop_open(stock=5)
    missing = VariantFactory(product__organisation=shop.producer)
    box = _subscription(
        shop,
        lines=[
            StandingLineInput(variant_id=shop.offers[0].variant_id, quantity=2),
            StandingLineInput(variant_id=shop.offers[1].variant_id, quantity=1),
            StandingLineInput(variant_id=missing.pk, quantity=1),
        ],
    )
    CycleOffer.objects.filter(pk=shop.offers[1].pk).update(sold=5)

    result = standing_orders_generate(cycle=shop.cycle)

    # then the order has the one line left, and the two others are reported
    assert list(result[0].lines.values_list("offer_id", flat=True)) == [shop.offers[0].pk]
    assert {(skip.standing_order_id, skip.quantity) for skip in result.skipped} == {(box.pk, 1)}
    assert len(result.skipped) == 2
    assert CycleOffer.objects.get(pk=shop.offers[1].pk).sold == 5


def test_generate_follows_the_interval_the_pause_and_the_end():
    shop = shop_open()
    day = shop.cycle.fulfilment_date
    every_other_week = _subscription(shop, starts_on=day - timedelta(days=7), interval_weeks=2)
    paused = _subscription(shop, starts_on=day - timedelta(days=7))
    StandingOrder.objects.filter(pk=paused.pk).update(
        status=StandingOrderStatus.PAUSED, paused_until=day + timedelta(days=1)
    )
    ended = _subscription(shop, starts_on=day - timedelta(days=14))
    StandingOrder.objects.filter(pk=ended.pk).update(ends_on=day - timedelta(days=1))
    future = _subscription(shop, starts_on=day + timedelta(days=1))
    weekly = _subscription(shop, starts_on=day - timedelta(days=21))

    result = standing_orders_generate(cycle=shop.cycle)

    assert [order.standing_order_id for order in result] == [weekly.pk]
    assert every_other_week.pk and future.pk


def test_generate_reports_a_box_whose_pickup_point_has_no_slot():
    shop = shop_open()
    box = _subscription(shop)
    StandingOrder.objects.filter(pk=box.pk).update(
        pickup_point=PickupPoint.objects.create(hub=shop.hub, name="Zonder tijdslot")
    )

    result = standing_orders_generate(cycle=shop.cycle)

    assert list(result) == []
    assert [skip.standing_order_id for skip in result.skipped] == [box.pk]
    assert Order.objects.count() == 0


def test_the_command_generates_for_published_cycles():
    shop = shop_open()
    _subscription(shop)
    out = StringIO()

    call_command("orders_generate_standing", stdout=out)

    assert Order.objects.count() == 1
    assert "1 orders placed, 0 skipped." in out.getvalue()
