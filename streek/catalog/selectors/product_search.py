"""Public reads of products and variants across organisations, for the API: filtered, as querysets to page.

Each queryset costs a fixed number of queries whatever its size: products with their organisation and product
type (one), variants with their unit (one), labels (one).
"""

from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet

from ..models import Concept, Product, Variant


def _segment(prefix: str, key: str) -> Q:
    """`prefix`__path has `key` as one of its segments: the concept itself or one under it (keys are unique)."""
    return (
        Q(**{f"{prefix}key": key})
        | Q(**{f"{prefix}path__startswith": f"{key}/"})
        | Q(**{f"{prefix}path__contains": f"/{key}/"})
        | Q(**{f"{prefix}path__endswith": f"/{key}"})
    )


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
    qs = Product.objects.select_related("organisation", "product_type").prefetch_related(
        Prefetch("variants", queryset=variants),
        Prefetch("labels", queryset=Concept.objects.order_by("path")),
    )
    if not include_inactive:
        qs = qs.filter(is_active=True)
    if organisation_id is not None:
        qs = qs.filter(organisation_id=organisation_id)
    if product_type_key:
        qs = qs.filter(_segment("product_type__", product_type_key))
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
