"""Read and check a DFC document before anything is written: every problem is collected, none stops the check.

`read_graph` parses the text (bad JSON names its line and column), expands it offline (unknown remote contexts
are refused by jsonld.document_loader), flattens it into one node per @id and maps the older DFC namespaces
(static.datafoodconsortium.org, the v2 w3id IRIs) onto those of DFC 1.16. `validate` then checks the catalogue
nodes: known types, the properties a SuppliedProduct, its quantity, CatalogItem and Offer need, value types,
units, product types and facets against the taxonomies (catalog.Concept), prices. A problem names its node and
property: "Node https://.../supplied_products/7: property dfc-b:hasQuantity: the unit ... is not a DFC measure."
"""

from typing import Any

from django.utils.translation import gettext as _

from .details_reading import HAS_CLAIM, check_details, is_claim_concept
from .jsonld import DFC, DFC_B, DFC_F, DFC_M, DFC_PT, DFC_T, DFC_V
from .reading import (
    CATALOG_ITEM,
    CURRENCY_PATH,
    DESCRIPTION,
    EURO,
    FACET_PROPERTIES,
    HAS_PRICE,
    HAS_QUANTITY,
    HAS_TYPE,
    HAS_UNIT,
    HAS_VARIANT,
    IS_VARIANT_OF,
    MAX_ID_LENGTH,
    MAX_NAME_LENGTH,
    MAX_SKU_LENGTH,
    NAME,
    OFFER,
    OFFERED_THROUGH,
    REFERENCED_BY,
    REFERENCES,
    SKU,
    SUPPLIED_PRODUCT,
    UNIT_PATH,
    VALUE,
    VAT_RATE,
    WIRE_TYPES,
    DfcGraph,
    Problem,
    Taxonomy,
    known_classes,
    number,
    read_graph,
    short,
)

DFC_NAMESPACES = (DFC_B, DFC_T, DFC, DFC_M, DFC_PT, DFC_F, DFC_V)


class Checker:
    """Collects the problems of one graph: errors block the import, warnings say what is ignored or assumed."""

    def __init__(self, graph: DfcGraph, taxonomy: Taxonomy) -> None:
        self.graph = graph
        self.taxonomy = taxonomy
        self.problems: list[Problem] = []

    def add(self, node: str, prop: str, message: str) -> None:
        self.problems.append(Problem(node, prop, message))

    def warn(self, node: str, prop: str, message: str) -> None:
        self.problems.append(Problem(node, prop, message, warning=True))

    def literal(self, node_id: str, node: dict[str, list[Any]], prop: str) -> list[dict[str, Any]]:
        """The literal values of `prop`; links where text or a number is expected are problems."""
        for item in node.get(prop, []):
            if "@id" in item:
                self.add(node_id, prop, _("expects a text or a number, found the link %(iri)s.") % {"iri": item["@id"]})
        return self.graph.literals(node, prop)

    def link(self, node_id: str, node: dict[str, list[Any]], prop: str) -> list[str]:
        """The @id values of `prop`; literals where a link is expected are problems."""
        for item in node.get(prop, []):
            if "@value" in item:
                self.add(
                    node_id, prop, _("expects a link (IRI), found the value %(value)s.") % {"value": item["@value"]}
                )
        return self.graph.links(node, prop)

    def types(self) -> None:
        classes = known_classes()
        for node_id, node in self.graph.nodes.items():
            types = node.get("@type", [])
            if not types and not node_id.startswith("_:") and any(not key.startswith("@") for key in node):
                self.warn(node_id, "@type", _("the node has no type: it is ignored."))
            for type_iri in types:
                if type_iri in classes or type_iri in WIRE_TYPES:
                    continue
                if type_iri.startswith(DFC_NAMESPACES):
                    self.add(node_id, "@type", _("%(type)s is not a DFC class.") % {"type": short(type_iri)})
                else:
                    self.warn(node_id, "@type", _("%(type)s is not a DFC class: it is ignored.") % {"type": type_iri})

    def semantic_id(self, node_id: str) -> None:
        if node_id.startswith("_:") or not node_id.startswith(("http://", "https://")):
            self.add(node_id, "@id", _("a product needs an http(s) IRI as @id, so that importing again updates it."))
        elif len(node_id) > MAX_ID_LENGTH:
            self.add(node_id, "@id", _("the IRI is longer than %(max)d characters.") % {"max": MAX_ID_LENGTH})

    def name(self, node_id: str, node: dict[str, list[Any]]) -> None:
        names = [str(item["@value"]).strip() for item in self.literal(node_id, node, NAME)]
        if not any(names):
            self.add(node_id, NAME, _("a SuppliedProduct needs a name."))
        for name in names:
            if len(name) > MAX_NAME_LENGTH:
                self.add(node_id, NAME, _("the name is longer than %(max)d characters.") % {"max": MAX_NAME_LENGTH})
        self.literal(node_id, node, DESCRIPTION)

    def classification(self, node_id: str, node: dict[str, list[Any]]) -> None:
        for iri in self.link(node_id, node, HAS_TYPE):
            if self.taxonomy.key(iri, "product_type") is None:
                self.add(node_id, HAS_TYPE, _("%(iri)s is not a DFC product type.") % {"iri": iri})
        for prop in FACET_PROPERTIES:
            for iri in self.link(node_id, node, prop):
                if self.taxonomy.key(iri, "facet") is None and not (
                    prop == HAS_CLAIM and is_claim_concept(self.graph, self.taxonomy, iri)
                ):
                    self.add(node_id, prop, _("%(iri)s is not a DFC facet.") % {"iri": iri})

    def quantity(self, node_id: str, node: dict[str, list[Any]]) -> None:
        targets = self.link(node_id, node, HAS_QUANTITY)
        if not targets:
            self.add(node_id, HAS_QUANTITY, _("a SuppliedProduct sold as a variant needs a quantity."))
        for target in targets[:1]:
            quantity = self.graph.nodes.get(target)
            if quantity is None:
                self.add(node_id, HAS_QUANTITY, _("the quantity %(iri)s is not in the document.") % {"iri": target})
                continue
            values = self.literal(target, quantity, VALUE)
            amount = number(values[0]) if values else None
            if not values:
                self.add(node_id, HAS_QUANTITY, _("the quantity has no value (dfc-b:value)."))
            elif amount is None:
                message = _("the quantity %(value)s is not a number.")
                self.add(node_id, HAS_QUANTITY, message % {"value": values[0]["@value"]})
            elif amount < 0:
                message = _("the quantity cannot be negative (%(value)s).")
                self.add(node_id, HAS_QUANTITY, message % {"value": values[0]["@value"]})
            elif amount == 0:
                message = _("the quantity is 0; Streek needs a positive quantity: the variant is imported as 1 piece.")
                self.warn(node_id, HAS_QUANTITY, message)
            units = self.link(target, quantity, HAS_UNIT)
            if not units:
                self.add(node_id, HAS_QUANTITY, _("the quantity has no unit (dfc-b:hasUnit)."))
            elif self.taxonomy.key(units[0], "measure") is None:
                self.add(node_id, HAS_QUANTITY, _("the unit %(iri)s is not a DFC measure.") % {"iri": units[0]})
            elif self.taxonomy.key(units[0], "measure", UNIT_PATH) is None:
                self.add(node_id, HAS_QUANTITY, _("the unit %(iri)s is not a unit of quantity.") % {"iri": units[0]})

    def catalog_item(self, node_id: str, node: dict[str, list[Any]]) -> None:
        for item in self.literal(node_id, node, SKU):
            if len(str(item["@value"])) > MAX_SKU_LENGTH:
                self.add(node_id, SKU, _("the SKU is longer than %(max)d characters.") % {"max": MAX_SKU_LENGTH})
        self.link(node_id, node, REFERENCES)
        self.link(node_id, node, OFFERED_THROUGH)

    def amount(self, node_id: str, item: dict[str, Any]) -> None:
        amount = number(item)
        if amount is None:
            self.add(node_id, HAS_PRICE, _("the price %(value)s is not a number.") % {"value": item["@value"]})
        elif amount < 0:
            self.add(node_id, HAS_PRICE, _("the price cannot be negative (%(value)s).") % {"value": item["@value"]})

    def offer(self, node_id: str, node: dict[str, list[Any]], *, sold: bool) -> None:
        """An Offer's price; `sold`: the offer of a product being imported, which must have a price."""
        prices = node.get(HAS_PRICE, [])
        if not prices:
            if sold:
                self.add(node_id, HAS_PRICE, _("an Offer needs a price."))
            return
        first = prices[0]
        if "@value" in first:  # OFN's older form: the price as a bare number, in the shop's currency
            self.amount(node_id, first)
            if sold:
                self.warn(node_id, HAS_PRICE, _("the price has no currency: it is taken as euro."))
            return
        price = self.graph.nodes.get(first["@id"])
        if price is None:
            self.add(node_id, HAS_PRICE, _("the price %(iri)s is not in the document.") % {"iri": first["@id"]})
            return
        values = self.literal(first["@id"], price, VALUE)
        if values:
            self.amount(node_id, values[0])
        else:
            self.add(node_id, HAS_PRICE, _("the price has no value (dfc-b:value)."))
        currencies = self.link(first["@id"], price, HAS_UNIT)
        if not currencies:
            self.add(node_id, HAS_PRICE, _("the price has no currency (dfc-b:hasUnit)."))
        elif self.taxonomy.key(currencies[0], "measure", CURRENCY_PATH) is None:
            self.add(node_id, HAS_PRICE, _("the currency %(iri)s is not a DFC currency.") % {"iri": currencies[0]})
        elif currencies[0] != EURO and sold:
            message = _("the price is in %(currency)s; Streek keeps prices in euro: the amount is taken as it is.")
            self.warn(node_id, HAS_PRICE, message % {"currency": short(currencies[0])})
        for rate in self.literal(first["@id"], price, VAT_RATE):
            value = number(rate)
            if value is None or not 0 <= value <= 100:
                message = _("the VAT rate %(value)s is not a percentage.")
                self.add(node_id, HAS_PRICE, message % {"value": rate["@value"]})

    def run(self) -> list[Problem]:
        self.types()
        groups = self.graph.groups()
        sold_offers: set[str] = set()
        for node_id, node in self.graph.of_type(SUPPLIED_PRODUCT):
            if node_id not in groups and not self.graph.is_described(node_id):
                message = _("the SuppliedProduct has no name, quantity or catalogue item: it is not imported.")
                self.warn(node_id, "@type", message)
                continue
            self.semantic_id(node_id)
            self.name(node_id, node)
            self.classification(node_id, node)
            self.problems += check_details(self.graph, self.taxonomy, node_id, node)  # allergens, nutrients, claims
            self.link(node_id, node, IS_VARIANT_OF)
            self.link(node_id, node, HAS_VARIANT)
            self.link(node_id, node, REFERENCED_BY)
            if node_id not in groups:
                self.quantity(node_id, node)
                sold_offers.update(self.graph.offers_of(node_id))
        for node_id, node in self.graph.of_type(CATALOG_ITEM):
            self.catalog_item(node_id, node)
        for node_id, node in self.graph.of_type(OFFER):
            self.offer(node_id, node, sold=node_id in sold_offers)
        return self.problems


def validate(graph: DfcGraph, taxonomy: Taxonomy | None = None) -> list[Problem]:
    """Every problem of a read DFC graph: errors stop the import, warnings do not."""
    return Checker(graph, taxonomy or Taxonomy.load()).run()


def errors(problems: list[Problem]) -> list[Problem]:
    return [problem for problem in problems if not problem.warning]


def validate_document(document: dict[str, Any] | list[Any] | str | bytes) -> list[Problem]:
    """Read and check a document in one go."""
    graph, problems = read_graph(document)
    if graph is None:
        return problems
    return validate(graph)
