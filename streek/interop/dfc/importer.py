"""From a validated DFC graph to plans of our products and variants (no database write here).

The mapping (docs/dfc-import.md): a SuppliedProduct that is sold (it has a quantity, or a CatalogItem) is one
Variant; the product group it is a variant of (dfc-b:isVariantOf, or a node naming it in dfc-b:hasVariant; Open
Food Network writes groups as SuppliedProducts) is our Product. A SuppliedProduct without a group is a Product
of its own with that one variant. Name, description, product type and facets go to the product, quantity and unit,
SKU (CatalogItem) and price with VAT rate (the first Offer) to the variant.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from .reading import (
    CURRENCY_PATH,
    DESCRIPTION,
    FACET_PROPERTIES,
    HAS_PRICE,
    HAS_QUANTITY,
    HAS_TYPE,
    HAS_UNIT,
    HAS_VARIANT,
    IS_VARIANT_OF,
    NAME,
    SKU,
    SUPPLIED_PRODUCT,
    UNIT_PATH,
    VALUE,
    VAT_RATE,
    DfcGraph,
    Taxonomy,
    number,
)

VARIANT_NAME_LENGTH = 120  # Variant.name
CENT = Decimal("0.01")
MILLI = Decimal("0.001")
PIECE = "Piece"


@dataclass
class VariantPlan:
    """One SuppliedProduct as a variant."""

    semantic_id: str
    full_name: str
    name: str = ""
    description: str = ""
    product_type_key: str | None = None
    label_keys: list[str] = field(default_factory=list)
    quantity: Decimal = Decimal(1)
    unit_key: str = PIECE
    price: Decimal | None = None
    currency_key: str | None = None
    vat_rate: Decimal | None = None
    sku: str | None = None


@dataclass
class ProductPlan:
    """A product group (or a lone SuppliedProduct) as a product with its variants."""

    semantic_id: str
    name: str
    description: str = ""
    product_type_key: str | None = None
    label_keys: list[str] = field(default_factory=list)
    variants: list[VariantPlan] = field(default_factory=list)


def _variant_name(full_name: str, group_name: str) -> str:
    """The variant's own part of "Product - variant" (how OFN and our export name a variant)."""
    if group_name and full_name == group_name:
        return ""
    prefix = f"{group_name} - "
    name = full_name[len(prefix) :] if group_name and full_name.startswith(prefix) else full_name
    return name[:VARIANT_NAME_LENGTH]


def _classification(graph: DfcGraph, taxonomy: Taxonomy, node_id: str) -> tuple[str | None, list[str]]:
    node = graph.nodes.get(node_id, {})
    types = [key for iri in graph.links(node, HAS_TYPE) if (key := taxonomy.key(iri, "product_type"))]
    labels = [
        key for prop in FACET_PROPERTIES for iri in graph.links(node, prop) if (key := taxonomy.key(iri, "facet"))
    ]
    return (types[0] if types else None), labels


def _quantity(graph: DfcGraph, taxonomy: Taxonomy, plan: VariantPlan, node_id: str) -> None:
    targets = graph.links(graph.nodes[node_id], HAS_QUANTITY)
    quantity = graph.nodes.get(targets[0], {}) if targets else {}
    values = graph.literals(quantity, VALUE)
    amount = number(values[0]) if values else None
    units = graph.links(quantity, HAS_UNIT)
    unit_key = taxonomy.key(units[0], "measure", UNIT_PATH) if units else None
    if amount is None or amount <= 0 or unit_key is None:  # 0 (FDC sends it): one piece, the validator warned
        return
    plan.quantity = amount.quantize(MILLI, rounding=ROUND_HALF_UP)
    plan.unit_key = unit_key


def _offer(graph: DfcGraph, taxonomy: Taxonomy, plan: VariantPlan, node_id: str) -> None:
    for item_id in graph.catalog_items_of(node_id):
        skus = graph.literals(graph.nodes.get(item_id, {}), SKU)
        if skus and plan.sku is None:
            plan.sku = str(skus[0]["@value"]).strip()
    for offer_id in graph.offers_of(node_id):
        prices = graph.nodes.get(offer_id, {}).get(HAS_PRICE, [])
        if not prices:
            continue
        first = prices[0]
        if "@value" in first:  # a bare number: OFN's older form
            amount = number(first)
        else:
            price = graph.nodes.get(first["@id"], {})
            values = graph.literals(price, VALUE)
            amount = number(values[0]) if values else None
            currencies = graph.links(price, HAS_UNIT)
            plan.currency_key = taxonomy.key(currencies[0], "measure", CURRENCY_PATH) if currencies else None
            rates = graph.literals(price, VAT_RATE)
            rate = number(rates[0]) if rates else None
            plan.vat_rate = rate.quantize(CENT) if rate is not None else None
        if amount is not None:
            plan.price = amount.quantize(CENT, rounding=ROUND_HALF_UP)
            return


def _group_of(graph: DfcGraph, node_id: str, members: dict[str, str]) -> str | None:
    groups = graph.links(graph.nodes[node_id], IS_VARIANT_OF)
    return groups[0] if groups else members.get(node_id)


def plan_catalogue(graph: DfcGraph, taxonomy: Taxonomy) -> list[ProductPlan]:
    """The products and variants a validated graph describes, in document order."""
    groups = graph.groups()
    members = {
        member: group_id for group_id in groups for member in graph.links(graph.nodes.get(group_id, {}), HAS_VARIANT)
    }
    products: dict[str, ProductPlan] = {}
    for node_id, node in graph.of_type(SUPPLIED_PRODUCT):
        if node_id in groups or not graph.is_described(node_id):
            continue
        group_id = _group_of(graph, node_id, members)
        group = graph.nodes.get(group_id, {}) if group_id else {}
        full_name = graph.text(node, NAME)
        group_name = graph.text(group, NAME) if group_id else ""
        product_id = group_id or node_id
        if product_id not in products:
            product_type, labels = _classification(graph, taxonomy, group_id) if group_id else (None, [])
            products[product_id] = ProductPlan(
                semantic_id=product_id,
                name=group_name or full_name,
                description=graph.text(group, DESCRIPTION),
                product_type_key=product_type,
                label_keys=labels,
            )
        product = products[product_id]
        product_type, labels = _classification(graph, taxonomy, node_id)
        variant = VariantPlan(
            semantic_id=node_id,
            full_name=full_name,
            name=_variant_name(full_name, product.name if group_id else full_name),
            description=graph.text(node, DESCRIPTION),
            product_type_key=product_type,
            label_keys=labels,
        )
        _quantity(graph, taxonomy, variant, node_id)
        _offer(graph, taxonomy, variant, node_id)
        product.variants.append(variant)
        product.product_type_key = product.product_type_key or product_type
        product.description = product.description or variant.description
        product.label_keys += [key for key in labels if key not in product.label_keys]
    for product in products.values():
        product.label_keys = sorted(set(product.label_keys))
    return list(products.values())
