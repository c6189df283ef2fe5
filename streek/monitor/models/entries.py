"""Figures the platform cannot know, entered with their source and date."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from streek.core.models import BaseModel

from ..choices import FigureKind


class ExternalFigure(BaseModel):
    """A census or municipal figure for a municipality and year, e.g. the population or the farm output.

    `original_code` is the code the source used when it predates a municipal merger (the 2025 Flemish fusions):
    the figure is stored on the current municipality and summed with the figures of the other merged ones.
    """

    municipality = models.ForeignKey(
        "territory.Municipality", on_delete=models.CASCADE, related_name="+", verbose_name=_("municipality")
    )
    original_code = models.CharField(_("code in the source"), max_length=10, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(1990)])
    kind = models.CharField(_("figure"), max_length=32, choices=FigureKind.choices)
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=2, validators=[MinValueValidator(0)])
    source = models.CharField(_("source"), max_length=300)
    source_date = models.DateField(_("date of the source"))
    note = models.CharField(_("note"), max_length=500, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
    )

    class Meta:
        verbose_name = _("external figure")
        verbose_name_plural = _("external figures")
        ordering = ["municipality_id", "kind", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "year", "kind", "original_code"], name="monitor_figure_unique"
            ),
        ]
        indexes = [models.Index(fields=["kind", "year"], name="monitor_figure_kind_year")]

    def __str__(self) -> str:
        return f"{self.kind} {self.municipality_id} {self.year}"


class ProducerCost(BaseModel):
    """A producer's own costs for selling through a channel in a year (K15), given only with consent."""

    organisation = models.ForeignKey(
        "catalog.Organisation", on_delete=models.CASCADE, related_name="+", verbose_name=_("producer")
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(1990)])
    channel = models.CharField(_("channel"), max_length=16)
    costs = models.DecimalField(_("costs (EUR)"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)])
    consent = models.BooleanField(_("may be used, anonymised, in the monitor"), default=False)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
    )

    class Meta:
        verbose_name = _("producer cost")
        verbose_name_plural = _("producer costs")
        ordering = ["organisation_id", "-year", "channel"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year", "channel"], name="monitor_cost_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.year} {self.channel}"
