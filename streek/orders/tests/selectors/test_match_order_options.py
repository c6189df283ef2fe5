"""The hubs through which a match's buyer can order from its producer, with the producer's variants there."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from streek.market.choices import AgreementKind, MatchStatus
from streek.market.models import Match
from streek.orders.choices import AdmissionStatus, ChannelKind, FulfilmentMethod
from streek.orders.models import ChannelAdmission
from streek.orders.selectors.match_options import match_agreement_target, match_order_options
from streek.orders.services.from_match import order_from_match
from streek.orders.tests.factories import (
    ChannelTermsFactory,
    CycleOfferFactory,
    CycleProducerFactory,
    DeliveryZoneFactory,
    HubFactory,
    OrderCycleFactory,
    PickupSlotFactory,
)
from streek.orders.tests.match_scenarios import MatchTrade, match_trade

pytestmark = pytest.mark.django_db


def _another_hub(trade: MatchTrade, *, variants: int) -> None:
    """A second hub admitting the buyer, with an open and a later cycle where the producer offers `variants`."""
    hub = HubFactory()
    terms = ChannelTermsFactory(hub=hub, kind=ChannelKind.RETAIL)
    ChannelAdmission.objects.create(terms=terms, buyer=trade.buyer, status=AdmissionStatus.ADMITTED)
    now = timezone.now()
    for opens in (now - timedelta(days=1), now + timedelta(days=6)):
        cycle = OrderCycleFactory(
            hub=hub, with_channels=[ChannelKind.RETAIL], opens_at=opens, closes_at=opens + timedelta(days=5)
        )
        exchange = CycleProducerFactory(cycle=cycle, producer=trade.producer)
        for _ in range(variants):
            CycleOfferFactory(exchange=exchange)
        PickupSlotFactory(cycle=cycle)
        cycle.delivery_zones.add(DeliveryZoneFactory(hub=hub))


def test_the_hub_with_its_open_cycle_the_producers_variant_priced_and_where_to_collect() -> None:
    # given the scenario's hub, its horeca channel and an open cycle with the producer's variant
    trade = match_trade(stock=7)

    options = match_order_options(match=trade.match)

    # then that hub, on the channel a standing order would use, with the variant orderable now
    assert [option.hub for option in options] == [trade.hub]
    option = options[0]
    assert (option.terms, option.open_cycle, option.next_cycles) == (trade.terms, trade.cycle, [])
    assert [(v.variant, v.offer, v.available) for v in option.variants] == [(trade.offer.variant, trade.offer, 7)]
    assert option.variants[0].price is not None and option.variants[0].price.unit_price == Decimal("2.00")
    assert option.pickup_slots == [trade.slot] and option.cycle_zones == [trade.zone]
    assert option.pickup_points == [trade.slot.pickup_point] and option.delivery_zones == [trade.zone]


def test_hubs_that_did_not_admit_the_buyer_or_where_the_producer_does_not_sell_are_left_out() -> None:
    trade = match_trade(admitted=False)
    elsewhere = HubFactory()
    terms = ChannelTermsFactory(hub=elsewhere, kind=ChannelKind.HORECA)
    ChannelAdmission.objects.create(terms=terms, buyer=trade.buyer, status=AdmissionStatus.ADMITTED)
    OrderCycleFactory(hub=elsewhere, with_channels=[ChannelKind.HORECA])
    assert match_order_options(match=trade.match) == []


def test_a_hub_with_only_a_later_cycle_offers_standing_orders_only() -> None:
    trade = match_trade(opens_at=timezone.now() + timedelta(days=2), closes_at=timezone.now() + timedelta(days=5))
    [option] = match_order_options(match=trade.match)
    assert option.open_cycle is None and option.next_cycles == [trade.cycle]
    assert option.variants[0].offer is None and option.orderable_variants == []


def test_a_cycle_not_serving_the_buyers_channel_does_not_count() -> None:
    trade = match_trade()
    trade.cycle.channels.clear()
    assert match_order_options(match=trade.match) == []


def test_the_query_count_does_not_grow_with_hubs_cycles_and_variants(django_assert_num_queries: object) -> None:
    # given two hubs, one with two cycles of three variants
    trade = match_trade()
    _another_hub(trade, variants=3)
    match = Match.objects.select_related("offer", "request").get(pk=trade.match.pk)

    # when the options are listed: admissions, cycles, their channels, offers, price lists, fees, points,
    # zones, slots, the open cycles' zones
    with django_assert_num_queries(10):  # type: ignore[operator]
        options = match_order_options(match=match)

    # then both hubs; the second lists its six variants once each, the open cycle's three orderable now
    assert len(options) == 2
    second = next(option for option in options if option.hub != trade.hub)
    assert len(second.variants) == 6 and len(second.orderable_variants) == 3
    # and a third hub with six more variants per cycle adds no query
    _another_hub(trade, variants=6)
    with django_assert_num_queries(10):  # type: ignore[operator]
        assert len(match_order_options(match=match)) == 3


def test_the_agreement_target_is_the_order_of_the_buyer_organisation() -> None:
    trade = match_trade()
    order = order_from_match(
        actor=trade.buyer_user,
        match=trade.match,
        hub_id=trade.hub.pk,
        variant_id=trade.offer.variant_id,
        quantity=1,
        fulfilment_method=FulfilmentMethod.PICKUP,
        pickup_slot_id=trade.slot.pk,
        idempotency_key="k",
    )
    match = Match.objects.select_related("request").get(pk=trade.match.pk)
    target = match_agreement_target(match=match)
    assert target is not None and target.order == order and target.standing_order is None


def test_a_reference_typed_by_hand_that_is_not_the_buyers_order_has_no_target() -> None:
    trade = match_trade()
    Match.objects.filter(pk=trade.match.pk).update(
        status=MatchStatus.AGREED,
        agreement_kind=AgreementKind.BUSINESS_ORDER,
        agreement_reference="999999",
        agreed_at=timezone.now(),
    )
    assert match_agreement_target(match=Match.objects.get(pk=trade.match.pk)) is None
