"""The DFC validator: every problem collected, each naming node and property; older namespaces read as 1.16."""

import pytest
from django.utils import translation

from streek.interop.dfc.reading import read_graph
from streek.interop.dfc.validation import errors, validate, validate_document
from streek.interop.tests.dfc_documents import BASE, apples, catalogue, supplied_product_id, variant_nodes

pytestmark = pytest.mark.django_db

OLD_CONTEXT = {
    "dfc-b": "http://static.datafoodconsortium.org/ontologies/DFC_BusinessOntology.owl#",
    "dfc-m": "http://static.datafoodconsortium.org/data/measures.rdf#",
    "dfc-pt": "http://static.datafoodconsortium.org/data/productTypes.rdf#",
    "dfc-b:hasUnit": {"@type": "@id"},
    "dfc-b:hasType": {"@type": "@id"},
}


def texts(document: object) -> list[str]:
    with translation.override("en"):
        return [str(problem) for problem in errors(validate_document(document))]  # type: ignore[arg-type]


def test_a_valid_catalogue_has_no_errors() -> None:
    assert texts(apples()) == []


def test_collects_every_problem_with_node_and_property() -> None:
    node = variant_nodes(1, group=None, product_type="dfc-pt:spaceship", quantity="veel")
    node[0]["dfc-b:hasCertification"] = "dfc-f:NotALabel"
    node[0]["dfc-b:name"] = {"@id": "https://example.org/name"}
    node[2]["dfc-b:hasPrice"]["dfc-b:hasUnit"] = "dfc-m:Gram"

    found = texts(catalogue(*node))

    product = supplied_product_id(1)
    assert f"Node {product}: property dfc-b:hasQuantity: the quantity veel is not a number." in found
    assert any(t.startswith(f"Node {product}: property dfc-b:hasType: ") and "spaceship" in t for t in found)
    assert any(t.startswith(f"Node {product}: property dfc-b:hasCertification: ") for t in found)
    assert any(t.startswith(f"Node {product}: property dfc-b:name: expects a text or a number") for t in found)
    assert any(t.startswith(f"Node {BASE}/offers/1: property dfc-b:hasPrice: the currency ") for t in found)
    assert len(found) >= 5


def test_an_unknown_dfc_class_is_an_error_other_vocabularies_a_warning() -> None:
    document = catalogue(
        *variant_nodes(1),
        {"@id": "https://x.example/1", "@type": "dfc-b:Spaceship"},
        {"@id": "https://x.example/2", "@type": "https://schema.org/Thing", "https://schema.org/name": "x"},
    )

    with translation.override("en"):
        problems = validate_document(document)

    assert [str(p) for p in errors(problems)] == [
        "Node https://x.example/1: property @type: dfc-b:Spaceship is not a DFC class."
    ]
    assert any(p.warning and p.node == "https://x.example/2" for p in problems)


def test_old_static_namespaces_are_read_as_dfc_1_16() -> None:
    document = {
        "@context": OLD_CONTEXT,
        "@id": "https://old.example/supplied_products/1",
        "@type": "dfc-b:SuppliedProduct",
        "dfc-b:name": "Pesto",
        "dfc-b:hasType": "dfc-pt:drink",
        "dfc-b:hasQuantity": {"@type": "dfc-b:QuantitativeValue", "dfc-b:hasUnit": "dfc-m:Piece", "dfc-b:value": 1},
    }

    graph, problems = read_graph(document)

    assert graph is not None and problems == []
    assert errors(validate(graph)) == []
    node = graph.nodes["https://old.example/supplied_products/1"]
    assert any(key.startswith("https://github.com/datafoodconsortium/ontology/") for key in node)


def test_a_missing_offer_price_of_a_sold_product_is_an_error() -> None:
    nodes = variant_nodes(1)
    del nodes[2]["dfc-b:hasPrice"]

    assert f"Node {BASE}/offers/1: property dfc-b:hasPrice: an Offer needs a price." in texts(catalogue(*nodes))
