"""Orders built straight from the models, with amounts from streek.orders.pricing, for the tests of documents,
invoices, cycle close and reports (independent of the checkout service)."""

from collections.abc import Sequence
from decimal import Decimal
from itertools import count

from django.utils import timezone

from streek.accounts.choices import MembershipRole
from streek.accounts.models import User
from streek.accounts.tests.factories import MembershipFactory, UserFactory
from streek.catalog.models import Organisation
from streek.catalog.tests.factories import VariantFactory
from streek.orders.choices import ChannelKind, FulfilmentMethod, OrderStatus, PaymentTerms
from streek.orders.models import (
    CycleOffer,
    DeliveryZone,
    Order,
    OrderCycle,
    OrderLine,
    PickupSlot,
    ProducerOrder,
)
from streek.orders.payment_reference import structured_communication
from streek.orders.pricing import FeeRule, line_price, to_cents
from streek.orders.tests.factories import CycleOfferFactory, CycleProducerFactory, PickupSlotFactory

_references = count(1)


def fee_rules(cycle: OrderCycle) -> list[FeeRule]:
    return [
        FeeRule(kind=fee.kind, name=fee.name, calculation=fee.calculation, amount=fee.amount)
        for fee in cycle.fees.all()
    ]


def place_order(
    *,
    cycle: OrderCycle,
    lines: Sequence[tuple[CycleOffer, int]],
    buyer: User | None = None,
    buyer_organisation: Organisation | None = None,
    slot: PickupSlot | None = None,
    zone: DeliveryZone | None = None,
    channel: str = ChannelKind.CONSUMER,
    status: str = OrderStatus.PLACED,
    crates: int = 0,
    crate_deposit: Decimal = Decimal("0"),
    weights: bool = True,
) -> Order:
    """An order of `lines` (offer, quantity): one ProducerOrder per producer, amounts priced per line.

    Pickup at `slot` (a new slot of the cycle when neither slot nor zone is given) or delivery in `zone`.
    Each line gets `crates` crates with `crate_deposit` in total when given.
    """
    buyer = buyer or UserFactory()
    terms = cycle.channels.filter(kind=channel).first() or cycle.channels.first()
    assert terms is not None, "the cycle needs channel terms"
    if slot is None and zone is None:
        slot = PickupSlotFactory(cycle=cycle)
    rules = fee_rules(cycle)
    number = next(_references)
    order = Order.objects.create(
        reference=f"T{cycle.pk:04d}-{number:05d}",
        cycle=cycle,
        hub=cycle.hub,
        buyer=buyer,
        buyer_organisation=buyer_organisation,
        channel=channel,
        terms=terms,
        status=status,
        payment_terms=terms.payment_terms or PaymentTerms.ON_ORDER,
        structured_communication=structured_communication(1_000_000 + number),
        fulfilment_method=FulfilmentMethod.PICKUP if zone is None else FulfilmentMethod.DELIVERY,
        pickup_slot=slot if zone is None else None,
        delivery_zone=zone,
        delivery_street="Kerkstraat 2" if zone is not None else "",
        delivery_postal_code="3800" if zone is not None else "",
        delivery_locality="Sint-Truiden" if zone is not None else "",
        delivery_fee=zone.fee if zone is not None else Decimal("0"),
        idempotency_key=f"scenario-{number}",
        placed_at=timezone.now(),
    )
    producer_orders: dict[int, ProducerOrder] = {}
    subtotal = fees_total = vat_total = deposits = Decimal("0")
    for offer, quantity in lines:
        variant = offer.variant
        producer_id = offer.exchange.producer_id
        if producer_id not in producer_orders:
            producer_orders[producer_id] = ProducerOrder.objects.create(
                order=order, cycle=cycle, producer_id=producer_id
            )
        producer_order = producer_orders[producer_id]
        price = line_price(
            quantity=quantity,
            producer_price=offer.producer_price,
            price_rule=terms.price_rule,
            markup_percent=terms.markup_percent,
            list_price=None,
            vat_rate=Decimal(variant.vat_rate),
            fee_rules=rules,
        )
        OrderLine.objects.create(
            order=order,
            producer_order=producer_order,
            offer=offer,
            variant=variant,
            producer_id=producer_id,
            description=f"{variant.product.name_nl} - {variant.name}",
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
            intermediaries=0 if producer_id == cycle.hub_id else 1,
            weight_kg=(variant.quantity * quantity) if weights else None,
            crates=crates,
            crate_deposit=crate_deposit,
        )
        producer_order.producer_total += price.producer_amount
        subtotal += price.goods_amount
        fees_total += price.fee_total
        vat_total += price.vat_amount
        deposits += crate_deposit
        offer.sold += quantity
        offer.save(update_fields=["sold"])
    for producer_order in producer_orders.values():
        producer_order.save(update_fields=["producer_total"])
    order.subtotal, order.fees_total, order.vat_total, order.deposit_total = subtotal, fees_total, vat_total, deposits
    order.total = to_cents(subtotal + fees_total + vat_total + order.delivery_fee + deposits)
    order.save(update_fields=["subtotal", "fees_total", "vat_total", "deposit_total", "total"])
    return order


def offer_of(
    cycle: OrderCycle,
    *,
    producer: Organisation | None = None,
    producer_price: str = "2.00",
    vat_rate: str = "6.00",
    stock: int | None = 100,
    storage_temperature: str | None = None,
) -> CycleOffer:
    """An offer in `cycle` of a new 1 kg variant of `producer` (a new producer when None)."""
    exchange = CycleProducerFactory(cycle=cycle, **({"producer": producer} if producer is not None else {}))
    product_fields = {"product__organisation": exchange.producer}
    if storage_temperature is not None:
        product_fields["product__storage_temperature"] = storage_temperature
    variant = VariantFactory(vat_rate=Decimal(vat_rate), **product_fields)
    return CycleOfferFactory(exchange=exchange, variant=variant, producer_price=Decimal(producer_price), stock=stock)


def editor_of(organisation: Organisation, *, language: str = "nl") -> User:
    user = UserFactory(language=language)
    MembershipFactory(user=user, organisation=organisation, role=MembershipRole.OWNER)
    return user
