"""Changes to placed orders: the buyer's quantities and cancellation, the producer's preparation, the hub's statuses.

Every change locks the order row first, so two changes of one order run one after the other; stock moves
with the same conditional updates as the checkout. Buyers change their orders until the channel's
cut-off; producers weigh their lines and mark them out of stock until the same cut-off; the hub cancels
until the cycle is closed. The buyer (and, when the goods change, the producers) are told after commit.
"""

from datetime import datetime
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from streek.accounts.selectors import Actor
from streek.core.exceptions import PermissionRefused

from ..access import is_editor, is_member
from ..choices import CycleStatus, OrderStatus, PaymentStatus, ProducerOrderStatus
from ..deadlines import order_cutoff
from ..exceptions import OrderChangeRefused
from ..models import Order, OrderLine, ProducerOrder
from ..notifications import order_changed_notify
from ..offer_lines import crates_for, fee_rules, line_amounts, quantity_problem, variant_terms_for, variant_weight_kg
from ..signals import order_delivered
from .placing import slot_release, stock_available, stock_release, stock_reserve

ZERO = Decimal("0")
MAX_FINAL_QUANTITY = Decimal("999999999")


def _notify_after_commit(order_id: int, change: str) -> None:
    transaction.on_commit(lambda: order_changed_notify(order_id=order_id, change=change))


def _locked(order_id: int) -> Order:
    """The order, locked until the end of the transaction, with its cycle and terms."""
    return Order.objects.select_for_update(of=("self",)).select_related("cycle", "terms").get(pk=order_id)


def _is_buyer(*, actor: Actor, order: Order) -> bool:
    if not actor.is_authenticated:
        return False
    return order.buyer_id == actor.pk or is_editor(actor=actor, organisation_id=order.buyer_organisation_id)


def _require_buyer(*, actor: Actor, order: Order) -> None:
    if not _is_buyer(actor=actor, order=order):
        raise PermissionRefused(str(_("Only the buyer may change this order.")))


def _require_hub_editor(*, actor: Actor, order: Order) -> None:
    if not is_editor(actor=actor, organisation_id=order.hub_id):
        raise PermissionRefused(str(_("Only the hub's owners and managers may change this.")))


def _refuse(message: StrOrPromise, *, line: OrderLine | None = None, field: str = "") -> OrderChangeRefused:
    return OrderChangeRefused(message, offer_id=line.offer_id if line is not None else None, field=field)


def _require_before_cutoff(order: Order, *, at: datetime) -> None:
    if order.status != OrderStatus.PLACED:
        raise _refuse(
            _("Order %(reference)s is %(status)s and can no longer be changed.")
            % {"reference": order.reference, "status": order.get_status_display()},
            field="status",
        )
    if order.cycle.status != CycleStatus.PUBLISHED or at >= order_cutoff(cycle=order.cycle, terms=order.terms):
        raise _refuse(
            _("The order cut-off has passed: order %(reference)s can no longer be changed.")
            % {"reference": order.reference},
            field="cycle",
        )


def order_totals_refresh(*, order: Order) -> Order:
    """Recompute the order's and its producer orders' totals from the lines (after a change of lines)."""
    sums = OrderLine.objects.filter(order=order).aggregate(
        amount=Sum("amount"), fees=Sum("fee_total"), vat=Sum("vat_amount"), deposit=Sum("crate_deposit")
    )
    amount, fees = sums["amount"] or ZERO, sums["fees"] or ZERO
    order.subtotal = amount - fees
    order.fees_total = fees
    order.vat_total = sums["vat"] or ZERO
    order.deposit_total = sums["deposit"] or ZERO
    order.total = order.subtotal + order.fees_total + order.vat_total + order.delivery_fee + order.deposit_total
    order.save(update_fields=["subtotal", "fees_total", "vat_total", "deposit_total", "total", "updated_at"])
    per_producer = dict(
        OrderLine.objects.filter(order=order)
        .values_list("producer_order_id")
        .annotate(total=Sum("producer_amount"))
        .order_by()
    )
    producer_orders = list(ProducerOrder.objects.filter(order=order))
    for producer_order in producer_orders:
        producer_order.producer_total = per_producer.get(producer_order.pk) or ZERO
    ProducerOrder.objects.bulk_update(producer_orders, ["producer_total"])
    return order


def _reprice(line: OrderLine, *, quantity: Decimal, order: Order) -> None:
    """Amounts of a line for a (weighed) quantity, at the prices of the checkout and the cycle's fees."""
    amounts = line_amounts(
        quantity=quantity,
        unit_price=line.unit_price,
        producer_unit_price=line.producer_unit_price,
        vat_rate=line.vat_rate,
        rules=fee_rules(cycle_id=order.cycle_id),
    )
    line.fee_total = amounts.fee_total
    line.fees = [fee.as_json() for fee in amounts.fees]
    line.amount = amounts.amount
    line.vat_amount = amounts.vat_amount
    line.producer_amount = amounts.producer_amount
    line.producer_share = amounts.producer_share
    line.weight_kg = variant_weight_kg(variant=line.variant, quantity=quantity)


LINE_AMOUNT_FIELDS = [
    "quantity",
    "final_quantity",
    "is_out_of_stock",
    "fee_total",
    "fees",
    "amount",
    "vat_amount",
    "producer_amount",
    "producer_share",
    "weight_kg",
    "crates",
    "crate_deposit",
    "updated_at",
]


def _check_minimums(order: Order) -> None:
    if order.subtotal < order.terms.minimum_order_value:
        raise _refuse(
            _("The minimum order on this channel is € %(minimum)s excl. VAT; this order would come to € %(subtotal)s.")
            % {"minimum": order.terms.minimum_order_value, "subtotal": order.subtotal},
            field="quantity",
        )
    zone = order.delivery_zone
    goods_incl_vat = order.subtotal + order.fees_total + order.vat_total
    if zone is not None and goods_incl_vat < zone.minimum_order:
        raise _refuse(
            _("%(zone)s delivers orders from € %(minimum)s; this order would come to € %(total)s.")
            % {"zone": zone.name, "minimum": zone.minimum_order, "total": goods_incl_vat},
            field="quantity",
        )


@transaction.atomic
def order_line_update(*, actor: Actor, line: OrderLine, quantity: int) -> OrderLine | None:
    """The buyer changes a line's quantity before the cut-off (0 removes it); stock is taken or given back."""
    order = _locked(line.order_id)
    _require_buyer(actor=actor, order=order)
    _require_before_cutoff(order, at=timezone.now())
    current = OrderLine.objects.select_related("variant__unit").get(pk=line.pk, order=order)
    if current.is_out_of_stock:
        raise _refuse(
            _("%(line)s is out of stock and can no longer be changed.") % {"line": current.description}, line=current
        )
    if quantity < 0:
        raise _refuse(_("A quantity cannot be negative."), line=current, field="quantity")
    if quantity == 0:
        if not OrderLine.objects.filter(order=order, is_out_of_stock=False).exclude(pk=current.pk).exists():
            raise _refuse(_("This is the last line of the order: cancel the order instead."), line=current)
        stock_release(offer_id=current.offer_id, quantity=current.quantity)
        producer_order_id = current.producer_order_id
        current.delete()
        if not OrderLine.objects.filter(producer_order_id=producer_order_id).exists():
            ProducerOrder.objects.filter(pk=producer_order_id).delete()
        order_totals_refresh(order=order)
        _check_minimums(order)
        _notify_after_commit(order.pk, "updated")
        return None
    variant_term = variant_terms_for(terms=order.terms, variant_ids=[current.variant_id]).get(current.variant_id)
    problem = quantity_problem(description=current.description, quantity=quantity, variant_term=variant_term)
    if problem is not None:
        raise _refuse(problem, line=current, field="quantity")
    delta = quantity - current.quantity
    if delta > 0 and not stock_reserve(offer_id=current.offer_id, quantity=delta):
        available = stock_available(offer_id=current.offer_id)
        raise _refuse(
            _("Only %(available)s more left of %(line)s.") % {"available": available, "line": current.description},
            line=current,
            field="quantity",
        )
    if delta < 0:
        stock_release(offer_id=current.offer_id, quantity=-delta)
    current.quantity = quantity
    current.final_quantity = None
    _reprice(current, quantity=Decimal(quantity), order=order)
    current.crates, current.crate_deposit = crates_for(quantity=quantity, variant_term=variant_term)
    current.save(update_fields=LINE_AMOUNT_FIELDS)
    order_totals_refresh(order=order)
    _check_minimums(order)
    _notify_after_commit(order.pk, "updated")
    return current


@transaction.atomic
def order_line_prepare(
    *, actor: Actor, line: OrderLine, final_quantity: Decimal | None = None, out_of_stock: bool = False
) -> OrderLine:
    """The producer sets the weighed quantity (in items of the variant, e.g. 3.2 for three 1 kg bags weighing
    3.2 kg; None: as ordered) or marks the line out of stock, before the cut-off. Amounts follow; stock given
    back for a line out of stock (and taken again when it comes back)."""
    order = _locked(line.order_id)
    current = OrderLine.objects.select_related("variant__unit").get(pk=line.pk, order=order)
    if not is_member(actor=actor, organisation_id=current.producer_id):
        raise PermissionRefused(str(_("Only the producer of this line may prepare it.")))
    _require_before_cutoff(order, at=timezone.now())
    if final_quantity is not None and not ZERO < final_quantity <= MAX_FINAL_QUANTITY:
        raise _refuse(
            _("%(line)s: the final quantity must be more than 0.") % {"line": current.description},
            line=current,
            field="final_quantity",
        )
    newly_out = out_of_stock and not current.is_out_of_stock
    if out_of_stock:
        if newly_out:
            stock_release(offer_id=current.offer_id, quantity=current.quantity)
        current.is_out_of_stock = True
        current.final_quantity = None
        _reprice(current, quantity=ZERO, order=order)
        current.weight_kg = None
        current.crates, current.crate_deposit = 0, ZERO
    else:
        if current.is_out_of_stock:
            if not stock_reserve(offer_id=current.offer_id, quantity=current.quantity):
                raise _refuse(
                    _("%(line)s: the stock was sold in the meantime.") % {"line": current.description},
                    line=current,
                    field="out_of_stock",
                )
            current.is_out_of_stock = False
        current.final_quantity = final_quantity
        _reprice(current, quantity=final_quantity or Decimal(current.quantity), order=order)
        variant_term = variant_terms_for(terms=order.terms, variant_ids=[current.variant_id]).get(current.variant_id)
        current.crates, current.crate_deposit = crates_for(quantity=current.quantity, variant_term=variant_term)
    current.save(update_fields=LINE_AMOUNT_FIELDS)
    order_totals_refresh(order=order)
    if newly_out:
        _notify_after_commit(order.pk, "out_of_stock")
    return current


@transaction.atomic
def producer_order_mark_prepared(*, actor: Actor, producer_order: ProducerOrder) -> ProducerOrder:
    """The producer has prepared its part; when every part is, the buyer is told."""
    order = _locked(producer_order.order_id)
    current = ProducerOrder.objects.get(pk=producer_order.pk, order=order)
    if not is_member(actor=actor, organisation_id=current.producer_id):
        raise PermissionRefused(str(_("Only the producer of this order may mark it prepared.")))
    if order.status == OrderStatus.CANCELLED or current.status == ProducerOrderStatus.CANCELLED:
        raise _refuse(_("Order %(reference)s was cancelled.") % {"reference": order.reference}, field="status")
    if current.status == ProducerOrderStatus.PREPARED:
        return current
    current.status = ProducerOrderStatus.PREPARED
    current.save(update_fields=["status", "updated_at"])
    if not ProducerOrder.objects.filter(order=order).exclude(status=ProducerOrderStatus.PREPARED).exists():
        _notify_after_commit(order.pk, "prepared")
    return current


@transaction.atomic
def order_cancel(*, actor: Actor, order: Order, reason: str = "") -> Order:
    """Cancel an order: the buyer until the cut-off, the hub until the cycle is closed; stock and slot given back."""
    current = _locked(order.pk)
    buyer = _is_buyer(actor=actor, order=current)
    hub_editor = is_editor(actor=actor, organisation_id=current.hub_id)
    if not (buyer or hub_editor):
        raise PermissionRefused(str(_("Only the buyer or the hub may cancel this order.")))
    if hub_editor:
        if current.status not in (OrderStatus.PLACED, OrderStatus.CONFIRMED) or current.cycle.status in (
            CycleStatus.CLOSED,
            CycleStatus.CANCELLED,
        ):
            raise _refuse(
                _("Order %(reference)s can no longer be cancelled.") % {"reference": current.reference}, field="status"
            )
    else:
        _require_before_cutoff(current, at=timezone.now())
    for offer_id, quantity in (
        OrderLine.objects.filter(order=current, is_out_of_stock=False)
        .order_by("offer_id")
        .values_list("offer_id", "quantity")
    ):
        stock_release(offer_id=offer_id, quantity=quantity)
    if current.pickup_slot_id is not None:
        slot_release(slot_id=current.pickup_slot_id)
    current.status = OrderStatus.CANCELLED
    current.cancelled_at = timezone.now()
    if current.payment_status == PaymentStatus.UNPAID:
        current.payment_status = PaymentStatus.CANCELLED
    if reason.strip():
        cancelled = _("Cancelled: %(reason)s") % {"reason": reason.strip()}
        current.note = f"{current.note}\n{cancelled}".strip()[:500]
    current.save(update_fields=["status", "cancelled_at", "payment_status", "note", "updated_at"])
    ProducerOrder.objects.filter(order=current).update(status=ProducerOrderStatus.CANCELLED)
    _notify_after_commit(current.pk, "cancelled")
    return current


def _set_status(*, actor: Actor | None, order: Order, status: str, allowed: tuple[str, ...], change: str) -> Order:
    """Change the status; `actor` None only for callers that checked the actor themselves (a delivery round)."""
    current = _locked(order.pk)
    if actor is not None:
        _require_hub_editor(actor=actor, order=current)
    if current.status == status:
        return current
    if current.status not in allowed:
        raise _refuse(
            _("Order %(reference)s is %(status)s.")
            % {"reference": current.reference, "status": current.get_status_display()},
            field="status",
        )
    current.status = status
    fields = ["status", "updated_at"]
    if status == OrderStatus.DELIVERED:
        current.delivered_at = timezone.now()
        fields.append("delivered_at")
    current.save(update_fields=fields)
    if status == OrderStatus.DELIVERED:
        order_delivered.send(sender=Order, order_id=current.pk)
    _notify_after_commit(current.pk, change)
    return current


@transaction.atomic
def order_mark_ready(*, actor: Actor, order: Order) -> Order:
    """The hub has the order ready for pickup or delivery."""
    return _set_status(
        actor=actor,
        order=order,
        status=OrderStatus.READY,
        allowed=(OrderStatus.PLACED, OrderStatus.CONFIRMED),
        change="ready",
    )


@transaction.atomic
def order_mark_delivered(*, actor: Actor, order: Order) -> Order:
    """The buyer collected the order or it was delivered."""
    return _set_status(
        actor=actor,
        order=order,
        status=OrderStatus.DELIVERED,
        allowed=(OrderStatus.PLACED, OrderStatus.CONFIRMED, OrderStatus.READY),
        change="delivered",
    )


@transaction.atomic
def order_record_delivery(*, order: Order) -> Order:
    """A delivery round delivered the order; logistics checked that the actor drives that round."""
    return _set_status(
        actor=None,
        order=order,
        status=OrderStatus.DELIVERED,
        allowed=(OrderStatus.PLACED, OrderStatus.CONFIRMED, OrderStatus.READY),
        change="delivered",
    )


@transaction.atomic
def order_mark_paid(*, actor: Actor, order: Order) -> Order:
    """The hub received the payment."""
    current = _locked(order.pk)
    _require_hub_editor(actor=actor, order=current)
    if current.payment_status == PaymentStatus.PAID:
        return current
    if current.status == OrderStatus.CANCELLED:
        raise _refuse(_("Order %(reference)s was cancelled.") % {"reference": current.reference}, field="status")
    current.payment_status = PaymentStatus.PAID
    current.save(update_fields=["payment_status", "updated_at"])
    _notify_after_commit(current.pk, "paid")
    return current
