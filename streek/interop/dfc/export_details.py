"""DFC 1.16 export of a product's details: allergens, nutrition and claims with their evidence.

On each variant's dfc-b:SuppliedProduct (product data, as the description), as the DFC connectors write them:
- allergens: `dfc-b:hasAllergenCharacteristic` blank nodes {dfc-b:AllergenCharacteristic,
  `dfc-b:hasAllergenDimension` = a dfc-m:AllergenDimension concept, `dfc-b:value` = 1 (contains)};
- nutrition per 100 g: `dfc-b:hasNutrientCharacteristic` blank nodes {dfc-b:NutrientCharacteristic,
  `dfc-b:hasNutrientDimension` = a dfc-m:NutrientDimension concept, `dfc-b:hasUnit` = dfc-m:Gram, `dfc-b:value`};
- ProductClaims: `dfc-b:hasClaim` (next to the Claim facets) pointing at a skos:Concept of our own, narrower than
  dfc-f:OtherClaim, with the claim as `skos:prefLabel` per language, its kind as `skos:notation`, the evidence as
  `dcterms:description` and the evidence link as `dfc-b:URL`.
Pure functions, no query (the selectors loaded the claims).
"""

from decimal import Decimal
from typing import Any

from streek.catalog.choices import Allergen
from streek.catalog.models import Product, ProductClaim

from . import ids
from .vocabulary import ALLERGEN_DIMENSIONS, CLAIM_BROADER, NUTRIENT_DIMENSIONS, NUTRIENT_UNIT

Node = dict[str, Any]

DCTERMS_DESCRIPTION = "http://purl.org/dc/terms/description"
ALLERGEN_ORDER = {key: index for index, key in enumerate(Allergen.values)}


def _number(value: Decimal) -> float:
    return float(value)  # decimals as JSON floats, as export.number writes them


def allergen_nodes(product: Product) -> list[Node]:
    """The product's allergens in the order of the regulation (unknown keys left out)."""
    keys = sorted(
        {key for key in product.allergens or [] if key in ALLERGEN_DIMENSIONS}, key=ALLERGEN_ORDER.__getitem__
    )
    return [
        {
            "@type": "dfc-b:AllergenCharacteristic",
            "dfc-b:hasAllergenDimension": f"dfc-m:{ALLERGEN_DIMENSIONS[key]}",
            "dfc-b:value": 1,
        }
        for key in keys
    ]


def nutrient_nodes(product: Product) -> list[Node]:
    """The nutrients declared (per 100 g) in the order of the regulation; energy has no DFC concept."""
    nodes: list[Node] = []
    for name, dimension in NUTRIENT_DIMENSIONS.items():
        value = getattr(product, name)
        if value is None:
            continue
        nodes.append(
            {
                "@type": "dfc-b:NutrientCharacteristic",
                "dfc-b:hasNutrientDimension": f"dfc-m:{dimension}",
                "dfc-b:hasUnit": f"dfc-m:{NUTRIENT_UNIT}",
                "dfc-b:value": _number(value),
            }
        )
    return nodes


def claim_node(claim: ProductClaim) -> Node:
    """A ProductClaim as a skos:Concept narrower than dfc-f:OtherClaim."""
    labels = [
        {"@value": text, "@language": language}
        for language, text in (("nl", claim.text_nl), ("fr", claim.text_fr), ("en", claim.text_en))
        if text
    ]
    node: Node = {
        "@id": ids.product_claim_id(claim.product_id, claim.pk),
        "@type": "skos:Concept",
        "skos:broader": {"@id": f"dfc-f:{CLAIM_BROADER}"},
        "skos:prefLabel": labels,
        "skos:notation": claim.kind,
    }
    if claim.evidence:
        node[DCTERMS_DESCRIPTION] = claim.evidence
    if claim.evidence_url:
        node["dfc-b:URL"] = claim.evidence_url
    return node


def add_product_details(supplied: Node, product: Product, claims: list[ProductClaim]) -> None:
    """Add the allergens, nutrients and claims of `product` to a variant's SuppliedProduct node (in place)."""
    allergens = allergen_nodes(product)
    if allergens:
        supplied["dfc-b:hasAllergenCharacteristic"] = allergens
    nutrients = nutrient_nodes(product)
    if nutrients:
        supplied["dfc-b:hasNutrientCharacteristic"] = nutrients
    if claims:
        own = [ids.product_claim_id(claim.product_id, claim.pk) for claim in claims]
        supplied["dfc-b:hasClaim"] = [*supplied.get("dfc-b:hasClaim", []), *own]
