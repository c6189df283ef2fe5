"""Standing orders (business buyers) and subscription boxes (households): the same lines in every matching cycle.

Each repetition is an ordinary Order placed by `standing_orders_generate` with the idempotency key
`standing-<id>-<cycle id>`, so running it twice for a cycle places nothing twice. Lines that are not
offered or no longer in stock are left out and reported; the generated order stays editable by the buyer
until the channel's cut-off like any other.
"""

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from streek.accounts.selectors import Actor
from streek.catalog.models import Organisation
from streek.core.exceptions import PermissionRefused

from ..access import is_editor
from ..choices import CycleStatus, FulfilmentMethod, StandingOrderStatus
from ..exceptions import CheckoutRefused
from ..models import CycleOffer, DeliveryZone, Order, OrderCycle, PickupPoint, PickupSlot, StandingOrder
from ..notifications import order_placed_notify
from ..offer_lines import offer_description
from ..signals import order_placed
from ..standing_schedule import standing_order_falls_on
from .checkout_rules import Fulfilment, channel_check, fulfilment_resolve, pickup_fulfilment, refuse
from .placing import OFFER_RELATED, PlaceItem, order_place
from .roles import clean
from .standing_rules import (
    StandingLineInput,
    require_standing_buyer,
    standing_fulfilment_check,
    standing_lines_check,
    standing_lines_save,
    standing_refusal,
    standing_schedule_check,
    standing_terms_for,
)

__all__ = [
    "StandingGeneration",
    "StandingLineInput",
    "StandingSkip",
    "standing_order_cancel",
    "standing_order_create",
    "standing_order_pause",
    "standing_order_resume",
    "standing_order_update",
    "standing_orders_generate",
]

logger = logging.getLogger(__name__)

EDITABLE_FIELDS = (
    "name",
    "interval_weeks",
    "ends_on",
    "fulfilment_method",
    "pickup_point",
    "delivery_zone",
    "delivery_street",
    "delivery_postal_code",
    "delivery_locality",
    "note",
)


@dataclass(frozen=True)
class StandingSkip:
    """Something a cycle's generation left out: one line (`description`) or, without it, the whole standing order."""

    standing_order_id: int
    reason: str
    description: str = ""
    quantity: int = 0


class StandingGeneration(list[Order]):
    """The orders generated for a cycle, with `skipped`: the lines and standing orders left out, and why."""

    def __init__(self) -> None:
        super().__init__()
        self.skipped: list[StandingSkip] = []


@transaction.atomic
def standing_order_create(
    *,
    actor: Actor,
    hub: Organisation,
    kind: str,
    name: str,
    lines: Sequence[StandingLineInput],
    fulfilment_method: str,
    starts_on: date,
    interval_weeks: int = 1,
    ends_on: date | None = None,
    buyer_organisation: Organisation | None = None,
    pickup_point: PickupPoint | None = None,
    delivery_zone: DeliveryZone | None = None,
    street: str = "",
    postal_code: str = "",
    locality: str = "",
    note: str = "",
) -> StandingOrder:
    """A buyer sets up a standing order (for an admitted organisation) or a subscription box (a household)."""
    if not actor.is_authenticated:
        raise PermissionRefused(str(_("Log in to set up a standing order.")))
    if buyer_organisation is not None and not is_editor(actor=actor, organisation_id=buyer_organisation.pk):
        raise PermissionRefused(str(_("You may only order for an organisation you manage.")))
    terms = standing_terms_for(hub=hub, kind=kind, buyer_organisation=buyer_organisation)
    checked = standing_lines_check(terms=terms, lines=lines)
    standing = StandingOrder(
        kind=kind,
        hub=hub,
        buyer_id=actor.pk,
        buyer_organisation=buyer_organisation,
        terms=terms,
        name=name.strip(),
        interval_weeks=interval_weeks,
        starts_on=starts_on,
        ends_on=ends_on,
        fulfilment_method=fulfilment_method,
        pickup_point=pickup_point,
        delivery_zone=delivery_zone,
        delivery_street=street,
        delivery_postal_code=postal_code,
        delivery_locality=locality,
        note=note.strip(),
    )
    standing_schedule_check(standing)
    standing_fulfilment_check(standing)
    clean(standing)
    standing.save()
    standing_lines_save(standing, checked)
    return standing


@transaction.atomic
def standing_order_update(
    *, actor: Actor, standing_order: StandingOrder, lines: Sequence[StandingLineInput] | None = None, **fields: Any
) -> StandingOrder:
    """Change the lines, schedule, pickup or delivery of a standing order; orders already generated keep theirs."""
    standing = StandingOrder.objects.select_for_update().select_related("terms").get(pk=standing_order.pk)
    require_standing_buyer(actor=actor, standing_order=standing)
    if standing.status == StandingOrderStatus.CANCELLED:
        raise standing_refusal(_("This standing order was cancelled."), field="status")
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise standing_refusal(
            _("These fields cannot be changed: %(fields)s.") % {"fields": ", ".join(sorted(unknown))}
        )
    for name, value in fields.items():
        setattr(standing, name, value.strip() if isinstance(value, str) else value)
    standing_schedule_check(standing)
    standing_fulfilment_check(standing)
    clean(standing)
    standing.save()
    if lines is not None:
        standing_lines_save(standing, standing_lines_check(terms=standing.terms, lines=lines))
    return standing


@transaction.atomic
def standing_order_pause(*, actor: Actor, standing_order: StandingOrder, until: date) -> StandingOrder:
    """Skip the cycles whose fulfilment day falls before `until`."""
    standing = StandingOrder.objects.select_for_update().get(pk=standing_order.pk)
    require_standing_buyer(actor=actor, standing_order=standing)
    if standing.status == StandingOrderStatus.CANCELLED:
        raise standing_refusal(_("This standing order was cancelled."), field="status")
    if until <= timezone.localdate():
        raise standing_refusal(_("Pause until a day in the future."), field="until")
    standing.status = StandingOrderStatus.PAUSED
    standing.paused_until = until
    standing.save(update_fields=["status", "paused_until", "updated_at"])
    return standing


@transaction.atomic
def standing_order_resume(*, actor: Actor, standing_order: StandingOrder) -> StandingOrder:
    standing = StandingOrder.objects.select_for_update().get(pk=standing_order.pk)
    require_standing_buyer(actor=actor, standing_order=standing)
    if standing.status == StandingOrderStatus.CANCELLED:
        raise standing_refusal(_("This standing order was cancelled."), field="status")
    standing.status = StandingOrderStatus.ACTIVE
    standing.paused_until = None
    standing.save(update_fields=["status", "paused_until", "updated_at"])
    return standing


@transaction.atomic
def standing_order_cancel(*, actor: Actor, standing_order: StandingOrder) -> StandingOrder:
    """Stop for good; orders already generated stay (cancel them one by one before the cut-off)."""
    standing = StandingOrder.objects.select_for_update().get(pk=standing_order.pk)
    require_standing_buyer(actor=actor, standing_order=standing)
    if standing.status == StandingOrderStatus.CANCELLED:
        return standing
    standing.status = StandingOrderStatus.CANCELLED
    standing.ends_on = min(standing.ends_on or timezone.localdate(), timezone.localdate())
    if standing.ends_on < standing.starts_on:
        standing.ends_on = standing.starts_on
    standing.save(update_fields=["status", "ends_on", "updated_at"])
    return standing


def standing_key(*, standing_order_id: int, cycle_id: int) -> str:
    return f"standing-{standing_order_id}-{cycle_id}"


def _standing_fulfilment(standing: StandingOrder, cycle: OrderCycle) -> Fulfilment:
    if standing.fulfilment_method == FulfilmentMethod.PICKUP:
        slot = (
            PickupSlot.objects.select_related("pickup_point__municipality")
            .filter(cycle=cycle, pickup_point_id=standing.pickup_point_id, booked__lt=F("capacity"))
            .order_by("starts_at", "pk")
            .first()
        )
        if slot is None:
            refuse(
                _("No pickup time with room at %(point)s in this cycle.") % {"point": standing.pickup_point},
                field="pickup_slot",
            )
        return pickup_fulfilment(slot=slot)
    return fulfilment_resolve(
        cycle=cycle,
        method=FulfilmentMethod.DELIVERY,
        delivery_zone_id=standing.delivery_zone_id,
        street=standing.delivery_street,
        postal_code=standing.delivery_postal_code,
        locality=standing.delivery_locality,
    )


def _generate_one(
    *, standing: StandingOrder, cycle: OrderCycle, offers: dict[int, CycleOffer], result: StandingGeneration
) -> None:
    key = standing_key(standing_order_id=standing.pk, cycle_id=cycle.pk)
    not_offered: list[StandingSkip] = []
    items = []
    for line in standing.lines.all():
        offer = offers.get(line.variant_id)
        if offer is None:
            not_offered.append(
                StandingSkip(
                    standing_order_id=standing.pk,
                    reason=str(_("not offered in this cycle")),
                    description=offer_description(variant=line.variant, product=line.variant.product),
                    quantity=line.quantity,
                )
            )
            continue
        items.append(PlaceItem(offer=offer, quantity=line.quantity, preparation=line.preparation))
    try:
        with transaction.atomic():
            channel_check(
                cycle=cycle,
                terms=standing.terms,
                buyer_organisation=standing.buyer_organisation,
                at=timezone.now(),
                require_open=False,
            )
            if not items:
                refuse(_("None of the lines is offered in this cycle."), field="lines")
            placement = order_place(
                cycle=cycle,
                terms=standing.terms,
                buyer=standing.buyer,
                buyer_organisation=standing.buyer_organisation,
                items=items,
                fulfilment=_standing_fulfilment(standing, cycle),
                idempotency_key=key,
                note=standing.note,
                standing_order=standing,
                skip_unavailable=True,
            )
            order_id = placement.order.pk
            order_placed.send(sender=Order, order_id=order_id)
            transaction.on_commit(lambda: order_placed_notify(order_id=order_id))
    except CheckoutRefused as refused:
        result.skipped.append(StandingSkip(standing_order_id=standing.pk, reason=refused.message))
        logger.info("standing order %s not placed in cycle %s: %s", standing.pk, cycle.pk, refused.message)
        return
    except IntegrityError:
        # Generated at the same moment by another run: that order counts.
        existing = Order.objects.filter(buyer_id=standing.buyer_id, idempotency_key=key).first()
        if existing is None:
            raise
        result.append(existing)
        return
    result.append(placement.order)
    result.skipped.extend(not_offered)
    result.skipped.extend(
        StandingSkip(
            standing_order_id=standing.pk, reason=skip.reason, description=skip.description, quantity=skip.quantity
        )
        for skip in placement.skipped
    )


def standing_orders_generate(*, cycle: OrderCycle) -> StandingGeneration:
    """Place this cycle's order of every standing order of the hub that falls on it (once; see the module)."""
    result = StandingGeneration()
    cycle = OrderCycle.objects.select_related("hub").get(pk=cycle.pk)
    if cycle.status != CycleStatus.PUBLISHED:
        return result
    day = cycle.fulfilment_date
    candidates = [
        standing
        for standing in StandingOrder.objects.filter(
            hub=cycle.hub,
            status__in=[StandingOrderStatus.ACTIVE, StandingOrderStatus.PAUSED],
            terms__in=cycle.channels.all(),
            starts_on__lte=day,
        )
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=day))
        .exclude(orders__cycle=cycle)
        .select_related("buyer", "buyer_organisation", "terms", "pickup_point")
        .prefetch_related("lines__variant__product")
        .order_by("pk")
        if standing_order_falls_on(standing_order=standing, fulfilment_date=day)
    ]
    variant_ids = {line.variant_id for standing in candidates for line in standing.lines.all()}
    offers = {
        offer.variant_id: offer
        for offer in CycleOffer.objects.filter(cycle=cycle, variant_id__in=variant_ids).select_related(*OFFER_RELATED)
    }
    for standing in candidates:
        _generate_one(standing=standing, cycle=cycle, offers=offers, result=result)
    return result
