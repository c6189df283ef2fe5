"""The Data Food Consortium taxonomies (product types, facets, measures) as SKOS concepts."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from streek.core.i18n import localised
from streek.core.models import BaseModel

from ..choices import ConceptScheme


class Concept(BaseModel):
    """A SKOS concept from a DFC taxonomy, with its labels in our three languages and its broader concept."""

    scheme = models.CharField(_("scheme"), max_length=16, choices=ConceptScheme.choices, db_index=True)
    uri = models.URLField(_("URI"), max_length=300, unique=True)
    key = models.CharField(_("key"), max_length=120, help_text=_("The fragment of the URI, e.g. 'vegetable'."))
    label_nl = models.CharField(_("label (Dutch)"), max_length=200, blank=True)
    label_fr = models.CharField(_("label (French)"), max_length=200, blank=True)
    label_en = models.CharField(_("label (English)"), max_length=200, blank=True)
    notation = models.CharField(_("notation"), max_length=40, blank=True)
    broader = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="narrower",
        verbose_name=_("broader concept"),
    )
    depth = models.PositiveSmallIntegerField(_("depth"), default=0)
    path = models.CharField(
        _("path"), max_length=600, db_index=True, help_text=_("Keys from the top concept down, joined by '/'.")
    )

    class Meta:
        verbose_name = _("taxonomy concept")
        verbose_name_plural = _("taxonomy concepts")
        ordering = ["scheme", "path"]
        constraints = [models.UniqueConstraint(fields=["scheme", "key"], name="catalog_concept_scheme_key")]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return localised(self, "label") or self.key
