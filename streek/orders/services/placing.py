"""Placing an order: stock taken by conditional updates, and the rows of the order (checkout_rules has the rules).

Shared by the basket checkout and the standing orders. `order_place` must run inside the caller's
transaction: when it refuses, the caller's rollback gives back every item and slot it took.

Stock is taken with one conditional UPDATE per offer (`sold = sold + q WHERE stock IS NULL OR
sold + q <= stock`), in offer id order, so two checkouts wanting the same offers lock them in the same
order and never deadlock; on PostgreSQL a concurrent UPDATE waits for the first and re-checks the
condition on the committed row, so `sold` never passes `stock` (a check constraint guards it too).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from uuid import uuid4

from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from streek.accounts.models import User
from streek.catalog.models import Organisation

from ..choices import PAYMENT_TERM_DAYS, PaymentTerms
from ..models import (
    ChannelTerms,
    ChannelVariantTerm,
    CycleOffer,
    Order,
    OrderCycle,
    OrderLine,
    PickupSlot,
    ProducerOrder,
    StandingOrder,
)
from ..offer_lines import (
    crates_for,
    distance_km,
    fee_rules,
    is_chilled,
    offer_description,
    offer_line_price,
    organisation_point,
    producer_sets_price,
    quantity_problem,
    variant_terms_for,
    variant_weight_kg,
)
from ..payment_reference import structured_communication
from ..pricing import LinePrice
from ..shop_cache import shop_changed
from .checkout_rules import Fulfilment, refuse

# What order_place reads from each offer: load offers with select_related(*OFFER_RELATED).
OFFER_RELATED = ("variant__product", "variant__unit", "exchange__producer__municipality")
ZERO = Decimal("0")


@dataclass(frozen=True)
class PlaceItem:
    """One line to order: an offer (loaded with OFFER_RELATED), a quantity, a preparation."""

    offer: CycleOffer
    quantity: int
    preparation: str = ""


@dataclass(frozen=True)
class SkippedLine:
    """A line a standing order could not place this time, and why."""

    variant_id: int
    offer_id: int | None
    description: str
    quantity: int
    reason: str


@dataclass
class Placement:
    order: Order
    skipped: list[SkippedLine] = field(default_factory=list)


def stock_reserve(*, offer_id: int, quantity: int) -> bool:
    """Take `quantity` items of an offer if they are still there (one conditional UPDATE)."""
    updated = (
        CycleOffer.objects.filter(pk=offer_id)
        .filter(Q(stock__isnull=True) | Q(stock__gte=F("sold") + quantity))
        .update(sold=F("sold") + quantity)
    )
    if updated:
        shop_changed()  # after the write: outside a transaction the shops are made stale at once
    return updated == 1


def stock_release(*, offer_id: int, quantity: int) -> None:
    """Give back items taken earlier (a cancelled order, a smaller quantity, a line out of stock)."""
    if CycleOffer.objects.filter(pk=offer_id, sold__gte=quantity).update(sold=F("sold") - quantity):
        shop_changed()


def stock_available(*, offer_id: int) -> int | None:
    row = CycleOffer.objects.filter(pk=offer_id).values_list("stock", "sold").first()
    if row is None:
        return 0
    stock, sold = row
    return None if stock is None else max(stock - sold, 0)


def slot_book(*, slot_id: int) -> bool:
    """Book one order in a pickup slot if it has room (one conditional UPDATE)."""
    return PickupSlot.objects.filter(pk=slot_id, booked__lt=F("capacity")).update(booked=F("booked") + 1) == 1


def slot_release(*, slot_id: int) -> None:
    PickupSlot.objects.filter(pk=slot_id, booked__gt=0).update(booked=F("booked") - 1)


def order_reference(pk: int) -> str:
    return f"ST{pk:07d}"


@dataclass(frozen=True)
class _Priced:
    item: PlaceItem
    description: str
    variant_term: ChannelVariantTerm | None
    price: LinePrice


def _static_problem(
    *, item: PlaceItem, description: str, terms: ChannelTerms, variant_term: ChannelVariantTerm | None, cooled: bool
) -> tuple[StrOrPromise, str] | None:
    """What is wrong with a line whatever the stock: quantity, case size, preparation, cold chain."""
    if item.quantity < 1:
        return _("%(line)s: the quantity must be at least 1.") % {"line": description}, "quantity"
    problem = quantity_problem(description=description, quantity=item.quantity, variant_term=variant_term)
    if problem is not None:
        return problem, "quantity"
    if item.preparation and item.preparation not in terms.preparations:
        return _("%(line)s: this preparation is not offered on this channel.") % {"line": description}, "preparation"
    if not cooled and is_chilled(item.offer.variant.product):
        return (
            _("%(line)s must stay cold: choose a cooled pickup point or home delivery.") % {"line": description},
            "pickup_slot",
        )
    return None


def order_place(
    *,
    cycle: OrderCycle,
    terms: ChannelTerms,
    buyer: User,
    buyer_organisation: Organisation | None,
    items: list[PlaceItem],
    fulfilment: Fulfilment,
    idempotency_key: str,
    note: str = "",
    standing_order: StandingOrder | None = None,
    skip_unavailable: bool = False,
    at: datetime | None = None,
) -> Placement:
    """Take the stock and write the order, its producer orders and lines. Call inside a transaction.

    A line that cannot be placed refuses the whole order (CheckoutRefused naming it), or with
    `skip_unavailable` (standing orders) is left out and reported in `Placement.skipped`.
    """
    moment = at or timezone.now()
    if not items:
        refuse(_("Your basket is empty."), field="basket")
    variant_terms = variant_terms_for(terms=terms, variant_ids=[item.offer.variant_id for item in items])
    rules = fee_rules(cycle_id=cycle.pk)
    cooled = fulfilment.slot is None or fulfilment.slot.pickup_point.is_cooled
    skipped: list[SkippedLine] = []

    def skip_or_refuse(item: PlaceItem, description: str, message: StrOrPromise, field: str, **extra: object) -> None:
        if not skip_unavailable:
            refuse(message, offer_id=item.offer.pk, field=field, **extra)
        skipped.append(
            SkippedLine(
                variant_id=item.offer.variant_id,
                offer_id=item.offer.pk,
                description=description,
                quantity=item.quantity,
                reason=str(message),
            )
        )

    priced: list[_Priced] = []
    for item in sorted(items, key=lambda one: one.offer.pk):
        description = offer_description(variant=item.offer.variant, product=item.offer.variant.product)
        variant_term = variant_terms.get(item.offer.variant_id)
        problem = _static_problem(
            item=item, description=description, terms=terms, variant_term=variant_term, cooled=cooled
        )
        if problem is not None:
            skip_or_refuse(item, description, problem[0], problem[1])
            continue
        # Offers are taken in id order: concurrent checkouts lock the same rows in the same order.
        if not stock_reserve(offer_id=item.offer.pk, quantity=item.quantity):
            available = stock_available(offer_id=item.offer.pk)
            message = _(
                "Only %(available)s left of %(line)s, you asked for %(quantity)s. Change the quantity; "
                "the rest of your basket is kept."
            ) % {"available": available, "line": description, "quantity": item.quantity}
            skip_or_refuse(item, description, message, "quantity", available=available)
            continue
        price = offer_line_price(
            offer=item.offer, quantity=item.quantity, terms=terms, variant_term=variant_term, rules=rules
        )
        priced.append(_Priced(item=item, description=description, variant_term=variant_term, price=price))
    if not priced:
        refuse(_("None of the lines can be ordered."), field="basket")

    subtotal = sum((row.price.goods_amount for row in priced), ZERO)
    if subtotal < terms.minimum_order_value:
        refuse(
            _("The minimum order on this channel is € %(minimum)s excl. VAT; this order comes to € %(subtotal)s.")
            % {"minimum": terms.minimum_order_value, "subtotal": subtotal},
            field="basket",
        )
    goods_incl_vat = sum((row.price.amount_incl_vat for row in priced), ZERO)
    zone = fulfilment.zone
    if zone is not None and goods_incl_vat < zone.minimum_order:
        refuse(
            _("%(zone)s delivers orders from € %(minimum)s; this order comes to € %(total)s.")
            % {"zone": zone.name, "minimum": zone.minimum_order, "total": goods_incl_vat},
            field="delivery_zone",
        )
    slot = fulfilment.slot
    if slot is not None and not slot_book(slot_id=slot.pk):
        refuse(_("%(slot)s is fully booked: choose another time.") % {"slot": slot}, field="pickup_slot")

    crates = {
        row.item.offer.pk: crates_for(quantity=row.item.quantity, variant_term=row.variant_term) for row in priced
    }
    fees_total = sum((row.price.fee_total for row in priced), ZERO)
    vat_total = sum((row.price.vat_amount for row in priced), ZERO)
    deposit_total = sum((deposit for _count, deposit in crates.values()), ZERO)
    delivery_fee = zone.fee if zone is not None else ZERO
    order = Order.objects.create(
        reference=f"new-{uuid4().hex[:16]}",
        cycle=cycle,
        hub=cycle.hub,
        buyer=buyer,
        buyer_organisation=buyer_organisation,
        channel=terms.kind,
        terms=terms,
        payment_terms=terms.payment_terms,
        payment_due_on=timezone.localdate(moment)
        + timedelta(days=PAYMENT_TERM_DAYS[PaymentTerms(terms.payment_terms)]),
        structured_communication="",
        fulfilment_method=fulfilment.method,
        pickup_slot=slot,
        delivery_zone=zone,
        delivery_street=fulfilment.street,
        delivery_postal_code=fulfilment.postal_code,
        delivery_locality=fulfilment.locality,
        municipality=fulfilment.municipality,
        lat=fulfilment.point.lat if fulfilment.point is not None else None,
        lon=fulfilment.point.lon if fulfilment.point is not None else None,
        subtotal=subtotal,
        fees_total=fees_total,
        vat_total=vat_total,
        delivery_fee=delivery_fee,
        deposit_total=deposit_total,
        total=subtotal + fees_total + vat_total + delivery_fee + deposit_total,
        note=note.strip()[:500],
        idempotency_key=idempotency_key,
        standing_order=standing_order,
        placed_at=moment,
    )
    order.reference = order_reference(order.pk)
    order.structured_communication = structured_communication(order.pk)
    order.save(update_fields=["reference", "structured_communication"])

    per_producer: dict[int, list[_Priced]] = defaultdict(list)
    for row in priced:
        per_producer[row.item.offer.exchange.producer_id].append(row)
    producer_orders = ProducerOrder.objects.bulk_create(
        ProducerOrder(
            order=order,
            cycle=cycle,
            producer_id=producer_id,
            producer_total=sum((row.price.producer_amount for row in rows), ZERO),
        )
        for producer_id, rows in per_producer.items()
    )
    by_producer = {producer_order.producer_id: producer_order for producer_order in producer_orders}
    lines = []
    for row in priced:
        offer = row.item.offer
        producer = offer.exchange.producer
        count, deposit = crates[offer.pk]
        lines.append(
            OrderLine(
                order=order,
                producer_order=by_producer[producer.pk],
                offer=offer,
                variant=offer.variant,
                producer=producer,
                description=row.description,
                quantity=row.item.quantity,
                preparation=row.item.preparation,
                producer_unit_price=row.price.producer_unit_price,
                unit_price=row.price.unit_price,
                fee_total=row.price.fee_total,
                fees=[fee.as_json() for fee in row.price.fees],
                vat_rate=row.price.vat_rate,
                amount=row.price.amount,
                vat_amount=row.price.vat_amount,
                producer_amount=row.price.producer_amount,
                producer_share=row.price.producer_share,
                intermediaries=0 if producer.pk == cycle.hub_id else 1,
                producer_set_price=producer_sets_price(terms=terms, variant_term=row.variant_term),
                weight_kg=variant_weight_kg(variant=offer.variant, quantity=row.item.quantity),
                distance_km=distance_km(organisation_point(producer), fulfilment.point),
                crates=count,
                crate_deposit=deposit,
            )
        )
    OrderLine.objects.bulk_create(lines)
    return Placement(order=order, skipped=skipped)
