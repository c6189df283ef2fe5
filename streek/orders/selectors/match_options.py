"""What the buying party of a market match can order from the offering producer, and through which hubs.

A hub qualifies when the buyer organisation is admitted to one of its business channels and the producer
takes part in a published cycle of the hub that is open now or opens later and serves that channel. The
channel is the one a standing order of the buyer at that hub would use (`standing_terms_for`: the first
admitted business channel). For each hub: the cycle open now (a one-off order), the next cycles, the
producer's variants on offer (with the price and stock of the open cycle), the pickup points and delivery
zones of the hub (standing orders) and the open cycle's pickup slots with room and delivery zones.

Ten queries at most, whatever the number of hubs, cycles and variants.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.utils import timezone

from streek.catalog.models import Organisation, Variant
from streek.market.choices import AgreementKind, MatchStatus
from streek.market.models import Match

from ..choices import BUSINESS_CHANNELS, AdmissionStatus, CycleStatus
from ..models import (
    ChannelAdmission,
    ChannelTerms,
    ChannelVariantTerm,
    CycleOffer,
    DeliveryZone,
    HubFee,
    Order,
    OrderCycle,
    PickupPoint,
    PickupSlot,
    StandingOrder,
)
from ..offer_lines import is_chilled, offer_description
from ..pricing import FeeRule, LinePrice, line_price
from ..services.placing import OFFER_RELATED


@dataclass(frozen=True)
class VariantOption:
    """A variant of the producer on offer at a hub. `offer` is its offer in the open cycle (None: later only);
    `price` is for `case_size` items on the hub's business channel in the open cycle."""

    variant: Variant
    description: str
    suggested: bool
    offer: CycleOffer | None = None
    available: int | None = None
    case_size: int = 1
    minimum_quantity: int = 1
    price: LinePrice | None = None
    is_chilled: bool = False

    @property
    def orderable_now(self) -> bool:
        return self.offer is not None and (self.available is None or self.available >= self.minimum_quantity)


@dataclass
class HubOption:
    """One hub through which the buyer can order the producer's goods."""

    hub: Organisation
    terms: ChannelTerms
    open_cycle: OrderCycle | None = None
    next_cycles: list[OrderCycle] = field(default_factory=list)
    variants: list[VariantOption] = field(default_factory=list)
    pickup_points: list[PickupPoint] = field(default_factory=list)
    delivery_zones: list[DeliveryZone] = field(default_factory=list)
    pickup_slots: list[PickupSlot] = field(default_factory=list)
    cycle_zones: list[DeliveryZone] = field(default_factory=list)

    @property
    def orderable_variants(self) -> list[VariantOption]:
        return [option for option in self.variants if option.orderable_now]


def admitted_terms_by_hub(*, buyer_id: int) -> dict[int, ChannelTerms]:
    """Per hub, the business channel a standing order would use (the first admitted by kind, as
    standing_terms_for picks it). One query."""
    admissions = (
        ChannelAdmission.objects.filter(
            buyer_id=buyer_id,
            status=AdmissionStatus.ADMITTED,
            terms__is_active=True,
            terms__kind__in=BUSINESS_CHANNELS,
        )
        .select_related("terms__hub")
        .order_by("terms__hub_id", "terms__kind", "pk")
    )
    terms: dict[int, ChannelTerms] = {}
    for admission in admissions:
        terms.setdefault(admission.terms.hub_id, admission.terms)
    return terms


def _fee_rules(cycle_ids: list[int]) -> dict[int, list[FeeRule]]:
    rules: dict[int, list[FeeRule]] = defaultdict(list)
    for fee in HubFee.objects.filter(cycle_id__in=cycle_ids).order_by("cycle_id", "kind", "pk"):
        rules[fee.cycle_id].append(
            FeeRule(
                kind=fee.kind,
                name=fee.name or str(fee.get_kind_display()),
                calculation=fee.calculation,
                amount=fee.amount,
            )
        )
    return rules


def _is_suggested(match: Match, variant: Variant) -> bool:
    offer = match.offer
    if offer.product_id is not None:
        return variant.product_id == offer.product_id
    return variant.product.product_type_id == offer.product_type_id


def _variant_option(
    *,
    match: Match,
    offer: CycleOffer,
    is_open: bool,
    terms: ChannelTerms,
    listing: ChannelVariantTerm | None,
    rules: list[FeeRule],
) -> VariantOption:
    variant = offer.variant
    description = offer_description(variant=variant, product=variant.product)
    suggested = _is_suggested(match, variant)
    chilled = is_chilled(variant.product)
    if not is_open:
        return VariantOption(variant=variant, description=description, suggested=suggested, is_chilled=chilled)
    case_size = listing.case_size if listing is not None else 1
    return VariantOption(
        variant=variant,
        description=description,
        suggested=suggested,
        offer=offer,
        available=offer.available,
        case_size=case_size,
        minimum_quantity=listing.minimum_quantity if listing is not None else 1,
        price=line_price(
            quantity=case_size,
            producer_price=offer.producer_price,
            price_rule=terms.price_rule,
            markup_percent=terms.markup_percent,
            list_price=listing.price if listing is not None else None,
            vat_rate=Decimal(variant.vat_rate),
            fee_rules=rules,
        ),
        is_chilled=chilled,
    )


def match_order_options(*, match: Match, at: datetime | None = None) -> list[HubOption]:
    """The hubs (by name) through which the match's buyer can order from the match's producer (module docstring).

    `match` is loaded with its offer and request (access_match does). Empty when there is no such hub.
    """
    moment = at or timezone.now()
    producer_id = match.offer.organisation_id
    terms_by_hub = admitted_terms_by_hub(buyer_id=match.request.organisation_id)
    if not terms_by_hub:
        return []
    cycles = list(
        OrderCycle.objects.filter(
            hub_id__in=list(terms_by_hub),
            status=CycleStatus.PUBLISHED,
            closes_at__gt=moment,
            producers__producer_id=producer_id,
            channels__in=[terms.pk for terms in terms_by_hub.values()],
        )
        .distinct()
        .order_by("opens_at", "pk")
    )
    # A cycle counts for a hub when it serves the hub's chosen channel (not only another admitted one).
    served = set(
        OrderCycle.channels.through.objects.filter(
            ordercycle_id__in=[cycle.pk for cycle in cycles], channelterms_id__in=[t.pk for t in terms_by_hub.values()]
        ).values_list("ordercycle_id", "channelterms_id")
    )
    options: dict[int, HubOption] = {}
    for cycle in cycles:
        terms = terms_by_hub[cycle.hub_id]
        if (cycle.pk, terms.pk) not in served:
            continue
        option = options.setdefault(cycle.hub_id, HubOption(hub=terms.hub, terms=terms))
        if option.open_cycle is None and cycle.opens_at <= moment:
            option.open_cycle = cycle
        elif cycle.opens_at > moment:
            option.next_cycles.append(cycle)
    if not options:
        return []
    open_ids = {option.open_cycle.pk for option in options.values() if option.open_cycle is not None}
    cycle_ids = list(open_ids | {cycle.pk for option in options.values() for cycle in option.next_cycles})
    offers = list(
        CycleOffer.objects.filter(
            cycle_id__in=cycle_ids,
            exchange__producer_id=producer_id,
            variant__is_active=True,
            variant__product__is_active=True,
        )
        .select_related(*OFFER_RELATED, "cycle")
        .order_by("variant__product__name_nl", "variant_id", "cycle__opens_at", "pk")
    )
    listings = {
        (row.terms_id, row.variant_id): row
        for row in ChannelVariantTerm.objects.filter(
            terms_id__in=[option.terms.pk for option in options.values()],
            variant_id__in={offer.variant_id for offer in offers},
        )
    }
    rules = _fee_rules(list(open_ids))
    chosen: dict[tuple[int, int], CycleOffer] = {}
    for offer in offers:
        key = (offer.cycle.hub_id, offer.variant_id)
        # The open cycle's offer (orderable now) wins over a later cycle's.
        if key not in chosen or (offer.cycle_id in open_ids and chosen[key].cycle_id not in open_ids):
            chosen[key] = offer
    for (hub_id, variant_id), offer in chosen.items():
        option = options[hub_id]
        option.variants.append(
            _variant_option(
                match=match,
                offer=offer,
                is_open=offer.cycle_id in open_ids,
                terms=option.terms,
                listing=listings.get((option.terms.pk, variant_id)),
                rules=rules.get(offer.cycle_id, []),
            )
        )
    for option in options.values():
        option.variants.sort(key=lambda one: (not one.suggested, one.description.lower(), one.variant.pk))
    hub_ids = list(options)
    for point in PickupPoint.objects.filter(hub_id__in=hub_ids, is_active=True).order_by("name", "pk"):
        options[point.hub_id].pickup_points.append(point)
    for zone in DeliveryZone.objects.filter(hub_id__in=hub_ids, is_active=True).order_by("name", "pk"):
        options[zone.hub_id].delivery_zones.append(zone)
    by_cycle = {option.open_cycle.pk: option for option in options.values() if option.open_cycle is not None}
    if by_cycle:
        slots = PickupSlot.objects.filter(cycle_id__in=list(by_cycle), pickup_point__is_active=True)
        for slot in slots.select_related("pickup_point").order_by("starts_at", "pk"):
            if slot.booked < slot.capacity:
                by_cycle[slot.cycle_id].pickup_slots.append(slot)
        through = OrderCycle.delivery_zones.through.objects.filter(
            ordercycle_id__in=list(by_cycle), deliveryzone__is_active=True
        ).select_related("deliveryzone")
        for row in through.order_by("deliveryzone__name", "deliveryzone_id"):
            by_cycle[row.ordercycle_id].cycle_zones.append(row.deliveryzone)
    return sorted(options.values(), key=lambda option: (option.hub.name.lower(), option.hub.pk))


def match_order_option(*, options: list[HubOption], hub_id: int) -> HubOption | None:
    return next((option for option in options if option.hub.pk == hub_id), None)


@dataclass(frozen=True)
class AgreementTarget:
    """The standing order or order a match's agreement names, when it is one of the buyer organisation's."""

    standing_order: StandingOrder | None = None
    order: Order | None = None


def match_agreement_target(*, match: Match) -> AgreementTarget | None:
    """What an agreed match became in Trade (one query), or None: not agreed, another kind of agreement, or a
    reference typed by hand that is not an order of the match's buyer organisation."""
    reference = match.agreement_reference
    if match.status != MatchStatus.AGREED or not reference.isdigit():
        return None
    buyer_id = match.request.organisation_id
    if match.agreement_kind == AgreementKind.STANDING_ORDER:
        standing = (
            StandingOrder.objects.select_related("hub")
            .filter(pk=int(reference), buyer_organisation_id=buyer_id)
            .first()
        )
        return AgreementTarget(standing_order=standing) if standing is not None else None
    if match.agreement_kind == AgreementKind.BUSINESS_ORDER:
        order = Order.objects.select_related("hub", "cycle").filter(pk=int(reference), buyer_organisation_id=buyer_id)
        found = order.first()
        return AgreementTarget(order=found) if found is not None else None
    return None
