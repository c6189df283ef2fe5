"""JSON-LD for DFC, offline: the DFC contexts are shipped in streek/interop/data/dfc and any other remote document
is refused, so expanding, compacting or reading a document never reaches the network.

`expand`, `compact` and `to_graph` wrap pyld with `document_loader`; `DfcError` names what could not be read.
"""

import json
import warnings
from functools import cache
from pathlib import Path
from typing import Any

import rdflib
from django.utils.translation import gettext_lazy as _
from pyld import jsonld

from streek.core.exceptions import ApplicationError

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "dfc"

# The context of DFC 1.16 as Open Food Network and the DFC connectors name it.
DFC_CONTEXT_URL = "https://w3id.org/dfc/ontology/context/context_1.16.0.json"
DFC_CONTEXT_V2_URL = "https://w3id.org/dfc/ontology/context/context_2.0.0.json"

# Namespaces of DFC 1.16 (the prefixes of its context).
DFC_B = "https://github.com/datafoodconsortium/ontology/releases/latest/download/DFC_BusinessOntology.owl#"
DFC_T = "https://github.com/datafoodconsortium/ontology/releases/latest/download/DFC_TechnicalOntology.owl#"
DFC = "https://github.com/datafoodconsortium/ontology/releases/latest/download/DFC_FullModel.owl#"
DFC_M = "https://github.com/datafoodconsortium/taxonomies/releases/latest/download/measures.rdf#"
DFC_PT = "https://github.com/datafoodconsortium/taxonomies/releases/latest/download/productTypes.rdf#"
DFC_F = "https://github.com/datafoodconsortium/taxonomies/releases/latest/download/facets.rdf#"
DFC_V = "https://github.com/datafoodconsortium/taxonomies/releases/latest/download/vocabulary.rdf#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"

_V1_FILE = "context_1.16.0.json"
_V2_FILE = "context_2.0.0.json"

# Every spelling of the contexts seen in Open Food Network's API, its fixtures and the connectors.
# "https://www.datafoodconsortium.org" is the context URL the Ruby connector (OFN) writes, and the wordpress
# "context_1.16.0.jsonld" URL the one the TypeScript connector writes; both map it to their bundled 1.16 context,
# and so do we.
_CONTEXT_BASES = {
    "w3id.org/dfc/ontology/context/context_1.16.0.json": _V1_FILE,
    "w3id.org/dfc/ontology/context/context_1.16.0.jsonld": _V1_FILE,
    "www.datafoodconsortium.org": _V1_FILE,
    "www.datafoodconsortium.org/wp-content/plugins/wordpress-context-jsonld/context_1.16.0.jsonld": _V1_FILE,
    "datafoodconsortium.org": _V1_FILE,
    "raw.githubusercontent.com/datafoodconsortium/ontology/master/context/context_1.16.0.json": _V1_FILE,
    "raw.githubusercontent.com/datafoodconsortium/ontology/main/context/context_1.16.0.json": _V1_FILE,
    "github.com/datafoodconsortium/ontology/releases/latest/download/context_1.16.0.json": _V1_FILE,
    "w3id.org/dfc/ontology/context/context_2.0.0.json": _V2_FILE,
    "w3id.org/dfc/ontology/context/context_2.0.0.jsonld": _V2_FILE,
    "www.datafoodconsortium.org/wp-content/plugins/wordpress-context-jsonld/context_2.0.0.jsonld": _V2_FILE,
}


def _variants(base: str) -> list[str]:
    return [f"{scheme}://{base}{slash}" for scheme in ("https", "http") for slash in ("", "/")]


KNOWN_CONTEXTS: dict[str, str] = {url: file for base, file in _CONTEXT_BASES.items() for url in _variants(base)}


class DfcError(ApplicationError):
    """A DFC document could not be read or written; `extra` names the node, property or URL."""


@cache
def _read_context(file_name: str) -> dict[str, Any]:
    with (DATA_DIR / file_name).open(encoding="utf-8") as handle:
        document: dict[str, Any] = json.load(handle)
    return document


def context_document(url: str = DFC_CONTEXT_URL) -> dict[str, Any]:
    """The shipped context document (`{"@context": {...}}`) known under `url`."""
    file_name = KNOWN_CONTEXTS.get(url.strip())
    if file_name is None:
        raise DfcError(
            _("The JSON-LD context %(url)s is not one of the DFC contexts Streek knows; it is not fetched.")
            % {"url": url},
            extra={"url": url},
        )
    return _read_context(file_name)


def document_loader(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    """pyld document loader: the known DFC contexts from our own files, every other URL refused."""
    document = context_document(url)
    return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url, "document": document}


def _options(**extra: Any) -> dict[str, Any]:
    return {"documentLoader": document_loader, **extra}


def _run(operation: str, function: Any, *args: Any, **options: Any) -> Any:
    try:
        return function(*args, _options(**options))
    except DfcError:
        raise
    except jsonld.JsonLdError as error:
        cause = error
        while cause is not None:  # pyld wraps our refusal; surface it as it was raised
            if isinstance(cause, DfcError):
                raise cause from error
            cause = getattr(cause, "cause", None) or cause.__cause__
        raise DfcError(
            _("The document is not valid JSON-LD (%(operation)s): %(error)s")
            % {"operation": operation, "error": getattr(error, "message", str(error))},
            extra={"operation": operation, "code": getattr(error, "code", None)},
        ) from error


def expand(document: dict[str, Any] | list[Any]) -> list[dict[str, Any]]:
    """The expanded form of a JSON-LD document (full IRIs, every value a list), offline."""
    expanded: list[dict[str, Any]] = _run("expand", jsonld.expand, document)
    return expanded


def compact(expanded: dict[str, Any] | list[Any], context: str = DFC_CONTEXT_URL) -> dict[str, Any]:
    """The document compacted with a DFC context (given by its URL, which stays in "@context"), offline.

    Several nodes come out under "@graph" (pyld's graph option), one node as a single object, like OFN's API.
    """
    compacted: dict[str, Any] = _run("compact", jsonld.compact, expanded, context)
    return compacted


def to_nquads(document: dict[str, Any] | list[Any]) -> str:
    """The document as canonical-free N-Quads, offline."""
    nquads: str = _run("toRdf", jsonld.to_rdf, document, format="application/n-quads")
    return nquads


def to_graph(document: dict[str, Any] | list[Any]) -> rdflib.Graph:
    """The document as an rdflib graph (through pyld's N-Quads, so the same offline loader applies)."""
    graph = rdflib.Graph()
    nquads = to_nquads(document)
    if nquads:
        dataset = rdflib.Dataset()
        with warnings.catch_warnings():  # rdflib 7 warns about its own use of Dataset.default_context
            warnings.simplefilter("ignore", DeprecationWarning)
            dataset.parse(data=nquads, format="nquads")
        for subject, predicate, obj, _context in dataset.quads((None, None, None, None)):
            graph.add((subject, predicate, obj))
    return graph


def node_types(node: dict[str, Any]) -> list[str]:
    """The @type IRIs of an expanded node."""
    types = node.get("@type", [])
    return [types] if isinstance(types, str) else list(types)


def flatten_nodes(expanded: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every node of an expanded document, nested ones and those under @graph included, in document order."""
    nodes: list[dict[str, Any]] = []

    def walk(value: Any) -> None:
        if isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, dict):
            if "@value" in value:
                return
            if "@graph" in value:
                walk(value["@graph"])
            if any(not key.startswith("@") for key in value) or "@type" in value:
                nodes.append(value)
            for key, item in value.items():
                if not key.startswith("@"):
                    walk(item)

    walk(expanded)
    return nodes
