"""The DFC API at /api/dfc/: Streek's enterprises, catalogues and orders as DFC 1.16 JSON-LD (application/ld+json).

Paths follow Open Food Network's DFC API (swagger/dfc.yaml) where they overlap. A second NinjaAPI (its own
OpenAPI at /api/dfc/docs), with the same RFC 7807 errors as /api/v1/. Catalogues need the scope dfc:read (a token
or a session); the open catalogue of a region or municipality needs no login. The import router of
streek/api/dfc_import.py is included when that module exists.
"""

import importlib
import importlib.util
import json
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Router

from streek.accounts.models import User
from streek.accounts.selectors import Actor
from streek.catalog.access import access_organisation
from streek.core.exceptions import ApplicationError, NotFound, PermissionRefused
from streek.interop.dfc import export, export_sessions, ids
from streek.interop.dfc.access import access_dfc_order
from streek.interop.selectors.dfc import (
    dfc_catalogue_get,
    dfc_catalogue_list,
    dfc_open_organisations,
    dfc_order_get,
)
from streek.interop.selectors.dfc_sessions import dfc_sale_session_list
from streek.interop.services.dfc_updates import dfc_variant_update

from .auth import api_auth, require_token_organisation
from .errors import register_handlers

LD_JSON = "application/ld+json"
READ = "dfc:read"
WRITE = "dfc:write"
PUT_TYPES = (LD_JSON, "application/json")

router = Router(tags=["dfc"])


def _ld_schema(description: str) -> dict[str, Any]:
    return {
        "responses": {
            200: {
                "description": description,
                "content": {LD_JSON: {"schema": {"type": "object", "additionalProperties": True}}},
            }
        }
    }


def ld_response(document: dict[str, Any], *, allow_empty: bool = False) -> HttpResponse:
    """The document as application/ld+json; 404 when it has no node (an id of another enterprise, say)."""
    if not document.get("@graph") and not allow_empty:
        raise NotFound("DFC node")
    return HttpResponse(
        json.dumps(document, ensure_ascii=False, separators=(",", ":")),
        content_type=f"{LD_JSON}; charset=utf-8",
    )


def _actor(request: HttpRequest) -> Actor:
    return request.user


def _catalogue_nodes(request: HttpRequest, enterprise_id: int, *, with_enterprise: bool = True) -> list[dict[str, Any]]:
    access_organisation(actor=_actor(request), organisation_id=enterprise_id)
    catalogue = dfc_catalogue_get(organisation_id=enterprise_id)
    return export.catalogue_nodes(catalogue, with_enterprise=with_enterprise)


@router.get(
    "/enterprises/{enterprise_id}",
    auth=api_auth(READ),
    url_name="dfc_enterprise",
    summary="An enterprise with its address and what it supplies",
    openapi_extra=_ld_schema("dfc-b:Enterprise, dfc-b:Address and the catalogue"),
)
def enterprise(request: HttpRequest, enterprise_id: int) -> HttpResponse:
    """The organisation as dfc-b:Enterprise with its address, and its catalogue (as OFN's GET enterprises/{id})."""
    return ld_response(export.document(_catalogue_nodes(request, enterprise_id)))


@router.get(
    "/enterprises/{enterprise_id}/catalog_items",
    auth=api_auth(READ),
    url_name="dfc_catalog_items",
    summary="The catalogue of an enterprise",
    openapi_extra=_ld_schema("Catalog items with their supplied products and offers"),
)
def catalog_items(request: HttpRequest, enterprise_id: int) -> HttpResponse:
    """Every active variant: dfc-b:SuppliedProduct, dfc-b:CatalogItem and dfc-b:Offer, and the product groups."""
    nodes = _catalogue_nodes(request, enterprise_id, with_enterprise=False)
    return ld_response(export.document(nodes), allow_empty=True)


def _one(request: HttpRequest, enterprise_id: int, node_id: str) -> HttpResponse:
    return ld_response(export.node_document(_catalogue_nodes(request, enterprise_id), node_id))


@router.get(
    "/enterprises/{enterprise_id}/catalog_items/{item_id}",
    auth=api_auth(READ),
    url_name="dfc_catalog_item",
    summary="One catalog item",
    openapi_extra=_ld_schema("dfc-b:CatalogItem"),
)
def catalog_item(request: HttpRequest, enterprise_id: int, item_id: int) -> HttpResponse:
    return _one(request, enterprise_id, ids.catalog_item_id(enterprise_id, item_id))


@router.get(
    "/enterprises/{enterprise_id}/supplied_products/{product_id}",
    auth=api_auth(READ),
    url_name="dfc_supplied_product",
    summary="One supplied product (a variant)",
    openapi_extra=_ld_schema("dfc-b:SuppliedProduct"),
)
def supplied_product(request: HttpRequest, enterprise_id: int, product_id: int) -> HttpResponse:
    return _one(request, enterprise_id, ids.supplied_product_id(enterprise_id, product_id))


@router.get(
    "/enterprises/{enterprise_id}/offers/{offer_id}",
    auth=api_auth(READ),
    url_name="dfc_offer",
    summary="One offer (the price of a variant)",
    openapi_extra=_ld_schema("dfc-b:Offer"),
)
def offer(request: HttpRequest, enterprise_id: int, offer_id: int) -> HttpResponse:
    return _one(request, enterprise_id, ids.offer_id(enterprise_id, offer_id))


def _put_schema(node: str) -> dict[str, Any]:
    body = {"schema": {"type": "object", "additionalProperties": True}}
    return {
        "requestBody": {"required": True, "content": {media: body for media in PUT_TYPES}},
        "responses": {
            204: {"description": f"The {node} is applied"},
            422: {"description": "Problems of the body, each naming its node and property; nothing changed"},
        },
    }


def _put(request: HttpRequest, enterprise_id: int, variant_id: int, kind: str) -> HttpResponse:
    require_token_organisation(request, enterprise_id, what="organisation")
    organisation = access_organisation(actor=_actor(request), organisation_id=enterprise_id, for_write=True)
    if not isinstance(request.user, User):
        raise PermissionRefused("organisation")
    if (request.content_type or "") not in PUT_TYPES:
        raise ApplicationError(
            _("Send the DFC document as application/ld+json or application/json."),
            extra={"errors": [{"node": "", "property": "", "message": _("Unsupported content type.")}]},
        )
    update = dfc_variant_update(
        actor=request.user, organisation=organisation, variant_id=variant_id, document=request.body, kind=kind
    )
    if not update.ok:
        raise ApplicationError(
            _("The DFC document has problems; nothing was changed."),
            extra={"errors": [problem.as_dict() for problem in update.problems]},
        )
    return HttpResponse(status=204)


@router.put(
    "/enterprises/{enterprise_id}/catalog_items/{item_id}",
    auth=api_auth(WRITE),
    summary="Update a catalog item: SKU and stock (OFN's PUT)",
    openapi_extra=_put_schema("catalog item"),
)
def catalog_item_update(request: HttpRequest, enterprise_id: int, item_id: int) -> HttpResponse:
    """dfc-b:sku sets the variant's SKU, dfc-b:stockLimitation the stock left in the cycles still selling it."""
    return _put(request, enterprise_id, item_id, "catalog_items")


@router.put(
    "/enterprises/{enterprise_id}/offers/{offer_id}",
    auth=api_auth(WRITE),
    summary="Update an offer: price and stock (OFN's PUT)",
    openapi_extra=_put_schema("offer"),
)
def offer_update(request: HttpRequest, enterprise_id: int, offer_id: int) -> HttpResponse:
    """dfc-b:hasPrice sets the variant's price excl. VAT (and VAT rate), dfc-b:stockLimitation the stock left."""
    return _put(request, enterprise_id, offer_id, "offers")


@router.get(
    "/enterprises/{enterprise_id}/sale_sessions",
    auth=api_auth(READ),
    url_name="dfc_sale_sessions",
    summary="The order cycles of a hub as sale sessions",
    openapi_extra=_ld_schema("dfc-b:SaleSession nodes, each followed by its dfc-b:Offer nodes"),
)
def sale_sessions(request: HttpRequest, enterprise_id: int) -> HttpResponse:
    """The hub's published and closed order cycles (public, as its shop) with the variants offered in them."""
    access_organisation(actor=_actor(request), organisation_id=enterprise_id)
    sessions = dfc_sale_session_list(hub_id=enterprise_id)
    return ld_response(export_sessions.sale_sessions_document(sessions), allow_empty=True)


@router.get(
    "/enterprises/{enterprise_id}/sale_sessions/{session_id}",
    auth=api_auth(READ),
    url_name="dfc_sale_session",
    summary="One order cycle as a sale session",
    openapi_extra=_ld_schema("dfc-b:SaleSession and its dfc-b:Offer nodes"),
)
def sale_session(request: HttpRequest, enterprise_id: int, session_id: int) -> HttpResponse:
    access_organisation(actor=_actor(request), organisation_id=enterprise_id)
    sessions = dfc_sale_session_list(hub_id=enterprise_id, cycle_id=session_id)
    return ld_response(export_sessions.sale_sessions_document(sessions))


@router.get(
    "/enterprises/{enterprise_id}/orders/{order_id}",
    auth=api_auth(READ),
    url_name="dfc_order",
    summary="An order with its lines",
    openapi_extra=_ld_schema("dfc-b:Order and its dfc-b:OrderLine nodes"),
)
def order(request: HttpRequest, enterprise_id: int, order_id: int) -> HttpResponse:
    """An order of hub `enterprise_id`: whole for its buyer and the hub, a producer's own lines for the producer."""
    found, producer_ids = access_dfc_order(actor=_actor(request), hub_id=enterprise_id, order_id=order_id)
    require_token_organisation(request, found.hub_id, found.buyer_organisation_id, *(producer_ids or []), what="order")
    return ld_response(export.order_document(dfc_order_get(order=found, producer_ids=producer_ids)))


@router.get(
    "/open/catalog",
    url_name="dfc_open_catalog",
    summary="The open catalogue of a region or a municipality (no login)",
    openapi_extra=_ld_schema("dfc-b:Catalog with licence metadata and every producer's catalogue"),
)
def open_catalog(request: HttpRequest, region: str = "", municipality: str = "") -> HttpResponse:
    """The catalogues of the producers and processors of a custom region (slug), a province (code) or a
    municipality (NIS/CBS code), as one graph under the open data licence."""
    if bool(region) == bool(municipality):
        raise ApplicationError(
            _("Give either region or municipality."),
            extra={"errors": {"region": _("Give either region or municipality.")}},
        )
    organisations = dfc_open_organisations(region=region, municipality=municipality)
    catalogues = dfc_catalogue_list(organisations=organisations)
    area = region or municipality
    document = export.open_catalogue_document(
        catalogues,
        catalog_id=ids.open_catalog_id(region=region, municipality=municipality),
        title=_("Open catalogue of %(area)s") % {"area": area},
        generated_at=timezone.now(),
    )
    response = ld_response(document)
    response["Access-Control-Allow-Origin"] = "*"
    return response


api = NinjaAPI(
    title="Streek DFC API",
    version="1.16.0",
    description="Data Food Consortium (DFC 1.16) JSON-LD: enterprises, catalogues and orders; see docs/dfc.md.",
    urls_namespace="api-dfc",
    docs_url="/docs",
)
register_handlers(api)
api.add_router("", router)

# The DFC import endpoints (streek/api/dfc_import.py, written separately): included when the module exists.
if importlib.util.find_spec(f"{__package__}.dfc_import") is not None:
    api.add_router("", importlib.import_module(f"{__package__}.dfc_import").router)
