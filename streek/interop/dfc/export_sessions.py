"""DFC 1.16 export of a hub's order cycles as dfc-b:SaleSession, each listing its dfc-b:Offer nodes.

A cycle is a SaleSession with `dfc-b:name`, `dfc-b:startDate` / `dfc-b:endDate` (opens and closes at, xsd:dateTime),
`dfc-b:objectOf` a dfc-b:Coordination `dfc-b:coordinatedBy` the hub (as Open Food Network writes it) and
`dfc-b:lists` its offers. A variant offered in the cycle is an Offer of its own (`dfc-b:listedIn` the session):
`dfc-b:offers` the producer's CatalogItem, `dfc-b:hasPrice` the cycle's producer price excl. VAT with the variant's
VAT rate, `dfc-b:stockLimitation` what is left (stock - sold; absent: on demand). Pure functions, no query.
"""

from typing import Any

from streek.interop.selectors.dfc_sessions import SaleSessionExport

from . import ids
from .export import document, price_node

Node = dict[str, Any]
XSD_DATETIME = "http://www.w3.org/2001/XMLSchema#dateTime"


def _datetime(value: Any) -> dict[str, str]:
    return {"@value": value.isoformat(timespec="seconds"), "@type": XSD_DATETIME}


def sale_session_nodes(session: SaleSessionExport) -> list[Node]:
    """The SaleSession of one order cycle followed by its offers."""
    cycle = session.cycle
    session_id = ids.sale_session_id(cycle.hub_id, cycle.pk)
    offer_ids = [ids.sale_session_offer_id(cycle.hub_id, cycle.pk, offer.pk) for offer in session.offers]
    node: Node = {
        "@id": session_id,
        "@type": "dfc-b:SaleSession",
        "dfc-b:name": cycle.name,
        "dfc-b:startDate": _datetime(cycle.opens_at),
        "dfc-b:endDate": _datetime(cycle.closes_at),
        "dfc-b:objectOf": {"@type": "dfc-b:Coordination", "dfc-b:coordinatedBy": ids.enterprise_id(cycle.hub_id)},
    }
    if offer_ids:
        node["dfc-b:lists"] = offer_ids
    nodes = [node]
    for offer, offer_id in zip(session.offers, offer_ids, strict=True):
        offer_node: Node = {
            "@id": offer_id,
            "@type": "dfc-b:Offer",
            "dfc-b:offers": ids.catalog_item_id(offer.exchange.producer_id, offer.variant_id),
            "dfc-b:hasPrice": price_node(offer.producer_price, offer.variant.vat_rate),
            "dfc-b:listedIn": session_id,
        }
        if offer.available is not None:
            offer_node["dfc-b:stockLimitation"] = offer.available
        nodes.append(offer_node)
    return nodes


def sale_sessions_document(sessions: list[SaleSessionExport]) -> dict[str, Any]:
    return document([node for session in sessions for node in sale_session_nodes(session)])
