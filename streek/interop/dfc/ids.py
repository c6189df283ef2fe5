"""Stable semantic ids of Streek's DFC nodes: absolute URLs of our own /api/dfc/ endpoints.

The paths follow Open Food Network's DFC API (swagger/dfc.yaml) where they overlap: a variant is a SuppliedProduct
at /enterprises/{org}/supplied_products/{variant}, its CatalogItem and Offer share the variant's id, a product is a
product group at /product_groups/{product}. The base is `settings.STREEK_PUBLIC_URL`, never the request's host, so
the same object has the same id in every export (an API response, a file, the open catalogue).
"""

import re

from django.conf import settings

API_PATH = "/api/dfc"


def base_url() -> str:
    """The root of the DFC API, e.g. "https://streek.example/api/dfc"."""
    return f"{str(settings.STREEK_PUBLIC_URL).rstrip('/')}{API_PATH}"


def enterprise_id(organisation_id: int) -> str:
    return f"{base_url()}/enterprises/{organisation_id}"


def address_id(organisation_id: int) -> str:
    return f"{enterprise_id(organisation_id)}#address"


def phone_id(organisation_id: int) -> str:
    return f"{enterprise_id(organisation_id)}#phone"


def catalog_items_id(organisation_id: int) -> str:
    return f"{enterprise_id(organisation_id)}/catalog_items"


def supplied_product_id(organisation_id: int, variant_id: int) -> str:
    return f"{enterprise_id(organisation_id)}/supplied_products/{variant_id}"


def product_group_id(product_id: int) -> str:
    return f"{base_url()}/product_groups/{product_id}"


def catalog_item_id(organisation_id: int, variant_id: int) -> str:
    return f"{enterprise_id(organisation_id)}/catalog_items/{variant_id}"


def offer_id(organisation_id: int, variant_id: int) -> str:
    return f"{enterprise_id(organisation_id)}/offers/{variant_id}"


def product_claim_id(product_id: int, claim_id: int) -> str:
    """A ProductClaim: a skos:Concept of our own under its product group."""
    return f"{product_group_id(product_id)}/claims/{claim_id}"


def sale_session_id(hub_id: int, cycle_id: int) -> str:
    """An order cycle of a hub as dfc-b:SaleSession."""
    return f"{enterprise_id(hub_id)}/sale_sessions/{cycle_id}"


def sale_session_offer_id(hub_id: int, cycle_id: int, cycle_offer_id: int) -> str:
    """A variant offered in an order cycle (its own price and stock) as dfc-b:Offer."""
    return f"{sale_session_id(hub_id, cycle_id)}/offers/{cycle_offer_id}"


def order_id(hub_id: int, order_pk: int) -> str:
    return f"{enterprise_id(hub_id)}/orders/{order_pk}"


def order_line_id(hub_id: int, order_pk: int, line_pk: int) -> str:
    return f"{order_id(hub_id, order_pk)}/order_lines/{line_pk}"


def person_id(user_id: int) -> str:
    return f"{base_url()}/persons/{user_id}"


def open_catalog_id(*, region: str = "", municipality: str = "") -> str:
    if region:
        return f"{base_url()}/open/catalog?region={region}"
    return f"{base_url()}/open/catalog?municipality={municipality}"


_OWN = re.compile(
    r"^/enterprises/(?P<organisation>\d+)(?:/(?P<kind>supplied_products|catalog_items|offers|orders)/(?P<id>\d+))?$"
)


def parse_own_id(semantic_id: str) -> tuple[str, int, int | None] | None:
    """(kind, organisation id, object id) of one of our own ids, or None for another platform's id.

    kind is "enterprise", "supplied_products", "catalog_items", "offers" or "orders".
    """
    prefix = base_url()
    if not semantic_id.startswith(prefix):
        return None
    match = _OWN.match(semantic_id[len(prefix) :].split("#", 1)[0])
    if match is None:
        return None
    kind = match["kind"] or "enterprise"
    return kind, int(match["organisation"]), int(match["id"]) if match["id"] else None
