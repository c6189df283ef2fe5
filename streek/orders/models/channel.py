"""A hub's sales channels and the terms each channel's buyers trade on."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from streek.core.models import BaseModel

from ..choices import AdmissionStatus, ChannelKind, PaymentTerms, PriceRule


class ChannelTerms(BaseModel):
    """How one hub sells on one channel: prices, minimum order, delivery days, cut-off, payment.

    Consumers buy on the hub's consumer terms without admission; business and public buyers must be
    admitted (ChannelAdmission) before they may order on their channel.
    """

    hub = models.ForeignKey(
        "catalog.Organisation", on_delete=models.CASCADE, related_name="channel_terms", verbose_name=_("hub")
    )
    kind = models.CharField(_("channel"), max_length=16, choices=ChannelKind.choices)
    price_rule = models.CharField(
        _("price rule"), max_length=16, choices=PriceRule.choices, default=PriceRule.PRODUCER_PRICE
    )
    markup_percent = models.DecimalField(
        _("markup (%)"),
        max_digits=6,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("-90")), MaxValueValidator(Decimal("500"))],
        help_text=_("Added to the producer price when the price rule is a markup; negative for a discount."),
    )
    minimum_order_value = models.DecimalField(
        _("minimum order value (excl. VAT)"),
        max_digits=10,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    delivery_weekdays = models.JSONField(
        _("delivery days"), default=list, blank=True, help_text=_("Weekdays 0 (Monday) to 6 (Sunday); empty for any.")
    )
    cutoff_days_before = models.PositiveSmallIntegerField(
        _("order cut-off (days before delivery)"), default=0, validators=[MaxValueValidator(14)]
    )
    cutoff_time = models.TimeField(_("order cut-off time"), null=True, blank=True)
    preparations = models.JSONField(
        _("packaging and preparation offered"), default=list, blank=True, help_text=_("Values of Preparation.")
    )
    payment_terms = models.CharField(
        _("payment terms"), max_length=16, choices=PaymentTerms.choices, default=PaymentTerms.ON_ORDER
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("channel terms")
        verbose_name_plural = _("channel terms")
        ordering = ["hub_id", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["hub", "kind"], name="orders_channelterms_unique_kind"),
            models.CheckConstraint(
                condition=Q(minimum_order_value__gte=0), name="orders_channelterms_minimum_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.hub} - {self.get_kind_display()}"


class ReturnableCrate(BaseModel):
    """A returnable crate a hub lends with goods against a deposit."""

    hub = models.ForeignKey(
        "catalog.Organisation", on_delete=models.CASCADE, related_name="crates", verbose_name=_("hub")
    )
    name = models.CharField(_("name"), max_length=80)
    deposit = models.DecimalField(
        _("deposit"), max_digits=8, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )

    class Meta:
        verbose_name = _("returnable crate")
        verbose_name_plural = _("returnable crates")
        ordering = ["hub_id", "name"]
        constraints = [
            models.UniqueConstraint(fields=["hub", "name"], name="orders_returnablecrate_unique_name"),
            models.CheckConstraint(condition=Q(deposit__gte=0), name="orders_returnablecrate_deposit_positive"),
        ]

    def __str__(self) -> str:
        return self.name


class ChannelVariantTerm(BaseModel):
    """One row of a channel's price list: the price, case size and minimum for one variant."""

    terms = models.ForeignKey(
        ChannelTerms, on_delete=models.CASCADE, related_name="variant_terms", verbose_name=_("channel terms")
    )
    variant = models.ForeignKey(
        "catalog.Variant", on_delete=models.CASCADE, related_name="channel_terms", verbose_name=_("variant")
    )
    price = models.DecimalField(
        _("price excl. VAT"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Leave empty to apply the channel's price rule."),
    )
    case_size = models.PositiveIntegerField(_("case size"), default=1, validators=[MinValueValidator(1)])
    minimum_quantity = models.PositiveIntegerField(_("minimum quantity"), default=1, validators=[MinValueValidator(1)])
    crate = models.ForeignKey(
        ReturnableCrate,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("returnable crate"),
    )
    units_per_crate = models.PositiveIntegerField(_("items per crate"), null=True, blank=True)

    class Meta:
        verbose_name = _("channel price")
        verbose_name_plural = _("channel price list")
        ordering = ["terms_id", "variant_id"]
        constraints = [
            models.UniqueConstraint(fields=["terms", "variant"], name="orders_channelvariantterm_unique"),
            models.CheckConstraint(condition=Q(case_size__gte=1), name="orders_channelvariantterm_case_size"),
            models.CheckConstraint(
                condition=Q(crate__isnull=True) | Q(units_per_crate__gte=1),
                name="orders_channelvariantterm_crate_units",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.terms} - {self.variant}"


class ChannelAdmission(BaseModel):
    """A buyer organisation admitted by a hub to one of its business channels."""

    terms = models.ForeignKey(
        ChannelTerms, on_delete=models.CASCADE, related_name="admissions", verbose_name=_("channel terms")
    )
    buyer = models.ForeignKey(
        "catalog.Organisation", on_delete=models.CASCADE, related_name="channel_admissions", verbose_name=_("buyer")
    )
    status = models.CharField(
        _("status"), max_length=16, choices=AdmissionStatus.choices, default=AdmissionStatus.REQUESTED
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("channel admission")
        verbose_name_plural = _("channel admissions")
        ordering = ["terms_id", "buyer_id"]
        constraints = [
            models.UniqueConstraint(fields=["terms", "buyer"], name="orders_channeladmission_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.buyer} @ {self.terms}"
