"""Import a DFC catalogue's product details (allergens, nutrition, claims) after its products and variants.

Called by `dfc_catalogue_import` inside its transaction, once the products, variants and links are written: the
products are found again by their links (or our own ids, for a re-import of our export), and what the document
states is written in a fixed number of queries. What the document does not state stays as it is.
"""

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from streek.catalog.directory_cache import directory_changed
from streek.catalog.models import Organisation, Product, ProductClaim, Variant

from ..choices import DfcLinkKind
from ..dfc import ids
from ..dfc.details_reading import ClaimPlan, ProductDetails, read_details
from ..dfc.importer import ProductPlan
from ..dfc.reading import DfcGraph, Taxonomy
from ..dfc.vocabulary import NUTRIENT_DIMENSIONS
from ..models import DfcLink

CLAIM_FIELDS = ("kind", "text_nl", "text_fr", "text_en", "evidence", "evidence_url")


def _own_product_id(semantic_id: str) -> int | None:
    prefix = ids.product_group_id(0)[:-1]  # ".../product_groups/"
    tail = semantic_id[len(prefix) :] if semantic_id.startswith(prefix) else ""
    return int(tail) if tail.isdigit() else None


def _resolve(organisation: Organisation, plans: list[ProductPlan]) -> dict[str, Product]:
    """The organisation's product each plan was imported into, by the plan's semantic id (three queries at most)."""
    semantic_ids = [plan.semantic_id for plan in plans]
    variant_ids = {variant.semantic_id: plan.semantic_id for plan in plans for variant in plan.variants}
    found: dict[str, int] = {}
    links = DfcLink.objects.filter(organisation=organisation, semantic_id__in=[*semantic_ids, *variant_ids])
    linked_variants: dict[int, str] = {}
    for kind, semantic_id, object_id in links.values_list("kind", "semantic_id", "object_id"):
        if kind == DfcLinkKind.PRODUCT and semantic_id in semantic_ids:
            found[semantic_id] = object_id
        elif kind == DfcLinkKind.VARIANT and semantic_id in variant_ids:
            linked_variants[object_id] = variant_ids[semantic_id]
    for semantic_id in semantic_ids:
        own = _own_product_id(semantic_id)
        if semantic_id not in found and own is not None:
            found[semantic_id] = own
    for variant_semantic_id, plan_id in variant_ids.items():
        own_variant = ids.parse_own_id(variant_semantic_id)
        if (
            own_variant
            and own_variant[0] == "supplied_products"
            and own_variant[1] == organisation.pk
            and own_variant[2]
        ):
            linked_variants.setdefault(own_variant[2], plan_id)
    missing = {pk: plan_id for pk, plan_id in linked_variants.items() if plan_id not in found}
    if missing:
        rows = Variant.objects.filter(product__organisation=organisation, pk__in=missing)
        for pk, product_id in rows.values_list("pk", "product_id"):
            found.setdefault(missing[pk], product_id)
    products = Product.objects.filter(organisation=organisation, pk__in=set(found.values()))
    products = products.only("id", "allergens", *NUTRIENT_DIMENSIONS)
    by_pk = {product.pk: product for product in products}
    return {semantic_id: by_pk[pk] for semantic_id, pk in found.items() if pk in by_pk}


def _claim_row(claim: ProductClaim | ClaimPlan) -> tuple[str, ...]:
    return tuple(str(getattr(claim, name)) for name in CLAIM_FIELDS)


@transaction.atomic
def dfc_product_details_apply(
    *, organisation: Organisation, graph: DfcGraph, taxonomy: Taxonomy, plans: list[ProductPlan]
) -> int:
    """Write the allergens, nutrients and claims the document states on the products imported from it; the number
    of products changed. No query when the document states none (as Open Food Network's catalogues)."""
    wanted: dict[str, ProductDetails] = {}
    for plan in plans:
        details = read_details(graph, taxonomy, [plan.semantic_id, *(variant.semantic_id for variant in plan.variants)])
        if not details.empty:
            wanted[plan.semantic_id] = details
    if not wanted:
        return 0
    products = _resolve(organisation, [plan for plan in plans if plan.semantic_id in wanted])
    now = timezone.now()
    dirty: dict[int, Product] = {}
    fields: set[str] = set()
    claims_wanted: dict[int, list[ClaimPlan]] = {}
    for semantic_id, details in wanted.items():
        product = products.get(semantic_id)
        if product is None:
            continue
        changes: dict[str, Any] = {}
        if details.allergens is not None and list(product.allergens or []) != details.allergens:
            changes["allergens"] = details.allergens
        for name, grams in details.nutrition.items():
            current: Decimal | None = getattr(product, name)
            if current is None or current != grams:
                changes[name] = grams
        if changes:
            for name, value in changes.items():
                setattr(product, name, value)
            product.updated_at = now
            dirty[product.pk] = product
            fields.update(changes)
        if details.claims is not None:
            claims_wanted[product.pk] = details.claims
    if dirty:
        directory_changed()
        Product.objects.bulk_update(list(dirty.values()), [*sorted(fields), "updated_at"])
    if claims_wanted:
        existing: dict[int, list[tuple[str, ...]]] = {pk: [] for pk in claims_wanted}
        for claim in ProductClaim.objects.filter(product_id__in=claims_wanted).order_by("pk"):
            existing[claim.product_id].append(_claim_row(claim))
        replaced = [pk for pk, claims in claims_wanted.items() if existing[pk] != [_claim_row(c) for c in claims]]
        if replaced:
            ProductClaim.objects.filter(product_id__in=replaced).delete()
            new = [
                ProductClaim(product_id=pk, **{name: getattr(claim, name) for name in CLAIM_FIELDS})
                for pk in replaced
                for claim in claims_wanted[pk]
            ]
            for claim in new:
                claim.full_clean(exclude=["product"], validate_unique=False)
            ProductClaim.objects.bulk_create(new)
        return len(set(dirty) | set(replaced))
    return len(dirty)
