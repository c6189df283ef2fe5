"""The DFC selectors read a catalogue with a fixed number of queries, whatever its size."""

import pytest

from streek.catalog.choices import OrganisationKind
from streek.catalog.tests.factories import OrganisationFactory, ProductFactory, VariantFactory
from streek.core.exceptions import NotFound
from streek.interop.dfc import export
from streek.interop.selectors.dfc import dfc_catalogue_get, dfc_catalogue_list, dfc_open_organisations
from streek.interop.tests.dfc.export_data import make_producer

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("products", "variants"), [(1, 1), (8, 5)])
def test_a_catalogue_is_read_in_five_queries(django_assert_num_queries, products: int, variants: int) -> None:
    # given a producer with a small or a larger catalogue
    producer = make_producer(products=products, variants=variants)
    # when its catalogue is read and exported, then it takes five queries (the fifth: claims)
    with django_assert_num_queries(5):
        catalogue = dfc_catalogue_get(organisation_id=producer.pk)
        document = export.catalogue_document(catalogue)
    assert catalogue.variant_count == products * variants
    assert len(document["@graph"]) == 2 + products * (2 + 3 * variants)


def test_inactive_products_and_variants_are_left_out() -> None:
    producer = make_producer(products=1, variants=2)
    VariantFactory.create(product=producer.products.get(), is_active=False)
    VariantFactory.create(product=ProductFactory.create(organisation=producer, is_active=False))
    catalogue = dfc_catalogue_get(organisation_id=producer.pk)
    assert catalogue.variant_count == 2


def test_an_unknown_organisation_is_not_found() -> None:
    with pytest.raises(NotFound):
        dfc_catalogue_get(organisation_id=987654)


def test_the_open_catalogue_has_the_producers_with_products_of_the_area(django_assert_num_queries) -> None:
    # given a producer with products in Sint-Truiden, a hub and a producer without products there
    producer = make_producer(products=1, variants=1)
    OrganisationFactory.create(kind=OrganisationKind.HUB)
    OrganisationFactory.create()
    VariantFactory.create()  # a second producer (the factory's) in Sint-Truiden with one variant
    # when the open organisations of the municipality are read
    found = list(dfc_open_organisations(municipality="71053"))
    # then the producers with active products are found, in five queries (the area, then four for the catalogues)
    assert producer in found
    assert all(org.kind in (OrganisationKind.PRODUCER, OrganisationKind.PROCESSOR) for org in found)
    assert len(found) == 2
    with django_assert_num_queries(6):
        catalogues = dfc_catalogue_list(organisations=dfc_open_organisations(municipality="71053"))
    assert sum(c.variant_count for c in catalogues) == 2


def test_an_unknown_area_is_not_found() -> None:
    with pytest.raises(NotFound):
        dfc_open_organisations(municipality="00000")
    with pytest.raises(NotFound):
        dfc_open_organisations(region="nowhere")
