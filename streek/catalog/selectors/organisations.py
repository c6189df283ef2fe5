"""Reads of organisations for their public page: labels, products with their data, sales points."""

from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from streek.core.exceptions import NotFound

from ..choices import PUBLIC_STATUSES
from ..models import Concept, Organisation, OrganisationLabel, Product, ProductClaim, SalesPoint, Variant


def organisation_label_list(*, organisation_id: int) -> QuerySet[OrganisationLabel]:
    """The labels an organisation declares, with their facet, in one query."""
    return (
        OrganisationLabel.objects.filter(organisation_id=organisation_id)
        .select_related("facet")
        .order_by("facet__path")
    )


def _product_queryset(*, with_details: bool) -> QuerySet[Product]:
    qs = Product.objects.filter(is_active=True).select_related("product_type").order_by("product_type__path", "name_nl")
    if with_details:
        qs = qs.prefetch_related(
            Prefetch(
                "variants",
                queryset=Variant.objects.filter(is_active=True).select_related("unit").order_by("price", "id"),
            ),
            Prefetch("claims", queryset=ProductClaim.objects.order_by("kind", "id")),
            Prefetch("labels", queryset=Concept.objects.order_by("path")),
        )
    return qs


def organisation_product_list(*, organisation_id: int, with_details: bool = False) -> QuerySet[Product]:
    """Active products of an organisation by product type; with variants, claims and labels when asked."""
    return _product_queryset(with_details=with_details).filter(organisation_id=organisation_id)


def organisation_get(*, slug: str) -> Organisation:
    """An organisation with everything its public page shows, in a fixed number of queries.

    Prefetched: `labels` (with facet), `products` (active, with product type, variants and unit, claims, labels)
    and `public_sales_points` (public statuses only, with municipality, opening rules and closures).
    """
    qs = Organisation.objects.select_related("municipality", "municipality__province", "country").prefetch_related(
        Prefetch("labels", queryset=OrganisationLabel.objects.select_related("facet").order_by("facet__path")),
        Prefetch("products", queryset=_product_queryset(with_details=True)),
        Prefetch(
            "sales_points",
            queryset=SalesPoint.objects.filter(status__in=PUBLIC_STATUSES)
            .select_related("municipality")
            .prefetch_related("opening_rules", "closures")
            .order_by("name", "id"),
            to_attr="public_sales_points",
        ),
    )
    try:
        return qs.get(slug=slug)
    except Organisation.DoesNotExist as error:
        raise NotFound("organisation") from error


def organisation_list(*, kind: str = "", municipality: str = "", search: str = "") -> QuerySet[Organisation]:
    """Organisations by name, filtered on kind, municipality code and a search in name and locality."""
    qs = Organisation.objects.select_related("municipality")
    if kind:
        qs = qs.filter(kind=kind)
    if municipality:
        qs = qs.filter(municipality__code=municipality)
    if search:
        qs = qs.filter(Q(name__icontains=search) | Q(locality__icontains=search))
    return qs.order_by("name", "id")


ORGANISATION_ROW_FIELDS = (
    "id",
    "slug",
    "name",
    "kind",
    "locality",
    "lat",
    "lon",
    "website",
    "municipality_id",
    "municipality__code",
    "municipality__name_nl",
    "municipality__name_fr",
)


def organisation_list_rows(
    *, kind: str = "", municipality: str = "", search: str = ""
) -> QuerySet[Organisation, dict[str, Any]]:
    """`organisation_list` as rows of ORGANISATION_ROW_FIELDS (one query, the municipality joined)."""
    return organisation_list(kind=kind, municipality=municipality, search=search).values(*ORGANISATION_ROW_FIELDS)
