"""Closing a cycle: its orders confirmed and invoiced, its unsold stock kept as surplus, everyone told.

One transaction of bulk statements (a few dozen queries whatever the number of orders and lines), with the
cycle row locked: closing a closed cycle returns at once and changes nothing. The invoice PDFs and the
messages are made by tasks after the commit.
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from streek.accounts.selectors import Actor
from streek.core.exceptions import PermissionRefused
from streek.market.quantities import to_kilograms

from ..access import is_editor
from ..choices import CycleStatus, OrderStatus
from ..exceptions import CycleCloseRefused
from ..models import CycleOffer, CycleSurplus, Order, OrderCycle
from ..shop_cache import shop_changed
from ..signals import order_cycle_closed
from .invoices import invoices_issue_for_orders


@dataclass(frozen=True)
class CycleCloseResult:
    """`closed` is False when the cycle was already closed: then nothing was done."""

    cycle: OrderCycle
    closed: bool
    orders_confirmed: int = 0
    invoices_issued: int = 0
    surplus_recorded: int = 0


def _record_surplus(cycle: OrderCycle) -> int:
    """A CycleSurplus for every offer with limited stock left unsold, with its weight when the unit is a mass."""
    offers = (
        CycleOffer.objects.filter(cycle=cycle, stock__isnull=False, stock__gt=F("sold"))
        .exclude(pk__in=CycleSurplus.objects.filter(cycle=cycle).values("offer_id"))
        .select_related("exchange", "variant__unit")
        .order_by("pk")
    )
    surplus = []
    for offer in offers:
        quantity = (offer.stock or 0) - offer.sold
        surplus.append(
            CycleSurplus(
                cycle=cycle,
                offer=offer,
                producer_id=offer.exchange.producer_id,
                quantity=quantity,
                weight_kg=to_kilograms(offer.variant.quantity * quantity, offer.variant.unit.key),
            )
        )
    CycleSurplus.objects.bulk_create(surplus, batch_size=1000)
    return len(surplus)


@transaction.atomic
def order_cycle_close(*, actor: Actor, cycle: OrderCycle, offer_surplus: bool = True) -> CycleCloseResult:
    """Close a published cycle: orders placed -> confirmed, an invoice for every order, unsold stock recorded
    as surplus (unless `offer_surplus` is False), then the PDFs and messages after commit. Idempotent."""
    if not is_editor(actor=actor, organisation_id=cycle.hub_id):
        raise PermissionRefused(str(_("Only the hub's owners and managers may close a cycle.")))
    locked = OrderCycle.objects.select_for_update().get(pk=cycle.pk)
    if locked.status == CycleStatus.CLOSED:
        return CycleCloseResult(cycle=locked, closed=False)
    if locked.status != CycleStatus.PUBLISHED:
        raise CycleCloseRefused(
            _("Cycle %(cycle)s is %(status)s: only a published cycle can be closed.")
            % {"cycle": locked, "status": locked.get_status_display()},
            field="status",
        )
    now = timezone.now()
    order_ids = list(
        Order.objects.select_for_update()
        .filter(cycle=locked)
        .exclude(status=OrderStatus.CANCELLED)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    confirmed = Order.objects.filter(cycle=locked, status=OrderStatus.PLACED).update(
        status=OrderStatus.CONFIRMED, updated_at=now
    )
    invoices = invoices_issue_for_orders(order_ids=order_ids, issued_on=timezone.localdate(now))
    surplus = _record_surplus(locked) if offer_surplus else 0
    locked.status = CycleStatus.CLOSED
    locked.closed_at = now
    locked.closed_by = actor if actor.is_authenticated else None
    locked.full_clean()
    locked.save(update_fields=["status", "closed_at", "closed_by", "updated_at"])
    cycle.status, cycle.closed_at, cycle.closed_by_id = locked.status, locked.closed_at, locked.closed_by_id
    shop_changed()

    from ..tasks import (
        cycle_invoices_store_pdf_task,
        cycle_surplus_post_to_market_task,
        order_cycle_closed_notify_task,
    )

    cycle_id = locked.pk
    order_cycle_closed.send(sender=OrderCycle, cycle_id=cycle_id)
    transaction.on_commit(lambda: cycle_invoices_store_pdf_task.enqueue(cycle_id=cycle_id))
    transaction.on_commit(lambda: order_cycle_closed_notify_task.enqueue(cycle_id=cycle_id))
    if surplus:  # unsold stock on the market board, for the producers that opted in
        transaction.on_commit(lambda: cycle_surplus_post_to_market_task.enqueue(cycle_id=cycle_id))
    return CycleCloseResult(
        cycle=locked,
        closed=True,
        orders_confirmed=confirmed,
        invoices_issued=len(invoices),
        surplus_recorded=surplus,
    )
