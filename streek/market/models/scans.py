"""Market scans before a tender: a public buyer's demand profile against what local producers could supply."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from streek.core.models import BaseModel

from ..choices import DeliveryFrequency, ScanStatus


class ProcurementScan(BaseModel):
    """A demand profile (uploaded as CSV) and, once computed, the local supply per line and month and the lots."""

    organisation = models.ForeignKey(
        "catalog.Organisation",
        on_delete=models.CASCADE,
        related_name="procurement_scans",
        verbose_name=_("buyer"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    name = models.CharField(_("name"), max_length=200)
    file_name = models.CharField(_("file name"), max_length=200, blank=True)
    radius_km = models.PositiveSmallIntegerField(
        _("radius (km)"), default=40, validators=[MinValueValidator(1), MaxValueValidator(250)]
    )
    lat = models.FloatField(_("latitude"))
    lon = models.FloatField(_("longitude"))
    status = models.CharField(_("status"), max_length=16, choices=ScanStatus.choices, default=ScanStatus.PENDING)
    computed_at = models.DateTimeField(_("computed at"), null=True, blank=True)
    coverage = models.FloatField(
        _("overall coverage"),
        null=True,
        blank=True,
        help_text=_("Mean share of the lines local producers could supply."),
    )
    lots = models.JSONField(_("suggested lots"), default=list, blank=True)

    class Meta:
        verbose_name = _("procurement market scan")
        verbose_name_plural = _("procurement market scans")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(radius_km__gte=1, radius_km__lte=250), name="market_scan_radius_range"),
            models.CheckConstraint(
                condition=Q(coverage__isnull=True) | Q(coverage__gte=0, coverage__lte=1), name="market_scan_coverage"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ProcurementScanLine(BaseModel):
    """One line of the demand profile and what local producers could supply of it, per month."""

    scan = models.ForeignKey(ProcurementScan, on_delete=models.CASCADE, related_name="lines", verbose_name=_("scan"))
    row_number = models.PositiveIntegerField(_("row"))
    product_text = models.CharField(_("product as given"), max_length=200)
    product_type = models.ForeignKey(
        "catalog.Concept",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"scheme": "product_type"},
        verbose_name=_("product type"),
    )
    yearly_quantity = models.DecimalField(
        _("yearly quantity"), max_digits=14, decimal_places=3, validators=[MinValueValidator(Decimal("0.001"))]
    )
    unit = models.ForeignKey(
        "catalog.Concept",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"scheme": "measure"},
        verbose_name=_("unit"),
    )
    frequency = models.CharField(_("delivery frequency"), max_length=16, choices=DeliveryFrequency.choices)
    spec = models.JSONField(_("preparation"), default=list, blank=True)
    coverage = models.FloatField(_("coverage"), null=True, blank=True)
    monthly = models.JSONField(
        _("per month"), default=list, blank=True, help_text=_("Twelve entries: demand, local capacity, share.")
    )
    suppliers = models.JSONField(_("local suppliers"), default=list, blank=True)
    lot_key = models.CharField(_("lot"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("procurement scan line")
        verbose_name_plural = _("procurement scan lines")
        ordering = ["scan_id", "row_number"]
        constraints = [
            models.UniqueConstraint(fields=["scan", "row_number"], name="market_scanline_row_unique"),
            models.CheckConstraint(condition=Q(yearly_quantity__gt=0), name="market_scanline_quantity_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.row_number}: {self.product_text}"
