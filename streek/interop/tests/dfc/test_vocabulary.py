"""The DFC terms: the shipped ontology terms match the ontology, OFN's extra terms are all listed."""

import json

import pytest

from streek.catalog.models import Concept
from streek.interop.dfc import jsonld, vocabulary
from streek.interop.dfc.jsonld import DFC_B, DFC_M, DFC_V
from streek.interop.tests.dfc.export_data import shared_dfc
from streek.interop.tests.dfc.test_jsonld import ofn_documents

V2_NAMESPACE = "http://w3id.org/dfc/ontology/v2.0.0/"
LDP = "ldp:"


def test_the_shipped_terms_are_those_of_the_ontology_1_16() -> None:
    # given the DFC 1.16 ontology sources
    src = shared_dfc() / "datafoodconsortium-ontology" / "src"
    built = vocabulary.build_ontology_terms([src / "DFC_BusinessOntology.rdf", src / "DFC_TechnicalOntology.rdf"])
    # then the compact file shipped with Streek holds the same terms
    shipped = json.loads(vocabulary.TERMS_FILE.read_text(encoding="utf-8"))
    assert {kind: shipped[kind] for kind in built} == built


def test_the_core_terms_are_known() -> None:
    assert f"{DFC_B}SuppliedProduct" in vocabulary.ontology_classes()
    assert f"{DFC_B}hasQuantity" in vocabulary.ontology_properties()
    assert f"{DFC_B}hasStreet" not in vocabulary.ontology_properties()
    assert vocabulary.is_known_property(f"{DFC_B}hasStreet")  # an OFN wire term


def test_every_term_ofn_emits_in_dfc_1_16_is_in_the_ontology_or_the_wire_terms() -> None:
    # given OFN's DFC 1.16 documents (the v2 ones use another namespace and are out of scope)
    unknown: set[str] = set()
    for path in ofn_documents():
        document = json.loads(path.read_text(encoding="utf-8"))
        if "2.0.0" in json.dumps(document["@context"]):
            continue
        # when their types and predicates are collected
        for node in jsonld.flatten_nodes(jsonld.expand(document)):
            unknown.update(t for t in jsonld.node_types(node) if not vocabulary.is_known_class(t))
            unknown.update(k for k in node if not k.startswith("@") and not vocabulary.is_known_property(k))
    # then each is in the ontology or on the documented list
    assert unknown == set()


def test_the_wire_terms_are_not_in_the_ontology() -> None:
    in_ontology = vocabulary.ontology_properties() | vocabulary.ontology_classes()
    assert set(vocabulary.OFN_WIRE_TERMS) & in_ontology == set()
    assert not any(term.startswith((V2_NAMESPACE, LDP)) for term in vocabulary.OFN_WIRE_TERMS)


@pytest.mark.django_db
def test_every_catalog_concept_has_the_iri_of_its_taxonomy() -> None:
    # given the concepts the catalog loaded from the DFC taxonomies
    for concept in Concept.objects.all():
        # then its IRI is built from scheme and key, and read back
        assert vocabulary.concept_iri(concept.scheme, concept.key) == concept.uri
        assert vocabulary.concept_key(concept.uri) == (concept.scheme, concept.key)


def test_taxonomy_concepts_and_order_states() -> None:
    assert f"{DFC_M}Euro" in vocabulary.taxonomy_concepts("measure")
    assert f"{DFC_M}Kilogram" in vocabulary.all_taxonomy_concepts()
    assert {f"{DFC_V}{state}" for state in ("Held", "Complete", "Paid", "Unfulfilled")} <= (
        vocabulary.vocabulary_concepts()
    )
    assert vocabulary.concept_key("https://example.org/x#Kilogram") is None
