"""What the DFC export reads: an organisation's catalogue, a region's open catalogue, an order with its lines.

Each selector runs a fixed number of queries whatever the size of the catalogue (five for any number of
organisations, products and variants): rows are fetched per table and grouped in Python, never per product.
"""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet

from streek.catalog.choices import OrganisationKind
from streek.catalog.models import Concept, Organisation, Product, ProductClaim, Variant
from streek.catalog.models.product import NUTRIENT_FIELDS
from streek.core.exceptions import NotFound
from streek.orders.models import Order, OrderLine
from streek.territory.models import Municipality
from streek.territory.selectors import region_municipality_ids

SUPPLIER_KINDS = (OrganisationKind.PRODUCER, OrganisationKind.PROCESSOR)
# The columns the export reads (no timestamps: converting 10,000 of them costs more than the rest of a row).
PRODUCT_FIELDS = (
    "id",
    "organisation_id",
    "name_nl",
    "description_nl",
    "product_type_id",
    "is_active",
    "allergens",
    *NUTRIENT_FIELDS,
)
CLAIM_FIELDS = ("id", "product_id", "kind", "text_nl", "text_fr", "text_en", "evidence", "evidence_url")
VARIANT_FIELDS = ("id", "product_id", "name", "sku", "quantity", "unit_id", "price", "vat_rate", "is_active")
CONCEPT_FIELDS = ("id", "scheme", "key", "path")


@dataclass
class CatalogueProduct:
    product: Product
    variants: list[Variant] = field(default_factory=list)
    labels: list[Concept] = field(default_factory=list)
    claims: list[ProductClaim] = field(default_factory=list)


@dataclass
class CatalogueEnterprise:
    organisation: Organisation
    products: list[CatalogueProduct] = field(default_factory=list)

    @property
    def variant_count(self) -> int:
        return sum(len(item.variants) for item in self.products)


def _active_products(organisations: QuerySet[Organisation, Any]) -> QuerySet[Product]:
    """Active products of the organisations (given as a subquery, so no long list of ids is sent)."""
    return Product.objects.filter(organisation__in=organisations, is_active=True)


def dfc_catalogue_list(*, organisations: QuerySet[Organisation]) -> list[CatalogueEnterprise]:
    """The active products and variants of the organisations, with labels and claims: five queries, by id."""
    enterprises = {
        org.pk: CatalogueEnterprise(org)
        for org in organisations.select_related("municipality", "country").order_by("pk")
    }
    ids = organisations.values("pk")
    products: dict[int, CatalogueProduct] = {}
    product_rows = (
        _active_products(ids)
        .select_related("product_type")
        .only(*PRODUCT_FIELDS, *(f"product_type__{name}" for name in CONCEPT_FIELDS))
        .order_by("organisation_id", "pk")
    )
    for product in product_rows:
        item = CatalogueProduct(product)
        products[product.pk] = item
        enterprises[product.organisation_id].products.append(item)
    variants = (
        Variant.objects.filter(product__in=_active_products(ids).values("pk"), is_active=True)
        .select_related("unit")
        .only(*VARIANT_FIELDS, *(f"unit__{name}" for name in CONCEPT_FIELDS))
        .order_by("product_id", "pk")
    )
    for variant in variants:
        products[variant.product_id].variants.append(variant)
    through = Product.labels.through.objects.filter(product__in=_active_products(ids).values("pk"))
    label_rows = (
        through.select_related("concept")
        .only("product_id", *(f"concept__{name}" for name in CONCEPT_FIELDS))
        .order_by("product_id", "concept__path")
    )
    for row in label_rows:
        products[row.product_id].labels.append(row.concept)
    claims = ProductClaim.objects.filter(product__in=_active_products(ids).values("pk")).only(*CLAIM_FIELDS)
    for claim in claims.order_by("product_id", "pk"):
        products[claim.product_id].claims.append(claim)
    return list(enterprises.values())


def dfc_catalogue_get(*, organisation_id: int) -> CatalogueEnterprise:
    """One organisation's catalogue (five queries); NotFound when it does not exist."""
    found = dfc_catalogue_list(organisations=Organisation.objects.filter(pk=organisation_id))
    if not found:
        raise NotFound("organisation")
    return found[0]


def dfc_open_organisations(*, region: str = "", municipality: str = "") -> QuerySet[Organisation]:
    """Producers and processors of a region (custom region slug or province code) or a municipality (NIS/CBS code)
    with at least one active product: the published catalogues of the open data. NotFound for an unknown area."""
    if region:
        municipality_ids = region_municipality_ids(region=region)
    else:
        found = Municipality.objects.filter(code=municipality).values_list("pk", flat=True).first()
        if found is None:
            raise NotFound("municipality")
        municipality_ids = [found]
    has_products = Exists(Product.objects.filter(organisation=OuterRef("pk"), is_active=True))
    return Organisation.objects.filter(has_products, municipality_id__in=municipality_ids, kind__in=SUPPLIER_KINDS)


@dataclass
class OrderExport:
    order: Order
    lines: list[OrderLine]


def dfc_order_get(*, order: Order, producer_ids: list[int] | None = None) -> OrderExport:
    """An order's lines (all, or only those of some producers): one query."""
    lines = OrderLine.objects.filter(order=order)
    if producer_ids is not None:
        lines = lines.filter(producer_id__in=producer_ids)
    return OrderExport(order=order, lines=list(lines.order_by("pk")))
