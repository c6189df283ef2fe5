"""The DFC export: only DFC terms, only taxonomy concepts, stable ids, OFN's shape."""

import json
from typing import Any

import pytest
from django.utils import timezone
from rdflib.compare import isomorphic

from streek.interop.dfc import export, export_sessions, jsonld, vocabulary
from streek.interop.dfc.jsonld import DFC_B, DFC_F, DFC_V
from streek.interop.selectors.dfc import dfc_catalogue_get, dfc_catalogue_list, dfc_open_organisations, dfc_order_get
from streek.interop.selectors.dfc_sessions import dfc_sale_session_list
from streek.interop.tests.dfc.export_data import make_producer, shared_dfc
from streek.orders.tests.buyer_scenarios import buyer_with_basket, checkout_pickup, shop_open
from streek.orders.tests.factories import CycleOfferFactory

pytestmark = pytest.mark.django_db

DCTERMS = "http://purl.org/dc/terms/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
TAXONOMY_PROPERTIES = {
    f"{DFC_B}{name}"
    for name in (
        "hasUnit",
        "hasType",
        "hasCertification",
        "hasClaim",
        "hasNatureOrigin",
        "hasPartOrigin",
        "hasGeographicalOrigin",
        "hasContainerInformation",
        "hasAllergenDimension",
        "hasNutrientDimension",
    )
} | {f"{SKOS}broader"}
STATE_PROPERTIES = {f"{DFC_B}{name}" for name in ("hasOrderStatus", "hasFulfilmentStatus", "hasPaymentStatus")}


def catalogue_export() -> dict[str, Any]:
    producer = make_producer(products=2, variants=2)
    return export.catalogue_document(dfc_catalogue_get(organisation_id=producer.pk))


def order_export() -> dict[str, Any]:
    shop = shop_open()
    buyer, basket = buyer_with_basket(shop, {0: 2, 1: 1})
    order = checkout_pickup(shop, buyer, basket)
    return export.order_document(dfc_order_get(order=order))


def open_export() -> dict[str, Any]:
    make_producer(products=1, variants=1)
    catalogues = dfc_catalogue_list(organisations=dfc_open_organisations(municipality="71053"))
    return export.open_catalogue_document(
        catalogues, catalog_id="http://x.example/open", title="Open", generated_at=timezone.now()
    )


def sessions_export() -> dict[str, Any]:
    offer = CycleOfferFactory(stock=5)
    CycleOfferFactory(exchange=offer.exchange, stock=None)
    return export_sessions.sale_sessions_document(dfc_sale_session_list(hub_id=offer.cycle.hub_id))


def emitted_terms(document: dict[str, Any]) -> tuple[set[str], set[str], list[tuple[str, str]]]:
    """(types, predicates, (predicate, IRI object) pairs) of the expanded document."""
    types: set[str] = set()
    predicates: set[str] = set()
    references: list[tuple[str, str]] = []
    for node in jsonld.flatten_nodes(jsonld.expand(document)):
        types.update(jsonld.node_types(node))
        for key, values in node.items():
            if key.startswith("@"):
                continue
            predicates.add(key)
            references.extend((key, value["@id"]) for value in values if isinstance(value, dict) and "@id" in value)
    return types, predicates, references


@pytest.mark.parametrize("build", [catalogue_export, order_export, open_export, sessions_export])
def test_every_class_and_property_emitted_is_in_the_ontology_or_the_wire_terms(build: Any) -> None:
    # given an export, when it is expanded
    types, predicates, _references = emitted_terms(build())
    # then every type and predicate is a DFC 1.16 term or one of OFN's documented wire terms
    assert {t for t in types if not vocabulary.is_known_class(t)} == set()
    metadata = {p for p in predicates if p.startswith(DCTERMS)}  # the licence of the open catalogue
    assert {p for p in predicates - metadata if not vocabulary.is_known_property(p)} == set()


@pytest.mark.parametrize("build", [catalogue_export, order_export, open_export])
def test_every_unit_product_type_facet_and_state_is_a_taxonomy_concept(build: Any) -> None:
    document = build()
    _types, _predicates, references = emitted_terms(document)
    concepts = vocabulary.all_taxonomy_concepts()
    # a ProductClaim is a concept of our own, narrower than a Claim facet (checked by its skos:broader)
    own_claims = {node["@id"] for node in document["@graph"] if node.get("@type") == "skos:Concept"}
    assert {iri for predicate, iri in references if predicate == f"{SKOS}broader"} <= {f"{DFC_F}OtherClaim"}
    taxonomy = [iri for predicate, iri in references if predicate in TAXONOMY_PROPERTIES and iri not in own_claims]
    states = [iri for predicate, iri in references if predicate in STATE_PROPERTIES]
    assert taxonomy
    assert [iri for iri in taxonomy if iri not in concepts] == []
    assert [iri for iri in states if iri not in vocabulary.vocabulary_concepts()] == []


def test_the_catalogue_carries_the_variants_data() -> None:
    # given a producer's catalogue
    document = catalogue_export()
    nodes = {node["@id"]: node for node in document["@graph"]}
    variant = next(n for n in document["@graph"] if n["@type"] == "dfc-b:SuppliedProduct" and "dfc-b:hasQuantity" in n)
    # then a variant has its name, type, quantity, facets, and its catalog item and offer with the price
    assert variant["dfc-b:name"] == "Appels 0 - kist van 1 kg"
    assert variant["dfc-b:hasType"] == "dfc-pt:fruit"
    assert variant["dfc-b:hasQuantity"] == {
        "@type": "dfc-b:QuantitativeValue",
        "dfc-b:hasUnit": "dfc-m:Kilogram",
        "dfc-b:value": 1.0,
    }
    assert variant["dfc-b:hasCertification"] == ["dfc-f:Organic-EU"]
    claim = next(n for n in document["@graph"] if n["@type"] == "skos:Concept")
    assert variant["dfc-b:hasClaim"] == ["dfc-f:HighFibre", claim["@id"]]
    assert claim == {
        "@id": claim["@id"],
        "@type": "skos:Concept",
        "skos:broader": {"@id": "dfc-f:OtherClaim"},
        "skos:prefLabel": [
            {"@value": "Bloemenranden rond de boomgaard", "@language": "nl"},
            {"@value": "Flower strips around the orchard", "@language": "en"},
        ],
        "skos:notation": "biodiversity",
        f"{DCTERMS}description": "Beheerovereenkomst VLM 2025",
        "dfc-b:URL": "https://dekriek.example/bloemen",
    }
    assert variant["dfc-b:hasAllergenCharacteristic"] == [
        {"@type": "dfc-b:AllergenCharacteristic", "dfc-b:hasAllergenDimension": f"dfc-m:{key}", "dfc-b:value": 1}
        for key in ("CerealsWithGluten", "Sulphites")
    ]
    # per 100 g, in the order of the regulation; energy has no DFC concept
    assert [
        (n["dfc-b:hasNutrientDimension"], n["dfc-b:value"]) for n in variant["dfc-b:hasNutrientCharacteristic"]
    ] == [
        ("dfc-m:Fat", 0.2),
        ("dfc-m:Sugars", 10.4),
        ("dfc-m:Fibre", 2.4),
        ("dfc-m:Salt", 0.0),
    ]
    assert {n["dfc-b:hasUnit"] for n in variant["dfc-b:hasNutrientCharacteristic"]} == {"dfc-m:Gram"}
    assert variant["dfc-b:hasNatureOrigin"] == ["dfc-f:PlantOrigin"]
    item = nodes[variant["dfc-b:referencedBy"]]
    assert item["dfc-b:sku"] == "APP-0-0"
    offer = nodes[item["dfc-b:offeredThrough"]]
    assert offer["dfc-b:hasPrice"] == {
        "@type": "dfc-b:Price",
        "dfc-b:value": 2.5,
        "dfc-b:VATrate": 6.0,
        "dfc-b:hasUnit": "dfc-m:Euro",
    }
    group = nodes[variant["dfc-b:isVariantOf"]]
    assert variant["@id"] in group["dfc-b:hasVariant"]
    enterprise = document["@graph"][0]
    assert enterprise["@type"] == "dfc-b:Enterprise"
    assert nodes[enterprise["dfc-b:hasAddress"]]["dfc-b:hasCity"] == "Sint-Truiden"


def test_the_order_has_its_lines_states_and_prices() -> None:
    document = order_export()
    order, *lines = document["@graph"]
    assert order["@type"] == "dfc-b:Order"
    assert order["dfc-b:hasOrderStatus"] == "dfc-v:Held"
    assert order["dfc-b:hasPaymentStatus"] == "dfc-v:Unpaid"
    assert order["dfc-b:hasPart"] == [line["@id"] for line in lines]
    assert sorted(line["dfc-b:quantity"] for line in lines) == [1, 2]
    assert all(line["dfc-b:hasPrice"]["dfc-b:hasUnit"] == "dfc-m:Euro" for line in lines)
    assert all("/offers/" in line["dfc-b:concerns"] for line in lines)
    assert f"{DFC_V}Held" in vocabulary.vocabulary_concepts()


def test_two_exports_have_the_same_ids_and_graph() -> None:
    # given a producer, when its catalogue is exported twice
    producer = make_producer(products=2, variants=3)
    first = export.catalogue_document(dfc_catalogue_get(organisation_id=producer.pk))
    second = export.catalogue_document(dfc_catalogue_get(organisation_id=producer.pk))
    # then the documents and their graphs are the same
    assert json.dumps(first) == json.dumps(second)
    assert isomorphic(jsonld.to_graph(first), jsonld.to_graph(second))


def test_the_export_has_the_shape_of_ofn_catalog_items() -> None:
    # given OFN's catalogue example
    path = (
        shared_dfc()
        / "openfoodfoundation-openfoodnetwork/extracted-from-swagger"
        / "enterprises_enterprise_id_catalog_items__GET__200__v1__with_given_enterprise_id.json"
    )
    ofn = json.loads(path.read_text(encoding="utf-8"))
    ours = catalogue_export()
    # then ours uses the same context, and every property OFN puts on each kind of node (ofn:* excepted)
    assert ours["@context"] == ofn["@context"]
    for ofn_node in ofn["@graph"]:
        kind = ofn_node["@type"]
        our_keys = set().union(*(node.keys() for node in ours["@graph"] if node["@type"] == kind))
        expected = {key for key in ofn_node if not key.startswith("ofn:") and key != "dfc-b:stockLimitation"}
        assert expected <= our_keys, kind
