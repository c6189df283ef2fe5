"""The channel's rules for placing an order, and where it goes: shared by the checkout and the standing orders.

`channel_check` refuses when the cycle does not take orders on these terms now; `fulfilment_resolve`
checks a chosen pickup slot or delivery address against the cycle's outgoing exchanges. Refusals are
CheckoutRefused naming the field.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import NoReturn

from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from streek.catalog.models import Organisation
from streek.core.geo import Point
from streek.territory.models import Municipality, PostalCode

from ..choices import BUSINESS_CHANNELS, AdmissionStatus, CycleStatus, FulfilmentMethod
from ..deadlines import order_cutoff
from ..exceptions import CheckoutRefused
from ..models import ChannelAdmission, ChannelTerms, DeliveryZone, OrderCycle, PickupSlot
from ..zones import zone_covers


@dataclass(frozen=True)
class Fulfilment:
    """Where the order goes: a pickup slot, or a delivery zone and address, and the buyer's position."""

    method: str
    slot: PickupSlot | None = None
    zone: DeliveryZone | None = None
    street: str = ""
    postal_code: str = ""
    locality: str = ""
    municipality: Municipality | None = None
    point: Point | None = None


def refuse(message: StrOrPromise, *, offer_id: int | None = None, field: str = "", **extra: object) -> NoReturn:
    raise CheckoutRefused(message, offer_id=offer_id, field=field, extra=dict(extra))


def _when(moment: datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def channel_check(
    *,
    cycle: OrderCycle,
    terms: ChannelTerms,
    buyer_organisation: Organisation | None,
    at: datetime,
    require_open: bool = True,
) -> None:
    """The cycle takes orders on these terms now: published (and open), channel served, admitted, before the cut-off."""
    if cycle.status != CycleStatus.PUBLISHED:
        refuse(_("This order cycle is not open for orders."), field="cycle")
    if require_open and not cycle.opens_at <= at < cycle.closes_at:
        refuse(_("This order cycle is not open for orders."), field="cycle")
    if not terms.is_active or not cycle.channels.filter(pk=terms.pk).exists():
        refuse(
            _("This order cycle does not sell on the channel %(channel)s.") % {"channel": terms.get_kind_display()},
            field="channel",
        )
    if terms.kind in BUSINESS_CHANNELS:
        admitted = (
            buyer_organisation is not None
            and ChannelAdmission.objects.filter(
                terms=terms, buyer=buyer_organisation, status=AdmissionStatus.ADMITTED
            ).exists()
        )
        if not admitted:
            refuse(
                _("Your organisation is not admitted to the channel %(channel)s of %(hub)s.")
                % {"channel": terms.get_kind_display(), "hub": cycle.hub.name},
                field="channel",
            )
    cutoff = order_cutoff(cycle=cycle, terms=terms)
    if at >= cutoff:
        refuse(_("Orders for this cycle closed at %(cutoff)s.") % {"cutoff": _when(cutoff)}, field="cycle")
    if terms.delivery_weekdays and cycle.fulfilment_date.weekday() not in terms.delivery_weekdays:
        refuse(
            _("The channel %(channel)s does not deliver on %(day)s.")
            % {"channel": terms.get_kind_display(), "day": formats.date_format(cycle.fulfilment_date, "l j F")},
            field="cycle",
        )


def postal_code_municipality(*, postal_code: str, country_id: int | None) -> Municipality | None:
    """The municipality of a postal code, in the hub's country first."""
    code = "".join(postal_code.split()).upper()
    rows = PostalCode.objects.filter(code__in={code, postal_code.strip()}).select_related("municipality")
    found = sorted(rows, key=lambda row: (row.country_id != country_id, row.pk))
    return found[0].municipality if found else None


def _municipality_point(municipality: Municipality | None) -> Point | None:
    if municipality is None or municipality.lat is None or municipality.lon is None:
        return None
    return Point(lat=municipality.lat, lon=municipality.lon)


def pickup_fulfilment(*, slot: PickupSlot) -> Fulfilment:
    point = slot.pickup_point
    position = Point(lat=point.lat, lon=point.lon) if point.lat is not None and point.lon is not None else None
    return Fulfilment(
        method=FulfilmentMethod.PICKUP,
        slot=slot,
        municipality=point.municipality,
        point=position or _municipality_point(point.municipality),
    )


def fulfilment_resolve(
    *,
    cycle: OrderCycle,
    method: str,
    pickup_slot_id: int | None = None,
    delivery_zone_id: int | None = None,
    street: str = "",
    postal_code: str = "",
    locality: str = "",
) -> Fulfilment:
    """Check the chosen pickup slot or delivery address against the cycle's outgoing exchanges."""
    if method == FulfilmentMethod.PICKUP:
        slot = None
        if pickup_slot_id is not None:
            slot = (
                PickupSlot.objects.select_related("pickup_point__municipality")
                .filter(pk=pickup_slot_id, cycle=cycle, pickup_point__is_active=True)
                .first()
            )
        if slot is None:
            refuse(_("Choose a pickup time of this order cycle."), field="pickup_slot")
        if slot.booked >= slot.capacity:
            refuse(_("%(slot)s is fully booked: choose another time.") % {"slot": slot}, field="pickup_slot")
        return pickup_fulfilment(slot=slot)
    if method != FulfilmentMethod.DELIVERY:
        refuse(_("Choose pickup or home delivery."), field="fulfilment_method")
    zone = None
    if delivery_zone_id is not None:
        zone = cycle.delivery_zones.filter(pk=delivery_zone_id, is_active=True).first()
    if zone is None:
        refuse(_("Choose a delivery zone of this order cycle."), field="delivery_zone")
    address = {
        "street": (street.strip(), 200),
        "postal_code": (postal_code.strip(), 10),
        "locality": (locality.strip(), 120),
    }
    labels = {"street": _("street and number"), "postal_code": _("postal code"), "locality": _("locality")}
    for name, (value, limit) in address.items():
        if not value:
            refuse(_("Fill in the %(field)s for home delivery.") % {"field": labels[name]}, field=name)
        if len(value) > limit:
            refuse(_("The %(field)s is too long.") % {"field": labels[name]}, field=name)
    municipality = postal_code_municipality(postal_code=postal_code, country_id=cycle.hub.country_id)
    point = _municipality_point(municipality)
    covered = zone_covers(
        zone=zone,
        postal_code=postal_code,
        lat=point.lat if point is not None else None,
        lon=point.lon if point is not None else None,
    )
    if not covered:
        refuse(
            _("%(zone)s does not deliver to %(postal_code)s.")
            % {"zone": zone.name, "postal_code": postal_code.strip()},
            field="postal_code",
        )
    return Fulfilment(
        method=FulfilmentMethod.DELIVERY,
        zone=zone,
        street=street.strip(),
        postal_code=postal_code.strip(),
        locality=locality.strip(),
        municipality=municipality,
        point=point,
    )
