"""The checks of a standing order or subscription box: who may buy on which terms, its lines, pickup or delivery, schedule."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from streek.accounts.selectors import Actor
from streek.catalog.models import Organisation, Variant
from streek.core.exceptions import PermissionRefused

from ..access import is_editor
from ..choices import BUSINESS_CHANNELS, AdmissionStatus, ChannelKind, FulfilmentMethod, Preparation, StandingOrderKind
from ..exceptions import StandingOrderRefused
from ..models import ChannelAdmission, ChannelTerms, StandingOrder, StandingOrderLine
from ..offer_lines import offer_description, quantity_problem, variant_terms_for
from ..zones import zone_covers
from .checkout_rules import postal_code_municipality

MAX_INTERVAL_WEEKS = 52


@dataclass(frozen=True)
class StandingLineInput:
    """One line of a standing order as the buyer enters it."""

    variant_id: int
    quantity: int
    preparation: str = ""


def standing_refusal(message: Any, *, field: str = "") -> StandingOrderRefused:
    return StandingOrderRefused(message, field=field)


def require_standing_buyer(*, actor: Actor, standing_order: StandingOrder) -> None:
    buyer = actor.is_authenticated and standing_order.buyer_id == actor.pk
    if not (buyer or is_editor(actor=actor, organisation_id=standing_order.buyer_organisation_id)):
        raise PermissionRefused(str(_("Only the buyer may change this standing order.")))


def standing_terms_for(*, hub: Organisation, kind: str, buyer_organisation: Organisation | None) -> ChannelTerms:
    if kind == StandingOrderKind.SUBSCRIPTION:
        if buyer_organisation is not None:
            raise standing_refusal(
                _("A subscription box is for a household, not an organisation."), field="buyer_organisation"
            )
        terms = ChannelTerms.objects.filter(hub=hub, kind=ChannelKind.CONSUMER, is_active=True).first()
        if terms is None:
            raise standing_refusal(_("%(hub)s does not sell to households.") % {"hub": hub.name}, field="kind")
        return terms
    if kind != StandingOrderKind.STANDING:
        raise standing_refusal(_("Choose a standing order or a subscription box."), field="kind")
    if buyer_organisation is None:
        raise standing_refusal(_("A standing order is placed for an organisation."), field="buyer_organisation")
    admission = (
        ChannelAdmission.objects.filter(
            terms__hub=hub,
            terms__is_active=True,
            terms__kind__in=BUSINESS_CHANNELS,
            buyer=buyer_organisation,
            status=AdmissionStatus.ADMITTED,
        )
        .select_related("terms")
        .order_by("terms__kind", "pk")
        .first()
    )
    if admission is None:
        raise standing_refusal(
            _("%(buyer)s is not admitted to a business channel of %(hub)s.")
            % {"buyer": buyer_organisation.name, "hub": hub.name},
            field="buyer_organisation",
        )
    return admission.terms


def standing_lines_check(*, terms: ChannelTerms, lines: Sequence[StandingLineInput]) -> list[StandingLineInput]:
    if not lines:
        raise standing_refusal(_("Add at least one line."), field="lines")
    variant_ids = [line.variant_id for line in lines]
    if len(set(variant_ids)) != len(variant_ids):
        raise standing_refusal(_("Each product may appear only once."), field="lines")
    variants = Variant.objects.select_related("product").in_bulk(variant_ids)
    variant_terms = variant_terms_for(terms=terms, variant_ids=variant_ids)
    for line in lines:
        variant = variants.get(line.variant_id)
        if variant is None or not variant.is_active or not variant.product.is_active:
            raise standing_refusal(_("One of the products is no longer sold."), field="lines")
        description = offer_description(variant=variant, product=variant.product)
        if line.quantity < 1:
            raise standing_refusal(
                _("%(line)s: the quantity must be at least 1.") % {"line": description}, field="lines"
            )
        problem = quantity_problem(
            description=description, quantity=line.quantity, variant_term=variant_terms.get(line.variant_id)
        )
        if problem is not None:
            raise standing_refusal(problem, field="lines")
        if line.preparation and (
            line.preparation not in Preparation.values or line.preparation not in terms.preparations
        ):
            raise standing_refusal(
                _("%(line)s: this preparation is not offered on this channel.") % {"line": description},
                field="lines",
            )
    return list(lines)


def standing_fulfilment_check(standing: StandingOrder) -> None:
    if standing.fulfilment_method == FulfilmentMethod.PICKUP:
        point = standing.pickup_point
        if point is None or point.hub_id != standing.hub_id or not point.is_active:
            raise standing_refusal(_("Choose a pickup point of this hub."), field="pickup_point")
        standing.delivery_zone = None
        return
    if standing.fulfilment_method != FulfilmentMethod.DELIVERY:
        raise standing_refusal(_("Choose pickup or home delivery."), field="fulfilment_method")
    zone = standing.delivery_zone
    if zone is None or zone.hub_id != standing.hub_id or not zone.is_active:
        raise standing_refusal(_("Choose a delivery zone of this hub."), field="delivery_zone")
    standing.pickup_point = None
    for name in ("delivery_street", "delivery_postal_code", "delivery_locality"):
        setattr(standing, name, str(getattr(standing, name)).strip())
        if not getattr(standing, name):
            raise standing_refusal(_("Fill in the delivery address."), field=name)
    municipality = postal_code_municipality(postal_code=standing.delivery_postal_code, country_id=None)
    covered = zone_covers(
        zone=zone,
        postal_code=standing.delivery_postal_code,
        lat=municipality.lat if municipality is not None else None,
        lon=municipality.lon if municipality is not None else None,
    )
    if not covered:
        raise standing_refusal(
            _("%(zone)s does not deliver to %(postal_code)s.")
            % {"zone": zone.name, "postal_code": standing.delivery_postal_code},
            field="delivery_postal_code",
        )


def standing_schedule_check(standing: StandingOrder) -> None:
    if not 1 <= standing.interval_weeks <= MAX_INTERVAL_WEEKS:
        raise standing_refusal(_("Repeat every 1 to 52 weeks."), field="interval_weeks")
    if standing.ends_on is not None and standing.ends_on < standing.starts_on:
        raise standing_refusal(_("The end date lies before the start date."), field="ends_on")


def standing_lines_save(standing: StandingOrder, lines: list[StandingLineInput]) -> None:
    StandingOrderLine.objects.filter(standing_order=standing).delete()
    StandingOrderLine.objects.bulk_create(
        StandingOrderLine(
            standing_order=standing, variant_id=line.variant_id, quantity=line.quantity, preparation=line.preparation
        )
        for line in lines
    )
