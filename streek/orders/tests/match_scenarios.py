"""Scenarios for ordering from a market match: a producer's offer matched with a horeca buyer's request, and a hub
where the producer sells in an open cycle and the buyer is admitted to the horeca channel.

Built from the shared factories; tests change what they assert on.
"""

from dataclasses import dataclass
from typing import Any

from streek.accounts.models import User
from streek.accounts.tests.factories import MembershipFactory
from streek.catalog.choices import OrganisationKind
from streek.catalog.models import Organisation
from streek.catalog.tests.factories import OrganisationFactory
from streek.market.models import Match
from streek.market.tests.factories import MatchFactory
from streek.monitor.models import CollaborationFact
from streek.orders.choices import ChannelKind
from streek.orders.models import (
    ChannelTerms,
    CycleOffer,
    DeliveryZone,
    Order,
    OrderCycle,
    OrderLine,
    PickupSlot,
    StandingOrder,
    StandingOrderLine,
)
from streek.orders.tests.factories import (
    ChannelAdmissionFactory,
    ChannelTermsFactory,
    CycleOfferFactory,
    CycleProducerFactory,
    DeliveryZoneFactory,
    OrderCycleFactory,
    PickupSlotFactory,
)


@dataclass
class MatchTrade:
    match: Match
    buyer: Organisation
    buyer_user: User
    producer: Organisation
    hub: Organisation
    terms: ChannelTerms
    cycle: OrderCycle
    offer: CycleOffer
    slot: PickupSlot
    zone: DeliveryZone


def match_trade(*, stock: int | None = 10, admitted: bool = True, **cycle: Any) -> MatchTrade:
    """A match of a producer's offer and a horeca buyer's request; a hub's open horeca cycle with the producer's
    variant on offer, a pickup slot and a delivery zone (3800); the buyer admitted (or not) to the channel."""
    producer = OrganisationFactory(kind=OrganisationKind.PRODUCER)
    buyer = OrganisationFactory(kind=OrganisationKind.HORECA)
    match = MatchFactory(offer__organisation=producer, request__organisation=buyer)
    order_cycle = OrderCycleFactory(with_channels=[ChannelKind.HORECA], **cycle)
    hub = order_cycle.hub
    terms = ChannelTermsFactory(hub=hub, kind=ChannelKind.HORECA)
    if admitted:
        ChannelAdmissionFactory(terms=terms, buyer=buyer)
    exchange = CycleProducerFactory(cycle=order_cycle, producer=producer)
    offer = CycleOfferFactory(exchange=exchange, stock=stock)
    slot = PickupSlotFactory(cycle=order_cycle)
    zone = DeliveryZoneFactory(hub=hub, minimum_order=0)
    order_cycle.delivery_zones.add(zone)
    buyer_user = MembershipFactory(organisation=buyer).user
    return MatchTrade(
        match=match,
        buyer=buyer,
        buyer_user=buyer_user,
        producer=producer,
        hub=hub,
        terms=terms,
        cycle=order_cycle,
        offer=offer,
        slot=slot,
        zone=zone,
    )


def written(trade: MatchTrade) -> tuple[Any, ...]:
    """What ordering from the match writes: standing orders, orders and lines, stock sold, slots booked, the
    match's agreement and the monitor's collaborations. Equal before and after a refusal."""
    match = Match.objects.get(pk=trade.match.pk)
    return (
        StandingOrder.objects.count(),
        StandingOrderLine.objects.count(),
        Order.objects.count(),
        OrderLine.objects.count(),
        CycleOffer.objects.get(pk=trade.offer.pk).sold,
        PickupSlot.objects.get(pk=trade.slot.pk).booked,
        (match.status, match.agreement_kind, match.agreement_reference),
        CollaborationFact.objects.count(),
    )
