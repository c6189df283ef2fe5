"""DFC 1.16 export: Streek's organisations, catalogues and orders as compacted JSON-LD with the DFC context.

Pure functions over model instances the selectors in streek/interop/selectors/dfc.py loaded (no query here).
The shape follows what Open Food Network emits (its API examples in swagger/dfc.yaml), so OFN and the DFC
connectors read it: one "@graph" of nodes with compact "dfc-b:" terms, taxonomy concepts as "dfc-m:", "dfc-pt:",
"dfc-f:" and "dfc-v:" compact IRIs, nested blank nodes for quantities, prices and phone numbers.
The mapping is documented in docs/dfc.md.
"""

from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.conf import settings

from streek.catalog.models import Concept, Organisation, Variant
from streek.interop.selectors.dfc import CatalogueEnterprise, CatalogueProduct, OrderExport

from . import ids
from .export_details import add_product_details, claim_node
from .jsonld import DFC_CONTEXT_URL

Node = dict[str, Any]

CURRENCY = "dfc-m:Euro"
COUNTRY_AUTHORITY = "http://publications.europa.eu/resource/authority/country/"
ISO3 = {"BE": "BEL", "NL": "NLD", "FR": "FRA", "DE": "DEU", "LU": "LUX"}
SCHEME_PREFIX = {"measure": "dfc-m", "product_type": "dfc-pt", "facet": "dfc-f"}
# The property that carries a facet, by the top concept of its branch in the facet taxonomy.
FACET_PROPERTY = {
    "Certification": "dfc-b:hasCertification",
    "Claim": "dfc-b:hasClaim",
    "NatureOrigin": "dfc-b:hasNatureOrigin",
    "PartOrigin": "dfc-b:hasPartOrigin",
    "TerritorialOrigin": "dfc-b:hasGeographicalOrigin",
    "ContainerInformation": "dfc-b:hasContainerInformation",
}
DCTERMS = "http://purl.org/dc/terms/"


def concept_ref(concept: Concept) -> str:
    """The compact IRI of a taxonomy concept, e.g. "dfc-m:Kilogram" (the key is the fragment of its URI)."""
    return f"{SCHEME_PREFIX[concept.scheme]}:{concept.key}"


def number(value: Decimal | float | int) -> float | int:
    """A JSON number as OFN writes it: integers stay integers, decimals become floats (19.99, 1.0)."""
    if isinstance(value, int):
        return value
    return float(value)


def document(nodes: list[Node], context: str = DFC_CONTEXT_URL) -> dict[str, Any]:
    """A compacted JSON-LD document: the context URL and the nodes under "@graph"."""
    return {"@context": context, "@graph": nodes}


def _absolute(url: str) -> str:
    if url.startswith(("http://", "https://")):
        return url
    return f"{str(settings.STREEK_PUBLIC_URL).rstrip('/')}{url}"


def _set(node: Node, key: str, value: Any) -> None:
    """Add a property unless it is empty (OFN leaves out what it does not know)."""
    if value not in (None, "", []):
        node[key] = value


# ---- enterprise -------------------------------------------------------------------------------------------------


def enterprise_nodes(organisation: Organisation, *, catalogue: CatalogueEnterprise | None = None) -> list[Node]:
    """The dfc-b:Enterprise and its dfc-b:Address; with `catalogue`, the enterprise lists what it supplies."""
    org_id = organisation.pk
    node: Node = {"@id": ids.enterprise_id(org_id), "@type": "dfc-b:Enterprise", "dfc-b:name": organisation.name}
    _set(node, "dfc-b:hasDescription", organisation.description_nl)
    node["dfc-b:hasAddress"] = ids.address_id(org_id)
    if organisation.phone:
        node["dfc-b:hasPhoneNumber"] = {"@type": "dfc-b:PhoneNumber", "dfc-b:phoneNumber": organisation.phone}
    _set(node, "dfc-b:email", organisation.email)
    _set(node, "dfc-b:websitePage", organisation.website)
    if organisation.logo:
        node["dfc-b:logo"] = _absolute(organisation.logo.url)
    _set(node, "dfc-b:enterpriseID", organisation.enterprise_number)
    if catalogue is not None:
        variants = [variant for item in catalogue.products for variant in item.variants]
        _set(node, "dfc-b:manages", [ids.catalog_item_id(org_id, v.pk) for v in variants])
        _set(node, "dfc-b:supplies", [ids.supplied_product_id(org_id, v.pk) for v in variants])
    return [node, address_node(organisation)]


def address_node(organisation: Organisation) -> Node:
    node: Node = {"@id": ids.address_id(organisation.pk), "@type": "dfc-b:Address"}
    _set(node, "dfc-b:hasStreet", organisation.street)
    _set(node, "dfc-b:hasPostalCode", organisation.postal_code)
    locality = organisation.locality or (organisation.municipality.name if organisation.municipality else "")
    _set(node, "dfc-b:hasCity", locality)
    code = ISO3.get(organisation.country.code)
    if code:
        node["dfc-b:hasCountry"] = f"{COUNTRY_AUTHORITY}{code}"
    if organisation.lat is not None and organisation.lon is not None:
        node["dfc-b:latitude"] = organisation.lat
        node["dfc-b:longitude"] = organisation.lon
    return node


# ---- catalogue --------------------------------------------------------------------------------------------------


def variant_name(item: CatalogueProduct, variant: Variant) -> str:
    """ "Product - variant" as OFN names a variant ("Apple - 1kg"); the product name alone for an unnamed variant."""
    name = item.product.name_nl
    return f"{name} - {variant.name}" if variant.name else name


def facet_properties(labels: Iterable[Concept]) -> dict[str, list[str]]:
    """The product's facet concepts grouped by the DFC property that carries them, in a stable order."""
    grouped: dict[str, list[str]] = {}
    for concept in labels:
        top = concept.path.split("/", 1)[0]
        prop = FACET_PROPERTY.get(top)
        if prop is not None:
            grouped.setdefault(prop, []).append(concept_ref(concept))
    return {prop: sorted(values) for prop, values in sorted(grouped.items())}


def price_node(value: Decimal, vat_rate: Decimal) -> Node:
    return {"@type": "dfc-b:Price", "dfc-b:value": number(value), "dfc-b:VATrate": number(vat_rate),
            "dfc-b:hasUnit": CURRENCY}  # fmt: skip


def variant_nodes(organisation_id: int, item: CatalogueProduct, variant: Variant, *, group_id: str = "") -> list[Node]:
    """A variant as OFN exports one: dfc-b:SuppliedProduct, its dfc-b:CatalogItem and its dfc-b:Offer."""
    product = item.product
    enterprise = ids.enterprise_id(organisation_id)
    # the ids of ids.supplied_product_id, catalog_item_id and offer_id, with the enterprise's id built once
    supplied_id = f"{enterprise}/supplied_products/{variant.pk}"
    item_id = f"{enterprise}/catalog_items/{variant.pk}"
    offer = f"{enterprise}/offers/{variant.pk}"
    supplied: Node = {"@id": supplied_id, "@type": "dfc-b:SuppliedProduct", "dfc-b:name": variant_name(item, variant)}
    _set(supplied, "dfc-b:description", product.description_nl)
    supplied["dfc-b:hasType"] = concept_ref(product.product_type)
    supplied["dfc-b:hasQuantity"] = {
        "@type": "dfc-b:QuantitativeValue",
        "dfc-b:hasUnit": concept_ref(variant.unit),
        "dfc-b:value": number(variant.quantity),
    }
    supplied.update(facet_properties(item.labels))
    add_product_details(supplied, product, item.claims)
    supplied["dfc-b:isVariantOf"] = group_id or ids.product_group_id(product.pk)
    supplied["dfc-b:referencedBy"] = item_id
    catalog_item: Node = {"@id": item_id, "@type": "dfc-b:CatalogItem", "dfc-b:references": supplied_id}
    _set(catalog_item, "dfc-b:sku", variant.sku)
    catalog_item["dfc-b:offeredThrough"] = offer
    catalog_item["dfc-b:managedBy"] = enterprise
    offer_node: Node = {
        "@id": offer,
        "@type": "dfc-b:Offer",
        "dfc-b:hasPrice": price_node(variant.price, variant.vat_rate),
    }
    return [supplied, catalog_item, offer_node]


def product_group_node(item: CatalogueProduct) -> Node:
    """The product as OFN's product group: a SuppliedProduct naming its variants (dfc-b:hasVariant)."""
    organisation_id = item.product.organisation_id
    node: Node = {
        "@id": ids.product_group_id(item.product.pk),
        "@type": "dfc-b:SuppliedProduct",
        "dfc-b:name": item.product.name_nl,
    }
    _set(node, "dfc-b:hasVariant", [ids.supplied_product_id(organisation_id, v.pk) for v in item.variants])
    return node


def catalogue_nodes(catalogue: CatalogueEnterprise, *, with_enterprise: bool = True) -> list[Node]:
    """The enterprise, its address, and per product its group, its claims and per variant the three nodes."""
    org_id = catalogue.organisation.pk
    nodes: list[Node] = enterprise_nodes(catalogue.organisation, catalogue=catalogue) if with_enterprise else []
    for item in catalogue.products:
        if not item.variants:
            continue
        group = product_group_node(item)
        nodes.append(group)
        nodes.extend(claim_node(claim) for claim in item.claims)
        for variant in item.variants:
            nodes.extend(variant_nodes(org_id, item, variant, group_id=group["@id"]))
    return nodes


def catalogue_document(catalogue: CatalogueEnterprise) -> dict[str, Any]:
    """GET /api/dfc/enterprises/{id}/catalog_items: the whole catalogue of one enterprise."""
    return document(catalogue_nodes(catalogue))


def node_document(nodes: list[Node], node_id: str) -> dict[str, Any]:
    """A document of the one node with this id (and nothing else), as OFN serves a single item."""
    return document([node for node in nodes if node.get("@id") == node_id])


def open_catalogue_document(
    catalogues: list[CatalogueEnterprise], *, catalog_id: str, title: str, generated_at: datetime
) -> dict[str, Any]:
    """The open catalogue of a region: a dfc-b:Catalog listing every catalog item, with the licence (Dublin Core
    terms), followed by each enterprise's catalogue."""
    nodes: list[Node] = []
    listed: list[str] = []
    for catalogue in catalogues:
        enterprise_catalogue = catalogue_nodes(catalogue)
        listed.extend(n["@id"] for n in enterprise_catalogue if n.get("@type") == "dfc-b:CatalogItem")
        nodes.extend(enterprise_catalogue)
    catalog: Node = {
        "@id": catalog_id,
        "@type": "dfc-b:Catalog",
        "dfc-b:name": title,
        "dfc-b:maintainedBy": [ids.enterprise_id(c.organisation.pk) for c in catalogues],
        "dfc-b:lists": listed,
        f"{DCTERMS}license": {"@id": settings.STREEK_OPEN_DATA_LICENCE_URL},
        f"{DCTERMS}rights": settings.STREEK_OPEN_DATA_LICENCE,
        f"{DCTERMS}publisher": settings.STREEK_SITE_NAME,
        f"{DCTERMS}modified": {
            "@value": generated_at.isoformat(timespec="seconds"),
            "@type": "http://www.w3.org/2001/XMLSchema#dateTime",
        },
    }
    return document([catalog, *nodes])


# ---- orders -----------------------------------------------------------------------------------------------------


def order_nodes(export: OrderExport) -> list[Node]:
    """dfc-b:Order with its states from the DFC vocabulary and its dfc-b:OrderLine nodes (each concerns an Offer)."""
    order = export.order
    order_id = ids.order_id(order.hub_id, order.pk)
    node: Node = {
        "@id": order_id,
        "@type": "dfc-b:Order",
        "dfc-b:orderNumber": order.reference,
        "dfc-b:date": order.placed_at.isoformat(timespec="seconds"),
        "dfc-b:soldBy": ids.enterprise_id(order.hub_id),
        "dfc-b:orderedBy": (
            ids.enterprise_id(order.buyer_organisation_id)
            if order.buyer_organisation_id
            else ids.person_id(order.buyer_id)
        ),
        "dfc-b:hasOrderStatus": f"dfc-v:{order.dfc_order_state}",
        "dfc-b:hasFulfilmentStatus": f"dfc-v:{order.dfc_fulfilment_state}",
        "dfc-b:hasPaymentStatus": f"dfc-v:{order.dfc_payment_state}",
    }
    line_ids = [ids.order_line_id(order.hub_id, order.pk, line.pk) for line in export.lines]
    _set(node, "dfc-b:hasPart", line_ids)
    nodes = [node]
    for line, line_id in zip(export.lines, line_ids, strict=True):
        nodes.append(
            {
                "@id": line_id,
                "@type": "dfc-b:OrderLine",
                "dfc-b:description": line.description,
                "dfc-b:quantity": line.quantity,
                "dfc-b:hasPrice": price_node(line.unit_price, line.vat_rate),
                "dfc-b:concerns": ids.offer_id(line.producer_id, line.variant_id),
                "dfc-b:partOf": order_id,
            }
        )
    return nodes


def order_document(export: OrderExport) -> dict[str, Any]:
    return document(order_nodes(export))
