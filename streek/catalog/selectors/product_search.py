"""Public reads of products and variants across organisations, for the API: filtered, as querysets to page.

Each queryset costs a fixed number of queries whatever its size: products with their organisation and product
type (one), variants with their unit (one), labels (one). The `*_rows` functions give the same reads as plain
values (dicts of the columns a list shows), for lists that render many items without building model instances.
"""

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet

from ..models import Concept, Product, Variant

PRODUCT_ROW_FIELDS = (
    "id",
    "name_nl",
    "name_fr",
    "name_en",
    "description_nl",
    "description_fr",
    "description_en",
    "season_months",
    "allergens",
    "storage_temperature",
    "is_active",
    "organisation_id",
    "organisation__slug",
    "organisation__name",
    "product_type__key",
    "product_type__label_nl",
    "product_type__label_fr",
    "product_type__label_en",
)
VARIANT_ROW_FIELDS = (
    "id",
    "product_id",
    "name",
    "sku",
    "quantity",
    "price",
    "vat_rate",
    "is_active",
    "unit__key",
    "unit__label_nl",
    "unit__label_fr",
    "unit__label_en",
)
LABEL_ROW_FIELDS = ("product_id", "concept__key", "concept__label_nl", "concept__label_fr", "concept__label_en")


def _segment(prefix: str, key: str) -> Q:
    """`prefix`__path has `key` as one of its segments: the concept itself or one under it (keys are unique)."""
    return (
        Q(**{f"{prefix}key": key})
        | Q(**{f"{prefix}path__startswith": f"{key}/"})
        | Q(**{f"{prefix}path__contains": f"/{key}/"})
        | Q(**{f"{prefix}path__endswith": f"/{key}"})
    )


def _product_filter(
    *,
    organisation_id: int | None,
    product_type_key: str,
    label_key: str,
    search: str,
    available_in_month: int | None,
    available: bool | None,
    include_inactive: bool,
) -> QuerySet[Product]:
    qs = Product.objects.all()
    if not include_inactive:
        qs = qs.filter(is_active=True)
    if organisation_id is not None:
        qs = qs.filter(organisation_id=organisation_id)
    if product_type_key:
        # the type and the types under it, as a subquery on the small concept table: the products are then found
        # through their product_type index instead of joining every product to its type
        types = Concept.objects.filter(_segment("", product_type_key), scheme="product_type").values("id")
        qs = qs.filter(product_type_id__in=types)
    if label_key:
        labelled = Product.labels.through.objects.filter(_segment("concept__", label_key), product_id=OuterRef("pk"))
        qs = qs.filter(Exists(labelled))
    if search:
        qs = qs.filter(Q(name_nl__icontains=search) | Q(name_fr__icontains=search) | Q(name_en__icontains=search))
    if available is not None and available_in_month is not None:
        bit = 1 << (available_in_month - 1)
        active_variant = Variant.objects.filter(product_id=OuterRef("pk"), is_active=True)
        condition = Q(season_bit=bit) & Exists(active_variant)
        qs = qs.alias(season_bit=F("season_months").bitand(bit))
        qs = qs.filter(condition) if available else qs.exclude(condition)
    return qs


def product_search(
    *,
    organisation_id: int | None = None,
    product_type_key: str = "",
    label_key: str = "",
    search: str = "",
    available_in_month: int | None = None,
    available: bool | None = None,
    include_inactive: bool = False,
) -> QuerySet[Product]:
    """Products (active ones unless `include_inactive`) with organisation, product type, variants (active ones
    unless `include_inactive`, with unit) and labels.

    `product_type_key` and `label_key` match the concept and every concept under it; `search` the names in each
    language; `available` (with `available_in_month`, 1-12) whether the product is in season that month and has
    an active variant."""
    variants = Variant.objects.select_related("unit").order_by("price", "id")
    if not include_inactive:
        variants = variants.filter(is_active=True)
    qs = _product_filter(
        organisation_id=organisation_id,
        product_type_key=product_type_key,
        label_key=label_key,
        search=search,
        available_in_month=available_in_month,
        available=available,
        include_inactive=include_inactive,
    )
    return qs.select_related("organisation", "product_type").prefetch_related(
        Prefetch("variants", queryset=variants),
        Prefetch("labels", queryset=Concept.objects.order_by("path")),
    )


def product_search_rows(
    *,
    organisation_id: int | None = None,
    product_type_key: str = "",
    label_key: str = "",
    search: str = "",
    available_in_month: int | None = None,
    available: bool | None = None,
    include_inactive: bool = False,
) -> QuerySet[Product, dict[str, Any]]:
    """`product_search` as rows of PRODUCT_ROW_FIELDS (one query; the organisation and product type joined);
    their variants and labels come from `product_variant_rows` and `product_label_rows`."""
    qs = _product_filter(
        organisation_id=organisation_id,
        product_type_key=product_type_key,
        label_key=label_key,
        search=search,
        available_in_month=available_in_month,
        available=available,
        include_inactive=include_inactive,
    )
    return qs.values(*PRODUCT_ROW_FIELDS)


def product_variant_rows(
    *, product_ids: Iterable[int], include_inactive: bool = False
) -> dict[int, list[dict[str, Any]]]:
    """The variants (active ones unless `include_inactive`) of these products as rows of VARIANT_ROW_FIELDS, by
    product id, cheapest first: one query."""
    qs = Variant.objects.filter(product_id__in=list(product_ids))
    if not include_inactive:
        qs = qs.filter(is_active=True)
    by_product: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in qs.order_by("price", "id").values(*VARIANT_ROW_FIELDS):
        by_product[row["product_id"]].append(row)
    return by_product


def product_label_rows(*, product_ids: Iterable[int]) -> dict[int, list[dict[str, Any]]]:
    """The labels (DFC facets) of these products as rows of LABEL_ROW_FIELDS, by product id, in taxonomy order:
    one query."""
    through = Product.labels.through.objects.filter(product_id__in=list(product_ids))
    by_product: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in through.order_by("concept__path", "concept_id").values(*LABEL_ROW_FIELDS):
        by_product[row["product_id"]].append(row)
    return by_product


def variant_search(
    *, product_id: int | None = None, organisation_id: int | None = None, include_inactive: bool = False
) -> QuerySet[Variant]:
    """Variants (of active products, active ones unless `include_inactive`) with their product and unit."""
    qs = Variant.objects.select_related("product", "unit")
    if not include_inactive:
        qs = qs.filter(is_active=True, product__is_active=True)
    if product_id is not None:
        qs = qs.filter(product_id=product_id)
    if organisation_id is not None:
        qs = qs.filter(product__organisation_id=organisation_id)
    return qs


def variant_search_rows(
    *, product_id: int | None = None, organisation_id: int | None = None, include_inactive: bool = False
) -> QuerySet[Variant, dict[str, Any]]:
    """`variant_search` as rows of VARIANT_ROW_FIELDS (one query, the unit joined)."""
    qs = Variant.objects.all()
    if not include_inactive:
        qs = qs.filter(is_active=True, product__is_active=True)
    if product_id is not None:
        qs = qs.filter(product_id=product_id)
    if organisation_id is not None:
        qs = qs.filter(product__organisation_id=organisation_id)
    return qs.values(*VARIANT_ROW_FIELDS)
