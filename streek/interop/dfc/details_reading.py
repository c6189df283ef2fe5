"""Reading a product's details from a DFC graph: allergens, nutrients and claims (the inverse of export_details.py).

`check_details` gives the problems of a SuppliedProduct's details (each naming node and property) for the
validator; `read_details` what a product gets from the SuppliedProducts of a plan (its group and its variants).
Only what the document states is read: a document without allergens leaves a product's allergens as they are.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

from streek.catalog.choices import ClaimKind

from .jsonld import DFC_B
from .reading import HAS_UNIT, UNIT_PATH, VALUE, DfcGraph, Problem, Taxonomy, number
from .vocabulary import ALLERGEN_DIMENSIONS, NUTRIENT_DIMENSIONS

SKOS = "http://www.w3.org/2004/02/skos/core#"
SKOS_CONCEPT = SKOS + "Concept"
SKOS_BROADER = SKOS + "broader"
SKOS_PREF_LABEL = SKOS + "prefLabel"
SKOS_NOTATION = SKOS + "notation"
DCTERMS_DESCRIPTION = "http://purl.org/dc/terms/description"
HAS_ALLERGEN_CHARACTERISTIC = DFC_B + "hasAllergenCharacteristic"
HAS_ALLERGEN_DIMENSION = DFC_B + "hasAllergenDimension"
HAS_NUTRIENT_CHARACTERISTIC = DFC_B + "hasNutrientCharacteristic"
HAS_NUTRIENT_DIMENSION = DFC_B + "hasNutrientDimension"
HAS_CLAIM = DFC_B + "hasClaim"
URL = DFC_B + "URL"

ALLERGEN_PATH = "Dimension/AllergenDimension/"
NUTRIENT_PATH = "Dimension/NutrientDimension/"
ALLERGENS_BY_DIMENSION = {dimension: key for key, dimension in ALLERGEN_DIMENSIONS.items()}
NUTRIENTS_BY_DIMENSION = {dimension: name for name, dimension in NUTRIENT_DIMENSIONS.items()}
GRAMS = {"Gram": Decimal(1), "Milligram": Decimal("0.001"), "Kilogram": Decimal(1000)}
NUTRIENT_MAX = Decimal("99999.99")  # the nutrient fields: 7 digits, 2 decimals
CLAIM_TEXT_LENGTH = 300  # ProductClaim.text_nl, evidence
CLAIM_URL_LENGTH = 200  # ProductClaim.evidence_url (URLField)
CENT = Decimal("0.01")


@dataclass
class ClaimPlan:
    semantic_id: str
    kind: str
    text_nl: str
    text_fr: str = ""
    text_en: str = ""
    evidence: str = ""
    evidence_url: str = ""


@dataclass
class ProductDetails:
    """What a document says of a product: None (or absent from `nutrition`) where it says nothing."""

    allergens: list[str] | None = None
    nutrition: dict[str, Decimal] = field(default_factory=dict)
    claims: list[ClaimPlan] | None = None

    @property
    def empty(self) -> bool:
        return self.allergens is None and not self.nutrition and self.claims is None


def is_claim_concept(graph: DfcGraph, taxonomy: Taxonomy, iri: str) -> bool:
    """A skos:Concept in the document narrower than a Claim facet (a claim of our own, as Streek exports one)."""
    node = graph.nodes.get(iri)
    if node is None or SKOS_CONCEPT not in node.get("@type", []):
        return False
    return any(taxonomy.key(broader, "facet", "Claim") for broader in graph.links(node, SKOS_BROADER))


def _characteristics(graph: DfcGraph, node: dict[str, list[Any]], prop: str) -> list[dict[str, list[Any]]]:
    return [graph.nodes[target] for target in graph.links(node, prop) if target in graph.nodes]


def _dimension(graph: DfcGraph, taxonomy: Taxonomy, characteristic: dict[str, list[Any]], prop: str, path: str) -> str:
    """The key of the characteristic's dimension concept ("" when it has none or not one of `path`)."""
    for iri in graph.links(characteristic, prop):
        key = taxonomy.key(iri, "measure", path)
        if key:
            return key
    return ""


def _grams(graph: DfcGraph, taxonomy: Taxonomy, characteristic: dict[str, list[Any]]) -> Decimal | None:
    """The amount of a nutrient characteristic in grams (None: no number, or a unit that is not a mass)."""
    values = graph.literals(characteristic, VALUE)
    amount = number(values[0]) if values else None
    units = graph.links(characteristic, HAS_UNIT)
    unit = taxonomy.key(units[0], "measure", UNIT_PATH) if units else "Gram"
    if amount is None or unit not in GRAMS:
        return None
    return (amount * GRAMS[unit]).quantize(CENT, rounding=ROUND_HALF_UP)


_URL_VALIDATOR = URLValidator(schemes=["http", "https"])


def _url(text: str) -> str:
    """An http(s) URL Streek can keep as evidence link, else ""."""
    if not text or len(text) > CLAIM_URL_LENGTH:
        return ""
    try:
        _URL_VALIDATOR(text)
    except ValidationError:
        return ""
    return text


_NO_CLAIM = ClaimPlan(semantic_id="", kind="", text_nl="")


def _claim(graph: DfcGraph, iri: str) -> ClaimPlan | None:
    """The claim concept `iri` as a plan (read once per graph: each variant of a product links it)."""
    cache: dict[str, ClaimPlan] = graph.__dict__.setdefault("_claims", {})
    found = cache.get(iri)
    if found is None:
        found = cache[iri] = _read_claim(graph, iri) or _NO_CLAIM
    return None if found is _NO_CLAIM else found


def _read_claim(graph: DfcGraph, iri: str) -> ClaimPlan | None:
    node = graph.nodes[iri]
    texts = graph.texts_by_language(node, SKOS_PREF_LABEL)
    kind = graph.text(node, SKOS_NOTATION)
    text_nl = texts.get("nl") or texts.get("") or next(iter(texts.values()), "")
    if not text_nl or kind not in ClaimKind.values:
        return None
    return ClaimPlan(
        semantic_id=iri,
        kind=kind,
        text_nl=text_nl[:CLAIM_TEXT_LENGTH],
        text_fr=texts.get("fr", "")[:CLAIM_TEXT_LENGTH],
        text_en=texts.get("en", "")[:CLAIM_TEXT_LENGTH],
        evidence=graph.text(node, DCTERMS_DESCRIPTION)[:CLAIM_TEXT_LENGTH],
        evidence_url=_url(graph.text(node, URL)),
    )


def check_details(graph: DfcGraph, taxonomy: Taxonomy, node_id: str, node: dict[str, list[Any]]) -> list[Problem]:
    """The problems of a SuppliedProduct's allergens, nutrients and claims (errors, and warnings for what is left)."""
    problems: list[Problem] = []
    for characteristic in _characteristics(graph, node, HAS_ALLERGEN_CHARACTERISTIC):
        dimensions = graph.links(characteristic, HAS_ALLERGEN_DIMENSION)
        if not dimensions or not _dimension(graph, taxonomy, characteristic, HAS_ALLERGEN_DIMENSION, ALLERGEN_PATH):
            message = _("%(iri)s is not a DFC allergen (dfc-m:AllergenDimension).") % {"iri": ", ".join(dimensions)}
            problems.append(Problem(node_id, HAS_ALLERGEN_CHARACTERISTIC, message))
    for characteristic in _characteristics(graph, node, HAS_NUTRIENT_CHARACTERISTIC):
        dimensions = graph.links(characteristic, HAS_NUTRIENT_DIMENSION)
        key = _dimension(graph, taxonomy, characteristic, HAS_NUTRIENT_DIMENSION, NUTRIENT_PATH)
        if not key:
            message = _("%(iri)s is not a DFC nutrient (dfc-m:NutrientDimension).") % {"iri": ", ".join(dimensions)}
            problems.append(Problem(node_id, HAS_NUTRIENT_CHARACTERISTIC, message))
            continue
        grams = _grams(graph, taxonomy, characteristic)
        if grams is None or grams < 0 or grams > NUTRIENT_MAX:
            message = _("the amount of %(nutrient)s is not a mass in grams, milligrams or kilograms from 0 up.")
            problems.append(Problem(node_id, HAS_NUTRIENT_CHARACTERISTIC, message % {"nutrient": key}))
        elif key not in NUTRIENTS_BY_DIMENSION:
            message = _("Streek keeps no %(nutrient)s in its nutrition declaration: it is not imported.")
            problems.append(Problem(node_id, HAS_NUTRIENT_CHARACTERISTIC, message % {"nutrient": key}, warning=True))
    for iri in graph.links(node, HAS_CLAIM):
        if not is_claim_concept(graph, taxonomy, iri):
            continue
        claim = _claim(graph, iri)
        if claim is None:
            message = _("the claim %(iri)s needs a label (skos:prefLabel) and one of Streek's kinds (skos:notation): "
                        "it is not imported.")  # fmt: skip
            problems.append(Problem(node_id, HAS_CLAIM, message % {"iri": iri}, warning=True))
        elif graph.text(graph.nodes[iri], URL) and not claim.evidence_url:
            message = _("the evidence link of the claim %(iri)s is not an http(s) URL: it is left out.")
            problems.append(Problem(node_id, HAS_CLAIM, message % {"iri": iri}, warning=True))
    return problems


def read_details(graph: DfcGraph, taxonomy: Taxonomy, node_ids: list[str]) -> ProductDetails:
    """The details the SuppliedProducts `node_ids` (a product group and its variants) state, merged."""
    details = ProductDetails()
    for node_id in node_ids:
        node = graph.nodes.get(node_id, {})
        if HAS_ALLERGEN_CHARACTERISTIC in node:
            found = set(details.allergens or [])
            for characteristic in _characteristics(graph, node, HAS_ALLERGEN_CHARACTERISTIC):
                key = _dimension(graph, taxonomy, characteristic, HAS_ALLERGEN_DIMENSION, ALLERGEN_PATH)
                values = graph.literals(characteristic, VALUE)
                amount = number(values[0]) if values else None
                if key in ALLERGENS_BY_DIMENSION and (amount is None or amount > 0):  # value 0: does not contain
                    found.add(ALLERGENS_BY_DIMENSION[key])
            details.allergens = [key for key in ALLERGEN_DIMENSIONS if key in found]
        for characteristic in _characteristics(graph, node, HAS_NUTRIENT_CHARACTERISTIC):
            key = _dimension(graph, taxonomy, characteristic, HAS_NUTRIENT_DIMENSION, NUTRIENT_PATH)
            grams = _grams(graph, taxonomy, characteristic)
            if key in NUTRIENTS_BY_DIMENSION and grams is not None:
                details.nutrition.setdefault(NUTRIENTS_BY_DIMENSION[key], grams)
        claims = [claim for iri in graph.links(node, HAS_CLAIM) if is_claim_concept(graph, taxonomy, iri)
                  if (claim := _claim(graph, iri)) is not None]  # fmt: skip
        if claims:
            known = {claim.semantic_id for claim in details.claims or []}
            details.claims = [*(details.claims or []), *(c for c in claims if c.semantic_id not in known)]
    return details
