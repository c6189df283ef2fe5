"""Schemas of the product and variant endpoints."""

from decimal import Decimal

from ninja import Field, Schema

from streek.catalog.choices import Allergen, ClaimKind, VatRate

from .common import Option


class ProductFilterParams(Schema):
    organisation: int | None = Field(None, description="Id of the producer.")
    product_type: str | None = Field(
        None, max_length=100, description="Key of a DFC product type; products of the types under it match too."
    )
    label: str | None = Field(None, max_length=100, description="Key of a DFC facet (label) the product carries.")
    q: str | None = Field(None, max_length=100, description="Search in the product's names.")
    available: bool | None = Field(
        None, description="true: in season this month with an active variant; false: the others."
    )


class VariantFilterParams(Schema):
    product: int | None = Field(None, description="Id of the product.")
    organisation: int | None = Field(None, description="Id of the producer.")


class ProducerRef(Schema):
    id: int
    slug: str
    name: str


class VariantOut(Schema):
    id: int
    product: int = Field(description="Id of the product.")
    name: str
    sku: str
    quantity: Decimal
    unit: Option = Field(description="DFC unit (measure concept).")
    price: Decimal = Field(description="EUR excl. VAT.")
    vat_rate: Decimal = Field(description="VAT rate in %.")
    price_incl_vat: Decimal
    is_active: bool
    url: str = Field(description="API URL of the variant.")


class ClaimOut(Schema):
    kind: str
    kind_label: str
    text: str
    evidence: str
    evidence_url: str


class ProductOut(Schema):
    id: int
    organisation: ProducerRef
    name: str
    name_nl: str
    name_fr: str
    name_en: str
    description: str
    product_type: Option = Field(description="DFC product type.")
    labels: list[Option] = Field(description="DFC facets (labels).")
    months: list[int] = Field(description="Months (1-12) in which the product is available.")
    allergens: list[str]
    storage_temperature: str
    is_active: bool
    variants: list[VariantOut]
    url: str = Field(description="API URL of the product.")


class ProductDetail(ProductOut):
    description_nl: str
    description_fr: str
    description_en: str
    storage: str
    preparation: str
    nutrition: dict[str, Decimal | None] = Field(description="Per 100 g (EU 1169/2011); null when not declared.")
    claims: list[ClaimOut]


class ProductPage(Schema):
    items: list[ProductOut]
    next: str | None = Field(description="URL of the next page, null on the last page.")
    count: int | None = Field(None, description="Total number of matches, only with ?count=true.")


class VariantPage(Schema):
    items: list[VariantOut]
    next: str | None = Field(description="URL of the next page, null on the last page.")
    count: int | None = Field(None, description="Total number of matches, only with ?count=true.")


class VariantIn(Schema):
    name: str = Field("", max_length=120, description="e.g. 'bag of 1 kg'.")
    sku: str = Field("", max_length=60)
    quantity: Decimal = Field(gt=0, max_digits=10, decimal_places=3)
    unit: str = Field(min_length=1, max_length=100, description="Key of a DFC unit, e.g. 'kilogram', 'piece'.")
    price: Decimal = Field(ge=0, description="EUR excl. VAT.", max_digits=10, decimal_places=2)
    vat_rate: VatRate = Field(description="VAT rate in %.")
    is_active: bool = True


class VariantPatch(Schema):
    name: str | None = Field(None, max_length=120)
    sku: str | None = Field(None, max_length=60)
    quantity: Decimal | None = Field(None, gt=0, max_digits=10, decimal_places=3)
    unit: str | None = Field(None, min_length=1, max_length=100)
    price: Decimal | None = Field(None, ge=0, max_digits=10, decimal_places=2)
    vat_rate: VatRate | None = None
    is_active: bool | None = None


class ClaimIn(Schema):
    kind: ClaimKind
    text_nl: str = Field(min_length=1, max_length=300)
    text_fr: str = Field("", max_length=300)
    text_en: str = Field("", max_length=300)
    evidence: str = Field("", max_length=300)
    evidence_url: str = Field("", max_length=200)


class ProductFields(Schema):
    """What a producer may change on a product (every field optional: PATCH changes only those sent)."""

    product_type: str | None = Field(None, min_length=1, max_length=100, description="Key of a DFC product type.")
    name_nl: str | None = Field(None, min_length=1, max_length=200)
    name_fr: str | None = Field(None, max_length=200)
    name_en: str | None = Field(None, max_length=200)
    description_nl: str | None = None
    description_fr: str | None = None
    description_en: str | None = None
    labels: list[str] | None = Field(None, description="Keys of DFC facets; replaces the product's labels.")
    months: list[int] | None = Field(None, description="Months (1-12) in which the product is available.")
    allergens: list[Allergen] | None = None
    energy_kj: Decimal | None = Field(None, ge=0, max_digits=7, decimal_places=2)
    energy_kcal: Decimal | None = Field(None, ge=0, max_digits=7, decimal_places=2)
    fat: Decimal | None = Field(None, ge=0, max_digits=7, decimal_places=2)
    saturated_fat: Decimal | None = Field(None, ge=0, max_digits=7, decimal_places=2)
    carbohydrate: Decimal | None = Field(None, ge=0, max_digits=7, decimal_places=2)
    sugars: Decimal | None = Field(None, ge=0, max_digits=7, decimal_places=2)
    fibre: Decimal | None = Field(None, ge=0, max_digits=7, decimal_places=2)
    protein: Decimal | None = Field(None, ge=0, max_digits=7, decimal_places=2)
    salt: Decimal | None = Field(None, ge=0, max_digits=7, decimal_places=2)
    storage_nl: str | None = None
    storage_fr: str | None = None
    storage_en: str | None = None
    preparation_nl: str | None = None
    preparation_fr: str | None = None
    preparation_en: str | None = None
    is_active: bool | None = None
    claims: list[ClaimIn] | None = Field(None, description="Replaces the product's claims.")


class ProductIn(ProductFields):
    organisation: int = Field(description="Id of the producer (you must be its owner or manager).")
    product_type: str = Field(min_length=1, max_length=100, description="Key of a DFC product type.")  # type: ignore[assignment]
    name_nl: str = Field(min_length=1, max_length=200)  # type: ignore[assignment]
    variants: list[VariantIn] = Field(default_factory=list)
