from django.db import models
from django.utils.translation import gettext_lazy as _

from streek.core.models import BaseModel

from ..choices import MirrorStatus


class MirrorSource(BaseModel):
    """Another Streek instance (or any publisher of the same open data) whose sales points are mirrored here."""

    name = models.CharField(_("name"), max_length=120)
    url = models.URLField(_("open data URL"), max_length=500, unique=True)
    licence = models.CharField(_("licence"), max_length=200, blank=True)
    licence_url = models.URLField(_("licence URL"), max_length=500, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=MirrorStatus.choices, default=MirrorStatus.NEVER)
    error = models.TextField(_("error"), blank=True)
    pulled_at = models.DateTimeField(_("last pulled at"), null=True, blank=True)
    item_count = models.PositiveIntegerField(_("sales points"), default=0)

    class Meta:
        verbose_name = _("mirrored source")
        verbose_name_plural = _("mirrored sources")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class MirroredSalesPoint(BaseModel):
    """A read-only copy of a sales point published by a mirrored source; never edited here."""

    source = models.ForeignKey(MirrorSource, on_delete=models.CASCADE, related_name="items", verbose_name=_("source"))
    remote_id = models.CharField(_("id at the source"), max_length=200)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("type"), max_length=32, blank=True)
    municipality = models.ForeignKey(
        "territory.Municipality",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    lat = models.FloatField(_("latitude"), null=True, blank=True)
    lon = models.FloatField(_("longitude"), null=True, blank=True)
    url = models.URLField(_("page at the source"), max_length=500, blank=True)
    properties = models.JSONField(_("properties"), default=dict, blank=True)

    class Meta:
        verbose_name = _("mirrored sales point")
        verbose_name_plural = _("mirrored sales points")
        ordering = ["source_id", "name"]
        constraints = [
            models.UniqueConstraint(fields=["source", "remote_id"], name="interop_mirrored_point_unique"),
        ]

    def __str__(self) -> str:
        return self.name
