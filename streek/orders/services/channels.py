"""Writes on a hub's channels: the terms per channel, the price list, admissions of business buyers, crates.

Every function checks that the actor edits the hub (or, to ask for admission, the buyer) and raises an
ApplicationError naming the field when a value is refused; nothing is written then.
"""

from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from streek.accounts.models import User
from streek.accounts.selectors import Actor
from streek.catalog.choices import OrganisationKind
from streek.catalog.models import Organisation, Variant
from streek.core.exceptions import ApplicationError

from ..choices import BUSINESS_CHANNELS, AdmissionStatus, ChannelKind, Preparation
from ..models import ChannelAdmission, ChannelTerms, ChannelVariantTerm, ReturnableCrate
from ..shop_cache import shop_changed
from .roles import clean, field_label, require_editor, require_hub_editor

# The fields channel_terms_save accepts besides hub and kind.
TERMS_FIELDS = frozenset(
    {
        "price_rule",
        "markup_percent",
        "minimum_order_value",
        "delivery_weekdays",
        "cutoff_days_before",
        "cutoff_time",
        "preparations",
        "payment_terms",
        "is_active",
    }
)
# Organisations that may sell through order cycles: hubs, and producers or processors selling alone.
SELLER_KINDS = frozenset({OrganisationKind.HUB, OrganisationKind.PRODUCER, OrganisationKind.PROCESSOR})


def reject_unknown_fields(fields: dict[str, Any], allowed: frozenset[str]) -> None:
    unknown = sorted(set(fields) - allowed)
    if unknown:
        raise ApplicationError(
            _("Unknown fields: %(names)s.") % {"names": ", ".join(unknown)}, extra={"fields": unknown}
        )


def to_decimal(value: Any, *, field: str, label: Any) -> Decimal:
    """A Decimal from a Decimal, int or numeric string; floats are refused (money is never a float)."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, (int, str)) and not isinstance(value, bool):
        try:
            return Decimal(str(value).strip().replace(",", "."))
        except InvalidOperation:
            pass
    raise ApplicationError(_("%(field)s: enter a number.") % {"field": label}, extra={"field": field})


def require_seller(hub: Organisation) -> None:
    if hub.kind not in SELLER_KINDS:
        raise ApplicationError(
            _("%(name)s cannot sell through order cycles: only hubs, producers and processors can.")
            % {"name": hub.name},
            extra={"field": "hub"},
        )


def _weekdays(values: Any) -> list[int]:
    message = _("Delivery days are weekdays from 0 (Monday) to 6 (Sunday).")
    if not isinstance(values, (list, tuple, set, frozenset)):
        raise ApplicationError(message, extra={"field": "delivery_weekdays"})
    days = set()
    for value in values:
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 6:
            raise ApplicationError(message, extra={"field": "delivery_weekdays"})
        days.add(value)
    return sorted(days)


def _preparations(values: Any) -> list[str]:
    if not isinstance(values, (list, tuple, set, frozenset)):
        values = [values]
    unknown = sorted(str(value) for value in values if value not in Preparation.values)
    if unknown:
        raise ApplicationError(
            _("Unknown preparations: %(names)s.") % {"names": ", ".join(unknown)}, extra={"field": "preparations"}
        )
    return [value for value in Preparation.values if value in set(values)]


@transaction.atomic
def channel_terms_save(*, actor: Actor, hub: Organisation, kind: str, **fields: Any) -> ChannelTerms:
    """Create or change the terms a hub sells on for one channel (one set of terms per channel)."""
    shop_changed()
    require_hub_editor(actor=actor, hub_id=hub.pk)
    reject_unknown_fields(fields, TERMS_FIELDS)
    if kind not in ChannelKind.values:
        raise ApplicationError(_("Unknown channel '%(kind)s'.") % {"kind": kind}, extra={"field": "kind"})
    require_seller(hub)
    terms = ChannelTerms.objects.select_for_update().filter(hub=hub, kind=kind).first()
    if terms is None:
        terms = ChannelTerms(hub=hub, kind=kind)
    for name, value in fields.items():
        setattr(terms, name, value)
    for name in ("markup_percent", "minimum_order_value"):
        if name in fields:
            label = field_label(ChannelTerms, name)
            setattr(terms, name, to_decimal(fields[name], field=name, label=label))
    terms.delivery_weekdays = _weekdays(terms.delivery_weekdays)
    terms.preparations = _preparations(terms.preparations)
    clean(terms)
    terms.save()
    return terms


@transaction.atomic
def channel_price_set(
    *,
    actor: Actor,
    terms: ChannelTerms,
    variant: Variant,
    price: Decimal | None,
    case_size: int = 1,
    minimum_quantity: int = 1,
    crate: ReturnableCrate | None = None,
    units_per_crate: int | None = None,
) -> ChannelVariantTerm:
    """Set one row of a channel's price list: the price (None: the channel's rule), case size, minimum, crate.

    The minimum quantity is 1 (one case) or a whole number of cases.
    """
    shop_changed()
    require_hub_editor(actor=actor, hub_id=terms.hub_id)
    if price is not None:
        price = to_decimal(price, field="price", label=field_label(ChannelVariantTerm, "price"))
    if case_size < 1:
        raise ApplicationError(_("The case size is at least 1 item."), extra={"field": "case_size"})
    if minimum_quantity < 1:
        raise ApplicationError(_("The minimum quantity is at least 1 item."), extra={"field": "minimum_quantity"})
    if minimum_quantity > 1 and minimum_quantity % case_size:
        raise ApplicationError(
            _("The minimum quantity (%(minimum)s) must be a whole number of cases of %(case_size)s.")
            % {"minimum": minimum_quantity, "case_size": case_size},
            extra={"field": "minimum_quantity"},
        )
    if crate is not None and crate.hub_id != terms.hub_id:
        raise ApplicationError(_("This crate belongs to another hub."), extra={"field": "crate"})
    if crate is None and units_per_crate is not None:
        raise ApplicationError(_("Choose the crate the items go in."), extra={"field": "crate"})
    if crate is not None and (units_per_crate is None or units_per_crate < 1):
        raise ApplicationError(_("How many items go in one crate?"), extra={"field": "units_per_crate"})
    row = ChannelVariantTerm.objects.select_for_update().filter(terms=terms, variant=variant).first()
    if row is None:
        row = ChannelVariantTerm(terms=terms, variant=variant)
    row.price = price
    row.case_size = case_size
    row.minimum_quantity = minimum_quantity
    row.crate = crate
    row.units_per_crate = units_per_crate
    clean(row)
    row.save()
    return row


@transaction.atomic
def channel_price_remove(*, actor: Actor, variant_term: ChannelVariantTerm) -> None:
    """Take a variant off a channel's price list: the channel's rule applies to it again."""
    shop_changed()
    require_hub_editor(actor=actor, hub_id=variant_term.terms.hub_id)
    variant_term.delete()


@transaction.atomic
def channel_admission_request(*, actor: Actor, terms: ChannelTerms, buyer: Organisation) -> ChannelAdmission:
    """A buyer organisation asks a hub to buy on one of its business channels (again, after a refusal).

    Asking while a request is open or after admission changes nothing and returns the admission.
    """
    require_editor(
        actor=actor,
        organisation_id=buyer.pk,
        message=_("Only the owners and managers of %(name)s may ask to buy for it.") % {"name": buyer.name},
    )
    if terms.kind not in BUSINESS_CHANNELS:
        raise ApplicationError(_("Consumers buy without admission."), extra={"field": "terms"})
    if not terms.is_active:
        raise ApplicationError(_("This channel takes no new buyers."), extra={"field": "terms"})
    if buyer.pk == terms.hub_id:
        raise ApplicationError(_("A hub does not buy from itself."), extra={"field": "buyer"})
    admission = ChannelAdmission.objects.select_for_update().filter(terms=terms, buyer=buyer).first()
    if admission is None:
        return ChannelAdmission.objects.create(terms=terms, buyer=buyer, status=AdmissionStatus.REQUESTED)
    if admission.status in (AdmissionStatus.REQUESTED, AdmissionStatus.ADMITTED):
        return admission
    admission.status = AdmissionStatus.REQUESTED
    admission.decided_by = None
    admission.decided_at = None
    admission.note = ""
    admission.save(update_fields=["status", "decided_by", "decided_at", "note", "updated_at"])
    return admission


@transaction.atomic
def channel_admission_decide(
    *, actor: Actor, admission: ChannelAdmission, admit: bool, note: str = ""
) -> ChannelAdmission:
    """The hub admits a buyer, or refuses its request (revokes it when it was admitted)."""
    admission = ChannelAdmission.objects.select_for_update().select_related("terms").get(pk=admission.pk)
    require_hub_editor(actor=actor, hub_id=admission.terms.hub_id)
    if admit:
        admission.status = AdmissionStatus.ADMITTED
    elif admission.status == AdmissionStatus.ADMITTED:
        admission.status = AdmissionStatus.REVOKED
    else:
        admission.status = AdmissionStatus.REFUSED
    admission.note = note.strip()
    admission.decided_by = actor if isinstance(actor, User) else None
    admission.decided_at = timezone.now()
    clean(admission)
    admission.save(update_fields=["status", "note", "decided_by", "decided_at", "updated_at"])
    return admission


@transaction.atomic
def returnable_crate_save(
    *, actor: Actor, hub: Organisation, name: str, deposit: Decimal, crate: ReturnableCrate | None = None
) -> ReturnableCrate:
    """Create a hub's returnable crate, or change its name and deposit."""
    require_hub_editor(actor=actor, hub_id=hub.pk)
    if crate is not None and crate.hub_id != hub.pk:
        raise ApplicationError(_("This crate belongs to another hub."), extra={"field": "crate"})
    crate = ReturnableCrate.objects.select_for_update().get(pk=crate.pk) if crate else ReturnableCrate(hub=hub)
    crate.name = name.strip()
    crate.deposit = to_decimal(deposit, field="deposit", label=field_label(ReturnableCrate, "deposit"))
    clean(crate)
    crate.save()
    return crate
