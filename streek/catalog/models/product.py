"""Products a producer offers, their variants (unit, quantity, price) and the product data buyers ask for."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from streek.core.i18n import localised
from streek.core.models import BaseModel

from ..choices import VAT_RATE_CHOICES, ClaimKind, StorageTemperature

ALL_MONTHS = (1 << 12) - 1
# The nutrition declaration per 100 g, in the order of Regulation (EU) 1169/2011, Annex XV.
NUTRIENT_FIELDS = (
    "energy_kj",
    "energy_kcal",
    "fat",
    "saturated_fat",
    "carbohydrate",
    "sugars",
    "fibre",
    "protein",
    "salt",
)


def nutrient_field(label: StrOrPromise) -> models.DecimalField:
    return models.DecimalField(
        label, max_digits=7, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(Decimal("0"))]
    )


class Product(BaseModel):
    """A product of one organisation, classified by a DFC product type."""

    organisation = models.ForeignKey(
        "catalog.Organisation", on_delete=models.CASCADE, related_name="products", verbose_name=_("producer")
    )
    name_nl = models.CharField(_("name (Dutch)"), max_length=200)
    name_fr = models.CharField(_("name (French)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    description_nl = models.TextField(_("description (Dutch)"), blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    product_type = models.ForeignKey(
        "catalog.Concept",
        on_delete=models.PROTECT,
        related_name="products",
        limit_choices_to={"scheme": "product_type"},
        verbose_name=_("product type"),
    )
    labels = models.ManyToManyField(
        "catalog.Concept",
        related_name="labelled_products",
        blank=True,
        limit_choices_to={"scheme": "facet"},
        verbose_name=_("labels"),
    )
    season_months = models.PositiveSmallIntegerField(
        _("months available"),
        default=ALL_MONTHS,
        validators=[MaxValueValidator(ALL_MONTHS)],
        help_text=_("Bit 0 is January, bit 11 is December."),
    )
    allergens = models.JSONField(_("allergens"), default=list, blank=True)
    energy_kj = nutrient_field(_("energy (kJ per 100 g)"))
    energy_kcal = nutrient_field(_("energy (kcal per 100 g)"))
    fat = nutrient_field(_("fat (g per 100 g)"))
    saturated_fat = nutrient_field(_("saturated fat (g per 100 g)"))
    carbohydrate = nutrient_field(_("carbohydrate (g per 100 g)"))
    sugars = nutrient_field(_("sugars (g per 100 g)"))
    fibre = nutrient_field(_("fibre (g per 100 g)"))
    protein = nutrient_field(_("protein (g per 100 g)"))
    salt = nutrient_field(_("salt (g per 100 g)"))
    storage_temperature = models.CharField(
        _("storage temperature"),
        max_length=10,
        choices=StorageTemperature.choices,
        default=StorageTemperature.AMBIENT,
        help_text=_("Chilled and frozen products go only to cooled pickup points and vehicles."),
    )
    storage_nl = models.TextField(_("storage tips (Dutch)"), blank=True)
    storage_fr = models.TextField(_("storage tips (French)"), blank=True)
    storage_en = models.TextField(_("storage tips (English)"), blank=True)
    preparation_nl = models.TextField(_("preparation tips (Dutch)"), blank=True)
    preparation_fr = models.TextField(_("preparation tips (French)"), blank=True)
    preparation_en = models.TextField(_("preparation tips (English)"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")
        ordering = ["organisation_id", "name_nl"]
        indexes = [
            models.Index(fields=["organisation", "is_active"], name="catalog_product_org_active"),
            # the API's product list, by name and keyset-paged: all active products, or those of one producer
            models.Index(fields=["name_nl", "id"], condition=Q(is_active=True), name="catalog_product_active_name"),
            models.Index(
                fields=["organisation", "name_nl", "id"], condition=Q(is_active=True), name="catalog_product_org_name"
            ),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(season_months__lte=ALL_MONTHS), name="catalog_product_months"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localised(self, "name")

    @property
    def description(self) -> str:
        return localised(self, "description")

    @property
    def months(self) -> list[int]:
        """The months (1-12) in which the product is available."""
        return [month for month in range(1, 13) if self.season_months & (1 << (month - 1))]

    def available_in(self, month: int) -> bool:
        return bool(self.season_months & (1 << (month - 1)))


class Variant(BaseModel):
    """A way a product is sold: a quantity in a DFC unit at a price the producer sets."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="variants", verbose_name=_("product"))
    name = models.CharField(_("name"), max_length=120, blank=True, help_text=_("e.g. 'bag of 1 kg'"))
    sku = models.CharField(_("article number"), max_length=60, blank=True)
    quantity = models.DecimalField(
        _("quantity"), max_digits=10, decimal_places=3, validators=[MinValueValidator(Decimal("0.001"))]
    )
    unit = models.ForeignKey(
        "catalog.Concept",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"scheme": "measure"},
        verbose_name=_("unit"),
    )
    price = models.DecimalField(
        _("price excl. VAT"), max_digits=10, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )
    vat_rate = models.DecimalField(_("VAT rate (%)"), max_digits=5, decimal_places=2, choices=VAT_RATE_CHOICES)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("variant")
        verbose_name_plural = _("variants")
        ordering = ["product_id", "price"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="catalog_variant_quantity_positive"),
            models.CheckConstraint(condition=Q(price__gte=0), name="catalog_variant_price_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.product} - {self.name or self.quantity}"

    @property
    def price_incl_vat(self) -> Decimal:
        return (self.price * (Decimal(1) + Decimal(self.vat_rate) / Decimal(100))).quantize(Decimal("0.01"))


class ProductClaim(BaseModel):
    """A claim about how a product is made (soil care, biodiversity...), with its evidence."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="claims", verbose_name=_("product"))
    kind = models.CharField(_("kind"), max_length=20, choices=ClaimKind.choices)
    text_nl = models.CharField(_("claim (Dutch)"), max_length=300)
    text_fr = models.CharField(_("claim (French)"), max_length=300, blank=True)
    text_en = models.CharField(_("claim (English)"), max_length=300, blank=True)
    evidence = models.CharField(_("evidence"), max_length=300, blank=True)
    evidence_url = models.URLField(_("evidence link"), blank=True)

    class Meta:
        verbose_name = _("product claim")
        verbose_name_plural = _("product claims")
        ordering = ["product_id", "kind"]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        return localised(self, "text")
