"""The compiled expansion of DFC documents gives exactly pyld's expanded form, and leaves anything else to pyld."""

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from pyld import jsonld as pyld

from streek.interop.dfc import expansion, export, jsonld
from streek.interop.dfc.jsonld import DFC_B, DFC_CONTEXT_URL, DFC_CONTEXT_V2_URL, DFC_M, DfcError
from streek.interop.selectors.dfc import dfc_catalogue_get, dfc_catalogue_list, dfc_open_organisations
from streek.interop.tests.dfc.export_data import make_producer, shared_dfc


@pytest.fixture(autouse=True)
def no_network_loader() -> Iterator[None]:
    def fail(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
        raise AssertionError(f"pyld tried to load {url} from the network")

    previous = pyld.get_document_loader()
    pyld.set_document_loader(fail)
    yield
    pyld.set_document_loader(previous)


def compiled_equals_pyld(document: Any) -> bool:
    """Asserts the compiled walk took the document and gave pyld's output; False when it fell back."""
    reference = jsonld.expand(copy.deepcopy(document))
    compiled = expansion.expand_compiled(document)
    if compiled is None:
        return False
    assert compiled == reference
    assert expansion.expand(document) == reference
    return True


def shared_documents() -> list[Path]:
    root = shared_dfc()
    return sorted(root.rglob("*.json")) if root.is_dir() else []


@pytest.mark.skipif(not shared_documents(), reason="SKIPPED: the shared DFC folder is absent")
def test_every_shared_dfc_document_expands_as_pyld_expands_it() -> None:
    # given every JSON document of the shared DFC folder (OFN's API examples, fixtures, recorded exchanges)
    compiled = fallen_back = 0
    for path in shared_documents():
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except ValueError:
            continue
        try:
            jsonld.expand(copy.deepcopy(document))
        except DfcError:
            # then what pyld refuses (unknown contexts, invalid JSON-LD) the compiled walk does not take either
            assert expansion.expand_compiled(document) is None or expansion.context_of(document) is not None
            continue
        # when it is expanded both ways, then the outputs are equal wherever the compiled walk takes it
        if compiled_equals_pyld(document):
            compiled += 1
        else:
            fallen_back += 1
    # and nearly all of them (all those with only a DFC context and absolute IRIs) take the compiled walk
    assert compiled >= 38
    assert fallen_back > 0


@pytest.mark.django_db
def test_our_own_exports_expand_as_pyld_expands_them() -> None:
    # given our catalogue export (with details: facets, offers, prices, quantities) and the open catalogue
    producer = make_producer(products=2, variants=3)
    documents = [
        export.catalogue_document(dfc_catalogue_get(organisation_id=producer.pk)),
        export.open_catalogue_document(
            dfc_catalogue_list(organisations=dfc_open_organisations(municipality="71053")),
            catalog_id="http://x.example/open",
            title="Open",
            generated_at=timezone.now(),
        ),
    ]
    for document in documents:
        # when expanded, then the compiled walk takes it and gives pyld's output
        document = json.loads(json.dumps(document))
        assert compiled_equals_pyld(document)


EDGE_CASES: dict[str, Any] = {
    "@type coercion and compact IRIs": {
        "@context": DFC_CONTEXT_URL,
        "@id": "https://x.example/p/1",
        "@type": "dfc-b:SuppliedProduct",
        "dfc-b:hasQuantity": {
            "@type": "dfc-b:QuantitativeValue",
            "dfc-b:hasUnit": "dfc-m:Kilogram",
            "dfc-b:value": 1.5,
        },
        "dfc-b:hasType": "dfc-pt:apple",
        "dfc-b:name": "Appels",
        "dfc-b:description": "dfc-m:Kilogram",  # not coerced: stays a string
    },
    "@id coercion of absolute IRIs and blank nodes": {
        "@context": DFC_CONTEXT_URL,
        "@id": "_:a",
        "dfc-b:hasUnit": ["https://other.example/unit#x", "_:b", "urn:isbn:123"],
        DFC_B + "hasUnit": "https://full.example/iri-key-is-not-a-term",
    },
    "nested nodes, booleans, numbers and null": {
        "@context": DFC_CONTEXT_URL,
        "@graph": [
            {
                "@id": "https://x.example/o/1",
                "@type": ["dfc-b:Offer", "dfc-b:Offer"],
                "dfc-b:hasPrice": {"@type": "dfc-b:Price", "dfc-b:value": "2.50", "dfc-b:VATrate": 6},
                "dfc-b:stockLimitation": None,
                "dfc-b:isActive": True,
                "dfc-b:empty": {},
                "dfc-b:nothing": [],
            },
            {"@id": "https://x.example/only-an-id"},
            "a free-floating string",
        ],
    },
    "@list and @set": {
        "@context": DFC_CONTEXT_URL,
        "@id": "https://x.example/l",
        "dfc-b:lines": {"@list": ["a", 1, {"@id": "https://x.example/n"}, ["nested", "list"]]},
        "dfc-b:hasUnit": {"@list": ["dfc-m:Kilogram", "dfc-m:Gram"]},
        "dfc-b:tags": {"@set": ["x", "y"]},
        "dfc-b:emptyList": {"@list": []},
    },
    "value objects: language, typed literal, index": {
        "@context": DFC_CONTEXT_URL,
        "@id": "https://x.example/v",
        "dfc-b:name": [
            {"@value": "Appel", "@language": "NL-be"},
            {"@value": "3", "@type": "http://www.w3.org/2001/XMLSchema#integer"},
            {"@value": "x", "@type": "dfc-b:custom", "@index": "i"},
            {"@value": None},
        ],
    },
    "unknown prefixes, relative keys and keyword-like keys": {
        "@context": DFC_CONTEXT_URL,
        "@id": "https://x.example/k",
        "@type": "ldp:Container",
        "ofn:spree_product_id": 42,
        "name": "dropped: no @vocab",
        "@foo": "dropped: looks like a keyword",
        "ldp:contains": ["https://x.example/a", "https://x.example/b"],
    },
    "a nested @graph and @index on a node": {
        "@context": DFC_CONTEXT_URL,
        "@id": "https://x.example/g",
        "@index": "top",
        "@graph": {"@id": "https://x.example/inner", "dfc-b:name": "inner"},
    },
    "a single node under @graph, and an empty @type": {
        "@context": [DFC_CONTEXT_URL],
        "@graph": {"@id": "https://x.example/s", "@type": [], "dfc-b:name": "s"},
    },
    "the DFC 2.0 context": {
        "@context": DFC_CONTEXT_V2_URL,
        "@id": "https://x.example/p/2",
        "@type": "dfc-b:SuppliedProduct",
        "dfc-b:hasQuantity": {"@type": "dfc-b:QuantitativeValue", "dfc-b:hasUnit": "dfc-m:Kilogram"},
    },
}


@pytest.mark.parametrize("name", list(EDGE_CASES))
def test_edge_cases_expand_as_pyld_expands_them(name: str) -> None:
    # given a document using one feature, with only a DFC context, when expanded, then it is pyld's output
    assert compiled_equals_pyld(EDGE_CASES[name])


def test_a_coerced_compact_iri_becomes_the_full_iri() -> None:
    expanded = expansion.expand(EDGE_CASES["@type coercion and compact IRIs"])
    quantity = expanded[0][DFC_B + "hasQuantity"][0]
    assert quantity[DFC_B + "hasUnit"] == [{"@id": DFC_M + "Kilogram"}]
    assert expanded[0][DFC_B + "description"] == [{"@value": "dfc-m:Kilogram"}]


FALLBACKS: dict[str, Any] = {
    "an inline context with @vocab": {
        "@context": {"@vocab": "https://x.example/"},
        "@id": "https://x.example/a",
        "name": "a",
    },
    "a language map container": {
        "@context": [DFC_CONTEXT_URL, {"label": {"@id": "https://x.example/label", "@container": "@language"}}],
        "@id": "https://x.example/a",
        "label": {"nl": "appel", "fr": "pomme"},
    },
    "a nested @context": {
        "@context": DFC_CONTEXT_URL,
        "@id": "https://x.example/a",
        "dfc-b:hasQuantity": {"@context": {"v": "https://x.example/v"}, "v": 1},
    },
    "a relative @id": {"@context": DFC_CONTEXT_URL, "@id": "products/1", "dfc-b:name": "a"},
    "a relative IRI coerced to @id": {"@context": DFC_CONTEXT_URL, "@id": "https://x.example/a", "dfc-b:hasUnit": "kg"},
    "@reverse": {
        "@context": DFC_CONTEXT_URL,
        "@id": "https://x.example/a",
        "@reverse": {"dfc-b:hasVariant": {"@id": "https://x.example/group"}},
    },
    "a list of documents": [{"@context": DFC_CONTEXT_URL, "@id": "https://x.example/a", "dfc-b:name": "a"}],
}


@pytest.mark.parametrize("name", list(FALLBACKS))
def test_other_contexts_and_features_fall_back_to_pyld(name: str) -> None:
    # given a document with another context or a feature the compiled walk does not follow
    document = FALLBACKS[name]
    # when expanded, then the compiled walk declines and the result is pyld's
    assert expansion.expand_compiled(document) is None
    assert expansion.expand(copy.deepcopy(document)) == jsonld.expand(copy.deepcopy(document))


def test_unknown_remote_contexts_stay_refused() -> None:
    for document in (
        {"@context": "https://example.org/other-context.json", "dfc-b:name": "x"},
        {"@context": [DFC_CONTEXT_URL, "http://evil.example/ctx"], "dfc-b:name": "x"},
    ):
        with pytest.raises(DfcError) as refused:
            expansion.expand(document)
        assert refused.value.extra is not None and "url" in refused.value.extra


def test_invalid_json_ld_is_reported_by_pyld() -> None:
    # given a document with a DFC context but an @id that is not a string
    document = {"@context": DFC_CONTEXT_URL, "@id": 5, "dfc-b:name": "x"}
    # when expanded, then pyld's error is raised (the compiled walk leaves it to pyld)
    with pytest.raises(DfcError) as refused:
        expansion.expand(document)
    assert "@id" in str(refused.value.message)


def test_the_dfc_contexts_compile() -> None:
    for url in (DFC_CONTEXT_URL, DFC_CONTEXT_V2_URL, "https://www.datafoodconsortium.org"):
        context = expansion.context_of({"@context": url})
        assert context is not None
        assert context.coercions["dfc-b:hasUnit"] == "@id"
