"""Small DFC catalogue documents for the import tests, shaped like Open Food Network's catalog_items response."""

from pathlib import Path
from typing import Any

CONTEXT = "https://w3id.org/dfc/ontology/context/context_1.16.0.json"
BASE = "https://ofn.example/api/dfc/enterprises/7"
OFN_FOLDER = Path(__file__).resolve().parents[3].parent / "shared" / "dfc" / "openfoodfoundation-openfoodnetwork"


def supplied_product_id(number: int) -> str:
    return f"{BASE}/supplied_products/{number}"


def variant_nodes(
    number: int,
    *,
    name: str = "Appels - 1 kg",
    quantity: Any = 1.0,
    unit: str = "dfc-m:Kilogram",
    price: Any = 3.5,
    currency: str = "dfc-m:Euro",
    product_type: str | None = "dfc-pt:apples",
    group: int | None = 90,
    sku: str = "APL-1",
) -> list[dict[str, Any]]:
    product: dict[str, Any] = {
        "@id": supplied_product_id(number),
        "@type": "dfc-b:SuppliedProduct",
        "dfc-b:name": name,
        "dfc-b:description": "Jonagold van de hoogstam",
        "dfc-b:hasQuantity": {"@type": "dfc-b:QuantitativeValue", "dfc-b:hasUnit": unit, "dfc-b:value": quantity},
    }
    if product_type:
        product["dfc-b:hasType"] = product_type
    if group is not None:
        product["dfc-b:isVariantOf"] = f"https://ofn.example/api/dfc/product_groups/{group}"
    return [
        product,
        {
            "@id": f"{BASE}/catalog_items/{number}",
            "@type": "dfc-b:CatalogItem",
            "dfc-b:references": supplied_product_id(number),
            "dfc-b:sku": sku,
            "dfc-b:offeredThrough": f"{BASE}/offers/{number}",
        },
        {
            "@id": f"{BASE}/offers/{number}",
            "@type": "dfc-b:Offer",
            "dfc-b:hasPrice": {
                "@type": "dfc-b:Price",
                "dfc-b:value": price,
                "dfc-b:VATrate": 6,
                "dfc-b:hasUnit": currency,
            },
        },
    ]


def group_node(number: int = 90, name: str = "Appels", variants: tuple[int, ...] = (1,)) -> dict[str, Any]:
    return {
        "@id": f"https://ofn.example/api/dfc/product_groups/{number}",
        "@type": "dfc-b:SuppliedProduct",
        "dfc-b:name": name,
        "dfc-b:hasVariant": [supplied_product_id(variant) for variant in variants],
    }


def catalogue(*nodes: dict[str, Any]) -> dict[str, Any]:
    return {"@context": CONTEXT, "@graph": list(nodes)}


def apples(price: Any = 3.5, **fields: Any) -> dict[str, Any]:
    """Apples in two variants (1 kg, 5 kg) of one product group."""
    return catalogue(
        group_node(variants=(1, 2)),
        *variant_nodes(1, price=price, **fields),
        *variant_nodes(2, name="Appels - 5 kg", quantity=5, price=15, sku="APL-5"),
    )
