"""Reads of donations and waste: surplus open to food banks, an organisation's donations, the receipt data,
and the yearly kg donated and wasted per organisation (monitor, K13)."""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db.models import F, Q, QuerySet, Sum
from django.db.models.functions import ExtractYear

from streek.core.geo import Point, bbox_around

from ..choices import DonationStatus, PostStatus
from ..models import Donation, Offer, WasteRecord


def donation_offer_list(*, near: Point | None = None, radius_km: float | None = None) -> QuerySet[Offer]:
    """Active surplus offers open to donation with something left, the ones that must go first on top."""
    qs = Offer.objects.filter(
        status=PostStatus.ACTIVE, donation_allowed=True, quantity_claimed__lt=F("quantity")
    ).select_related("organisation", "product_type", "unit", "municipality")
    if near is not None and radius_km:
        box = bbox_around(near, radius_km)
        qs = qs.filter(lat__gte=box.south, lat__lte=box.north, lon__gte=box.west, lon__lte=box.east)
    return qs.order_by("ends_on", "expires_at", "id")


def donation_list_for_organisation(*, organisation_id: int, statuses: tuple[str, ...] = ()) -> QuerySet[Donation]:
    """Donations the organisation gave or received, newest first."""
    qs = Donation.objects.filter(Q(donor_id=organisation_id) | Q(food_bank_id=organisation_id))
    if statuses:
        qs = qs.filter(status__in=statuses)
    return qs.select_related("offer", "donor", "food_bank", "unit").order_by("-created_at", "-id")


@dataclass(frozen=True)
class Party:
    name: str
    legal_name: str
    enterprise_number: str
    street: str
    postal_code: str
    locality: str
    country_code: str


@dataclass(frozen=True)
class DonationReceipt:
    """Everything the donation receipt (PDF, rendered by the web layer) shows."""

    number: str
    donor: Party
    food_bank: Party
    product: str
    product_type: str
    quantity: Decimal
    unit: str
    kg: Decimal | None
    claimed_at: datetime
    received_at: datetime | None
    received_by: str
    handover: str
    note: str


def _party(organisation: object) -> Party:
    return Party(
        name=getattr(organisation, "name", ""),
        legal_name=getattr(organisation, "legal_name", "") or getattr(organisation, "name", ""),
        enterprise_number=getattr(organisation, "enterprise_number", ""),
        street=getattr(organisation, "street", ""),
        postal_code=getattr(organisation, "postal_code", ""),
        locality=getattr(organisation, "locality", ""),
        country_code=getattr(getattr(organisation, "country", None), "code", ""),
    )


def donation_receipt(*, donation_id: int) -> DonationReceipt | None:
    """The receipt data of a received donation (None while it is not received); one query."""
    donation = (
        Donation.objects.select_related(
            "donor__country", "food_bank__country", "offer__product_type", "unit", "received_by"
        )
        .filter(pk=donation_id, status=DonationStatus.RECEIVED)
        .first()
    )
    if donation is None or donation.received_quantity is None:
        return None
    return DonationReceipt(
        number=donation.receipt_number,
        donor=_party(donation.donor),
        food_bank=_party(donation.food_bank),
        product=donation.offer.title,
        product_type=donation.offer.product_type.label,
        quantity=donation.received_quantity,
        unit=donation.unit.label,
        kg=donation.received_kg,
        claimed_at=donation.created_at,
        received_at=donation.received_at,
        received_by=str(donation.received_by) if donation.received_by else "",
        handover=donation.get_handover_display(),
        note=donation.note,
    )


@dataclass(frozen=True)
class SurplusFact:
    """Kilograms an organisation donated (received by food banks) and logged as waste in a year."""

    year: int
    organisation_id: int
    municipality_id: int | None
    kg_donated: Decimal
    kg_wasted: Decimal


def surplus_facts(*, year: int) -> list[SurplusFact]:
    """Per organisation with a donation or waste in `year` (two queries). Units that are not a mass are left
    out of the kg (their records have no kg)."""
    donated = (
        Donation.objects.filter(status=DonationStatus.RECEIVED, received_kg__isnull=False)
        .annotate(year=ExtractYear("received_at"))
        .filter(year=year)
        .values("donor_id", "donor__municipality_id")
        .annotate(kg=Sum("received_kg"))
    )
    wasted = (
        WasteRecord.objects.filter(recorded_on__year=year, quantity_kg__isnull=False)
        .values("organisation_id", "organisation__municipality_id")
        .annotate(kg=Sum("quantity_kg"))
    )
    facts: dict[int, dict[str, object]] = {}
    for row in donated:
        facts[row["donor_id"]] = {"municipality": row["donor__municipality_id"], "donated": row["kg"]}
    for row in wasted:
        entry = facts.setdefault(row["organisation_id"], {"municipality": row["organisation__municipality_id"]})
        entry["wasted"] = row["kg"]
    zero = Decimal("0")
    return [
        SurplusFact(
            year=year,
            organisation_id=organisation_id,
            municipality_id=entry.get("municipality"),  # type: ignore[arg-type]
            kg_donated=entry.get("donated") or zero,  # type: ignore[arg-type]
            kg_wasted=entry.get("wasted") or zero,  # type: ignore[arg-type]
        )
        for organisation_id, entry in sorted(facts.items())
    ]
