"""Products and variants: public to read; written by the producer's owners and managers (`catalog:write`).

Reads show active products and variants; the producer's editors also see inactive ones (filter on their
organisation, or ask for one by id). Writes go through streek/catalog/services/products.py: a variant is
written as part of its product (the service replaces the product's set of variants), so creating, changing
or deleting one answers with the same checks as the product form. DELETE on a product deactivates it (its
orders and history keep pointing at it); DELETE on a variant removes it, or answers 409 when orders or
cycles use it (deactivate it with PATCH is_active=false instead).
"""

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import ProtectedError
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.decorators import decorate_view
from ninja.errors import HttpError

from streek.accounts.models import User
from streek.accounts.selectors import Actor
from streek.catalog.access import access_organisation, access_product, access_variant, can_edit_organisation
from streek.catalog.directory_cache import DIRECTORY
from streek.catalog.models import Product, Variant
from streek.catalog.models.product import NUTRIENT_FIELDS
from streek.catalog.selectors.product_search import (
    product_label_rows,
    product_search_rows,
    product_variant_rows,
    variant_search_rows,
)
from streek.catalog.selectors.products import product_get
from streek.catalog.services.products import product_create, product_deactivate, product_update
from streek.core.exceptions import ApplicationError, NotFound
from streek.core.i18n import active_content_language, localised
from streek.core.response_cache import cache_anonymous_get

from .auth import api_auth
from .errors import values_refused
from .pagination import PageParams, paginate
from .responses import json_response, url_builder
from .schemas.catalog import (
    ProductDetail,
    ProductFields,
    ProductFilterParams,
    ProductIn,
    ProductPage,
    VariantFilterParams,
    VariantIn,
    VariantOut,
    VariantPage,
    VariantPatch,
)
from .schemas.common import Problem

router = Router(tags=["catalog"])

WRITE_ERRORS: dict[int, Any] = {401: Problem, 403: Problem, 404: Problem, 422: Problem}


def actor(request: HttpRequest) -> Actor:
    return request.user  # type: ignore[return-value]


def editor(request: HttpRequest) -> User:
    """The signed-in user of a write endpoint (api_auth let the request through)."""
    return request.user  # type: ignore[return-value]


# --- rendering ----------------------------------------------------------------------------------------------------


def variant_out(request: HttpRequest, variant: Variant) -> dict[str, Any]:
    return {
        "id": variant.pk,
        "product": variant.product_id,
        "name": variant.name,
        "sku": variant.sku,
        "quantity": variant.quantity,
        "unit": {"key": variant.unit.key, "label": variant.unit.label},
        "price": variant.price,
        "vat_rate": variant.vat_rate,
        "price_incl_vat": variant.price_incl_vat,
        "is_active": variant.is_active,
        "url": request.build_absolute_uri(reverse("api-1:variant_detail", kwargs={"variant_id": variant.pk})),
    }


def product_out(request: HttpRequest, product: Product) -> dict[str, Any]:
    organisation = product.organisation
    return {
        "id": product.pk,
        "organisation": {"id": organisation.pk, "slug": organisation.slug, "name": organisation.name},
        "name": product.name,
        "name_nl": product.name_nl,
        "name_fr": product.name_fr,
        "name_en": product.name_en,
        "description": product.description,
        "product_type": {"key": product.product_type.key, "label": product.product_type.label},
        "labels": [{"key": label.key, "label": label.label} for label in product.labels.all()],
        "months": product.months,
        "allergens": [str(allergen) for allergen in product.allergens],
        "storage_temperature": product.storage_temperature,
        "is_active": product.is_active,
        "variants": [variant_out(request, variant) for variant in product.variants.all()],
        "url": request.build_absolute_uri(reverse("api-1:product_detail", kwargs={"product_id": product.pk})),
    }


# Lists render rows (the selectors' *_rows) instead of model instances: the same fields as variant_out and
# product_out, without building a model per row.

CENT = Decimal("0.01")


def pick(row: dict[str, Any], field: str, language: str) -> str:
    """`localised` for a row: `<field>_<language>`, else the first non-empty one in nl, en, fr order."""
    for candidate in (language, "nl", "en", "fr"):
        value = row[f"{field}_{candidate}"]
        if value:
            return str(value)
    return ""


def variant_row_out(row: dict[str, Any], language: str, url: Any) -> dict[str, Any]:
    """A variant row as VariantOut; decimals as the text ninja's encoder would give them (str), encoded faster."""
    price, vat_rate = row["price"], row["vat_rate"]
    return {
        "id": row["id"],
        "product": row["product_id"],
        "name": row["name"],
        "sku": row["sku"],
        "quantity": str(row["quantity"]),
        "unit": {"key": row["unit__key"], "label": pick(row, "unit__label", language) or row["unit__key"]},
        "price": str(price),
        "vat_rate": str(vat_rate),
        "price_incl_vat": str((price * (Decimal(1) + Decimal(vat_rate) / Decimal(100))).quantize(CENT)),
        "is_active": row["is_active"],
        "url": url(row["id"]),
    }


def product_rows_out(
    request: HttpRequest, rows: list[dict[str, Any]], *, include_inactive: bool
) -> list[dict[str, Any]]:
    """Product rows with their variants and labels (two queries) as ProductOut bodies."""
    ids = [row["id"] for row in rows]
    variants = product_variant_rows(product_ids=ids, include_inactive=include_inactive)
    labels = product_label_rows(product_ids=ids)
    language = active_content_language()
    product_url = url_builder(request, "api-1:product_detail", "product_id")
    variant_url = url_builder(request, "api-1:variant_detail", "variant_id")
    items = []
    for row in rows:
        pk, season = row["id"], row["season_months"]
        type_key = row["product_type__key"]
        items.append(
            {
                "id": pk,
                "organisation": {
                    "id": row["organisation_id"],
                    "slug": row["organisation__slug"],
                    "name": row["organisation__name"],
                },
                "name": pick(row, "name", language),
                "name_nl": row["name_nl"],
                "name_fr": row["name_fr"],
                "name_en": row["name_en"],
                "description": pick(row, "description", language),
                "product_type": {"key": type_key, "label": pick(row, "product_type__label", language) or type_key},
                "labels": [
                    {
                        "key": label["concept__key"],
                        "label": pick(label, "concept__label", language) or label["concept__key"],
                    }
                    for label in labels.get(pk, ())
                ],
                "months": [month for month in range(1, 13) if season & (1 << (month - 1))],
                "allergens": [str(allergen) for allergen in row["allergens"]],
                "storage_temperature": row["storage_temperature"],
                "is_active": row["is_active"],
                "variants": [variant_row_out(variant, language, variant_url) for variant in variants.get(pk, ())],
                "url": product_url(pk),
            }
        )
    return items


def product_detail(request: HttpRequest, product: Product) -> dict[str, Any]:
    return {
        **product_out(request, product),
        "description_nl": product.description_nl,
        "description_fr": product.description_fr,
        "description_en": product.description_en,
        "storage": localised(product, "storage"),
        "preparation": localised(product, "preparation"),
        "nutrition": {name: getattr(product, name) for name in NUTRIENT_FIELDS},
        "claims": [
            {
                "kind": claim.kind,
                "kind_label": str(claim.get_kind_display()),
                "text": claim.text,
                "evidence": claim.evidence,
                "evidence_url": claim.evidence_url,
            }
            for claim in product.claims.all()
        ],
    }


def load_product(product: Product) -> Product:
    """The product with everything product_detail shows, inactive variants included (for its editors)."""
    full = product_get(organisation=product.organisation, product_id=product.pk)
    return full


def detail_for(request: HttpRequest, product: Product, *, editor_view: bool) -> dict[str, Any]:
    full = load_product(product)
    body = product_detail(request, full)
    if not editor_view:
        body["variants"] = [v for v in body["variants"] if v["is_active"]]
    return body


# --- products -----------------------------------------------------------------------------------------------------


@router.get(
    "/products",
    response={200: ProductPage, 422: Problem},
    url_name="product_list",
    summary="List products",
)
@decorate_view(cache_anonymous_get(DIRECTORY))
def list_products(request: HttpRequest, filters: Query[ProductFilterParams], page: Query[PageParams]) -> HttpResponse:
    """Active products by name (Dutch), with their variants, filtered on the producer, a product type (and the
    types under it), a label, a search text and whether they are available now. The producer's owners and
    managers filtering on their organisation also see its inactive products and variants."""
    own = filters.organisation is not None and can_edit_organisation(
        actor=actor(request), organisation_id=filters.organisation
    )
    qs = product_search_rows(
        organisation_id=filters.organisation,
        product_type_key=filters.product_type or "",
        label_key=filters.label or "",
        search=filters.q or "",
        available=filters.available,
        available_in_month=timezone.localdate().month,
        include_inactive=own,
    )
    result = paginate(request, qs, sort="name_nl", params=page)
    body = {
        "items": product_rows_out(request, result.items, include_inactive=own),
        "next": result.next,
        "count": result.count,
    }
    return json_response(ProductPage, body)


@router.get(
    "/products/{product_id}",
    response={200: ProductDetail, 404: Problem},
    url_name="product_detail",
    summary="One product",
)
def get_product(request: HttpRequest, product_id: int) -> dict[str, Any]:
    """A product with its variants, labels, nutrition and claims (404 for an inactive one, but to its editors)."""
    product = access_product(actor=actor(request), product_id=product_id)
    own = can_edit_organisation(actor=actor(request), organisation_id=product.organisation_id)
    return detail_for(request, product, editor_view=own)


def service_fields(payload: ProductFields) -> dict[str, Any]:
    """The fields sent, as the arguments of product_create/product_update."""
    sent = payload.dict(exclude_unset=True)
    arguments: dict[str, Any] = {}
    for name, value in sent.items():
        if name in {"organisation", "variants"}:
            continue
        if name == "labels":
            arguments["label_keys"] = value if value is not None else []
        elif name == "claims":
            arguments["claims"] = value if value is not None else []
        elif name == "allergens":
            arguments["allergens"] = [str(a) for a in value] if value is not None else []
        elif name in {"months", "product_type"}:
            if value is not None:
                arguments[name] = value
        elif name.startswith(("name_", "description_", "storage_", "preparation_")):
            arguments[name] = value or ""
        elif name == "is_active":
            if value is not None:
                arguments[name] = value
        else:
            arguments[name] = value
    if arguments.get("name_nl") == "":
        raise ApplicationError(_("A product needs a Dutch name."), extra={"errors": {"name_nl": _("Required.")}})
    return arguments


def variant_row(payload: dict[str, Any], variant: Variant | None = None) -> dict[str, Any]:
    """A variant as the service's dict: the current values of `variant` with those sent."""
    row: dict[str, Any] = {}
    if variant is not None:
        row = {"id": variant.pk, "unit_key": variant.unit.key}
    for name, value in payload.items():
        if value is None:
            continue
        if name == "unit":
            row["unit_key"] = value
        elif name == "vat_rate":
            row["vat_rate"] = str(value.value if hasattr(value, "value") else value)
        else:
            row[name] = value
    return row


@router.post(
    "/products",
    auth=api_auth("catalog:write"),
    response={201: ProductDetail, **WRITE_ERRORS},
    url_name="product_create",
    summary="Add a product",
)
def create_product(request: HttpRequest, payload: ProductIn) -> Status[dict[str, Any]]:
    """Add a product (with its variants) to your organisation's catalogue: owners and managers only (403)."""
    user = editor(request)
    organisation = access_organisation(actor=user, organisation_id=payload.organisation, for_write=True)
    arguments = service_fields(payload)
    variants = [variant_row(v.dict()) for v in payload.variants]
    try:
        product = product_create(organisation=organisation, actor=user, variants=variants, **arguments)
    except ValidationError as exc:
        raise values_refused(exc) from exc
    return Status(201, detail_for(request, product, editor_view=True))


@router.patch(
    "/products/{product_id}",
    auth=api_auth("catalog:write"),
    response={200: ProductDetail, **WRITE_ERRORS},
    url_name="product_update",
    summary="Change a product",
)
def update_product(request: HttpRequest, product_id: int, payload: ProductFields) -> dict[str, Any]:
    """Change the fields sent; `labels` and `claims`, when sent, replace the product's. Variants have their own
    endpoints."""
    user = editor(request)
    product = access_product(actor=user, product_id=product_id, for_write=True)
    try:
        product = product_update(product=product, actor=user, **service_fields(payload))
    except ValidationError as exc:
        raise values_refused(exc) from exc
    return detail_for(request, product, editor_view=True)


@router.delete(
    "/products/{product_id}",
    auth=api_auth("catalog:write"),
    response={204: None, 401: Problem, 403: Problem, 404: Problem},
    url_name="product_delete",
    summary="Withdraw a product",
)
def delete_product(request: HttpRequest, product_id: int) -> Status[None]:
    """Deactivate the product: it leaves the public catalogue; its data, orders and history stay (PATCH
    is_active=true brings it back)."""
    user = editor(request)
    product = access_product(actor=user, product_id=product_id, for_write=True)
    product_deactivate(product=product, actor=user)
    return Status(204, None)


# --- variants -----------------------------------------------------------------------------------------------------


@router.get(
    "/variants",
    response={200: VariantPage, 404: Problem, 422: Problem},
    url_name="variant_list",
    summary="List variants",
)
@decorate_view(cache_anonymous_get(DIRECTORY))
def list_variants(request: HttpRequest, filters: Query[VariantFilterParams], page: Query[PageParams]) -> HttpResponse:
    """Active variants of active products by id, filtered on a product or a producer (404 for a product one
    may not see). The producer's owners and managers also see inactive ones."""
    own = False
    if filters.product is not None:
        product = access_product(actor=actor(request), product_id=filters.product)
        own = can_edit_organisation(actor=actor(request), organisation_id=product.organisation_id)
    elif filters.organisation is not None:
        own = can_edit_organisation(actor=actor(request), organisation_id=filters.organisation)
    qs = variant_search_rows(product_id=filters.product, organisation_id=filters.organisation, include_inactive=own)
    result = paginate(request, qs, sort="id", params=page)
    language = active_content_language()
    variant_url = url_builder(request, "api-1:variant_detail", "variant_id")
    body = {
        "items": [variant_row_out(row, language, variant_url) for row in result.items],
        "next": result.next,
        "count": result.count,
    }
    return json_response(VariantPage, body)


@router.get(
    "/variants/{variant_id}",
    response={200: VariantOut, 404: Problem},
    url_name="variant_detail",
    summary="One variant",
)
def get_variant(request: HttpRequest, variant_id: int) -> dict[str, Any]:
    variant = access_variant(actor=actor(request), variant_id=variant_id)
    return variant_out(request, variant)


def save_variants(product: Product, user: User, rows: list[dict[str, Any]]) -> Product:
    try:
        return product_update(product=product, actor=user, variants=rows)
    except ValidationError as exc:
        raise values_refused(exc) from exc


def current_rows(product: Product, *, except_id: int | None = None) -> list[dict[str, Any]]:
    return [
        variant_row({}, variant)
        for variant in product.variants.select_related("unit").order_by("id")
        if variant.pk != except_id
    ]


@router.post(
    "/products/{product_id}/variants",
    auth=api_auth("catalog:write"),
    response={201: VariantOut, **WRITE_ERRORS},
    url_name="variant_create",
    summary="Add a variant to a product",
)
def create_variant(request: HttpRequest, product_id: int, payload: VariantIn) -> Status[dict[str, Any]]:
    user = editor(request)
    product = access_product(actor=user, product_id=product_id, for_write=True)
    rows = current_rows(product)
    existing = {row["id"] for row in rows}
    save_variants(product, user, [*rows, variant_row(payload.dict())])
    created = product.variants.exclude(pk__in=existing).select_related("unit").order_by("-id").first()
    if created is None:  # pragma: no cover - the service saved it
        raise NotFound(_("variant"))
    return Status(201, variant_out(request, created))


@router.patch(
    "/variants/{variant_id}",
    auth=api_auth("catalog:write"),
    response={200: VariantOut, **WRITE_ERRORS},
    url_name="variant_update",
    summary="Change a variant",
)
def update_variant(request: HttpRequest, variant_id: int, payload: VariantPatch) -> dict[str, Any]:
    user = editor(request)
    variant = access_variant(actor=user, variant_id=variant_id, for_write=True)
    rows = [
        variant_row(payload.dict(exclude_unset=True), variant) if row["id"] == variant.pk else row
        for row in current_rows(variant.product)
    ]
    save_variants(variant.product, user, rows)
    return variant_out(request, Variant.objects.select_related("unit").get(pk=variant.pk))


@router.delete(
    "/variants/{variant_id}",
    auth=api_auth("catalog:write"),
    response={204: None, 401: Problem, 403: Problem, 404: Problem, 409: Problem},
    url_name="variant_delete",
    summary="Remove a variant",
)
def delete_variant(request: HttpRequest, variant_id: int) -> Status[None]:
    """Remove a variant; 409 when orders or order cycles use it (deactivate it instead: PATCH is_active=false)."""
    user = editor(request)
    variant = access_variant(actor=user, variant_id=variant_id, for_write=True)
    try:
        save_variants(variant.product, user, current_rows(variant.product, except_id=variant.pk))
    except ProtectedError as exc:
        message = _("Orders or order cycles use this variant: deactivate it instead (is_active=false).")
        raise HttpError(409, str(message)) from exc
    return Status(204, None)
