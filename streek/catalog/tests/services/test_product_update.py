from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from streek.accounts.tests.factories import UserFactory
from streek.catalog.models import Variant
from streek.catalog.services.products import product_update
from streek.catalog.tests.factories import ProductClaimFactory, ProductFactory, VariantFactory

pytestmark = pytest.mark.django_db


def test_update_replaces_the_variants_keeping_given_ids() -> None:
    # given
    product = ProductFactory(name_nl="Prei")
    kept = VariantFactory(product=product, price=Decimal("2.50"), sku="KEEP")
    dropped = VariantFactory(product=product, price=Decimal("4.00"))

    # when
    product_update(
        product=product,
        actor=UserFactory(),
        name_nl="Zomerprei",
        months=[6, 7, 8],
        variants=[
            {
                "id": kept.pk,
                "quantity": Decimal("1"),
                "unit_key": "Kilogram",
                "price": Decimal("2.80"),
                "vat_rate": Decimal("6.00"),
                "is_active": True,
            },
            {
                "name": "bussel",
                "quantity": Decimal("1"),
                "unit_key": "Bunch",
                "price": Decimal("1.50"),
                "vat_rate": Decimal("6.00"),
                "is_active": True,
            },
        ],
    )

    # then
    product.refresh_from_db()
    assert product.name_nl == "Zomerprei"
    assert product.months == [6, 7, 8]
    variants = {v.pk: v for v in product.variants.all()}
    assert kept.pk in variants and dropped.pk not in variants
    assert variants[kept.pk].price == Decimal("2.80")
    assert variants[kept.pk].sku == "KEEP"
    assert sorted(v.unit.key for v in variants.values()) == ["Bunch", "Kilogram"]


def test_claims_left_out_are_deleted_and_others_stay_when_not_given() -> None:
    product = ProductFactory()
    ProductClaimFactory(product=product)
    variant = VariantFactory(product=product)

    product_update(product=product, actor=UserFactory(), claims=[])

    assert not product.claims.exists()
    assert list(product.variants.all()) == [variant]


def test_invalid_variant_on_update_changes_nothing() -> None:
    # given
    product = ProductFactory(name_nl="Prei")
    variant = VariantFactory(product=product, price=Decimal("2.50"))

    # when
    with pytest.raises(ValidationError) as raised:
        product_update(
            product=product,
            actor=UserFactory(),
            name_nl="Anders",
            variants=[
                {"quantity": Decimal("1"), "unit_key": "Kilogram", "price": Decimal("-2"), "vat_rate": Decimal("6")}
            ],
        )

    # then
    assert "variants" in raised.value.message_dict
    product.refresh_from_db()
    assert product.name_nl == "Prei"
    assert list(Variant.objects.all()) == [variant]
    variant.refresh_from_db()
    assert variant.price == Decimal("2.50")


def test_a_variant_of_another_product_is_refused() -> None:
    product = ProductFactory()
    foreign = VariantFactory()

    with pytest.raises(ValidationError):
        product_update(
            product=product,
            actor=UserFactory(),
            variants=[
                {
                    "id": foreign.pk,
                    "quantity": Decimal("1"),
                    "unit_key": "Kilogram",
                    "price": Decimal("1"),
                    "vat_rate": Decimal("6"),
                }
            ],
        )

    foreign.refresh_from_db()
    assert foreign.product_id != product.pk
