"""The rows of the public product and variant lists: the same filters as the querysets, fixed queries."""

from typing import Any

import pytest

from streek.catalog.models import Product, Variant
from streek.catalog.selectors.product_search import (
    LABEL_ROW_FIELDS,
    VARIANT_ROW_FIELDS,
    product_label_rows,
    product_search,
    product_search_rows,
    product_variant_rows,
    variant_search_rows,
)
from streek.catalog.tests.factories import OrganisationFactory, ProductFactory, VariantFactory, concept

pytestmark = pytest.mark.django_db


def test_a_product_type_matches_itself_and_the_types_under_it() -> None:
    # given
    carrot = ProductFactory(name_nl="Wortel", product_type=concept("product_type", "carrot"))
    ProductFactory(name_nl="Appel", product_type=concept("product_type", "apples"))

    # when
    under_vegetable = [row["id"] for row in product_search_rows(product_type_key="vegetable")]
    exactly_carrot = [row["id"] for row in product_search_rows(product_type_key="carrot")]

    # then
    assert under_vegetable == [carrot.pk]
    assert exactly_carrot == [carrot.pk]
    assert list(product_search(product_type_key="vegetable")) == [carrot]


def test_rows_match_the_querysets_filters(django_assert_num_queries: Any) -> None:
    # given
    farm = OrganisationFactory()
    active = ProductFactory(organisation=farm, name_nl="Prei")
    ProductFactory(organisation=farm, name_nl="Oud", is_active=False)
    ProductFactory(name_nl="Elders")

    # when
    with django_assert_num_queries(1):
        rows = list(product_search_rows(organisation_id=farm.pk))
    with_inactive = {row["name_nl"] for row in product_search_rows(organisation_id=farm.pk, include_inactive=True)}

    # then
    assert [row["id"] for row in rows] == [active.pk]
    assert rows[0]["organisation__slug"] == farm.slug
    assert rows[0]["product_type__key"] == active.product_type.key
    assert with_inactive == {"Prei", "Oud"}


def test_variants_and_labels_of_a_page_in_one_query_each(django_assert_num_queries: Any) -> None:
    # given
    first, second = ProductFactory(), ProductFactory()
    cheap = VariantFactory(product=first, price="1.00")
    dear = VariantFactory(product=first, price="3.00")
    hidden = VariantFactory(product=second, is_active=False)
    first.labels.add(concept("facet", "Organic-EU"))

    # when
    with django_assert_num_queries(2):
        variants = product_variant_rows(product_ids=[first.pk, second.pk])
        labels = product_label_rows(product_ids=[first.pk, second.pk])
    all_variants = product_variant_rows(product_ids=[second.pk], include_inactive=True)

    # then
    assert [row["id"] for row in variants[first.pk]] == [cheap.pk, dear.pk]
    assert second.pk not in variants
    assert [row["id"] for row in all_variants[second.pk]] == [hidden.pk]
    assert [row["concept__key"] for row in labels[first.pk]] == ["Organic-EU"]
    assert second.pk not in labels


def test_variant_rows_leave_out_inactive_products_unless_asked() -> None:
    # given
    shown = VariantFactory()
    withdrawn = VariantFactory(product=ProductFactory(is_active=False))

    # when
    public = {row["id"] for row in variant_search_rows()}
    everything = {row["id"] for row in variant_search_rows(include_inactive=True)}

    # then
    assert public == {shown.pk}
    assert everything == {shown.pk, withdrawn.pk}


def test_variant_and_label_rows_are_the_rows_the_orm_gives() -> None:
    # given products with variants (decimals, an inactive one) and labels
    first, second = ProductFactory(), ProductFactory()
    VariantFactory(product=first, price="1.50", quantity="0.250")
    VariantFactory(product=first, price="12.00", is_active=False)
    VariantFactory(product=second, price="3.10")
    first.labels.add(concept("facet", "Organic-EU"), concept("facet", "Demeter"))
    ids = [first.pk, second.pk]

    # when
    variants = product_variant_rows(product_ids=ids, include_inactive=True)
    labels = product_label_rows(product_ids=ids)

    # then every value has the type and value the ORM gives (Decimal with the field's places, bool), in order
    expected_variants = list(
        Variant.objects.filter(product_id__in=ids).order_by("price", "id").values(*VARIANT_ROW_FIELDS)
    )
    assert [row for pk in ids for row in variants[pk]] == sorted(
        expected_variants, key=lambda r: ids.index(r["product_id"])
    )
    assert [type(value) for value in variants[first.pk][0].values()] == [
        type(value) for value in expected_variants[0].values()
    ]
    assert str(variants[first.pk][0]["quantity"]) == "0.250"
    expected_labels = list(
        Product.labels.through.objects.filter(product_id__in=ids)
        .order_by("concept__path", "concept_id")
        .values(*LABEL_ROW_FIELDS)
    )
    assert labels[first.pk] == expected_labels
    assert product_variant_rows(product_ids=[]) == {}
