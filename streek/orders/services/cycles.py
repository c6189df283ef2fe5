"""Writes on order cycles: set-up, publication, cancellation; copies and schedules (re-exported).

A cycle is drafted, published (then it opens and closes by its times), closed by the hub (cycle_close.py)
or cancelled. Its incoming side (producers, offers, fees) is written in incoming.py, its copies and
schedules in cycle_schedule.py, both re-exported here; its outgoing side (pickup slots) in outgoing.py.
"""

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from streek.accounts.selectors import Actor
from streek.catalog.models import Organisation
from streek.core.exceptions import ApplicationError

from ..choices import CycleStatus
from ..models import ChannelTerms, DeliveryZone, OrderCycle
from ..shop_cache import shop_changed
from ..signals import order_cycle_opened
from .channels import reject_unknown_fields, require_seller
from .cycle_checks import live_orders, publish_problem
from .cycle_schedule import (
    SERIES_HORIZON,
    order_cycle_clone,
    order_cycle_series_create,
    order_cycle_series_generate,
    order_cycle_series_stop,
    shift_local,
)
from .incoming import (
    cycle_offer_remove,
    cycle_offer_set,
    cycle_producer_add,
    cycle_producer_remove,
    hub_fee_remove,
    hub_fee_set,
)
from .roles import clean, field_label, require_aware, require_cycle_editable, require_hub_editor

__all__ = [
    "cycle_offer_remove",
    "cycle_offer_set",
    "cycle_producer_add",
    "cycle_producer_remove",
    "hub_fee_remove",
    "hub_fee_set",
    "order_cycle_cancel",
    "order_cycle_clone",
    "order_cycle_create",
    "order_cycle_publish",
    "order_cycle_series_create",
    "order_cycle_series_generate",
    "order_cycle_series_stop",
    "order_cycle_update",
    "publish_problem",
    "shift_local",
    "SERIES_HORIZON",
]

CYCLE_FIELDS = frozenset({"name", "opens_at", "closes_at", "fulfilment_date", "notes", "channels", "delivery_zones"})


def _label(field: str) -> str:
    return field_label(OrderCycle, field)


def _validate_times(*, opens_at: datetime, closes_at: datetime, fulfilment_date: date) -> None:
    require_aware(opens_at, field="opens_at", label=_label("opens_at"))
    require_aware(closes_at, field="closes_at", label=_label("closes_at"))
    if closes_at <= opens_at:
        raise ApplicationError(_("The cycle must close after it opens."), extra={"field": "closes_at"})
    closing_day = timezone.localdate(closes_at)
    if fulfilment_date < closing_day:
        raise ApplicationError(
            _("The pickup or delivery day (%(day)s) comes before the cycle closes (%(closes)s).")
            % {"day": fulfilment_date.isoformat(), "closes": closing_day.isoformat()},
            extra={"field": "fulfilment_date"},
        )


def _channels(hub: Organisation, channels: Iterable[ChannelTerms]) -> list[ChannelTerms]:
    chosen = list(channels)
    if not chosen:
        raise ApplicationError(_("Choose at least one channel to sell on."), extra={"field": "channels"})
    for terms in chosen:
        if terms.hub_id != hub.pk:
            raise ApplicationError(_("A channel of another hub was chosen."), extra={"field": "channels"})
        if not terms.is_active:
            raise ApplicationError(
                _("The channel %(channel)s is not active.") % {"channel": terms.get_kind_display()},
                extra={"field": "channels"},
            )
    return chosen


def _zones(hub: Organisation, zones: Iterable[DeliveryZone]) -> list[DeliveryZone]:
    chosen = list(zones)
    for zone in chosen:
        if zone.hub_id != hub.pk:
            raise ApplicationError(_("A delivery zone of another hub was chosen."), extra={"field": "delivery_zones"})
        if not zone.is_active:
            raise ApplicationError(
                _("The delivery zone %(name)s is not active.") % {"name": zone.name}, extra={"field": "delivery_zones"}
            )
    return chosen


@transaction.atomic
def order_cycle_create(
    *,
    actor: Actor,
    hub: Organisation,
    name: str,
    opens_at: datetime,
    closes_at: datetime,
    fulfilment_date: date,
    channels: Iterable[ChannelTerms],
    delivery_zones: Iterable[DeliveryZone] = (),
    notes: str = "",
) -> OrderCycle:
    """A draft cycle of a hub: when it opens and closes, the fulfilment day, the channels and delivery zones."""
    shop_changed()
    require_hub_editor(actor=actor, hub_id=hub.pk)
    require_seller(hub)
    _validate_times(opens_at=opens_at, closes_at=closes_at, fulfilment_date=fulfilment_date)
    chosen_channels = _channels(hub, channels)
    chosen_zones = _zones(hub, delivery_zones)
    cycle = OrderCycle(
        hub=hub,
        name=name.strip(),
        status=CycleStatus.DRAFT,
        opens_at=opens_at,
        closes_at=closes_at,
        fulfilment_date=fulfilment_date,
        notes=notes.strip(),
    )
    clean(cycle)
    cycle.save()
    cycle.channels.set(chosen_channels)
    cycle.delivery_zones.set(chosen_zones)
    return cycle


@transaction.atomic
def order_cycle_update(*, actor: Actor, cycle: OrderCycle, **fields: Any) -> OrderCycle:
    """Change a draft or published cycle's name, times, fulfilment day, notes, channels or delivery zones.

    Once orders are placed, their fulfilment day no longer moves.
    """
    shop_changed()
    cycle = OrderCycle.objects.select_for_update().select_related("hub").get(pk=cycle.pk)
    require_hub_editor(actor=actor, hub_id=cycle.hub_id)
    require_cycle_editable(cycle)
    reject_unknown_fields(fields, CYCLE_FIELDS)
    fulfilment_date = fields.get("fulfilment_date", cycle.fulfilment_date)
    if fulfilment_date != cycle.fulfilment_date and live_orders(cycle):
        raise ApplicationError(
            _("Orders have been placed for %(day)s: the pickup or delivery day can no longer change.")
            % {"day": cycle.fulfilment_date.isoformat()},
            extra={"field": "fulfilment_date"},
        )
    opens_at = fields.get("opens_at", cycle.opens_at)
    closes_at = fields.get("closes_at", cycle.closes_at)
    _validate_times(opens_at=opens_at, closes_at=closes_at, fulfilment_date=fulfilment_date)
    channels = _channels(cycle.hub, fields["channels"]) if "channels" in fields else None
    zones = _zones(cycle.hub, fields["delivery_zones"]) if "delivery_zones" in fields else None
    cycle.opens_at, cycle.closes_at, cycle.fulfilment_date = opens_at, closes_at, fulfilment_date
    if "name" in fields:
        cycle.name = str(fields["name"]).strip()
    if "notes" in fields:
        cycle.notes = str(fields["notes"]).strip()
    clean(cycle)
    cycle.save()
    if channels is not None:
        cycle.channels.set(channels)
    if zones is not None:
        cycle.delivery_zones.set(zones)
    return cycle


@transaction.atomic
def order_cycle_publish(*, actor: Actor, cycle: OrderCycle) -> OrderCycle:
    """Publish a draft: it shows in the shop and takes orders between its opening and closing times."""
    shop_changed()
    cycle = OrderCycle.objects.select_for_update().get(pk=cycle.pk)
    require_hub_editor(actor=actor, hub_id=cycle.hub_id)
    if cycle.status != CycleStatus.DRAFT:
        raise ApplicationError(
            _("Only a draft can be published; this cycle is %(status)s.")
            % {"status": cycle.get_status_display().lower()},
            extra={"field": "status"},
        )
    problem = publish_problem(cycle)
    if problem:
        raise ApplicationError(problem, extra={"field": "status"})
    cycle.status = CycleStatus.PUBLISHED
    cycle.save(update_fields=["status", "updated_at"])
    order_cycle_opened.send(sender=OrderCycle, cycle_id=cycle.pk)
    return cycle


@transaction.atomic
def order_cycle_cancel(*, actor: Actor, cycle: OrderCycle) -> OrderCycle:
    """Cancel a draft or published cycle in which no order is (still) placed."""
    shop_changed()
    cycle = OrderCycle.objects.select_for_update().get(pk=cycle.pk)
    require_hub_editor(actor=actor, hub_id=cycle.hub_id)
    require_cycle_editable(cycle)
    orders = live_orders(cycle)
    if orders:
        raise ApplicationError(
            _("%(count)s orders are placed in this cycle: cancel them first.") % {"count": orders},
            extra={"field": "status", "orders": orders},
        )
    cycle.status = CycleStatus.CANCELLED
    cycle.save(update_fields=["status", "updated_at"])
    return cycle
