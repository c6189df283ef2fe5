"""The yearly impact report of an area: generated in the background, kept as a PDF and an HTML snapshot."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from streek.core.models import BaseModel

from ..choices import ReportStatus


class YearlyReport(BaseModel):
    """One report per area (`kind:key`, see monitor.areas) and year. `data_hash` fingerprints the data it was built
    from, so the same data gives the same report."""

    area_slug = models.CharField(_("area"), max_length=160)
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(1990)])
    status = models.CharField(_("status"), max_length=16, choices=ReportStatus.choices, default=ReportStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    pdf = models.FileField(_("PDF"), upload_to="reports/", blank=True)
    html = models.TextField(_("page snapshot"), blank=True)
    data_hash = models.CharField(_("data fingerprint"), max_length=128, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("yearly report")
        verbose_name_plural = _("yearly reports")
        ordering = ["area_slug", "-year"]
        constraints = [models.UniqueConstraint(fields=["area_slug", "year"], name="strategy_report_area_year_unique")]

    def __str__(self) -> str:
        return f"{self.area_slug} {self.year}"
