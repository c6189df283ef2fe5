"""Importing DFC catalogues through /api/dfc/ (included by streek/api/dfc.py).

POST /enterprises/{id}/catalog_import takes a whole catalogue (the body of OFN's GET catalog_items, say)
as application/ld+json or application/json; POST /enterprises/{id}/supplied_products takes one SuppliedProduct
(OFN's path). Both import all or nothing (streek/interop/services/dfc_import.py): 200 with the counts, or 422
RFC 7807 with `errors`, each naming its node and property. `?dry_run=true` checks and counts without writing.
"""

from typing import Any

from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from ninja import Router

from streek.accounts.models import User
from streek.catalog.access import access_organisation
from streek.core.exceptions import ApplicationError, PermissionRefused
from streek.interop.services.dfc_import import DfcImportResult, dfc_catalogue_import

from .auth import api_auth, require_token_organisation

WRITE = "dfc:write"
ACCEPTED_TYPES = ("application/ld+json", "application/json")

router = Router(tags=["dfc"])

_RESULT_SCHEMA = {
    "type": "object",
    "properties": {
        "created": {"type": "integer"},
        "updated": {"type": "integer"},
        "unchanged": {"type": "integer"},
        "products": {"type": "integer"},
        "dry_run": {"type": "boolean"},
        "problems": {"type": "array", "items": {"type": "object"}},
        "warnings": {"type": "array", "items": {"type": "object"}},
    },
}


def _openapi(description: str) -> dict[str, Any]:
    body = {"schema": {"type": "object", "additionalProperties": True}}
    return {
        "requestBody": {"required": True, "content": {media: body for media in ACCEPTED_TYPES}},
        "responses": {
            200: {"description": description, "content": {"application/json": {"schema": _RESULT_SCHEMA}}},
            415: {"description": "Not JSON-LD"},
            422: {"description": "Problems of the document, each naming its node and property"},
        },
    }


def _import(request: HttpRequest, enterprise_id: int, dry_run: bool) -> JsonResponse:
    require_token_organisation(request, enterprise_id, what="organisation")
    organisation = access_organisation(actor=request.user, organisation_id=enterprise_id, for_write=True)
    if not isinstance(request.user, User):
        raise PermissionRefused("organisation")
    media_type = request.content_type or ""
    if media_type not in ACCEPTED_TYPES:
        raise ApplicationError(
            _("Send the DFC document as application/ld+json or application/json."),
            extra={"errors": [{"node": "", "property": "", "message": _("Unsupported content type.")}]},
        )
    result: DfcImportResult = dfc_catalogue_import(
        actor=request.user,
        organisation=organisation,
        document=request.body,
        source=request.headers.get("Content-Location", ""),
        dry_run=dry_run,
    )
    if not result.ok:
        raise ApplicationError(
            _("The DFC document has problems; nothing was imported."),
            extra={
                "errors": [problem.as_dict() for problem in result.problems],
                "warnings": [warning.as_dict() for warning in result.warnings],
            },
        )
    return JsonResponse(result.as_dict())


@router.post(
    "/enterprises/{enterprise_id}/catalog_import",
    auth=api_auth(WRITE),
    url_name="dfc_catalogue_import",
    summary="Import a DFC catalogue into the enterprise's products",
    openapi_extra=_openapi("Counts of variants created, updated and unchanged"),
)
def catalogue_import(request: HttpRequest, enterprise_id: int, dry_run: bool = False) -> JsonResponse:
    """A catalogue (SuppliedProducts with their CatalogItems and Offers, product groups): validated, then all
    of it imported or nothing. Importing the same document again updates the same products."""
    return _import(request, enterprise_id, dry_run)


@router.post(
    "/enterprises/{enterprise_id}/supplied_products",
    auth=api_auth(WRITE),
    url_name="dfc_supplied_product_import",
    summary="Add or update one supplied product (OFN's path)",
    openapi_extra=_openapi("Counts of variants created, updated and unchanged"),
)
def supplied_product_import(request: HttpRequest, enterprise_id: int, dry_run: bool = False) -> JsonResponse:
    """One dfc-b:SuppliedProduct document, as OFN's POST supplied_products takes; it is linked by its @id."""
    return _import(request, enterprise_id, dry_run)
