"""Fact appenders: one narrow row per delivered line, received donation, logged waste or driven round.

Each appender reads the source rows of one event (a fixed number of indexed queries) and inserts with
ON CONFLICT DO NOTHING on the source id, so running it twice (a retried event, the backfill) changes nothing.
They never recompute an aggregate: appending costs O(1) per line.
"""

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from streek.catalog.choices import OrganisationKind
from streek.catalog.models import Organisation
from streek.logistics.choices import StopKind
from streek.logistics.models import Route, Stop
from streek.market.models import Donation, Match, WasteRecord
from streek.orders.choices import OrderStatus
from streek.orders.models import Order, OrderLine

from ..choices import PUBLIC_BUYER_KINDS, CollaborationKind, CollaborationSource
from ..models import CollaborationFact, DonationFact, RouteFact, SaleFact, WasteFact

HOUSEHOLD = "household"


def quarter_of(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


def _day(moment: dt.datetime | None) -> dt.date:
    return timezone.localdate(moment) if moment is not None else timezone.localdate()


def _collaboration_kind(partner: Organisation, *, is_hub: bool) -> str:
    if is_hub:
        return CollaborationKind.PRODUCER_HUB
    if partner.kind == OrganisationKind.PROCESSOR:
        return CollaborationKind.PRODUCER_PROCESSOR
    if partner.kind == OrganisationKind.HUB:
        return CollaborationKind.PRODUCER_HUB
    return CollaborationKind.PRODUCER_BUYER


def collaborations_append(facts: Iterable[CollaborationFact]) -> int:
    """Insert collaboration facts (one per pair, kind and year), marking a pair new when it never traded before.

    One query for the earlier years of the candidate pairs, one bulk insert ignoring pairs already recorded.
    """
    candidates = {(f.producer_id, f.partner_id, f.kind, f.year): f for f in facts}
    if not candidates:
        return 0
    earlier: set[tuple[int, int, str]] = set()
    pairs = Q()
    for producer_id, partner_id, kind, year in candidates:
        pairs |= Q(producer_id=producer_id, partner_id=partner_id, kind=kind, year__lt=year)
    earlier = set(CollaborationFact.objects.filter(pairs).values_list("producer_id", "partner_id", "kind").distinct())
    for (producer_id, partner_id, kind, _year), fact in candidates.items():
        fact.is_new = (producer_id, partner_id, kind) not in earlier
    created = CollaborationFact.objects.bulk_create(candidates.values(), ignore_conflicts=True)
    return len(created)


@transaction.atomic
def sale_facts_append(*, order_id: int) -> int:
    """The lines of a delivered order as sale facts, plus the collaborations they show. Returns lines considered."""
    order = (
        Order.objects.select_related("hub", "buyer_organisation")
        .filter(pk=order_id, status=OrderStatus.DELIVERED)
        .first()
    )
    if order is None:
        return 0
    day = _day(order.delivered_at)
    year, quarter = day.year, quarter_of(day)
    buyer = order.buyer_organisation
    buyer_kind = buyer.kind if buyer is not None else HOUSEHOLD
    buyer_municipality_id = (buyer.municipality_id if buyer is not None else None) or order.municipality_id
    lines = list(
        OrderLine.objects.filter(order_id=order.pk, is_out_of_stock=False)
        .select_related("producer")
        .only(
            "id",
            "amount",
            "producer_amount",
            "intermediaries",
            "producer_set_price",
            "weight_kg",
            "distance_km",
            "producer__id",
            "producer__kind",
            "producer__municipality_id",
        )
    )
    facts = [
        SaleFact(
            order_line_id=line.pk,
            delivered_on=day,
            year=year,
            quarter=quarter,
            producer_id=line.producer_id,
            producer_kind=line.producer.kind,
            producer_municipality_id=line.producer.municipality_id,
            hub_id=order.hub_id,
            buyer_organisation_id=buyer.pk if buyer is not None else None,
            buyer_kind=buyer_kind,
            buyer_municipality_id=buyer_municipality_id,
            is_public_buyer=buyer_kind in PUBLIC_BUYER_KINDS,
            channel=order.channel,
            intermediaries=line.intermediaries,
            producer_set_price=line.producer_set_price,
            value=line.amount,
            producer_value=line.producer_amount,
            weight_kg=line.weight_kg,
            distance_km=line.distance_km,
        )
        for line in lines
    ]
    SaleFact.objects.bulk_create(facts, ignore_conflicts=True)
    collaborations: list[CollaborationFact] = []
    for producer in {line.producer_id: line.producer for line in lines}.values():
        partners: list[tuple[Organisation, bool]] = []
        if order.hub_id != producer.pk:
            partners.append((order.hub, True))
        if buyer is not None and buyer.pk not in (producer.pk, order.hub_id):
            partners.append((buyer, False))
        for partner, is_hub in partners:
            collaborations.append(
                CollaborationFact(
                    year=year,
                    kind=_collaboration_kind(partner, is_hub=is_hub),
                    producer_id=producer.pk,
                    producer_municipality_id=producer.municipality_id,
                    partner_id=partner.pk,
                    partner_municipality_id=partner.municipality_id,
                    source=CollaborationSource.ORDER,
                    first_on=day,
                )
            )
    collaborations_append(collaborations)
    return len(facts)


@transaction.atomic
def collaboration_from_match(*, match_id: int) -> int:
    """An agreement on the board: the offering organisation and the requesting one start trading."""
    match = Match.objects.select_related("offer__organisation", "request__organisation").filter(pk=match_id).first()
    if match is None or match.agreed_at is None:
        return 0
    producer, partner = match.offer.organisation, match.request.organisation
    if producer.pk == partner.pk:
        return 0
    day = _day(match.agreed_at)
    fact = CollaborationFact(
        year=day.year,
        kind=_collaboration_kind(partner, is_hub=False),
        producer_id=producer.pk,
        producer_municipality_id=producer.municipality_id,
        partner_id=partner.pk,
        partner_municipality_id=partner.municipality_id,
        source=CollaborationSource.MATCH,
        first_on=day,
    )
    return collaborations_append([fact])


@transaction.atomic
def donation_fact_append(*, donation_id: int) -> int:
    """A donation a food bank confirmed (K13)."""
    donation = (
        Donation.objects.select_related("donor", "food_bank").filter(pk=donation_id, received_at__isnull=False).first()
    )
    if donation is None:
        return 0
    day = _day(donation.received_at)
    fact = DonationFact(
        donation_id=donation.pk,
        received_on=day,
        year=day.year,
        quarter=quarter_of(day),
        donor_id=donation.donor_id,
        donor_municipality_id=donation.donor.municipality_id,
        food_bank_id=donation.food_bank_id,
        food_bank_municipality_id=donation.food_bank.municipality_id,
        kg=donation.received_kg,
    )
    return len(DonationFact.objects.bulk_create([fact], ignore_conflicts=True))


@transaction.atomic
def waste_fact_append(*, waste_record_id: int) -> int:
    """Food logged as thrown away (K13)."""
    record = WasteRecord.objects.select_related("organisation").filter(pk=waste_record_id).first()
    if record is None:
        return 0
    fact = WasteFact(
        waste_record_id=record.pk,
        recorded_on=record.recorded_on,
        year=record.recorded_on.year,
        quarter=quarter_of(record.recorded_on),
        organisation_id=record.organisation_id,
        municipality_id=record.organisation.municipality_id,
        reason=record.reason,
        kg=record.quantity_kg,
    )
    return len(WasteFact.objects.bulk_create([fact], ignore_conflicts=True))


@transaction.atomic
def route_fact_append(*, route_id: int) -> int:
    """A driven round (K10 km per kg): its km, kg, stops and the producers it collected from."""
    route = Route.objects.select_related("plan__hub").filter(pk=route_id).first()
    if route is None:
        return 0
    counts = Stop.objects.filter(route_id=route.pk).aggregate(
        stops=Count("id"),
        producers=Count("producer", distinct=True, filter=Q(kind=StopKind.COLLECTION)),
    )
    moment = route.ends_at or route.starts_at
    day = timezone.localdate(moment) if moment is not None else route.plan.day
    hub = route.plan.hub
    fact = RouteFact(
        route_id=route.pk,
        driven_on=day,
        year=day.year,
        quarter=quarter_of(day),
        hub_id=hub.pk,
        hub_municipality_id=hub.municipality_id,
        km=route.km,
        kg_delivered=route.kg_out,
        kg_collected=route.kg_back,
        co2_kg=route.co2_kg,
        stops=counts["stops"] or 0,
        producers=counts["producers"] or 0,
    )
    return len(RouteFact.objects.bulk_create([fact], ignore_conflicts=True))
