"""Organisations of the short chain: producers, processors, hubs, buyers, food banks, municipalities."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from streek.core.i18n import localised
from streek.core.models import BaseModel

from ..choices import OrganisationKind, Practice


class Organisation(BaseModel):
    """A legal or informal organisation taking part in the short chain."""

    kind = models.CharField(_("kind"), max_length=16, choices=OrganisationKind.choices, db_index=True)
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    legal_name = models.CharField(_("legal name"), max_length=200, blank=True)
    country = models.ForeignKey(
        "territory.Country", on_delete=models.PROTECT, related_name="+", verbose_name=_("country")
    )
    enterprise_number = models.CharField(
        _("enterprise number"), max_length=20, blank=True, help_text=_("KBO/BCE number (BE) or KvK number (NL).")
    )
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    locality = models.CharField(_("locality"), max_length=120, blank=True)
    municipality = models.ForeignKey(
        "territory.Municipality",
        on_delete=models.PROTECT,
        related_name="organisations",
        null=True,
        blank=True,
        verbose_name=_("municipality"),
    )
    lat = models.FloatField(_("latitude"), null=True, blank=True)
    lon = models.FloatField(_("longitude"), null=True, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    description_nl = models.TextField(_("description (Dutch)"), blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    practices = models.JSONField(_("practices"), default=list, blank=True)
    logo = models.ImageField(_("logo"), upload_to="logos/", blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["country", "enterprise_number"],
                condition=~models.Q(enterprise_number=""),
                name="catalog_organisation_enterprise_number_unique",
            ),
        ]
        indexes = [models.Index(fields=["municipality", "kind"])]

    def __str__(self) -> str:
        return self.name

    @property
    def description(self) -> str:
        return localised(self, "description")

    def practice_labels(self) -> list[str]:
        labels = dict(Practice.choices)
        return [str(labels[p]) for p in self.practices if p in labels]


class OrganisationLabel(BaseModel):
    """A label an organisation declares (a DFC facet such as organic), with its evidence."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="labels", verbose_name=_("organisation")
    )
    facet = models.ForeignKey(
        "catalog.Concept",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"scheme": "facet"},
        verbose_name=_("label"),
    )
    certificate_number = models.CharField(_("certificate number"), max_length=80, blank=True)
    certifier = models.CharField(_("certifying body"), max_length=120, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    evidence_url = models.URLField(_("evidence link"), blank=True)

    class Meta:
        verbose_name = _("organisation label")
        verbose_name_plural = _("organisation labels")
        ordering = ["organisation_id", "facet_id"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "facet"], name="catalog_organisationlabel_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.facet}"
