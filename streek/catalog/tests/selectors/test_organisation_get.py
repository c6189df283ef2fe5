import pytest

from streek.catalog.selectors.organisations import organisation_get, organisation_product_list
from streek.catalog.tests.factories import (
    OrganisationFactory,
    OrganisationLabelFactory,
    ProductFactory,
    SalesPointFactory,
    VariantFactory,
    concept,
)
from streek.core.exceptions import NotFound

pytestmark = pytest.mark.django_db


def test_prefetches_labels_products_and_public_points(django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    farm = OrganisationFactory(slug="de-linde")
    OrganisationLabelFactory(organisation=farm)
    product = ProductFactory(organisation=farm)
    VariantFactory(product=product)
    ProductFactory(organisation=farm, is_active=False)
    SalesPointFactory(operator=farm, name="Open")
    SalesPointFactory(operator=farm, name="Voorstel", status="proposed")

    with django_assert_num_queries(9):
        found = organisation_get(slug="de-linde")
        labels = [label.facet.key for label in found.labels.all()]
        products = [(p.pk, [v.unit.key for v in p.variants.all()]) for p in found.products.all()]
        points = [p.name for p in found.public_sales_points]  # type: ignore[attr-defined]

    assert labels == ["Organic-EU"]
    assert products == [(product.pk, ["Kilogram"])]
    assert points == ["Open"]


def test_unknown_slug_raises_not_found() -> None:
    with pytest.raises(NotFound):
        organisation_get(slug="nobody")


def test_product_list_is_active_products_in_taxonomy_order() -> None:
    farm = OrganisationFactory()
    ProductFactory(organisation=farm, name_nl="Prei", product_type=concept("product_type", "vegetable"))
    ProductFactory(organisation=farm, name_nl="Appels", product_type=concept("product_type", "fruit"))
    ProductFactory(organisation=farm, name_nl="Oud", is_active=False)
    ProductFactory(name_nl="Van een ander")

    names = [p.name for p in organisation_product_list(organisation_id=farm.pk)]

    assert names == ["Appels", "Prei"]
