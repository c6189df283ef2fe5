"""The terms of DFC 1.16: classes, properties and individuals of the ontology, the concepts of the taxonomies, and
the wire terms Open Food Network emits beyond the ontology.

The ontology terms are shipped as a compact JSON (streek/interop/data/dfc/ontology_1.16.0_terms.json) built from the
ontology's RDF by `build_ontology_terms`, so nothing large is parsed at run time. The taxonomy concepts come from the
files the catalog app ships (streek/catalog/data), the same ones its `Concept` rows are loaded from.
"""

import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from streek.catalog.taxonomy_loading import read_concepts

from .jsonld import DATA_DIR, DFC, DFC_B, DFC_F, DFC_M, DFC_PT, RDF_TYPE

TERMS_FILE = DATA_DIR / "ontology_1.16.0_terms.json"

# Terms Open Food Network puts on the wire that DFC 1.16 does not define, found by expanding every example and
# fixture of OFN's DFC API (swagger/dfc.yaml, engines/dfc_provider fixtures, recorded FDC exchanges) and taking the
# types and predicates that are not in the ontology. Streek reads them on import and emits none but the ones marked
# "emitted" in docs/dfc.md. Keys are full IRIs; values say what they are.
OFN_WIRE_TERMS: dict[str, str] = {
    f"{DFC_B}hasStreet": "Address street (ontology 1.16: dfc-b:street). Emitted by Streek, as OFN and the connectors do.",
    f"{DFC_B}hasPostalCode": "Address postcode (ontology: dfc-b:postcode). Emitted by Streek.",
    f"{DFC_B}hasCity": "Address city (ontology: dfc-b:city). Emitted by Streek.",
    f"{DFC_B}hasDescription": "Enterprise description (ontology: dfc-b:description). Emitted by Streek.",
    f"{DFC_B}image": "Image URL of a product or enterprise (ontology: dfc-b:Image). Read only.",
    f"{DFC_B}offeredItem": "Offer -> the item offered, in orders exchanged with FDC/Shopify. Read only.",
    f"{DFC_B}totalTheoreticalStock": "Spelling OFN uses (ontology: dfc-b:totalTheoriticalStock). Read only.",
    f"{DFC_B}alcoholPercentage": "Alcohol percentage (ontology: hasPercentageOfAlcoholByVolume). Read only.",
    f"{DFC_B}usageOrStorageCondition": "Usage or storage condition of a product. Read only.",
    f"{DFC_B}affiliatedBy": "Enterprise group -> member enterprises (ontology: affiliates/affiliatedTo). Read only.",
    f"{DFC_B}beginDate": "Start of a sale session (ontology: dfc-b:startDate). Read only.",
    f"{DFC_B}hasIncome": "Transformation input in FDC catalogues (bundles). Read only.",
    f"{DFC_B}hasOutcome": "Transformation output in FDC catalogues (bundles). Read only.",
    f"{DFC}owner": "Owner of a supplied product in OFN's PUT request bodies (DFC_FullModel namespace). Read only.",
    "http://static.datafoodconsortium.org/ontologies/DFC_BusinessOntology.owl#sku": "Pre-1.0 namespace in OFN "
    "request bodies (catalog item sku). Read only.",
    "http://static.datafoodconsortium.org/ontologies/DFC_BusinessOntology.owl#stockLimitation": "Pre-1.0 namespace "
    "in OFN request bodies (catalog item stock). Read only.",
    "ofn:spree_product_id": "OFN's internal product id on a variant (IRI scheme 'ofn', no namespace). Read only.",
    "ofn:spree_product_uri": "OFN's URL of a variant's product group. Read only.",
    "ofn:image": "OFN's copy of dfc-b:image on products. Read only.",
    "ofn:long_description": "OFN's HTML description of an enterprise. Read only.",
    "ofn:contact_name": "OFN's enterprise contact name. Read only.",
    "ofn:logo_url": "OFN's enterprise logo URL. Read only.",
    "ofn:promo_image_url": "OFN's enterprise promotion image URL. Read only.",
}


# Product data beyond the catalogue (docs/dfc.md "Product details"): the 14 allergens of Regulation (EU) 1169/2011
# (catalog.choices.Allergen) as concepts of dfc-m:AllergenDimension, and the nutrients of the declaration per 100 g
# (catalog.models.product.NUTRIENT_FIELDS) as concepts of dfc-m:NutrientDimension. Energy (kJ, kcal) has no concept
# in the DFC measures taxonomy v1.3.0, so it is not exported.
ALLERGEN_DIMENSIONS: dict[str, str] = {
    "gluten": "CerealsWithGluten",
    "crustaceans": "Crustaceans",
    "eggs": "Eggs",
    "fish": "Fishs",
    "peanuts": "Peanuts",
    "soybeans": "Soy",
    "milk": "LactoseMilks",
    "nuts": "Nuts",
    "celery": "Celeriac",
    "mustard": "Mustard",
    "sesame": "SesameSeeds",
    "sulphites": "Sulphites",
    "lupin": "Lupine",
    "molluscs": "Molluscs",
}
NUTRIENT_DIMENSIONS: dict[str, str] = {
    "fat": "Fat",
    "saturated_fat": "SaturatedFat",
    "carbohydrate": "Carbohydrates",
    "sugars": "Sugars",
    "fibre": "Fibre",
    "protein": "Protein",
    "salt": "Salt",
}
NUTRIENT_UNIT = "Gram"  # values are per 100 g of product, as on the label
# A ProductClaim (a claim of how the product is made, with its evidence) is a skos:Concept of our own, narrower than
# this facet concept, so dfc-b:hasClaim keeps pointing at a concept of the Claim branch.
CLAIM_BROADER = "OtherClaim"


@cache
def ontology_terms() -> dict[str, frozenset[str]]:
    """{"classes", "object_properties", "datatype_properties", "annotation_properties", "individuals"} of DFC 1.16."""
    with TERMS_FILE.open(encoding="utf-8") as handle:
        raw: dict[str, list[str]] = json.load(handle)
    return {kind: frozenset(iris) for kind, iris in raw.items() if isinstance(iris, list)}


def ontology_classes() -> frozenset[str]:
    return ontology_terms()["classes"]


def ontology_properties() -> frozenset[str]:
    terms = ontology_terms()
    return terms["object_properties"] | terms["datatype_properties"] | terms["annotation_properties"]


def ontology_individuals() -> frozenset[str]:
    return ontology_terms()["individuals"]


def is_known_class(iri: str) -> bool:
    return iri in ontology_classes() or iri in OFN_WIRE_TERMS


def is_known_property(iri: str) -> bool:
    return iri in ontology_properties() or iri in OFN_WIRE_TERMS


# ---- taxonomies -------------------------------------------------------------------------------------------------

SCHEME_NAMESPACES = {"measure": DFC_M, "product_type": DFC_PT, "facet": DFC_F}


@cache
def taxonomy_concepts(scheme: str) -> frozenset[str]:
    """The concept IRIs of a taxonomy ("measure", "product_type" or "facet")."""
    return frozenset(concept["uri"] for concept in read_concepts(scheme))


def all_taxonomy_concepts() -> frozenset[str]:
    return frozenset().union(*(taxonomy_concepts(scheme) for scheme in SCHEME_NAMESPACES))


def concept_iri(scheme: str, key: str) -> str:
    """The IRI of our catalog Concept (scheme, key): the DFC namespace of the taxonomy + the key."""
    return f"{SCHEME_NAMESPACES[scheme]}{key}"


def concept_key(iri: str) -> tuple[str, str] | None:
    """(scheme, key) of a taxonomy IRI, or None when it is not in one of the three taxonomies."""
    for scheme, namespace in SCHEME_NAMESPACES.items():
        if iri.startswith(namespace) and iri in taxonomy_concepts(scheme):
            return scheme, iri[len(namespace) :]
    return None


# ---- building the shipped terms file (run when the ontology changes; a test checks it is up to date) -------------


def build_ontology_terms(rdf_files: Iterable[Path]) -> dict[str, list[str]]:
    """The terms of the DFC ontology RDF/XML files, sorted, in the shape of TERMS_FILE."""
    import rdflib
    from rdflib.namespace import OWL, RDF

    graph = rdflib.Graph()
    for path in rdf_files:
        graph.parse(path, format="xml")
    kinds = {
        "classes": OWL.Class,
        "object_properties": OWL.ObjectProperty,
        "datatype_properties": OWL.DatatypeProperty,
        "annotation_properties": OWL.AnnotationProperty,
        "individuals": OWL.NamedIndividual,
    }
    return {
        kind: sorted({str(s) for s in graph.subjects(RDF.type, rdf_type) if isinstance(s, rdflib.URIRef)})
        for kind, rdf_type in kinds.items()
    }


@cache
def vocabulary_concepts() -> frozenset[str]:
    """The concept IRIs of the DFC vocabulary taxonomy (order, fulfilment and payment states, ...), shipped in
    streek/interop/data/dfc/vocabulary.json."""
    with (DATA_DIR / "vocabulary.json").open(encoding="utf-8") as handle:
        document = json.load(handle)
    graph = document[0]["@graph"] if isinstance(document, list) else document.get("@graph", document)
    concept = "http://www.w3.org/2004/02/skos/core#Concept"
    iris = set()
    for node in graph:
        types = list(node.get("@type", [])) + [t.get("@id") for t in node.get(RDF_TYPE, [])]
        if concept in types:
            iris.add(str(node["@id"]))
    return frozenset(iris)
