"""Writes on the outgoing side of a hub: pickup points, home delivery zones, and the pickup slots of a cycle."""

import re
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from streek.accounts.selectors import Actor
from streek.catalog.models import Organisation
from streek.core.exceptions import ApplicationError

from ..models import DeliveryZone, OrderCycle, PickupPoint, PickupSlot
from ..zones import postal_codes_normalise
from .channels import reject_unknown_fields, to_decimal
from .roles import clean, field_label, require_aware, require_cycle_editable, require_hub_editor

PICKUP_POINT_FIELDS = frozenset(
    {
        "name",
        "sales_point",
        "street",
        "postal_code",
        "locality",
        "municipality",
        "lat",
        "lon",
        "is_cooled",
        "instructions",
        "is_active",
    }
)
ZONE_FIELDS = frozenset(
    {
        "name",
        "postal_codes",
        "center_lat",
        "center_lon",
        "radius_km",
        "fee",
        "minimum_order",
        "delivery_from",
        "delivery_until",
        "is_active",
    }
)
# Belgian (4 digits) and Dutch (4 digits and 2 letters, or the 4 digits of an area) postal codes.
POSTAL_CODE = re.compile(r"^[0-9]{4}([A-Z]{2})?$")


def _position(lat: Any, lon: Any, *, field: str) -> tuple[float, float] | None:
    """The position as floats, or None; refused when half given, not numbers or not on Earth."""
    if (lat is None) != (lon is None):
        raise ApplicationError(_("Give both latitude and longitude, or neither."), extra={"field": field})
    if lat is None:
        return None
    try:
        position = (float(lat), float(lon))
    except (TypeError, ValueError):
        raise ApplicationError(_("Latitude and longitude are numbers."), extra={"field": field}) from None
    if not (-90 <= position[0] <= 90 and -180 <= position[1] <= 180):
        raise ApplicationError(_("This position is not on Earth."), extra={"field": field})
    return position


@transaction.atomic
def pickup_point_save(
    *, actor: Actor, hub: Organisation, pickup_point: PickupPoint | None = None, **fields: Any
) -> PickupPoint:
    """Create a hub's pickup point or change it. A linked sales point lends its address and position when not given."""
    require_hub_editor(actor=actor, hub_id=hub.pk)
    reject_unknown_fields(fields, PICKUP_POINT_FIELDS)
    if pickup_point is not None and pickup_point.hub_id != hub.pk:
        raise ApplicationError(_("This pickup point belongs to another hub."), extra={"field": "pickup_point"})
    point = PickupPoint.objects.select_for_update().get(pk=pickup_point.pk) if pickup_point else PickupPoint(hub=hub)
    for name, value in fields.items():
        setattr(point, name, value.strip() if isinstance(value, str) else value)
    sales_point = fields.get("sales_point")
    if sales_point is not None:
        for name in ("street", "postal_code", "locality", "municipality", "lat", "lon"):
            if name not in fields and not getattr(point, name):
                setattr(point, name, getattr(sales_point, name))
    position = _position(point.lat, point.lon, field="lat")
    point.lat, point.lon = position if position else (None, None)
    clean(point)
    point.save()
    return point


def _postal_codes(values: Any) -> list[str]:
    if isinstance(values, str):
        values = values.replace(";", ",").split(",")
    codes = postal_codes_normalise(values)
    wrong = [code for code in codes if not POSTAL_CODE.match(code)]
    if wrong:
        raise ApplicationError(
            _("Not a postal code: %(codes)s.") % {"codes": ", ".join(wrong)}, extra={"field": "postal_codes"}
        )
    return codes


@transaction.atomic
def delivery_zone_save(
    *, actor: Actor, hub: Organisation, zone: DeliveryZone | None = None, **fields: Any
) -> DeliveryZone:
    """Create a hub's delivery zone or change it: postal codes and/or a radius around a centre, a fee, a minimum."""
    require_hub_editor(actor=actor, hub_id=hub.pk)
    reject_unknown_fields(fields, ZONE_FIELDS)
    if zone is not None and zone.hub_id != hub.pk:
        raise ApplicationError(_("This delivery zone belongs to another hub."), extra={"field": "zone"})
    target = DeliveryZone.objects.select_for_update().get(pk=zone.pk) if zone else DeliveryZone(hub=hub)
    for name, value in fields.items():
        setattr(target, name, value.strip() if isinstance(value, str) and name == "name" else value)
    for name in ("fee", "minimum_order", "radius_km"):
        value = getattr(target, name)
        if value is not None:
            label = field_label(DeliveryZone, name)
            setattr(target, name, to_decimal(value, field=name, label=label))
    target.postal_codes = _postal_codes(target.postal_codes or [])
    centre = _position(target.center_lat, target.center_lon, field="center_lat")
    target.center_lat, target.center_lon = centre if centre else (None, None)
    has_centre = centre is not None
    if target.radius_km is not None and not has_centre:
        raise ApplicationError(_("A radius needs a centre."), extra={"field": "center_lat"})
    if has_centre and target.radius_km is None:
        raise ApplicationError(_("Give the radius around the centre."), extra={"field": "radius_km"})
    if target.radius_km is not None and target.radius_km <= 0:
        raise ApplicationError(_("The radius must be more than 0 km."), extra={"field": "radius_km"})
    if not target.postal_codes and target.radius_km is None:
        raise ApplicationError(
            _("A delivery zone needs postal codes or a radius around a centre."), extra={"field": "postal_codes"}
        )
    start, end = target.delivery_from, target.delivery_until
    if start is not None and end is not None and end <= start:
        raise ApplicationError(
            _("Deliveries must end after they start (%(start)s - %(end)s).")
            % {"start": start.strftime("%H:%M"), "end": end.strftime("%H:%M")},
            extra={"field": "delivery_until"},
        )
    clean(target)
    target.save()
    return target


def _slot_times(starts_at: datetime, ends_at: datetime) -> None:
    require_aware(starts_at, field="starts_at", label=field_label(PickupSlot, "starts_at"))
    require_aware(ends_at, field="ends_at", label=field_label(PickupSlot, "ends_at"))
    if ends_at <= starts_at:
        raise ApplicationError(_("A pickup slot must end after it starts."), extra={"field": "ends_at"})


def _capacity(capacity: int, *, booked: int = 0) -> None:
    if capacity < 1:
        raise ApplicationError(_("A pickup slot takes at least 1 order."), extra={"field": "capacity"})
    if capacity < booked:
        raise ApplicationError(
            _("%(booked)s orders are already booked in this slot: the capacity cannot be lower.") % {"booked": booked},
            extra={"field": "capacity"},
        )


@transaction.atomic
def pickup_slot_create(
    *,
    actor: Actor,
    cycle: OrderCycle,
    pickup_point: PickupPoint,
    starts_at: datetime,
    ends_at: datetime,
    capacity: int,
) -> PickupSlot:
    """A time slot at one of the hub's pickup points in a cycle. It may fall on another day than the fulfilment day."""
    require_hub_editor(actor=actor, hub_id=cycle.hub_id)
    require_cycle_editable(cycle)
    if pickup_point.hub_id != cycle.hub_id:
        raise ApplicationError(_("This pickup point belongs to another hub."), extra={"field": "pickup_point"})
    if not pickup_point.is_active:
        raise ApplicationError(
            _("The pickup point %(name)s is not active.") % {"name": pickup_point.name}, extra={"field": "pickup_point"}
        )
    _slot_times(starts_at, ends_at)
    _capacity(capacity)
    slot = PickupSlot(cycle=cycle, pickup_point=pickup_point, starts_at=starts_at, ends_at=ends_at, capacity=capacity)
    clean(slot)
    slot.save()
    return slot


@transaction.atomic
def pickup_slot_update(
    *,
    actor: Actor,
    slot: PickupSlot,
    starts_at: datetime | None = None,
    ends_at: datetime | None = None,
    capacity: int | None = None,
) -> PickupSlot:
    """Move a slot or change its capacity (never below the orders already booked in it)."""
    slot = PickupSlot.objects.select_for_update().select_related("cycle").get(pk=slot.pk)
    require_hub_editor(actor=actor, hub_id=slot.cycle.hub_id)
    require_cycle_editable(slot.cycle)
    slot.starts_at = starts_at or slot.starts_at
    slot.ends_at = ends_at or slot.ends_at
    _slot_times(slot.starts_at, slot.ends_at)
    if capacity is not None:
        _capacity(capacity, booked=slot.booked)
        slot.capacity = capacity
    clean(slot)
    slot.save(update_fields=["starts_at", "ends_at", "capacity", "updated_at"])
    return slot


@transaction.atomic
def pickup_slot_remove(*, actor: Actor, slot: PickupSlot) -> None:
    """Remove a slot in which no order is booked."""
    slot = PickupSlot.objects.select_for_update().select_related("cycle").get(pk=slot.pk)
    require_hub_editor(actor=actor, hub_id=slot.cycle.hub_id)
    if slot.booked or slot.orders.exists():
        raise ApplicationError(
            _("Orders are booked in this slot: lower its capacity or move it instead."), extra={"field": "slot"}
        )
    slot.delete()
