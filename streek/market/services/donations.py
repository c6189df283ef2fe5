"""Writes on donations of surplus to food banks and on waste records: facts for the monitor (K13).

A claim takes part of a surplus offer's quantity with one conditional UPDATE (`quantity_claimed + q <=
quantity`), so two food banks claiming at once can never take more than there is.
"""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from streek.accounts.models import User
from streek.catalog.choices import OrganisationKind
from streek.catalog.models import Concept, Organisation

from ..board_cache import board_changed
from ..choices import DonationStatus, Handover, PostStatus, WasteReason
from ..exceptions import InvalidTransition, NotEnoughLeft, WrongOrganisationKind
from ..matching.engine import OFFER, clear_new_matches
from ..models import Donation, Offer, WasteRecord
from ..quantities import to_kilograms
from ..signals import donation_received, waste_recorded
from .posts import UNIT_PATH_PREFIX


def _positive(quantity: Decimal, field: str) -> Decimal:
    quantity = Decimal(quantity)
    if quantity <= 0:
        raise ValidationError({field: _("Give a quantity above zero.")})
    return quantity.quantize(Decimal("0.001"))


@transaction.atomic
def donation_claim(
    *,
    offer: Offer,
    food_bank: Organisation,
    actor: User,
    quantity: Decimal,
    handover: str = Handover.PICKUP,
    note: str = "",
) -> Donation:
    """A food bank claims (part of) a surplus offer open to donation."""
    board_changed()
    if food_bank.kind != OrganisationKind.FOOD_BANK:
        raise WrongOrganisationKind(_("Only food banks and social groceries can claim donations."))
    if food_bank.pk == offer.organisation_id:
        raise WrongOrganisationKind(_("An organisation cannot claim its own offer."))
    if handover not in Handover.values:
        raise ValidationError({"handover": _("Choose pickup or delivery.")})
    quantity = _positive(quantity, "quantity")
    claimed = Offer.objects.filter(
        pk=offer.pk,
        status=PostStatus.ACTIVE,
        donation_allowed=True,
        quantity_claimed__lte=F("quantity") - quantity,
    ).update(quantity_claimed=F("quantity_claimed") + quantity, updated_at=timezone.now())
    if not claimed:
        current = Offer.objects.filter(pk=offer.pk).values("status", "donation_allowed", "quantity", "quantity_claimed")
        row = current.first()
        if row is None or row["status"] != PostStatus.ACTIVE or not row["donation_allowed"]:
            raise InvalidTransition(_("This offer is not open to donation."))
        left = row["quantity"] - row["quantity_claimed"]
        raise NotEnoughLeft(
            _("Only %(left)s %(unit)s left to claim.") % {"left": f"{left.normalize():f}", "unit": offer.unit.label},
            extra={"left": str(left)},
        )
    offer.refresh_from_db(fields=["quantity_claimed", "updated_at"])
    donation = Donation(
        offer=offer,
        donor_id=offer.organisation_id,
        food_bank=food_bank,
        quantity=quantity,
        unit_id=offer.unit_id,
        handover=handover,
        note=note,
        claimed_by=actor,
    )
    donation.full_clean()
    donation.save()
    return donation


def _release(donation: Donation, quantity: Decimal) -> None:
    if quantity > 0:
        Offer.objects.filter(pk=donation.offer_id).update(
            quantity_claimed=F("quantity_claimed") - quantity, updated_at=timezone.now()
        )


@transaction.atomic
def donation_confirm_receipt(*, donation: Donation, actor: User, received_quantity: Decimal | None = None) -> Donation:
    """The food bank confirms what it received (all that was claimed unless said otherwise); what was not
    received goes back to the offer. Records the kg (when the unit is a mass) for the monitor."""
    board_changed()
    donation = Donation.objects.select_for_update().select_related("unit").get(pk=donation.pk)
    if donation.status != DonationStatus.CLAIMED:
        raise InvalidTransition(_("Only a claimed donation can be confirmed."))
    received = donation.quantity if received_quantity is None else Decimal(received_quantity).quantize(Decimal("0.001"))
    if received < 0 or received > donation.quantity:
        raise ValidationError(
            {"received_quantity": _("Between 0 and the %(quantity)s claimed.") % {"quantity": donation.quantity}}
        )
    donation.status = DonationStatus.RECEIVED
    donation.received_at = timezone.now()
    donation.received_by = actor
    donation.received_quantity = received
    donation.received_kg = to_kilograms(received, donation.unit.key)
    donation.full_clean()
    donation.save()
    _release(donation, donation.quantity - received)
    donation_received.send(sender=Donation, donation_id=donation.pk)
    return donation


@transaction.atomic
def donation_cancel(*, donation: Donation, actor: User) -> Donation:
    """Either party cancels a claim before receipt; the quantity goes back to the offer."""
    board_changed()
    donation = Donation.objects.select_for_update().get(pk=donation.pk)
    if donation.status != DonationStatus.CLAIMED:
        raise InvalidTransition(_("Only a claimed donation can be cancelled."))
    donation.status = DonationStatus.CANCELLED
    donation.cancelled_at = timezone.now()
    donation.cancelled_by = actor
    donation.save(update_fields=["status", "cancelled_at", "cancelled_by", "updated_at"])
    _release(donation, donation.quantity)
    return donation


@transaction.atomic
def waste_record_create(
    *,
    organisation: Organisation,
    actor: User | None,
    quantity: Decimal,
    unit: str,
    reason: str = WasteReason.UNSOLD,
    recorded_on: date | None = None,
    product_type: str | None = None,
    description: str = "",
    offer: Offer | None = None,
) -> WasteRecord:
    """Log food that was thrown away (`unit` and `product_type` are concept keys)."""
    unit_concept = Concept.objects.filter(scheme="measure", key=unit, path__startswith=UNIT_PATH_PREFIX).first()
    if unit_concept is None:
        raise ValidationError({"unit": _("Unknown value '%(key)s'.") % {"key": unit}})
    type_concept = None
    if product_type:
        type_concept = Concept.objects.filter(scheme="product_type", key=product_type).first()
        if type_concept is None:
            raise ValidationError({"product_type": _("Unknown value '%(key)s'.") % {"key": product_type}})
    quantity = _positive(quantity, "quantity")
    record = WasteRecord(
        organisation=organisation,
        offer=offer,
        product_type=type_concept,
        description=description,
        quantity=quantity,
        unit=unit_concept,
        quantity_kg=to_kilograms(quantity, unit_concept.key),
        reason=reason,
        recorded_on=recorded_on or timezone.localdate(),
        recorded_by=actor,
    )
    record.full_clean()
    record.save()
    waste_recorded.send(sender=WasteRecord, waste_record_id=record.pk)
    return record


@transaction.atomic
def offer_log_waste(
    *, offer: Offer, actor: User | None, quantity: Decimal | None = None, reason: str = WasteReason.UNSOLD
) -> WasteRecord:
    """The unclaimed rest of a surplus offer was thrown away: log it and take the offer off the board."""
    board_changed()
    offer = Offer.objects.select_for_update().select_related("unit", "product_type").get(pk=offer.pk)
    quantity = offer.quantity_available if quantity is None else Decimal(quantity)
    record = waste_record_create(
        organisation=offer.organisation,
        actor=actor,
        quantity=quantity,
        unit=offer.unit.key,
        reason=reason,
        product_type=offer.product_type.key,
        description=offer.title,
        offer=offer,
    )
    if offer.status == PostStatus.ACTIVE:
        offer.status = PostStatus.WITHDRAWN
        offer.save(update_fields=["status", "updated_at"])
        clear_new_matches(kind=OFFER, post_ids=[offer.pk])
    return record
