"""Events on the map and in the calendar: market days, open farm days, tastings."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from streek.core.i18n import localised
from streek.core.models import BaseModel

from ..choices import EventKind


class Event(BaseModel):
    """Something that happens at a place and time, organised by an organisation or a municipality."""

    kind = models.CharField(_("kind"), max_length=16, choices=EventKind.choices)
    title_nl = models.CharField(_("title (Dutch)"), max_length=200)
    title_fr = models.CharField(_("title (French)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    description_nl = models.TextField(_("description (Dutch)"), blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    starts_at = models.DateTimeField(_("starts at"), db_index=True)
    ends_at = models.DateTimeField(_("ends at"))
    sales_point = models.ForeignKey(
        "catalog.SalesPoint",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("sales point"),
    )
    place_name = models.CharField(_("place"), max_length=200, blank=True)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    municipality = models.ForeignKey(
        "territory.Municipality", on_delete=models.PROTECT, related_name="events", verbose_name=_("municipality")
    )
    lat = models.FloatField(_("latitude"))
    lon = models.FloatField(_("longitude"))
    organiser = models.ForeignKey(
        "catalog.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("organiser"),
    )
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancellation_note = models.CharField(_("reason for cancelling"), max_length=300, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gte=models.F("starts_at")), name="catalog_event_order")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return localised(self, "title")

    @property
    def description(self) -> str:
        return localised(self, "description")

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None
