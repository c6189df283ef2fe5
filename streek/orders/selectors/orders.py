"""Reads on orders and standing orders: a buyer's history, an order's detail, a cycle's orders, a producer's lines.

Each function runs a fixed number of queries whatever the number of orders or lines (the tests assert it).
The interfaces guard first (access.py): these functions trust the actor, cycle, producer or order given.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from streek.accounts.selectors import Actor, organisation_ids
from streek.catalog.models import Organisation, Variant

from ..choices import CycleStatus, OrderStatus
from ..deadlines import order_cutoff
from ..models import CycleOffer, Order, OrderCycle, OrderLine, ProducerOrder, StandingOrder, StandingOrderLine
from ..offer_lines import offer_description
from ..pricing import vat_breakdown
from ..standing_schedule import standing_order_falls_on

ORDER_LIST_RELATED = ("cycle", "hub", "buyer", "buyer_organisation", "pickup_slot__pickup_point", "delivery_zone")
# How many future cycles of a hub `standing_order_upcoming` looks through.
UPCOMING_SCAN = 200


def order_queryset_for_buyer(*, actor: Actor, status: str | None = None) -> QuerySet[Order]:
    """The actor's orders and those of the organisations it belongs to (in `status` when given), newest first,
    with `line_count`, as a queryset to page through (one query for the memberships, one per page)."""
    if not actor.is_authenticated:
        return Order.objects.none()
    organisations = organisation_ids(actor=actor)
    orders = Order.objects.filter(Q(buyer_id=actor.pk) | Q(buyer_organisation_id__in=organisations))
    if status:
        orders = orders.filter(status=status)
    return orders.select_related(*ORDER_LIST_RELATED).annotate(line_count=Count("lines")).order_by("-placed_at", "-pk")


def order_list_for_buyer(*, actor: Actor) -> list[Order]:
    """The actor's orders and those of the organisations it belongs to, newest first, with `line_count`."""
    return list(order_queryset_for_buyer(actor=actor))


@dataclass(frozen=True)
class OrderPart:
    """What one producer prepares for the order."""

    producer_order: ProducerOrder
    producer: Organisation
    lines: list[OrderLine]


@dataclass(frozen=True)
class OrderDetail:
    order: Order
    parts: list[OrderPart]
    vat: list[dict[str, str]]
    cutoff: datetime
    editable: bool

    @property
    def lines(self) -> list[OrderLine]:
        return [line for part in self.parts for line in part.lines]


def order_get_detail(*, order: Order) -> OrderDetail:
    """An order with its producer parts and lines, VAT per rate, and whether the buyer may still change it."""
    full = (
        Order.objects.select_related(*ORDER_LIST_RELATED, "terms", "municipality")
        .prefetch_related(
            Prefetch("producer_orders", queryset=ProducerOrder.objects.select_related("producer")),
            Prefetch("lines", queryset=OrderLine.objects.select_related("variant__product", "variant__unit")),
        )
        .get(pk=order.pk)
    )
    lines_by_part: dict[int, list[OrderLine]] = {}
    for line in full.lines.all():
        lines_by_part.setdefault(line.producer_order_id, []).append(line)
    parts = [
        OrderPart(producer_order=part, producer=part.producer, lines=lines_by_part.get(part.pk, []))
        for part in sorted(full.producer_orders.all(), key=lambda part: part.producer.name)
    ]
    cutoff = order_cutoff(cycle=full.cycle, terms=full.terms)
    editable = (
        full.status == OrderStatus.PLACED and full.cycle.status == CycleStatus.PUBLISHED and timezone.now() < cutoff
    )
    vat = vat_breakdown((line.vat_rate, line.amount, line.vat_amount) for line in full.lines.all())
    return OrderDetail(order=full, parts=parts, vat=vat, cutoff=cutoff, editable=editable)


def order_queryset_for_cycle(*, cycle: OrderCycle, status: str | None = None) -> QuerySet[Order]:
    """The orders of a cycle for the hub (in `status` when given), oldest first, with `line_count`, as a queryset."""
    orders = Order.objects.filter(cycle=cycle)
    if status:
        orders = orders.filter(status=status)
    return orders.select_related(*ORDER_LIST_RELATED).annotate(line_count=Count("lines")).order_by("placed_at", "pk")


def order_list_for_cycle(*, cycle: OrderCycle, status: str | None = None) -> list[Order]:
    """The orders of a cycle for the hub, oldest first, with `line_count`."""
    return list(order_queryset_for_cycle(cycle=cycle, status=status))


def producer_cycle_lines(*, cycle: OrderCycle, producer: Organisation) -> list[OrderLine]:
    """What a producer prepares in a cycle: only its own lines of orders not cancelled, by product then order."""
    return list(
        OrderLine.objects.filter(order__cycle=cycle, producer=producer)
        .exclude(order__status=OrderStatus.CANCELLED)
        .select_related(
            "order__buyer",
            "order__buyer_organisation",
            "order__terms",
            "order__pickup_slot__pickup_point",
            "order__delivery_zone",
            "producer_order",
            "variant__product",
            "variant__unit",
        )
        .order_by("description", "order__placed_at", "pk")
    )


def standing_order_list(*, actor: Actor, hub: Organisation | None = None) -> list[StandingOrder]:
    """The actor's standing orders and subscription boxes (its own and its organisations'); or, given a hub
    (already guarded), all of that hub's."""
    standing = StandingOrder.objects.select_related(
        "hub", "buyer", "buyer_organisation", "terms", "pickup_point", "delivery_zone"
    ).prefetch_related(
        Prefetch("lines", queryset=StandingOrderLine.objects.select_related("variant__product").order_by("pk"))
    )
    if hub is not None:
        return list(standing.filter(hub=hub).order_by("name", "pk"))
    if not actor.is_authenticated:
        return []
    organisations = organisation_ids(actor=actor)
    return list(
        standing.filter(Q(buyer_id=actor.pk) | Q(buyer_organisation_id__in=organisations)).order_by("name", "pk")
    )


@dataclass(frozen=True)
class UpcomingDelivery:
    """A coming cycle a standing order falls on, with the order generated for it (if it is already placed)."""

    cycle: OrderCycle
    fulfilment_date: date
    order: Order | None
    cutoff: datetime

    @property
    def editable(self) -> bool:
        return timezone.now() < self.cutoff


def standing_order_upcoming(*, standing_order: StandingOrder, count: int = 4) -> list[UpcomingDelivery]:
    """The next `count` published cycles of the hub this standing order falls on, with their orders."""
    today = timezone.localdate()
    terms = standing_order.terms
    cycles = OrderCycle.objects.filter(
        hub_id=standing_order.hub_id, status=CycleStatus.PUBLISHED, fulfilment_date__gte=today, channels=terms
    ).order_by("fulfilment_date", "pk")[:UPCOMING_SCAN]
    chosen = [
        cycle
        for cycle in cycles
        if standing_order_falls_on(standing_order=standing_order, fulfilment_date=cycle.fulfilment_date)
    ][:count]
    orders = {
        order.cycle_id: order
        for order in Order.objects.filter(standing_order=standing_order, cycle__in=[cycle.pk for cycle in chosen])
        .exclude(status=OrderStatus.CANCELLED)
        .order_by("pk")
    }
    return [
        UpcomingDelivery(
            cycle=cycle,
            fulfilment_date=cycle.fulfilment_date,
            order=orders.get(cycle.pk),
            cutoff=order_cutoff(cycle=cycle, terms=terms),
        )
        for cycle in chosen
    ]


@dataclass(frozen=True)
class ReorderLine:
    """A variant of an earlier order still offered in the hub's open cycle."""

    offer: CycleOffer
    cycle: OrderCycle
    variant: Variant
    description: str
    quantity: int
    available: int | None


def reorder_cycle(*, order: Order, at: datetime | None = None) -> OrderCycle | None:
    """The hub's open cycle on the order's channel that closes first."""
    moment = at or timezone.now()
    return (
        OrderCycle.objects.filter(
            hub_id=order.hub_id,
            status=CycleStatus.PUBLISHED,
            opens_at__lte=moment,
            closes_at__gt=moment,
            channels=order.terms_id,
        )
        .order_by("closes_at", "pk")
        .first()
    )


def reorder_lines(*, order: Order) -> list[ReorderLine]:
    """For "order again": the order's variants still offered in the hub's open cycle, with the quantities ordered."""
    cycle = reorder_cycle(order=order)
    if cycle is None:
        return []
    quantities: dict[int, int] = {}
    for variant_id, quantity in (
        OrderLine.objects.filter(order=order, is_out_of_stock=False)
        .order_by("pk")
        .values_list("variant_id", "quantity")
    ):
        quantities[variant_id] = quantities.get(variant_id, 0) + quantity
    offers = CycleOffer.objects.filter(cycle=cycle, variant_id__in=list(quantities)).select_related(
        "variant__product", "variant__unit"
    )
    lines = [
        ReorderLine(
            offer=offer,
            cycle=cycle,
            variant=offer.variant,
            description=offer_description(variant=offer.variant, product=offer.variant.product),
            quantity=quantities[offer.variant_id],
            available=offer.available,
        )
        for offer in offers
        if offer.variant.is_active
    ]
    return sorted(lines, key=lambda line: line.description)
