"""Public reads of products and variants across organisations, for the API: filtered, as querysets to page.

Each queryset costs a fixed number of queries whatever its size: products with their organisation and product
type (one), variants with their unit (one), labels (one). The `*_rows` functions give the same reads as plain
values (dicts of the columns a list shows), for lists that render many items without building model instances.
"""

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db import connection
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


def _rows(sql: str, params: list[Any], columns: list[tuple[str, Any]]) -> list[dict[str, Any]]:
    """Rows of hand-written SQL as dicts named by `columns`, each value converted as the ORM converts its field's
    (e.g. decimals and booleans on SQLite); a column without a field is left as the database gives it."""
    converters: list[tuple[str, list[Any], Any]] = []
    for name, field in columns:
        if field is None:
            converters.append((name, [], None))
            continue
        column = field.get_col(field.model._meta.db_table)
        functions = connection.ops.get_db_converters(column) + field.get_db_converters(connection)
        converters.append((name, functions, column))
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        fetched = cursor.fetchall()
    rows = []
    for values in fetched:
        row = {}
        for (name, functions, column), value in zip(converters, values, strict=True):
            for function in functions:
                value = function(value, column, connection)
            row[name] = value
        rows.append(row)
    return rows


def product_variant_rows(
    *, product_ids: Iterable[int], include_inactive: bool = False
) -> dict[int, list[dict[str, Any]]]:
    """The variants (active ones unless `include_inactive`) of these products as rows of VARIANT_ROW_FIELDS, by
    product id, cheapest first: one query.

    Written as SQL: for a page of products the ORM spent more CPU building and compiling this query than the
    database spent running it (the same rows as the queryset; a test compares them)."""
    ids = list(product_ids)
    by_product: dict[int, list[dict[str, Any]]] = defaultdict(list)
    if not ids:
        return by_product
    variant, concept = Variant._meta, Concept._meta
    columns: list[tuple[str, Any]] = [
        (name, variant.get_field(name)) for name in VARIANT_ROW_FIELDS if "__" not in name
    ]
    columns += [(name, concept.get_field(name.removeprefix("unit__"))) for name in VARIANT_ROW_FIELDS if "__" in name]
    selected = [f"v.{field.column}" for _name, field in columns[:8] if field is not None]
    selected += [f"u.{field.column}" for _name, field in columns[8:] if field is not None]
    active = "" if include_inactive else " AND v.is_active"
    sql = (
        f"SELECT {', '.join(selected)} FROM {variant.db_table} v JOIN {concept.db_table} u ON u.id = v.unit_id"  # noqa: S608
        f" WHERE v.product_id IN ({', '.join(['%s'] * len(ids))}){active} ORDER BY v.price, v.id"
    )
    for row in _rows(sql, ids, columns):
        by_product[row["product_id"]].append(row)
    return by_product


def product_label_rows(*, product_ids: Iterable[int]) -> dict[int, list[dict[str, Any]]]:
    """The labels (DFC facets) of these products as rows of LABEL_ROW_FIELDS, by product id, in taxonomy order:
    one query (SQL, like product_variant_rows)."""
    ids = list(product_ids)
    by_product: dict[int, list[dict[str, Any]]] = defaultdict(list)
    if not ids:
        return by_product
    through, concept = Product.labels.through._meta, Concept._meta
    columns: list[tuple[str, Any]] = [("product_id", None)]
    columns += [(name, concept.get_field(name.removeprefix("concept__"))) for name in LABEL_ROW_FIELDS[1:]]
    selected = ", ".join(f"c.{field.column}" for _name, field in columns[1:] if field is not None)
    sql = (
        f"SELECT t.product_id, {selected} FROM {through.db_table} t JOIN {concept.db_table} c ON c.id = t.concept_id"  # noqa: S608
        f" WHERE t.product_id IN ({', '.join(['%s'] * len(ids))}) ORDER BY c.path, t.concept_id"
    )
    for row in _rows(sql, ids, columns):
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
