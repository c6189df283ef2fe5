from django.db import models
from django.utils.translation import gettext_lazy as _

from streek.core.models import BaseModel

from ..choices import DfcLinkKind


class DfcLink(BaseModel):
    """A semantic id (URL) of another platform's DFC node, kept on the object an import created or updated from it.

    Importing the same catalogue again finds the objects through these links: it updates, never duplicates.
    """

    organisation = models.ForeignKey(
        "catalog.Organisation", on_delete=models.CASCADE, related_name="dfc_links", verbose_name=_("organisation")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=DfcLinkKind.choices)
    object_id = models.PositiveBigIntegerField(_("object id"))
    semantic_id = models.URLField(_("semantic id"), max_length=500)
    source = models.URLField(_("source"), max_length=500, blank=True, help_text=_("Where the document came from."))
    imported_at = models.DateTimeField(_("last imported at"))

    class Meta:
        verbose_name = _("DFC link")
        verbose_name_plural = _("DFC links")
        ordering = ["organisation_id", "kind", "object_id"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "kind", "semantic_id"], name="interop_dfclink_unique"),
        ]
        indexes = [models.Index(fields=["kind", "object_id"], name="interop_dfclink_object")]

    def __str__(self) -> str:
        return self.semantic_id
