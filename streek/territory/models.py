"""Countries, regions, provinces, municipalities and postal codes (real 2025 data), and custom regions."""

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from streek.core.models import BaseModel


class LocalisedNameMixin(models.Model):
    """Names in Dutch and French (the languages of the sources); English falls back to Dutch."""

    name_nl = models.CharField(_("name (Dutch)"), max_length=120)
    name_fr = models.CharField(_("name (French)"), max_length=120, blank=True)

    class Meta:
        abstract = True

    @property
    def name(self) -> str:
        if (get_language() or "nl").startswith("fr") and self.name_fr:
            return self.name_fr
        return self.name_nl or self.name_fr


class Country(LocalisedNameMixin, BaseModel):
    """A country the platform covers (ISO 3166-1 alpha-2 code)."""

    code = models.CharField(_("code"), max_length=2, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        if (get_language() or "nl").startswith("en") and self.name_en:
            return self.name_en
        return super().name


class AdminRegion(LocalisedNameMixin, BaseModel):
    """A first-level administrative region (the Belgian gewesten; the Netherlands has none)."""

    code = models.CharField(_("code"), max_length=10, unique=True)
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="regions", verbose_name=_("country"))

    class Meta:
        verbose_name = _("administrative region")
        verbose_name_plural = _("administrative regions")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Province(LocalisedNameMixin, BaseModel):
    """A province (Belgian NIS code, Dutch CBS PV code)."""

    code = models.CharField(_("code"), max_length=10, unique=True)
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="provinces", verbose_name=_("country"))
    region = models.ForeignKey(
        AdminRegion,
        on_delete=models.PROTECT,
        related_name="provinces",
        null=True,
        blank=True,
        verbose_name=_("region"),
    )

    class Meta:
        verbose_name = _("province")
        verbose_name_plural = _("provinces")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Municipality(LocalisedNameMixin, BaseModel):
    """A municipality: NIS code (Belgium, 2025 boundaries) or CBS code (the Netherlands), with a representative point."""

    code = models.CharField(_("code"), max_length=10, unique=True, help_text=_("NIS code (BE) or CBS code (NL)"))
    slug = models.SlugField(_("slug"), max_length=140, unique=True)
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="municipalities", verbose_name=_("country")
    )
    region = models.ForeignKey(
        AdminRegion,
        on_delete=models.PROTECT,
        related_name="municipalities",
        null=True,
        blank=True,
        verbose_name=_("region"),
    )
    province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        related_name="municipalities",
        null=True,
        blank=True,
        verbose_name=_("province"),
    )
    lat = models.FloatField(_("latitude"), null=True, blank=True)
    lon = models.FloatField(_("longitude"), null=True, blank=True)
    point_source = models.CharField(_("source of the point"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name_nl"]

    def __str__(self) -> str:
        return self.name


class PostalCode(BaseModel):
    """A postal code and a municipality it lies in (a code may span several municipalities)."""

    code = models.CharField(_("postal code"), max_length=10, db_index=True)
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="postal_codes", verbose_name=_("country")
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="postal_codes", verbose_name=_("municipality")
    )

    class Meta:
        verbose_name = _("postal code")
        verbose_name_plural = _("postal codes")
        ordering = ["country_id", "code"]
        constraints = [
            models.UniqueConstraint(fields=["country", "code", "municipality"], name="territory_postalcode_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.municipality}"


class MunicipalityFusion(BaseModel):
    """A former municipality merged into a current one (for mapping older statistics)."""

    old_code = models.CharField(_("former code"), max_length=10)
    old_name = models.CharField(_("former name"), max_length=120)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="fusions", verbose_name=_("current municipality")
    )
    effective = models.DateField(_("effective from"))

    class Meta:
        verbose_name = _("municipality merger")
        verbose_name_plural = _("municipality mergers")
        ordering = ["old_code"]
        constraints = [models.UniqueConstraint(fields=["old_code", "effective"], name="territory_fusion_unique")]

    def __str__(self) -> str:
        return f"{self.old_name} -> {self.municipality}"


class CustomRegion(BaseModel):
    """A named set of municipalities across borders (e.g. Haspengouw) for maps, brochures and the monitor."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=140, unique=True)
    description = models.TextField(_("description"), blank=True)
    municipalities = models.ManyToManyField(
        Municipality, related_name="custom_regions", verbose_name=_("municipalities")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        verbose_name = _("custom region")
        verbose_name_plural = _("custom regions")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
