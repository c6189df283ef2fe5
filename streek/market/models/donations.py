"""Surplus given to food banks and social groceries, and what was logged as waste: facts for the monitor (K13)."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from streek.core.models import BaseModel

from ..choices import DonationStatus, Handover, WasteReason


class Donation(BaseModel):
    """A food bank's claim on a surplus offer: claimed, then received (or cancelled)."""

    offer = models.ForeignKey(
        "market.Offer", on_delete=models.PROTECT, related_name="donations", verbose_name=_("offer")
    )
    donor = models.ForeignKey(
        "catalog.Organisation", on_delete=models.PROTECT, related_name="donations_given", verbose_name=_("donor")
    )
    food_bank = models.ForeignKey(
        "catalog.Organisation",
        on_delete=models.PROTECT,
        related_name="donations_received",
        verbose_name=_("food bank"),
    )
    quantity = models.DecimalField(
        _("quantity"), max_digits=12, decimal_places=3, validators=[MinValueValidator(Decimal("0.001"))]
    )
    unit = models.ForeignKey(
        "catalog.Concept",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"scheme": "measure"},
        verbose_name=_("unit"),
    )
    handover = models.CharField(_("handover"), max_length=16, choices=Handover.choices, default=Handover.PICKUP)
    status = models.CharField(
        _("status"), max_length=16, choices=DonationStatus.choices, default=DonationStatus.CLAIMED, db_index=True
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("claimed by"),
    )
    received_at = models.DateTimeField(_("received at"), null=True, blank=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("receipt confirmed by"),
    )
    received_quantity = models.DecimalField(
        _("quantity received"), max_digits=12, decimal_places=3, null=True, blank=True
    )
    received_kg = models.DecimalField(
        _("kg received"),
        max_digits=12,
        decimal_places=3,
        null=True,
        blank=True,
        help_text=_("Empty when the unit is not a mass."),
    )
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cancelled by"),
    )

    class Meta:
        verbose_name = _("donation")
        verbose_name_plural = _("donations")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="market_donation_quantity_positive"),
            models.CheckConstraint(condition=~Q(donor=F("food_bank")), name="market_donation_two_parties"),
            models.CheckConstraint(
                condition=Q(received_quantity__isnull=True)
                | (Q(received_quantity__gte=0) & Q(received_quantity__lte=F("quantity"))),
                name="market_donation_received_within_claim",
            ),
            models.CheckConstraint(
                condition=~Q(status=DonationStatus.RECEIVED)
                | (Q(received_at__isnull=False) & Q(received_quantity__isnull=False)),
                name="market_donation_receipt_recorded",
            ),
        ]
        indexes = [
            models.Index(fields=["donor", "status"], name="market_donation_donor"),
            models.Index(fields=["food_bank", "status"], name="market_donation_food_bank"),
            models.Index(fields=["status", "received_at"], name="market_donation_received"),
        ]

    def __str__(self) -> str:
        return f"{self.receipt_number}: {self.quantity} {self.unit_id} → {self.food_bank_id}"

    @property
    def receipt_number(self) -> str:
        return f"D-{self.pk or 0:06d}"


class WasteRecord(BaseModel):
    """Food that was thrown away, as logged by the organisation that had it."""

    organisation = models.ForeignKey(
        "catalog.Organisation", on_delete=models.CASCADE, related_name="waste_records", verbose_name=_("organisation")
    )
    offer = models.ForeignKey(
        "market.Offer",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="waste_records",
        verbose_name=_("offer"),
    )
    product_type = models.ForeignKey(
        "catalog.Concept",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"scheme": "product_type"},
        verbose_name=_("product type"),
    )
    description = models.CharField(_("what"), max_length=200, blank=True)
    quantity = models.DecimalField(
        _("quantity"), max_digits=12, decimal_places=3, validators=[MinValueValidator(Decimal("0.001"))]
    )
    unit = models.ForeignKey(
        "catalog.Concept",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"scheme": "measure"},
        verbose_name=_("unit"),
    )
    quantity_kg = models.DecimalField(
        _("kg"),
        max_digits=12,
        decimal_places=3,
        null=True,
        blank=True,
        help_text=_("Empty when the unit is not a mass."),
    )
    reason = models.CharField(_("reason"), max_length=16, choices=WasteReason.choices, default=WasteReason.UNSOLD)
    recorded_on = models.DateField(_("date"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("logged by"),
    )

    class Meta:
        verbose_name = _("waste record")
        verbose_name_plural = _("waste records")
        ordering = ["-recorded_on", "-id"]
        constraints = [models.CheckConstraint(condition=Q(quantity__gt=0), name="market_waste_quantity_positive")]
        indexes = [models.Index(fields=["organisation", "recorded_on"], name="market_waste_org_date")]

    def __str__(self) -> str:
        return f"{self.recorded_on}: {self.quantity} {self.unit_id}"
