"""Keeping the inventory true: the history of every change, change reports, and inventory imports."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from streek.core.models import BaseModel

from ..choices import ChangeReportKind, ChangeReportStatus, ImportStatus, RevisionAction


class SalesPointRevision(BaseModel):
    """One change to a sales point: who, when, what (field -> [old, new])."""

    sales_point = models.ForeignKey(
        "catalog.SalesPoint", on_delete=models.CASCADE, related_name="revisions", verbose_name=_("sales point")
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    action = models.CharField(_("action"), max_length=20, choices=RevisionAction.choices)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("sales point revision")
        verbose_name_plural = _("sales point revisions")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["sales_point", "-created_at"], name="catalog_revision_point_time")]

    def __str__(self) -> str:
        return f"{self.sales_point_id} {self.action} {self.created_at:%Y-%m-%d}"


class ChangeReport(BaseModel):
    """A change to the inventory suggested by the public or a producer, for the municipality to decide."""

    kind = models.CharField(_("kind"), max_length=16, choices=ChangeReportKind.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=ChangeReportStatus.choices, default=ChangeReportStatus.OPEN
    )
    sales_point = models.ForeignKey(
        "catalog.SalesPoint",
        on_delete=models.CASCADE,
        related_name="change_reports",
        verbose_name=_("sales point"),
    )
    municipality = models.ForeignKey(
        "territory.Municipality",
        on_delete=models.CASCADE,
        related_name="change_reports",
        verbose_name=_("municipality"),
    )
    message = models.TextField(_("message"), blank=True)
    proposed_changes = models.JSONField(_("proposed changes"), default=dict, blank=True)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reported by"),
    )
    reporter_name = models.CharField(_("name"), max_length=120, blank=True)
    reporter_email = models.EmailField(_("email"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.CharField(_("decision note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("change report")
        verbose_name_plural = _("change reports")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["municipality", "status"], name="catalog_report_muni_status")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.sales_point_id}"


class InventoryImport(BaseModel):
    """A CSV or GeoJSON inventory upload: validated first, shown as a dry run, then applied all or nothing."""

    file_name = models.CharField(_("file name"), max_length=200)
    file_format = models.CharField(_("format"), max_length=10, choices=[("csv", "CSV"), ("geojson", "GeoJSON")])
    content = models.TextField(_("content"))
    status = models.CharField(_("status"), max_length=16, choices=ImportStatus.choices, default=ImportStatus.PENDING)
    municipality = models.ForeignKey(
        "territory.Municipality",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
        help_text=_("When set, every row must lie in this municipality."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    language = models.CharField(_("language"), max_length=8, default="nl")
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    processed_rows = models.PositiveIntegerField(_("rows processed"), default=0)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    summary = models.JSONField(_("summary"), default=dict, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("inventory import")
        verbose_name_plural = _("inventory imports")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.file_name

    @property
    def progress_percent(self) -> int:
        if not self.total_rows:
            return 0
        return min(100, round(100 * self.processed_rows / self.total_rows))
