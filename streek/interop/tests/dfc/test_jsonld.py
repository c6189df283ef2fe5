"""JSON-LD is read offline: the DFC contexts come from our own files, any other remote document is refused."""

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pyld import jsonld as pyld

from streek.interop.dfc import jsonld
from streek.interop.dfc.jsonld import DFC_B, DFC_CONTEXT_URL, DfcError
from streek.interop.tests.dfc.export_data import shared_dfc

REFUSED_CONTEXTS = {"https://cdn.startinblox.com/owl/context-bis.jsonld"}  # OFN's platform docs: not DFC


@pytest.fixture(autouse=True)
def no_network_loader() -> Iterator[None]:
    """pyld's own (network) document loader fails the test if anything reaches it."""

    def fail(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
        raise AssertionError(f"pyld tried to load {url} from the network")

    previous = pyld.get_document_loader()
    pyld.set_document_loader(fail)
    yield
    pyld.set_document_loader(previous)


def ofn_documents() -> list[Path]:
    root = shared_dfc() / "openfoodfoundation-openfoodnetwork"
    paths = []
    for path in sorted(root.rglob("*.json")):
        document = json.loads(path.read_text(encoding="utf-8"))
        if (
            isinstance(document, dict)
            and "@context" in document
            and json.dumps(document["@context"]).strip('"') not in REFUSED_CONTEXTS
        ):
            paths.append(path)
    return paths


def test_every_ofn_example_expands_offline() -> None:
    # given every JSON-LD example, fixture and recorded exchange of Open Food Network
    paths = ofn_documents()
    assert len(paths) > 40
    for path in paths:
        # when it is expanded and turned into a graph
        document = json.loads(path.read_text(encoding="utf-8"))
        expanded = jsonld.expand(document)
        graph = jsonld.to_graph(document)
        # then it has nodes and triples, without the network
        assert expanded, path.name
        assert len(graph) > 0, path.name


def test_an_unknown_remote_context_is_refused_with_its_url() -> None:
    # given a document with a context that is not one of DFC's
    document = {"@context": "https://example.org/other-context.json", "name": "x"}
    # when it is expanded, then it is refused naming the URL
    with pytest.raises(DfcError) as refused:
        jsonld.expand(document)
    assert refused.value.extra == {"url": "https://example.org/other-context.json"}
    assert "https://example.org/other-context.json" in str(refused.value.message)


def test_a_remote_context_inside_an_inline_context_is_refused() -> None:
    document = {"@context": [DFC_CONTEXT_URL, "http://evil.example/ctx"], "dfc-b:name": "x"}
    with pytest.raises(DfcError):
        jsonld.to_graph(document)


@pytest.mark.parametrize(
    "url",
    [
        "https://w3id.org/dfc/ontology/context/context_1.16.0.json",
        "http://w3id.org/dfc/ontology/context/context_1.16.0.json",
        "https://w3id.org/dfc/ontology/context/context_1.16.0.json/",
        "https://www.datafoodconsortium.org",
        "http://www.datafoodconsortium.org/",
        "https://www.datafoodconsortium.org/wp-content/plugins/wordpress-context-jsonld/context_1.16.0.jsonld",
    ],
)
def test_the_spellings_of_the_1_16_context_map_to_the_shipped_file(url: str) -> None:
    document = {"@context": url, "@id": "http://x.example/p", "@type": "dfc-b:SuppliedProduct", "dfc-b:name": "Kaas"}
    expanded = jsonld.expand(document)
    assert expanded[0]["@type"] == [f"{DFC_B}SuppliedProduct"]
    assert expanded[0][f"{DFC_B}name"] == [{"@value": "Kaas"}]


def test_compact_gives_back_the_dfc_terms() -> None:
    # given a product expanded
    document = {
        "@context": DFC_CONTEXT_URL,
        "@id": "http://x.example/p",
        "@type": "dfc-b:SuppliedProduct",
        "dfc-b:hasQuantity": {"@type": "dfc-b:QuantitativeValue", "dfc-b:hasUnit": "dfc-m:Kilogram"},
    }
    # when compacted again with the DFC context
    compacted = jsonld.compact(jsonld.expand(document))
    # then the compact terms and the context URL are back
    assert compacted["@context"] == DFC_CONTEXT_URL
    assert compacted["@type"] == "dfc-b:SuppliedProduct"
    assert compacted["dfc-b:hasQuantity"]["dfc-b:hasUnit"] == "dfc-m:Kilogram"


def test_invalid_json_ld_is_a_dfc_error() -> None:
    with pytest.raises(DfcError):
        jsonld.expand({"@context": DFC_CONTEXT_URL, "@id": 12})
