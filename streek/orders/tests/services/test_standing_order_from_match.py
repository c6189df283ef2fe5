"""A market match becomes a standing order of the buyer at a hub where the producer sells; the match is agreed."""

from datetime import timedelta

import pytest
from django.utils import timezone

from streek.accounts.tests.factories import MembershipFactory, UserFactory
from streek.catalog.tests.factories import OrganisationFactory
from streek.core.exceptions import PermissionRefused
from streek.market.choices import AgreementKind, MatchStatus
from streek.market.models import Match
from streek.monitor.models import CollaborationFact
from streek.orders.choices import AdmissionStatus, ChannelKind, FulfilmentMethod, StandingOrderKind
from streek.orders.exceptions import MatchOrderRefused, TradeError
from streek.orders.models import ChannelAdmission, StandingOrder
from streek.orders.services.from_match import standing_order_from_match
from streek.orders.tests.factories import (
    ChannelTermsFactory,
    ChannelVariantTermFactory,
    CycleOfferFactory,
    CycleProducerFactory,
    HubFactory,
    OrderCycleFactory,
    PickupPointFactory,
)
from streek.orders.tests.match_scenarios import MatchTrade, match_trade, written

pytestmark = pytest.mark.django_db


def _set_up(trade: MatchTrade, **overrides: object) -> StandingOrder:
    fields: dict[str, object] = {
        "actor": trade.buyer_user,
        "match": trade.match,
        "hub_id": trade.hub.pk,
        "variant_id": trade.offer.variant_id,
        "quantity": 4,
        "fulfilment_method": FulfilmentMethod.PICKUP,
        "pickup_point_id": trade.slot.pickup_point_id,
        "starts_on": timezone.localdate() + timedelta(days=1),
        "interval_weeks": 2,
    }
    fields.update(overrides)
    return standing_order_from_match(**fields)  # type: ignore[arg-type]


def test_the_buyer_sets_up_a_standing_order_and_the_match_counts_as_a_collaboration() -> None:
    # given a match whose producer sells through a hub where the buyer is admitted
    trade = match_trade()
    collaborations = CollaborationFact.objects.count()

    # when the buyer sets up a standing order from the match
    standing = _set_up(trade)

    # then the standing order repeats the producer's variant for the buyer organisation on the horeca channel
    assert (standing.kind, standing.hub, standing.buyer_organisation, standing.buyer) == (
        StandingOrderKind.STANDING,
        trade.hub,
        trade.buyer,
        trade.buyer_user,
    )
    assert standing.terms.kind == ChannelKind.HORECA and standing.interval_weeks == 2
    assert [(line.variant_id, line.quantity) for line in standing.lines.all()] == [(trade.offer.variant_id, 4)]
    assert trade.producer.name in standing.name
    # and the match is agreed with its reference, counted by the monitor
    match = Match.objects.get(pk=trade.match.pk)
    assert (match.status, match.agreement_kind, match.agreement_reference, match.agreed_by) == (
        MatchStatus.AGREED,
        AgreementKind.STANDING_ORDER,
        str(standing.pk),
        trade.buyer_user,
    )
    assert CollaborationFact.objects.count() == collaborations + 1
    fact = CollaborationFact.objects.latest("pk")
    assert (fact.producer_id, fact.partner_id) == (trade.producer.pk, trade.buyer.pk)


def test_a_variant_offered_only_in_a_later_cycle_may_be_set_up() -> None:
    # given the producer's other variant offered in the hub's next cycle only
    trade = match_trade()
    later = OrderCycleFactory(
        hub=trade.hub,
        with_channels=[ChannelKind.HORECA],
        opens_at=timezone.now() + timedelta(days=6),
        closes_at=timezone.now() + timedelta(days=12),
    )
    offer = CycleOfferFactory(exchange=CycleProducerFactory(cycle=later, producer=trade.producer))

    standing = _set_up(trade, variant_id=offer.variant_id)

    assert [line.variant_id for line in standing.lines.all()] == [offer.variant_id]


def test_delivery_needs_an_address_the_zone_covers() -> None:
    trade = match_trade()
    standing = _set_up(
        trade,
        fulfilment_method=FulfilmentMethod.DELIVERY,
        pickup_point_id=None,
        delivery_zone_id=trade.zone.pk,
        street="Markt 2",
        postal_code="3800",
        locality="Sint-Truiden",
    )
    assert (standing.delivery_zone, standing.pickup_point) == (trade.zone, None)


def _refused(trade: MatchTrade, error: type[Exception], **overrides: object) -> Exception:
    before = written(trade)
    with pytest.raises(error) as raised:
        _set_up(trade, **overrides)
    assert written(trade) == before
    return raised.value


def test_the_selling_side_may_not_set_up_the_buyers_standing_order() -> None:
    trade = match_trade()
    seller = MembershipFactory(organisation=trade.producer).user
    _refused(trade, PermissionRefused, actor=seller)


def test_staff_of_the_buyer_and_outsiders_are_refused() -> None:
    trade = match_trade()
    staff = MembershipFactory(organisation=trade.buyer, role="staff").user
    _refused(trade, PermissionRefused, actor=staff)
    _refused(trade, PermissionRefused, actor=UserFactory())


def test_a_dismissed_match_is_refused() -> None:
    trade = match_trade()
    Match.objects.filter(pk=trade.match.pk).update(status=MatchStatus.DISMISSED)
    trade.match.refresh_from_db()
    error = _refused(trade, MatchOrderRefused)
    assert isinstance(error, MatchOrderRefused) and error.field == "match"
    assert "dismissed" in error.message


def test_a_buyer_not_admitted_to_the_hub_is_refused_naming_the_hub() -> None:
    trade = match_trade()
    ChannelAdmission.objects.filter(buyer=trade.buyer).update(status=AdmissionStatus.REVOKED)
    error = _refused(trade, MatchOrderRefused)
    assert isinstance(error, MatchOrderRefused) and error.field == "hub"
    assert "not admitted" in error.message


def test_a_hub_where_the_producer_does_not_sell_is_refused() -> None:
    # given another hub that admitted the buyer but where the producer takes part in no cycle
    trade = match_trade()
    other = HubFactory()
    terms = ChannelTermsFactory(hub=other, kind=ChannelKind.HORECA)
    ChannelAdmission.objects.create(terms=terms, buyer=trade.buyer, status=AdmissionStatus.ADMITTED)
    OrderCycleFactory(hub=other, with_channels=[ChannelKind.HORECA])

    error = _refused(trade, MatchOrderRefused, hub_id=other.pk)

    assert isinstance(error, MatchOrderRefused) and error.field == "hub"
    assert f"does not sell through {other.name}" in error.message


def test_a_variant_of_another_producer_is_refused() -> None:
    trade = match_trade()
    stranger = CycleOfferFactory(exchange=CycleProducerFactory(cycle=trade.cycle, producer=OrganisationFactory()))
    error = _refused(trade, MatchOrderRefused, variant_id=stranger.variant_id)
    assert isinstance(error, MatchOrderRefused) and error.field == "variant"


@pytest.mark.parametrize("quantity", [0, -1])
def test_a_quantity_below_one_is_refused(quantity: int) -> None:
    error = _refused(match_trade(), MatchOrderRefused, quantity=quantity)
    assert isinstance(error, MatchOrderRefused) and error.field == "quantity"


def test_the_channels_case_size_is_named_on_the_quantity() -> None:
    trade = match_trade()
    ChannelVariantTermFactory(terms=trade.terms, variant=trade.offer.variant, case_size=6)
    error = _refused(trade, MatchOrderRefused, quantity=4)
    assert isinstance(error, MatchOrderRefused) and error.field == "quantity"
    assert "per case of 6" in error.message


def test_a_pickup_point_of_another_hub_is_refused() -> None:
    trade = match_trade()
    elsewhere = PickupPointFactory()
    error = _refused(trade, TradeError, pickup_point_id=elsewhere.pk)
    assert isinstance(error, TradeError) and error.field == "pickup_point"


def test_a_start_in_the_past_is_refused() -> None:
    error = _refused(match_trade(), MatchOrderRefused, starts_on=timezone.localdate() - timedelta(days=1))
    assert isinstance(error, MatchOrderRefused) and error.field == "starts_on"
