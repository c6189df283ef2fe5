"""Reading a DFC document: JSON text to a flattened graph in the DFC 1.16 namespaces, offline.

`read_graph` parses the text (bad JSON names its line and column), expands it with jsonld.expand (the DFC contexts
are shipped; any other remote context is refused), flattens it into one node per @id (blank nodes get _:b ids) and
maps the older namespaces of DFC (static.datafoodconsortium.org before 1.8, the w3id IRIs of 2.0) onto those of
DFC 1.16. The terms the importer reads are named here; `Problem` is one finding of the reader or the validator.
"""

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cached_property
from typing import Any

from django.utils.translation import gettext as _
from pyld import jsonld  # type: ignore[import-untyped]

from streek.catalog.models import Concept

from . import expansion
from .jsonld import DFC, DFC_B, DFC_F, DFC_M, DFC_PT, DFC_T, DFC_V, DfcError, document_loader, expand  # noqa: F401

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LDP = "http://www.w3.org/ns/ldp#"
UNIT_PATH = "Unit/QuantityUnit/"
CURRENCY_PATH = "Unit/CurrencyUnit/"
EURO = DFC_M + "Euro"
MAX_ID_LENGTH = 500  # DfcLink.semantic_id
MAX_NAME_LENGTH = 200  # Product.name_nl
MAX_SKU_LENGTH = 60  # Variant.sku

# Older spellings of the DFC namespaces (DFC 1.7-1.14 on static.datafoodconsortium.org, DFC 2.0 on w3id.org),
# read as the DFC 1.16 namespaces Streek works in.
NAMESPACE_ALIASES: dict[str, str] = {}
for _old_base, _files in (
    (
        "http://static.datafoodconsortium.org/ontologies/",
        {"DFC_BusinessOntology.owl#": DFC_B, "DFC_TechnicalOntology.owl#": DFC_T, "DFC_FullModel.owl#": DFC},
    ),
    (
        "http://static.datafoodconsortium.org/data/",
        {"measures.rdf#": DFC_M, "productTypes.rdf#": DFC_PT, "facets.rdf#": DFC_F, "vocabulary.rdf#": DFC_V},
    ),
    (
        "http://w3id.org/dfc/ontology/v2.0.0/src/",
        {"DFC_BusinessOntology.owl#": DFC_B, "DFC_TechnicalOntology.owl#": DFC_T},
    ),
    (
        "http://w3id.org/dfc/taxonomies/v2.0.0/",
        {"measures.rdf#": DFC_M, "productTypes.rdf#": DFC_PT, "facets.rdf#": DFC_F, "vocabulary.rdf#": DFC_V},
    ),
):
    for _file, _current in _files.items():
        for _scheme_base in (_old_base, _old_base.replace("http://", "https://")):
            NAMESPACE_ALIASES[_scheme_base + _file] = _current
NAMESPACE_ALIASES["http://w3id.org/dfc/ontology/DFC_FullModel.owl#"] = DFC

PREFIXES = {"dfc-b": DFC_B, "dfc-t": DFC_T, "dfc": DFC, "dfc-m": DFC_M, "dfc-pt": DFC_PT, "dfc-f": DFC_F, "ldp": LDP}

# The terms the importer reads.
SUPPLIED_PRODUCT = DFC_B + "SuppliedProduct"
CATALOG_ITEM = DFC_B + "CatalogItem"
OFFER = DFC_B + "Offer"
PRICE = DFC_B + "Price"
QUANTITATIVE_VALUE = DFC_B + "QuantitativeValue"
NAME = DFC_B + "name"
DESCRIPTION = DFC_B + "description"
HAS_TYPE = DFC_B + "hasType"
HAS_QUANTITY = DFC_B + "hasQuantity"
HAS_UNIT = DFC_B + "hasUnit"
VALUE = DFC_B + "value"
HAS_PRICE = DFC_B + "hasPrice"
VAT_RATE = DFC_B + "VATrate"
SKU = DFC_B + "sku"
REFERENCES = DFC_B + "references"
REFERENCED_BY = DFC_B + "referencedBy"
OFFERED_THROUGH = DFC_B + "offeredThrough"
IS_VARIANT_OF = DFC_B + "isVariantOf"
HAS_VARIANT = DFC_B + "hasVariant"
# Properties whose values are facets (labels): certifications, claims, origins.
FACET_PROPERTIES = tuple(
    DFC_B + name
    for name in (
        "hasCertification",
        "hasClaim",
        "hasNatureOrigin",
        "hasNaturalOrigin",
        "hasGeographicalOrigin",
        "hasPartOrigin",
        "hasContainerInformation",
    )
)

# Types found on the wire that are not DFC classes but are understood: the LDP container OFN's v2 API wraps
# its lists in ("ldp" is not a prefix of the DFC context, so it stays a compact IRI).
# "dfc-b:Certfication" is a misspelling Open Food Network (organisations, v2) and LiteFarm send for certifications.
WIRE_TYPES = frozenset({"ldp:Container", LDP + "Container", LDP + "BasicContainer", DFC_B + "Certfication"})
# DFC classes, used when the ontology term list of vocabulary.py cannot be read.
FALLBACK_CLASSES = frozenset(
    DFC_B + name
    for name in (
        "SuppliedProduct",
        "DefinedProduct",
        "TechnicalProduct",
        "LocalizedProduct",
        "ProductBatch",
        "CatalogItem",
        "Catalog",
        "Offer",
        "Price",
        "QuantitativeValue",
        "Enterprise",
        "Organization",
        "Person",
        "Address",
        "PhoneNumber",
        "SocialMedia",
        "Order",
        "OrderLine",
        "SaleSession",
        "Characteristic",
        "AllergenCharacteristic",
        "NutrientCharacteristic",
        "PhysicalCharacteristic",
        "AsPlannedConsumptionFlow",
        "AsPlannedProductionFlow",
        "AsPlannedTransformation",
        "CustomerCategory",
        "Platform",
        "Shipment",
        "Payment",
        "Certification",
        "Brand",
        "Agent",
        "Stock",
        "PlannedTransformation",
        "PlannedConsumptionFlow",
        "PlannedProductionFlow",
    )
)


def known_classes() -> frozenset[str]:
    """The classes of the DFC 1.16 ontology (vocabulary.py), the wire types OFN uses, plus the fallback list."""
    try:
        from . import vocabulary

        classes = vocabulary.ontology_classes() | frozenset(vocabulary.OFN_WIRE_TERMS)
    except (ImportError, OSError, KeyError):  # pragma: no cover - the terms file ships with the exporter
        return FALLBACK_CLASSES
    return FALLBACK_CLASSES | classes


def short(iri: str) -> str:
    """An IRI in its compact DFC form (dfc-b:hasQuantity) for messages; other IRIs as they are."""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


@dataclass(frozen=True)
class Problem:
    """One problem of a document: the node (@id) and property it is about, and a translated message."""

    node: str
    property: str
    message: str
    warning: bool = False

    def __str__(self) -> str:
        if self.node and self.property:
            return _("Node %(node)s: property %(property)s: %(message)s") % {
                "node": self.node,
                "property": short(self.property),
                "message": self.message,
            }
        if self.node:
            return _("Node %(node)s: %(message)s") % {"node": self.node, "message": self.message}
        return self.message

    def as_dict(self) -> dict[str, str]:
        return {
            "node": self.node,
            "property": short(self.property),
            "message": self.message,
            "severity": "warning" if self.warning else "error",
            "text": str(self),
        }


@dataclass
class DfcGraph:
    """A flattened DFC document: nodes by @id (blank nodes as _:b0...), IRIs in the DFC 1.16 namespaces."""

    nodes: dict[str, dict[str, list[Any]]] = field(default_factory=dict)

    def of_type(self, type_iri: str) -> Iterator[tuple[str, dict[str, list[Any]]]]:
        for node_id, node in self.nodes.items():
            if type_iri in node.get("@type", []):
                yield node_id, node

    def links(self, node: dict[str, list[Any]], prop: str) -> list[str]:
        """The @id values of a property (literals left out)."""
        values = node.get(prop)
        if not values:  # most lookups: a property the node does not have
            return []
        return [item["@id"] for item in values if isinstance(item, dict) and "@id" in item]

    def literals(self, node: dict[str, list[Any]], prop: str) -> list[dict[str, Any]]:
        values = node.get(prop)
        if not values:
            return []
        return [item for item in values if isinstance(item, dict) and "@value" in item]

    def text(self, node: dict[str, list[Any]], prop: str) -> str:
        values = self.literals(node, prop)
        return str(values[0]["@value"]).strip() if values else ""

    def texts_by_language(self, node: dict[str, list[Any]], prop: str) -> dict[str, str]:
        """{language or "": text} of a property with language-tagged or plain strings."""
        texts: dict[str, str] = {}
        for item in self.literals(node, prop):
            texts.setdefault(str(item.get("@language", "")).lower()[:2], str(item["@value"]).strip())
        return texts

    @cached_property
    def _items_by_product(self) -> dict[str, list[str]]:
        index: dict[str, list[str]] = {}
        for item_id, item in self.of_type(CATALOG_ITEM):
            for product_id in self.links(item, REFERENCES):
                index.setdefault(product_id, []).append(item_id)
        return index

    def catalog_items_of(self, product_id: str) -> list[str]:
        """The CatalogItems of a SuppliedProduct: those that reference it and those it is referenced by."""
        items = list(self._items_by_product.get(product_id, []))
        product = self.nodes.get(product_id, {})
        items += [item_id for item_id in self.links(product, REFERENCED_BY) if item_id not in items]
        return items

    def offers_of(self, product_id: str) -> list[str]:
        """The Offers of a SuppliedProduct, through its CatalogItems, in document order."""
        offers: list[str] = []
        for item_id in self.catalog_items_of(product_id):
            for offer_id in self.links(self.nodes.get(item_id, {}), OFFERED_THROUGH):
                if offer_id not in offers:
                    offers.append(offer_id)
        return offers

    def is_described(self, product_id: str) -> bool:
        """A SuppliedProduct that says what it is (name or quantity) or is listed in a catalogue, not a bare link."""
        node = self.nodes.get(product_id, {})
        return bool(node.get(NAME) or node.get(HAS_QUANTITY) or self.catalog_items_of(product_id))

    def groups(self) -> set[str]:
        """Nodes that group variants (OFN's product groups): targets of isVariantOf and holders of hasVariant."""
        grouped = {target for _id, node in self.nodes.items() for target in self.links(node, IS_VARIANT_OF)}
        grouped |= {node_id for node_id, node in self.nodes.items() if node.get(HAS_VARIANT)}
        return grouped


# One match for all the older namespaces (each ends with "#", so at most one is a prefix of an IRI).
_ALIAS_PATTERN = re.compile("|".join(re.escape(old) for old in NAMESPACE_ALIASES))


def _normalise_iri(iri: str) -> str:
    match = _ALIAS_PATTERN.match(iri)
    if match is None:
        return iri
    return NAMESPACE_ALIASES[match.group()] + iri[match.end() :]


def _normalise(value: Any, keys: dict[str, str] | None = None) -> Any:
    """The value with the older DFC namespaces read as DFC 1.16 (`keys`: property IRIs already normalised)."""
    if keys is None:
        keys = {}
    if isinstance(value, list):
        return [_normalise(item, keys) for item in value]
    if isinstance(value, dict):
        normalised: dict[str, Any] = {}
        for key, item in value.items():
            if key in ("@id", "@type") and isinstance(item, str):
                normalised[key] = _normalise_iri(item)
            elif key == "@type" and isinstance(item, list):
                normalised[key] = [_normalise_iri(str(t)) for t in item]
            elif key[:1] == "@":
                normalised[key] = item
            else:
                name = keys.get(key)
                if name is None:
                    name = keys[key] = _normalise_iri(key)
                if name in normalised:
                    normalised[name].extend(_normalise(item, keys))
                else:
                    normalised[name] = _normalise(item, keys)
        return normalised
    return value


def _needs_normalising(node: dict[str, Any], keys: dict[str, str]) -> bool:
    """Whether a flattened node has an IRI in an older DFC namespace (a scan without copying anything)."""
    match = _ALIAS_PATTERN.match
    for key, item in node.items():
        if key[:1] == "@":
            if key == "@id" and (type(item) is not str or match(item)):
                return True
            if key == "@type" and (type(item) is not list or any(type(t) is not str or match(t) for t in item)):
                return True
            continue
        name = keys.get(key)
        if name is None:
            name = keys[key] = _normalise_iri(key)
        if name != key or type(item) is not list:
            return True
        for value in item:
            if type(value) is not dict:
                return True
            if len(value) == 1 and "@id" in value:
                if type(value["@id"]) is not str or match(value["@id"]):
                    return True
            elif "@value" not in value or "@type" in value:
                return True
    return False


def _normalise_node(node: dict[str, Any], keys: dict[str, str]) -> dict[str, Any]:
    """`_normalise` of a flattened node: its values are references and literals, mostly left as they are."""
    if not _needs_normalising(node, keys):
        return node
    normalised: dict[str, Any] = {}
    for key, item in node.items():
        if key[:1] == "@" or type(item) is not list:
            normalised.update(_normalise({key: item}, keys))
            continue
        values = []
        for value in item:
            if type(value) is dict and len(value) == 1 and type(value.get("@id")) is str:
                iri = _normalise_iri(value["@id"])
                values.append(value if iri == value["@id"] else {"@id": iri})
            elif type(value) is dict and "@value" in value and "@type" not in value:
                values.append(value)  # nothing to rename in a plain or language-tagged literal
            else:
                values.append(_normalise(value, keys))
        name = keys.get(key)
        if name is None:
            name = keys[key] = _normalise_iri(key)
        if name in normalised:
            normalised[name].extend(values)
        else:
            normalised[name] = values
    return normalised


def _value_key(value: Any) -> Any:
    """A hashable key equal for the values pyld's compare_values holds equal (None: compare by scanning)."""
    if isinstance(value, dict):
        if "@value" in value:
            literal = value["@value"]
            if isinstance(literal, dict | list):
                return None
            return ("@value", literal, value.get("@type"), value.get("@language"), value.get("@index"))
        if "@id" in value and "@list" not in value:
            return ("@id", value["@id"])
        return None
    if isinstance(value, list):
        return None
    return ("plain", value)


class _NodeMap:
    """pyld's node map algorithm (JSON-LD 1.1 flattening) with values de-duplicated through a set.

    pyld's own add_value scans a property's values for each one added, which is quadratic for a catalogue whose
    ldp:contains (or dfc-b:affiliates...) holds thousands of items. The output is pyld's `flatten(expanded)`
    (same blank node labels, order and values), proven equal in the tests.
    """

    def __init__(self) -> None:
        self.graphs: dict[str, dict[str, dict[str, Any]]] = {"@default": {}}
        self.issuer = jsonld.IdentifierIssuer("_:b")
        self.seen: dict[tuple[int, str], set[Any]] = {}

    def add(self, node: dict[str, Any], prop: str, value: Any, *, allow_duplicate: bool = False) -> None:
        values = node.get(prop)
        if not values:  # nothing to compare with (most properties have one value)
            if values is None:
                node[prop] = [value]
            else:
                values.append(value)
            return
        if not allow_duplicate:
            key = _value_key(value)
            if key is None:
                if jsonld.JsonLdProcessor.has_value(node, prop, value):
                    return
            else:
                slot = (id(node), prop)
                seen = self.seen.get(slot)
                if seen is None:  # the keys of the values added so far, once the property has a second value
                    seen = self.seen[slot] = {known for known in map(_value_key, values) if known is not None}
                if key in seen:
                    return
                seen.add(key)
        values.append(value)

    def build(
        self,
        input_: Any,
        graph: str,
        subject: Any = None,
        prop: str | None = None,
        list_: dict[str, list[Any]] | None = None,
    ) -> None:
        if isinstance(input_, list):
            for item in input_:
                self.build(item, graph, subject, prop, list_)
            return
        subject_node = self.graphs.setdefault(graph, {}).get(subject) if isinstance(subject, str) else None
        if "@type" in input_ and isinstance(input_["@type"], list):
            for type_ in input_["@type"]:
                if type_.startswith("_:"):
                    self.issuer.get_id(type_)
        if "@value" in input_:
            if "@type" in input_ and isinstance(input_["@type"], str) and input_["@type"].startswith("_:"):
                input_["@type"] = self.issuer.get_id(input_["@type"])
            if list_ is not None:
                list_["@list"].append(input_)
            elif subject_node and prop is not None:
                self.add(subject_node, prop, input_)
            return
        if "@list" in input_:
            listed: dict[str, list[Any]] = {"@list": []}
            self.build(input_["@list"], graph, subject, prop, listed)
            if list_ is not None:
                list_["@list"].append(listed)
            elif subject_node and prop is not None:
                self.add(subject_node, prop, listed, allow_duplicate=True)
            return
        id_ = input_.get("@id")
        if id_ is None or (isinstance(id_, str) and id_.startswith("_:")):
            id_ = self.issuer.get_id(id_)
        node = self.graphs.setdefault(graph, {}).setdefault(id_, {"@id": id_})
        if isinstance(subject, dict) and prop is not None:
            self.add(node, prop, subject)
        elif prop:
            reference = {"@id": id_}
            if list_ is not None:
                list_["@list"].append(reference)
            elif subject_node:
                self.add(subject_node, prop, reference)
        for name, objects in sorted(input_.items()):
            if name == "@id":
                continue
            if name == "@reverse":
                referenced = {"@id": id_}
                for reverse_property, items in input_["@reverse"].items():
                    for item in items:
                        self.build(item, graph, referenced, reverse_property)
                continue
            if name == "@graph":
                self.graphs.setdefault(id_, {})
                self.build(objects, graph if graph == "@merged" else id_)
                continue
            if name == "@included":
                self.build(objects, graph)
                continue
            if name != "@type" and name.startswith("@"):
                if name == "@index" and "@index" in node and input_["@index"] != node["@index"]:
                    raise jsonld.JsonLdError(
                        "Invalid JSON-LD syntax; conflicting @index property detected.",
                        "jsonld.SyntaxError",
                        {"node": node},
                        code="conflicting indexes",
                    )
                node[name] = input_[name]
                continue
            if name.startswith("_:"):
                name = self.issuer.get_id(name)
            if len(objects) == 0:
                node.setdefault(name, [])
                continue
            nodes = self.graphs[graph]
            for item in objects:
                if name == "@type":
                    self.add(node, name, self.issuer.get_id(item) if item.startswith("_:") else item)
                elif type(item) is dict and "@value" in item and not str(item.get("@type", "")).startswith("_:"):
                    self.add(node, name, item)  # what build() does with a value object, without the call
                elif type(item) is dict and len(item) == 1 and not str(item.get("@id", "_:")).startswith("_:"):
                    reference = item["@id"]  # a reference to a named node: build() without the call
                    nodes.setdefault(reference, {"@id": reference})
                    self.add(node, name, {"@id": reference})
                else:
                    self.build(item, graph, id_, name)


def _is_reference(node: dict[str, Any]) -> bool:
    return len(node) == 1 and "@id" in node


def flatten_expanded(expanded: list[Any]) -> list[dict[str, Any]]:
    """The flattened form of an expanded document: what pyld's `flatten(expanded, None)` gives, in linear time."""
    node_map = _NodeMap()
    node_map.build(expanded, "@default")
    default = node_map.graphs["@default"]
    for name, graph in node_map.graphs.items():
        if name == "@default":
            continue
        subject = default.setdefault(name, {"@id": name, "@graph": []})
        subject.setdefault("@graph", []).extend(v for _k, v in sorted(graph.items()) if not _is_reference(v))
    return [value for _key, value in sorted(default.items()) if not _is_reference(value)]


def parse_json(document: dict[str, Any] | list[Any] | str | bytes) -> tuple[Any, list[Problem]]:
    """The JSON value of a document given as text or bytes (UTF-8), or a problem naming line and column."""
    if isinstance(document, dict | list):
        return document, []
    if isinstance(document, bytes):
        try:
            document = document.decode("utf-8-sig")
        except UnicodeDecodeError:
            return None, [Problem("", "", _("The file is not UTF-8 text."))]
    try:
        return json.loads(document), []
    except json.JSONDecodeError as error:
        message = _("The file is not valid JSON: %(error)s at line %(line)d, column %(column)d.") % {
            "error": error.msg,
            "line": error.lineno,
            "column": error.colno,
        }
        return None, [Problem("", "", message)]


def read_graph(document: dict[str, Any] | list[Any] | str | bytes) -> tuple[DfcGraph | None, list[Problem]]:
    """Parse, expand offline, flatten and normalise a DFC document; None with the problems when it can't be read."""
    data, problems = parse_json(document)
    if problems:
        return None, problems
    if not isinstance(data, dict | list):
        return None, [Problem("", "", _("The document is not a JSON-LD object or list."))]
    if isinstance(data, dict) and "@context" not in data:
        return None, [Problem("", "@context", _("The document has no @context, so its terms cannot be read as DFC."))]
    try:
        expanded = expansion.expand(data)  # compiled for the DFC contexts, pyld for anything else
        flattened = flatten_expanded(expanded)
    except DfcError as error:
        return None, [Problem("", "@context", str(error.message))]
    except jsonld.JsonLdError as error:
        message = _("The document is not valid JSON-LD: %(error)s") % {"error": getattr(error, "message", error)}
        return None, [Problem("", "", message)]
    graph = DfcGraph()
    nodes = flattened if isinstance(flattened, list) else flattened.get("@graph", [])
    keys: dict[str, str] = {}
    for node in nodes:
        normalised = _normalise_node(node, keys)
        graph.nodes[normalised["@id"]] = normalised
    return graph, []


@dataclass(frozen=True)
class Taxonomy:
    """The concepts of the DFC taxonomies by URI: (scheme, key, path)."""

    concepts: dict[str, tuple[str, str, str]]

    @classmethod
    def load(cls) -> "Taxonomy":
        rows = Concept.objects.values_list("uri", "scheme", "key", "path")
        return cls({_normalise_iri(uri): (scheme, key, path) for uri, scheme, key, path in rows})

    def key(self, iri: str, scheme: str, path_prefix: str = "") -> str | None:
        found = self.concepts.get(iri)
        if found is None or found[0] != scheme or not found[2].startswith(path_prefix):
            return None
        return found[1]


def number(item: dict[str, Any]) -> Decimal | None:
    """A literal as a Decimal (JSON numbers and numeric strings, as the FDC/Shopify server sends), else None."""
    value = item.get("@value")
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    try:
        result = Decimal(str(value).strip())
    except InvalidOperation:
        return None
    return result if result.is_finite() else None
