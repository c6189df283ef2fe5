"""Reads that only the hub's pages need, each a fixed number of queries (the domain's selectors do the rest).

Candidates to move into streek/orders/selectors once another interface (the API) needs them too.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from streek.catalog.models import Organisation, Variant
from streek.orders.choices import AdmissionStatus, CycleStatus, OrderStatus
from streek.orders.models import (
    ChannelAdmission,
    ChannelTerms,
    ChannelVariantTerm,
    CycleOffer,
    CycleProducer,
    DeliveryZone,
    HubFee,
    Invoice,
    Order,
    OrderCycle,
    PickupPoint,
    PickupSlot,
    ReturnableCrate,
)
from streek.orders.selectors.cycles import cycle_list_for_hub

RECENT_CLOSED = 10


@dataclass
class HubOverview:
    """A hub's cycles by state, and what needs its attention."""

    open_now: list[OrderCycle] = field(default_factory=list)
    upcoming: list[OrderCycle] = field(default_factory=list)
    drafts: list[OrderCycle] = field(default_factory=list)
    to_close: list[OrderCycle] = field(default_factory=list)
    closed: list[OrderCycle] = field(default_factory=list)
    admissions_requested: int = 0

    @property
    def needs_attention(self) -> bool:
        return bool(self.drafts or self.to_close or self.admissions_requested)


def hub_overview(*, hub: Organisation, at: datetime | None = None) -> HubOverview:
    """Three queries: the cycles (with their counts), their channels, the admission requests."""
    moment = at or timezone.now()
    overview = HubOverview()
    for cycle in cycle_list_for_hub(hub=hub):
        if cycle.status == CycleStatus.DRAFT:
            overview.drafts.append(cycle)
        elif cycle.status == CycleStatus.PUBLISHED and cycle.closes_at <= moment:
            overview.to_close.append(cycle)
        elif cycle.status == CycleStatus.PUBLISHED and cycle.opens_at <= moment:
            overview.open_now.append(cycle)
        elif cycle.status == CycleStatus.PUBLISHED:
            overview.upcoming.append(cycle)
        elif len(overview.closed) < RECENT_CLOSED:
            overview.closed.append(cycle)
    overview.upcoming.sort(key=lambda cycle: cycle.opens_at)
    overview.open_now.sort(key=lambda cycle: cycle.closes_at)
    overview.admissions_requested = ChannelAdmission.objects.filter(
        terms__hub=hub, status=AdmissionStatus.REQUESTED
    ).count()
    return overview


@dataclass(frozen=True)
class ExchangeRow:
    exchange: CycleProducer
    offers: int
    sold: int


def cycle_exchanges(*, cycle: OrderCycle) -> list[ExchangeRow]:
    """The producers taking part, each with its number of offers and items sold (one query)."""
    exchanges = (
        CycleProducer.objects.filter(cycle=cycle)
        .select_related("producer")
        .annotate(n_offers=Count("offers"), n_sold=Count("offers", filter=Q(offers__sold__gt=0)))
        .order_by("producer__name", "pk")
    )
    return [ExchangeRow(exchange=row, offers=row.n_offers, sold=row.n_sold) for row in exchanges]  # type: ignore[attr-defined]


def cycle_fees(*, cycle: OrderCycle) -> list[HubFee]:
    return list(HubFee.objects.filter(cycle=cycle).order_by("kind", "pk"))


def cycle_slots(*, cycle: OrderCycle) -> list[PickupSlot]:
    return list(PickupSlot.objects.filter(cycle=cycle).select_related("pickup_point").order_by("starts_at", "pk"))


def producer_variants(*, producer: Organisation) -> list[Variant]:
    """The active variants of a producer's active products, by product."""
    return list(
        Variant.objects.filter(product__organisation=producer, is_active=True, product__is_active=True)
        .select_related("product", "unit")
        .order_by("product__name_nl", "pk")
    )


def producer_offers(*, cycle: OrderCycle, producer: Organisation) -> dict[int, CycleOffer]:
    """The producer's offers in a cycle, by variant id."""
    return {
        offer.variant_id: offer
        for offer in CycleOffer.objects.filter(cycle=cycle, exchange__producer=producer).select_related("variant")
    }


def cycle_orders(*, cycle: OrderCycle, status: str = "", pickup_point_id: int | None = None) -> QuerySet[Order]:
    """A cycle's orders for the overview, with what each row shows (paginate it)."""
    orders = Order.objects.filter(cycle=cycle)
    if status:
        orders = orders.filter(status=status)
    if pickup_point_id is not None:
        orders = orders.filter(pickup_slot__pickup_point_id=pickup_point_id)
    return orders.select_related("buyer", "buyer_organisation", "pickup_slot__pickup_point", "delivery_zone").order_by(
        "-placed_at", "-pk"
    )


def cycle_pickup_points(*, cycle: OrderCycle) -> list[PickupPoint]:
    """The pickup points with a slot in a cycle."""
    return list(PickupPoint.objects.filter(slots__cycle=cycle).distinct().order_by("name", "pk"))


def cycle_zones(*, cycle: OrderCycle) -> list[DeliveryZone]:
    return list(cycle.delivery_zones.order_by("name", "pk"))


def cycle_producers(*, cycle: OrderCycle) -> list[Organisation]:
    return list(Organisation.objects.filter(cycle_exchanges__cycle=cycle).order_by("name", "pk"))


def order_invoices(*, order: Order) -> list[Invoice]:
    return list(Invoice.objects.filter(order=order).order_by("year", "sequence_number"))


def cycle_invoices(*, cycle: OrderCycle) -> list[Invoice]:
    """Invoices and credit notes of a cycle's orders, by number."""
    return list(
        Invoice.objects.filter(order__cycle=cycle)
        .select_related("order", "credits")
        .order_by("year", "sequence_number", "pk")
    )


@dataclass(frozen=True)
class PdfProgress:
    done: int
    total: int

    @property
    def running(self) -> bool:
        return self.done < self.total

    @property
    def percent(self) -> int:
        return 100 if not self.total else int(self.done * 100 / self.total)


def invoice_pdf_progress(*, cycle: OrderCycle) -> PdfProgress:
    counts = Invoice.objects.filter(order__cycle=cycle).aggregate(
        total=Count("pk"), missing=Count("pk", filter=Q(pdf=""))
    )
    return PdfProgress(done=counts["total"] - counts["missing"], total=counts["total"])


def hub_channels(*, hub: Organisation) -> list[ChannelTerms]:
    """A hub's channels with their numbers of priced variants and admission requests."""
    return list(
        ChannelTerms.objects.filter(hub=hub)
        .annotate(
            n_prices=Count("variant_terms", distinct=True),
            n_requested=Count("admissions", filter=Q(admissions__status=AdmissionStatus.REQUESTED), distinct=True),
            n_admitted=Count("admissions", filter=Q(admissions__status=AdmissionStatus.ADMITTED), distinct=True),
        )
        .order_by("kind")
    )


def channel_prices(*, terms: ChannelTerms) -> list[ChannelVariantTerm]:
    return list(
        ChannelVariantTerm.objects.filter(terms=terms)
        .select_related("variant__product__organisation", "variant__unit", "crate")
        .order_by("variant__product__organisation__name", "variant__product__name_nl", "variant_id")
    )


def channel_admissions(*, terms: ChannelTerms) -> list[ChannelAdmission]:
    """Requests first, then the admitted, refused and revoked buyers, by name."""
    order = {AdmissionStatus.REQUESTED: 0, AdmissionStatus.ADMITTED: 1, AdmissionStatus.REFUSED: 2}
    rows = list(ChannelAdmission.objects.filter(terms=terms).select_related("buyer", "decided_by"))
    return sorted(rows, key=lambda row: (order.get(AdmissionStatus(row.status), 3), row.buyer.name.lower()))


def hub_crates(*, hub: Organisation) -> list[ReturnableCrate]:
    return list(ReturnableCrate.objects.filter(hub=hub).order_by("name"))


def hub_pickup_points(*, hub: Organisation) -> list[PickupPoint]:
    return list(PickupPoint.objects.filter(hub=hub).select_related("sales_point").order_by("-is_active", "name"))


def hub_zones(*, hub: Organisation) -> list[DeliveryZone]:
    return list(DeliveryZone.objects.filter(hub=hub).order_by("-is_active", "name"))


def live_order_count(*, cycle: OrderCycle) -> int:
    return Order.objects.filter(cycle=cycle).exclude(status=OrderStatus.CANCELLED).count()
