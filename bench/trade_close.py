"""The orders of the close cycle of bench/trade.py: generated in bulk, priced like the checkout, and reset.

`close_orders_generate` writes orders of 1-7 lines up to a number of lines, with prices, hub fees, VAT and
producer shares from streek/orders/pricing.py (as the checkout computes them), producer orders, references
and structured communications, and sets the offers' `sold` (and a stock at or above it) and the slots'
bookings to match. `close_reset` undoes `order_cycle_close` so that the close can be timed again.
"""

import random
from datetime import timedelta
from decimal import Decimal

from django.db import connection, transaction
from django.utils import timezone

from streek.accounts.models import User
from streek.core.geo import Point
from streek.orders.choices import PAYMENT_TERM_DAYS, CycleStatus, FulfilmentMethod, OrderStatus, PaymentTerms, PriceRule
from streek.orders.models import (
    ChannelTerms,
    CycleOffer,
    CycleSurplus,
    DeliveryZone,
    Invoice,
    InvoiceLine,
    InvoiceSequence,
    Order,
    OrderCycle,
    OrderLine,
    PickupSlot,
    ProducerOrder,
)
from streek.orders.offer_lines import distance_km, fee_rules, offer_description, organisation_point, variant_weight_kg
from streek.orders.payment_reference import structured_communication
from streek.orders.pricing import line_price
from streek.orders.services.placing import order_reference

BATCH = 2000
ZONE_POSTAL_CODES = ["3800", "3803", "3806", "3840", "3870"]


def _next_ids(model: type[Order], count: int) -> list[int]:
    """Ids taken from the table's sequence, so that references can be computed before the bulk insert."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT nextval(pg_get_serial_sequence('{table}', 'id')) FROM generate_series(1, %s)",  # noqa: S608
            [count],
        )
        return [row[0] for row in cursor.fetchall()]


def close_orders_generate(
    rng: random.Random,
    *,
    cycle: OrderCycle,
    terms: ChannelTerms,
    offers: list[CycleOffer],
    slots: list[PickupSlot],
    zone: DeliveryZone,
    buyers: list[User],
    lines: int = 20_000,
) -> None:
    """Orders of 1-7 lines up to `lines` lines, priced like the checkout; offers' sold and stock, slots' booking."""
    offers = list(
        CycleOffer.objects.filter(pk__in=[o.pk for o in offers])
        .select_related("variant__product", "variant__unit", "exchange__producer__municipality")
        .order_by("pk")
    )
    rules = fee_rules(cycle_id=cycle.pk)
    home = zone.hub.municipality if zone.hub_id else None
    sizes: list[int] = []
    while sum(sizes) < lines:
        sizes.append(min(rng.randint(1, 7), lines - sum(sizes)))
    order_ids = _next_ids(Order, len(sizes))
    orders, producer_orders, order_lines = [], [], []
    sold: dict[int, int] = dict.fromkeys((o.pk for o in offers), 0)
    booked: dict[int, int] = dict.fromkeys((s.pk for s in slots), 0)
    slot_points = {s.pk: s.pickup_point for s in PickupSlot.objects.filter(cycle=cycle).select_related("pickup_point")}
    due = timezone.localdate() + timedelta(days=PAYMENT_TERM_DAYS[PaymentTerms(terms.payment_terms)])
    for order_id, size in zip(order_ids, sizes, strict=True):
        buyer = rng.choice(buyers)
        delivery = rng.random() < 0.2
        slot = None if delivery else rng.choice(slots)
        if slot is not None:
            booked[slot.pk] += 1
            place = slot_points[slot.pk]
            point = Point(lat=place.lat, lon=place.lon) if place.lat is not None and place.lon is not None else None
        else:
            point = Point(lat=home.lat, lon=home.lon) if home and home.lat and home.lon else None
        chosen = rng.sample(offers, size)
        per_producer: dict[int, list[tuple[CycleOffer, int]]] = {}
        for offer in sorted(chosen, key=lambda o: o.pk):
            quantity = rng.randint(1, 4)
            sold[offer.pk] += quantity
            per_producer.setdefault(offer.exchange.producer_id, []).append((offer, quantity))
        subtotal = fees_total = vat_total = Decimal(0)
        for producer_id, rows in per_producer.items():
            producer_order = ProducerOrder(order_id=order_id, cycle=cycle, producer_id=producer_id)
            producer_total = Decimal(0)
            for offer, quantity in rows:
                price = line_price(
                    quantity=quantity,
                    producer_price=offer.producer_price,
                    price_rule=terms.price_rule,
                    markup_percent=terms.markup_percent,
                    list_price=None,
                    vat_rate=offer.variant.vat_rate,
                    fee_rules=rules,
                )
                subtotal += price.goods_amount
                fees_total += price.fee_total
                vat_total += price.vat_amount
                producer_total += price.producer_amount
                producer = offer.exchange.producer
                order_lines.append(
                    (
                        producer_order,
                        OrderLine(
                            order_id=order_id,
                            offer=offer,
                            variant=offer.variant,
                            producer=producer,
                            description=offer_description(variant=offer.variant, product=offer.variant.product),
                            quantity=quantity,
                            producer_unit_price=price.producer_unit_price,
                            unit_price=price.unit_price,
                            fee_total=price.fee_total,
                            fees=[fee.as_json() for fee in price.fees],
                            vat_rate=price.vat_rate,
                            amount=price.amount,
                            vat_amount=price.vat_amount,
                            producer_amount=price.producer_amount,
                            producer_share=price.producer_share,
                            intermediaries=0 if producer.pk == cycle.hub_id else 1,
                            producer_set_price=terms.price_rule == PriceRule.PRODUCER_PRICE,
                            weight_kg=variant_weight_kg(variant=offer.variant, quantity=quantity),
                            distance_km=distance_km(organisation_point(producer), point),
                        ),
                    )
                )
            producer_order.producer_total = producer_total
            producer_orders.append(producer_order)
        delivery_fee = zone.fee if delivery else Decimal(0)
        orders.append(
            Order(
                pk=order_id,
                reference=order_reference(order_id),
                cycle=cycle,
                hub_id=cycle.hub_id,
                buyer=buyer,
                channel=terms.kind,
                terms=terms,
                status=OrderStatus.PLACED,
                payment_terms=terms.payment_terms,
                payment_due_on=due,
                structured_communication=structured_communication(order_id),
                fulfilment_method=FulfilmentMethod.DELIVERY if delivery else FulfilmentMethod.PICKUP,
                pickup_slot=slot,
                delivery_zone=zone if delivery else None,
                delivery_street=f"Kerkstraat {rng.randint(1, 150)}" if delivery else "",
                delivery_postal_code=rng.choice(ZONE_POSTAL_CODES) if delivery else "",
                delivery_locality="Sint-Truiden" if delivery else "",
                municipality=home,
                lat=point.lat if point else None,
                lon=point.lon if point else None,
                subtotal=subtotal,
                fees_total=fees_total,
                vat_total=vat_total,
                delivery_fee=delivery_fee,
                total=subtotal + fees_total + vat_total + delivery_fee,
                idempotency_key=f"bench-close-{order_id}",
                placed_at=cycle.opens_at + timedelta(seconds=rng.randint(0, 6 * 86400)),
            )
        )
    with transaction.atomic():
        Order.objects.bulk_create(orders, batch_size=BATCH)
        ProducerOrder.objects.bulk_create(producer_orders, batch_size=BATCH)
        for producer_order, line in order_lines:
            line.producer_order_id = producer_order.pk
        OrderLine.objects.bulk_create([line for _po, line in order_lines], batch_size=BATCH)
        for offer in offers:
            offer.sold = sold[offer.pk]
            offer.stock = None if rng.random() < 0.1 else offer.sold + rng.randint(0, 12)
        CycleOffer.objects.bulk_update(offers, ["sold", "stock"], batch_size=BATCH)
        for slot in slots:
            slot.booked = booked[slot.pk]
        PickupSlot.objects.bulk_update(slots, ["booked"], batch_size=BATCH)


def close_reset(*, cycle: OrderCycle) -> None:
    """Undo `order_cycle_close` on the generated close cycle: invoices, sequences and surplus gone, orders placed."""
    with transaction.atomic():
        invoices = Invoice.objects.filter(issuer_id=cycle.hub_id)
        InvoiceLine.objects.filter(invoice__in=invoices).delete()
        invoices.delete()
        InvoiceSequence.objects.filter(issuer_id=cycle.hub_id).delete()
        CycleSurplus.objects.filter(cycle=cycle).delete()
        Order.objects.filter(cycle=cycle).update(status=OrderStatus.PLACED)
        OrderCycle.objects.filter(pk=cycle.pk).update(status=CycleStatus.PUBLISHED, closed_at=None, closed_by=None)
