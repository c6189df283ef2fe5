from typing import Any

import pytest

from streek.catalog.selectors.products import product_get, product_list
from streek.catalog.tests.factories import OrganisationFactory, ProductFactory, VariantFactory, concept
from streek.core.exceptions import NotFound

pytestmark = pytest.mark.django_db


def _products(organisation: Any, count: int) -> None:
    for _ in range(count):
        product = ProductFactory(organisation=organisation)
        product.labels.add(concept("facet", "Organic-EU"))
        VariantFactory(product=product)
        VariantFactory(product=product, unit=concept("measure", "Piece"))


def _read(organisation: Any) -> int:
    count = 0
    for product in product_list(organisation=organisation):
        count += len(product.product_type.label) + len(list(product.labels.all()))
        count += sum(len(variant.unit.label) for variant in product.variants.all())
    return count


@pytest.mark.parametrize("count", [3, 12])
def test_product_list_takes_three_queries_whatever_the_count(count: int, django_assert_num_queries: Any) -> None:
    organisation = OrganisationFactory()
    _products(organisation, count)
    ProductFactory()  # of another organisation

    with django_assert_num_queries(3):
        _read(organisation)

    assert product_list(organisation=organisation).count() == count


def test_product_get_refuses_a_product_of_another_organisation() -> None:
    product = ProductFactory()

    with pytest.raises(NotFound):
        product_get(organisation=OrganisationFactory(), product_id=product.pk)
    assert product_get(organisation=product.organisation, product_id=product.pk) == product
