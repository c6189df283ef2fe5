"""Reads of an organisation's products for its members: every product, active or not, with its details."""

from django.db.models import Prefetch, QuerySet

from streek.core.exceptions import NotFound

from ..models import Concept, Organisation, Product, ProductClaim, Variant


def _products() -> QuerySet[Product]:
    return Product.objects.select_related("product_type").prefetch_related(
        Prefetch("variants", queryset=Variant.objects.select_related("unit").order_by("price", "id")),
        Prefetch("labels", queryset=Concept.objects.order_by("path")),
    )


def product_list(*, organisation: Organisation) -> QuerySet[Product]:
    """All products of `organisation` by name, with product type, variants (and unit) and labels: three queries."""
    return _products().filter(organisation=organisation).order_by("name_nl", "id")


def product_get(*, organisation: Organisation, product_id: int) -> Product:
    """One product of `organisation` with its variants, labels and claims; NotFound for another organisation's."""
    product = (
        _products()
        .prefetch_related(Prefetch("claims", queryset=ProductClaim.objects.order_by("id")))
        .filter(organisation=organisation, pk=product_id)
        .first()
    )
    if product is None:
        raise NotFound("product")
    return product
