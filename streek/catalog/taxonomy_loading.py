"""Load the DFC taxonomies shipped in catalog/data (AGPL-3.0, Data Food Consortium) as Concept rows.

The DFC files carry English and French labels; Dutch labels are our own translation in taxonomy_nl.csv.
Used by the data migration (historical models) and by `manage.py catalog_load_taxonomies`; idempotent.
"""

import csv
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent / "data"
SKOS = "http://www.w3.org/2004/02/skos/core#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
FILES = {"product_type": "productTypes.json", "facet": "facets.json", "measure": "measures.json"}


def _is_concept(node: dict[str, Any]) -> bool:
    types = list(node.get("@type", [])) + [t.get("@id") for t in node.get(RDF_TYPE, [])]
    return f"{SKOS}Concept" in types


def _label(node: dict[str, Any], language: str) -> str:
    for label in node.get(f"{SKOS}prefLabel", []):
        if label.get("@language") == language:
            return str(label["@value"])
    return ""


def read_concepts(scheme: str) -> list[dict[str, Any]]:
    """The concepts of one taxonomy with key, labels, notation, broader key, depth and path, parents first."""
    with (DATA_DIR / FILES[scheme]).open(encoding="utf-8") as handle:
        document = json.load(handle)
    graph = document[0]["@graph"] if isinstance(document, list) else document["@graph"]
    nodes = {node["@id"]: node for node in graph if _is_concept(node)}
    broader: dict[str, str | None] = {}
    for uri, node in nodes.items():
        parents = [p["@id"] for p in node.get(f"{SKOS}broader", []) if p["@id"] in nodes]
        broader[uri] = parents[0] if parents else None
    for uri, node in nodes.items():  # product types state the tree with skos:narrower only
        for child in node.get(f"{SKOS}narrower", []):
            if child["@id"] in nodes and broader.get(child["@id"]) is None:
                broader[child["@id"]] = uri

    def chain(uri: str) -> list[str]:
        keys: list[str] = []
        seen: set[str] = set()
        current: str | None = uri
        while current and current not in seen:
            seen.add(current)
            keys.append(current.rsplit("#", 1)[-1])
            current = broader.get(current)
        return list(reversed(keys))

    dutch = read_dutch_labels().get(scheme, {})
    concepts = []
    for uri, node in nodes.items():
        keys = chain(uri)
        key = keys[-1]
        notation = node.get(f"{SKOS}notation", [{}])[0].get("@value", "")
        concepts.append(
            {
                "uri": uri,
                "key": key,
                "label_en": _label(node, "en"),
                "label_fr": _label(node, "fr"),
                "label_nl": dutch.get(key, ""),
                "notation": str(notation)[:40],
                "broader_uri": broader[uri],
                "depth": len(keys) - 1,
                "path": "/".join(keys)[:600],
            }
        )
    concepts.sort(key=lambda c: (c["depth"], c["path"]))
    return concepts


def read_dutch_labels() -> dict[str, dict[str, str]]:
    path = DATA_DIR / "taxonomy_nl.csv"
    labels: dict[str, dict[str, str]] = {}
    if not path.exists():
        return labels
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            labels.setdefault(row["scheme"], {})[row["key"]] = row["label_nl"]
    return labels


def load_taxonomies(get_model: Callable[[str], Any]) -> dict[str, int]:
    concept_model = get_model("Concept")
    counts: dict[str, int] = {}
    for scheme in FILES:
        by_uri: dict[str, Any] = {}
        concepts = read_concepts(scheme)
        for concept in concepts:
            values = {k: v for k, v in concept.items() if k not in {"uri", "broader_uri"}}
            values["scheme"] = scheme
            values["broader"] = by_uri.get(concept["broader_uri"]) if concept["broader_uri"] else None
            obj, _created = concept_model.objects.update_or_create(uri=concept["uri"], defaults=values)
            by_uri[concept["uri"]] = obj
        counts[scheme] = len(concepts)
    return counts
