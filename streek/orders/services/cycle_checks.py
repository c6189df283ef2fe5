"""Questions the cycle services ask before a change: live orders, and whether a cycle can be published."""

from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from ..choices import OrderStatus
from ..models import CycleOffer, Order, OrderCycle, PickupSlot


def live_orders(cycle: OrderCycle) -> int:
    """The number of orders in the cycle that are not cancelled."""
    return Order.objects.filter(cycle=cycle).exclude(status=OrderStatus.CANCELLED).count()


def publish_problem(cycle: OrderCycle, *, now: datetime | None = None) -> str | None:
    """Why a cycle cannot be published yet (None when it can)."""
    if cycle.closes_at <= (now or timezone.now()):
        return str(_("The cycle closes in the past: change its closing time first."))
    if not cycle.channels.filter(is_active=True).exists():
        return str(_("Choose at least one active channel to sell on."))
    if not CycleOffer.objects.filter(cycle=cycle).exists():
        return str(_("Nothing is offered yet: add producers and their variants first."))
    if not (PickupSlot.objects.filter(cycle=cycle).exists() or cycle.delivery_zones.filter(is_active=True).exists()):
        return str(_("Buyers cannot get their goods: add a pickup slot or a delivery zone first."))
    return None
