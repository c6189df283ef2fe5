"""What a hub and its producers need once a cycle closes: totals, pick lists and packing lists.

The cycle report aggregates in the database (a handful of queries whatever the number of lines); pick and
packing lists read their lines in one query each. Cancelled orders and lines out of stock are left out.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db.models import Count, DecimalField, QuerySet, Sum
from django.db.models.functions import Coalesce

from streek.catalog.choices import COLD_CHAIN_TEMPERATURES
from streek.catalog.models import Organisation

from ..choices import ChannelKind, OrderStatus, PaymentStatus, Preparation
from ..models import DeliveryZone, Order, OrderCycle, OrderLine, PickupPoint
from ..pricing import to_cents

ZERO = Decimal(0)
GRAM = Decimal("0.001")
_MONEY: "DecimalField[Decimal, Decimal]" = DecimalField(max_digits=14, decimal_places=2)
_WEIGHT: "DecimalField[Decimal, Decimal]" = DecimalField(max_digits=14, decimal_places=3)


@dataclass(frozen=True)
class ReportTotals:
    """Totals of one group of lines: excl. VAT; `value` is goods plus hub fees."""

    key: int | str | None
    label: str
    orders: int
    lines: int
    items: int
    weight_kg: Decimal
    goods: Decimal
    fees: Decimal
    value: Decimal
    vat: Decimal
    producer_value: Decimal
    delivery_fees: Decimal = ZERO
    deposits: Decimal = ZERO

    @property
    def value_incl_vat(self) -> Decimal:
        return self.value + self.vat


@dataclass(frozen=True)
class CycleReport:
    cycle: OrderCycle
    total: ReportTotals
    per_producer: list[ReportTotals]
    per_pickup_point: list[ReportTotals]
    per_zone: list[ReportTotals]
    per_channel: list[ReportTotals]


def cycle_lines(*, cycle: OrderCycle) -> "QuerySet[OrderLine]":
    """The lines that count: of orders not cancelled, not out of stock."""
    return OrderLine.objects.filter(order__cycle=cycle, is_out_of_stock=False).exclude(
        order__status=OrderStatus.CANCELLED
    )


def _cents(value: Any) -> Decimal:
    """Sums come back from SQLite with float noise; money is kept to the cent."""
    return to_cents(Decimal(value))


_AGGREGATES: dict[str, Any] = {
    "n_orders": Count("order_id", distinct=True),
    "n_lines": Count("pk"),
    "n_items": Coalesce(Sum("quantity"), 0),
    "kg": Coalesce(Sum("weight_kg"), ZERO, output_field=_WEIGHT),
    "value_sum": Coalesce(Sum("amount"), ZERO, output_field=_MONEY),
    "fee_sum": Coalesce(Sum("fee_total"), ZERO, output_field=_MONEY),
    "vat_sum": Coalesce(Sum("vat_amount"), ZERO, output_field=_MONEY),
    "producer_sum": Coalesce(Sum("producer_amount"), ZERO, output_field=_MONEY),
}


def _totals(
    row: dict[str, Any], *, key: int | str | None, label: str, delivery: Decimal = ZERO, deposits: Decimal = ZERO
) -> ReportTotals:
    value = _cents(row["value_sum"])
    fees = _cents(row["fee_sum"])
    return ReportTotals(
        key=key,
        label=label,
        orders=row["n_orders"],
        lines=row["n_lines"],
        items=row["n_items"],
        weight_kg=Decimal(row["kg"]).quantize(GRAM),
        goods=value - fees,
        fees=fees,
        value=value,
        vat=_cents(row["vat_sum"]),
        producer_value=_cents(row["producer_sum"]),
        delivery_fees=delivery,
        deposits=deposits,
    )


def _grouped(lines: "QuerySet[OrderLine]", field: str) -> list[dict[str, Any]]:
    return list(lines.values(field).annotate(**_AGGREGATES).order_by(field))


def _order_money(cycle: OrderCycle, field: str | None) -> dict[Any, tuple[Decimal, Decimal]]:
    """Delivery fees and deposits per group of orders (they are order amounts, not line amounts)."""
    orders = Order.objects.filter(cycle=cycle).exclude(status=OrderStatus.CANCELLED)
    money = {
        "delivery": Coalesce(Sum("delivery_fee"), ZERO, output_field=_MONEY),
        "deposits": Coalesce(Sum("deposit_total"), ZERO, output_field=_MONEY),
    }
    if field is None:
        row = orders.aggregate(**money)
        return {None: (_cents(row["delivery"]), _cents(row["deposits"]))}
    return {
        row[field]: (_cents(row["delivery"]), _cents(row["deposits"]))
        for row in orders.values(field).annotate(**money).order_by(field)
    }


def _labelled(
    rows: Iterable[dict[str, Any]], field: str, labels: dict[Any, str], money: dict[Any, tuple[Decimal, Decimal]]
) -> list[ReportTotals]:
    result = []
    for row in rows:
        key = row[field]
        if key is None:
            continue
        delivery, deposits = money.get(key, (ZERO, ZERO))
        result.append(_totals(row, key=key, label=labels.get(key, str(key)), delivery=delivery, deposits=deposits))
    return sorted(result, key=lambda totals: (totals.label.lower(), str(totals.key)))


def cycle_report(*, cycle: OrderCycle) -> CycleReport:
    """Totals of a cycle: overall, per producer, per pickup point, per delivery zone and per channel."""
    lines = cycle_lines(cycle=cycle)
    total_row = lines.aggregate(**_AGGREGATES)
    delivery, deposits = _order_money(cycle, None)[None]
    total = _totals(total_row, key=None, label=str(cycle), delivery=delivery, deposits=deposits)

    producer_rows = _grouped(lines, "producer_id")
    producer_names = dict(
        Organisation.objects.filter(pk__in=[row["producer_id"] for row in producer_rows]).values_list("pk", "name")
    )
    point_field = "order__pickup_slot__pickup_point_id"
    point_rows = _grouped(lines, point_field)
    point_names = dict(
        PickupPoint.objects.filter(pk__in=[row[point_field] for row in point_rows]).values_list("pk", "name")
    )
    point_money = {
        key: value for key, value in _order_money(cycle, "pickup_slot__pickup_point_id").items() if key is not None
    }
    zone_field = "order__delivery_zone_id"
    zone_rows = _grouped(lines, zone_field)
    zone_names = dict(
        DeliveryZone.objects.filter(pk__in=[row[zone_field] for row in zone_rows]).values_list("pk", "name")
    )
    channel_labels = {str(value): str(label) for value, label in ChannelKind.choices}
    return CycleReport(
        cycle=cycle,
        total=total,
        per_producer=_labelled(producer_rows, "producer_id", producer_names, {}),
        per_pickup_point=_labelled(point_rows, point_field, point_names, point_money),
        per_zone=_labelled(zone_rows, zone_field, zone_names, _order_money(cycle, "delivery_zone_id")),
        per_channel=_labelled(
            _grouped(lines, "order__channel"), "order__channel", channel_labels, _order_money(cycle, "channel")
        ),
    )


# Pick and packing lists


def _buyer_name(order: Order) -> str:
    if order.buyer_organisation is not None:
        return order.buyer_organisation.name
    return order.buyer.get_full_name() or order.buyer.username


def _destination(order: Order) -> str:
    if order.pickup_slot is not None:
        slot = order.pickup_slot
        return f"{slot.pickup_point.name} {slot.starts_at:%Y-%m-%d %H:%M}"
    place = " ".join(part for part in (order.delivery_postal_code, order.delivery_locality) if part)
    zone = order.delivery_zone.name if order.delivery_zone is not None else ""
    return ", ".join(part for part in (zone, order.delivery_street, place) if part)


def _handover_at(order: Order) -> datetime | None:
    return order.pickup_slot.starts_at if order.pickup_slot is not None else None


@dataclass(frozen=True)
class PickVariant:
    """One variant (and preparation) a producer prepares, over all orders."""

    variant_id: int
    description: str
    preparation: str
    quantity: int
    final_quantity: Decimal | None
    weight_kg: Decimal | None
    orders: int
    is_chilled: bool

    @property
    def preparation_label(self) -> str:
        return _preparation_label(self.preparation)


@dataclass(frozen=True)
class PickLine:
    line_id: int
    variant_id: int
    description: str
    quantity: int
    final_quantity: Decimal | None
    preparation: str
    is_chilled: bool
    crates: int

    @property
    def preparation_label(self) -> str:
        return _preparation_label(self.preparation)


@dataclass(frozen=True)
class PickOrder:
    order_id: int
    reference: str
    buyer_name: str
    destination: str
    lines: list[PickLine]


@dataclass(frozen=True)
class PickList:
    cycle: OrderCycle
    producer: Organisation
    variants: list[PickVariant]
    orders: list[PickOrder]

    @property
    def items(self) -> int:
        return sum(variant.quantity for variant in self.variants)

    @property
    def weight_kg(self) -> Decimal:
        return sum((variant.weight_kg or ZERO for variant in self.variants), ZERO)


def _preparation_label(code: str) -> str:
    return str(Preparation(code).label) if code in Preparation.values else code


def _add(total: Decimal | None, value: Decimal | None) -> Decimal | None:
    if value is None:
        return total
    return value if total is None else total + value


_LINE_FIELDS = (
    "pk",
    "order_id",
    "variant_id",
    "description",
    "quantity",
    "final_quantity",
    "weight_kg",
    "preparation",
    "crates",
    "variant__product__storage_temperature",
)


def _orders_by_id(order_ids: Iterable[int]) -> dict[int, Order]:
    return {
        order.pk: order
        for order in Order.objects.filter(pk__in=set(order_ids)).select_related(
            "buyer", "buyer_organisation", "pickup_slot__pickup_point", "delivery_zone"
        )
    }


def _chilled(row: dict[str, Any]) -> bool:
    return row["variant__product__storage_temperature"] in COLD_CHAIN_TEMPERATURES


def pick_list(*, cycle: OrderCycle, producer: Organisation) -> PickList:
    """What one producer prepares for a cycle: totals per variant and preparation, and per order (2 queries)."""
    rows = list(
        cycle_lines(cycle=cycle)
        .filter(producer=producer)
        .order_by("order__placed_at", "order_id", "pk")
        .values(*_LINE_FIELDS)
    )
    orders_by_id = _orders_by_id(row["order_id"] for row in rows)
    totals: dict[tuple[int, str], dict[str, Any]] = {}
    orders: dict[int, PickOrder] = {}
    for row in rows:
        chilled = _chilled(row)
        key = (row["variant_id"], row["preparation"])
        total = totals.setdefault(
            key,
            {
                "description": row["description"],
                "quantity": 0,
                "final": None,
                "kg": None,
                "orders": set(),
                "chilled": chilled,
            },
        )
        total["quantity"] += row["quantity"]
        total["final"] = _add(total["final"], row["final_quantity"])
        total["kg"] = _add(total["kg"], row["weight_kg"])
        total["orders"].add(row["order_id"])
        if row["order_id"] not in orders:
            order = orders_by_id[row["order_id"]]
            orders[order.pk] = PickOrder(
                order_id=order.pk,
                reference=order.reference,
                buyer_name=_buyer_name(order),
                destination=_destination(order),
                lines=[],
            )
        orders[row["order_id"]].lines.append(
            PickLine(
                line_id=row["pk"],
                variant_id=row["variant_id"],
                description=row["description"],
                quantity=row["quantity"],
                final_quantity=row["final_quantity"],
                preparation=row["preparation"],
                is_chilled=chilled,
                crates=row["crates"],
            )
        )
    variants = [
        PickVariant(
            variant_id=variant_id,
            description=value["description"],
            preparation=preparation,
            quantity=value["quantity"],
            final_quantity=value["final"],
            weight_kg=value["kg"],
            orders=len(value["orders"]),
            is_chilled=value["chilled"],
        )
        for (variant_id, preparation), value in totals.items()
    ]
    variants.sort(key=lambda variant: (variant.description.lower(), variant.preparation, variant.variant_id))
    return PickList(cycle=cycle, producer=producer, variants=variants, orders=list(orders.values()))


@dataclass(frozen=True)
class PackingLine:
    line_id: int
    producer_name: str
    description: str
    quantity: int
    final_quantity: Decimal | None
    preparation: str
    is_chilled: bool
    crates: int

    @property
    def preparation_label(self) -> str:
        return _preparation_label(self.preparation)


@dataclass(frozen=True)
class PackingOrder:
    """One order to hand over: to whom, where and when, what, and what is still to pay."""

    order_id: int
    reference: str
    buyer_name: str
    phone: str
    destination: str
    handover_at: datetime | None
    total: Decimal
    is_paid: bool
    note: str
    lines: list[PackingLine]

    @property
    def items(self) -> int:
        return sum(line.quantity for line in self.lines)

    @property
    def crates(self) -> int:
        return sum(line.crates for line in self.lines)

    @property
    def has_chilled(self) -> bool:
        return any(line.is_chilled for line in self.lines)


@dataclass(frozen=True)
class PackingList:
    cycle: OrderCycle
    pickup_point: PickupPoint | None
    zone: DeliveryZone | None
    orders: list[PackingOrder]

    @property
    def items(self) -> int:
        return sum(order.items for order in self.orders)

    @property
    def title(self) -> str:
        place = self.pickup_point or self.zone
        return f"{self.cycle} - {place}" if place is not None else str(self.cycle)


def packing_list(
    *, cycle: OrderCycle, pickup_point: PickupPoint | None = None, zone: DeliveryZone | None = None
) -> PackingList:
    """Per order what to hand over at a pickup point or deliver in a zone (every order when neither is given)."""
    orders_query = (
        Order.objects.filter(cycle=cycle)
        .exclude(status=OrderStatus.CANCELLED)
        .select_related("buyer", "buyer_organisation", "pickup_slot__pickup_point", "delivery_zone")
    )
    if pickup_point is not None:
        orders_query = orders_query.filter(pickup_slot__pickup_point=pickup_point)
    if zone is not None:
        orders_query = orders_query.filter(delivery_zone=zone)
    orders = list(orders_query.order_by("pickup_slot__starts_at", "delivery_postal_code", "reference"))
    lines: dict[int, list[PackingLine]] = defaultdict(list)
    line_rows = (
        OrderLine.objects.filter(order__in=orders_query, is_out_of_stock=False)
        .order_by("order_id", "producer__name", "pk")
        .values(*_LINE_FIELDS, "producer__name")
    )
    for row in line_rows:
        lines[row["order_id"]].append(
            PackingLine(
                line_id=row["pk"],
                producer_name=row["producer__name"],
                description=row["description"],
                quantity=row["quantity"],
                final_quantity=row["final_quantity"],
                preparation=row["preparation"],
                is_chilled=_chilled(row),
                crates=row["crates"],
            )
        )
    packed = [
        PackingOrder(
            order_id=order.pk,
            reference=order.reference,
            buyer_name=_buyer_name(order),
            phone=order.buyer_organisation.phone if order.buyer_organisation is not None else "",
            destination=_destination(order),
            handover_at=_handover_at(order),
            total=order.total,
            is_paid=order.payment_status == PaymentStatus.PAID,
            note=order.note,
            lines=lines.get(order.pk, []),
        )
        for order in orders
    ]
    return PackingList(cycle=cycle, pickup_point=pickup_point, zone=zone, orders=packed)
