"""A market match becomes a one-off business order in the hub's open cycle, placed like a checkout."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from streek.accounts.tests.factories import MembershipFactory
from streek.core.exceptions import PermissionRefused
from streek.market.choices import AgreementKind, MatchStatus
from streek.market.models import Match
from streek.monitor.models import CollaborationFact
from streek.orders.choices import AdmissionStatus, ChannelKind, FulfilmentMethod
from streek.orders.exceptions import CheckoutRefused, MatchOrderRefused, TradeError
from streek.orders.models import ChannelAdmission, CycleOffer, Order, OrderCycle
from streek.orders.services.from_match import order_from_match
from streek.orders.tests.match_scenarios import MatchTrade, match_trade, written

pytestmark = pytest.mark.django_db


def _place(trade: MatchTrade, **overrides: object) -> Order:
    fields: dict[str, object] = {
        "actor": trade.buyer_user,
        "match": trade.match,
        "hub_id": trade.hub.pk,
        "variant_id": trade.offer.variant_id,
        "quantity": 3,
        "fulfilment_method": FulfilmentMethod.PICKUP,
        "pickup_slot_id": trade.slot.pk,
        "idempotency_key": "match-key-1",
    }
    fields.update(overrides)
    return order_from_match(**fields)  # type: ignore[arg-type]


def test_the_buyer_places_a_business_order_and_the_match_is_agreed(
    django_capture_on_commit_callbacks: object,
) -> None:
    # given a match whose producer sells in the hub's open cycle, where the buyer is admitted
    trade = match_trade(stock=10)
    collaborations = CollaborationFact.objects.count()

    # when the buyer orders three items from the match
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        order = _place(trade)

    # then an order on the horeca channel for the buyer organisation takes the stock
    assert (order.cycle, order.buyer, order.buyer_organisation, order.channel) == (
        trade.cycle,
        trade.buyer_user,
        trade.buyer,
        ChannelKind.HORECA,
    )
    assert [(line.offer_id, line.quantity, line.producer_id) for line in order.lines.all()] == [
        (trade.offer.pk, 3, trade.producer.pk)
    ]
    assert CycleOffer.objects.get(pk=trade.offer.pk).sold == 3
    # and the match is agreed as a business order with the order's id, counted by the monitor
    match = Match.objects.get(pk=trade.match.pk)
    assert (match.status, match.agreement_kind, match.agreement_reference) == (
        MatchStatus.AGREED,
        AgreementKind.BUSINESS_ORDER,
        str(order.pk),
    )
    assert CollaborationFact.objects.count() == collaborations + 1
    # and the buyer and the producer are told, as after a checkout
    assert len(mail.outbox) >= 1


def test_the_same_key_twice_places_one_order() -> None:
    trade = match_trade()
    first = _place(trade)
    second = _place(trade)
    assert first.pk == second.pk
    assert Order.objects.count() == 1 and CycleOffer.objects.get(pk=trade.offer.pk).sold == 3


def test_delivery_to_an_address_in_the_cycles_zone() -> None:
    trade = match_trade()
    order = _place(
        trade,
        fulfilment_method=FulfilmentMethod.DELIVERY,
        pickup_slot_id=None,
        delivery_zone_id=trade.zone.pk,
        street="Markt 2",
        postal_code="3800",
        locality="Sint-Truiden",
    )
    assert order.delivery_zone == trade.zone and order.fulfilment_method == FulfilmentMethod.DELIVERY


def _refused(trade: MatchTrade, error: type[Exception], **overrides: object) -> Exception:
    before = written(trade)
    with pytest.raises(error) as raised:
        _place(trade, **overrides)
    assert written(trade) == before
    return raised.value


def test_short_stock_is_refused_naming_what_is_left() -> None:
    trade = match_trade(stock=2)
    error = _refused(trade, CheckoutRefused, quantity=3)
    assert isinstance(error, CheckoutRefused) and error.field == "quantity"
    assert error.extra["available"] == 2


def test_the_selling_side_is_refused() -> None:
    trade = match_trade()
    _refused(trade, PermissionRefused, actor=MembershipFactory(organisation=trade.producer).user)


def test_a_dismissed_match_is_refused() -> None:
    trade = match_trade()
    Match.objects.filter(pk=trade.match.pk).update(status=MatchStatus.DISMISSED)
    trade.match.refresh_from_db()
    error = _refused(trade, MatchOrderRefused)
    assert isinstance(error, MatchOrderRefused) and error.field == "match"


def test_a_buyer_not_admitted_is_refused() -> None:
    trade = match_trade()
    ChannelAdmission.objects.filter(buyer=trade.buyer).update(status=AdmissionStatus.REQUESTED)
    error = _refused(trade, MatchOrderRefused)
    assert isinstance(error, MatchOrderRefused) and error.field == "hub"


def test_without_an_open_cycle_a_one_off_order_is_refused() -> None:
    # given the hub's only cycle with the producer opens tomorrow
    trade = match_trade()
    OrderCycle.objects.filter(pk=trade.cycle.pk).update(
        opens_at=timezone.now() + timedelta(days=1), closes_at=timezone.now() + timedelta(days=6)
    )
    error = _refused(trade, MatchOrderRefused)
    assert isinstance(error, MatchOrderRefused) and error.field == "hub"
    assert "no order cycle open now" in error.message


def test_a_variant_the_producer_does_not_offer_is_refused() -> None:
    error = _refused(match_trade(), MatchOrderRefused, variant_id=None)
    assert isinstance(error, MatchOrderRefused) and error.field == "variant"


def test_a_pickup_slot_of_another_cycle_is_refused() -> None:
    error = _refused(match_trade(), TradeError, pickup_slot_id=match_trade().slot.pk)
    assert isinstance(error, TradeError) and error.field == "pickup_slot"


def test_an_empty_idempotency_key_is_refused() -> None:
    error = _refused(match_trade(), MatchOrderRefused, idempotency_key=" ")
    assert isinstance(error, MatchOrderRefused) and error.field == "idempotency_key"


def test_past_the_channels_cut_off_the_order_is_refused() -> None:
    trade = match_trade()
    trade.terms.cutoff_days_before = 14
    trade.terms.save()
    error = _refused(trade, CheckoutRefused)
    assert isinstance(error, CheckoutRefused) and error.field == "cycle"
