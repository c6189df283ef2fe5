from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from streek.accounts.tests.factories import UserFactory
from streek.catalog.choices import ClaimKind
from streek.catalog.models import Product, ProductClaim, Variant
from streek.catalog.services.products import product_create
from streek.catalog.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def variant(**overrides: object) -> dict[str, object]:
    row: dict[str, object] = {
        "name": "zak van 1 kg",
        "sku": "AP-1",
        "quantity": Decimal("1"),
        "unit_key": "Kilogram",
        "price": Decimal("2.50"),
        "vat_rate": Decimal("6.00"),
        "is_active": True,
    }
    row.update(overrides)
    return row


def test_product_is_created_with_variants_claims_months_and_allergens() -> None:
    # given
    organisation = OrganisationFactory()

    # when
    product = product_create(
        organisation=organisation,
        actor=UserFactory(),
        product_type="vegetable",
        variants=[variant(), variant(name="stuk", unit_key="Piece", price=Decimal("0.80"))],
        claims=[{"kind": ClaimKind.SOIL_CARE, "text_nl": "Niet-kerende grondbewerking", "evidence_url": ""}],
        label_keys=["Organic-EU"],
        months=[1, 2, 12],
        name_nl="Prei",
        allergens=["celery", "gluten"],
        fat=Decimal("0.30"),
    )

    # then
    product.refresh_from_db()
    assert product.organisation == organisation
    assert product.product_type.key == "vegetable"
    assert product.season_months == 0b100000000011
    assert product.months == [1, 2, 12]
    assert product.allergens == ["gluten", "celery"]
    assert [label.key for label in product.labels.all()] == ["Organic-EU"]
    assert sorted((v.unit.key, v.price) for v in product.variants.all()) == [
        ("Kilogram", Decimal("2.50")),
        ("Piece", Decimal("0.80")),
    ]
    assert product.claims.get().text_nl == "Niet-kerende grondbewerking"


@pytest.mark.parametrize(
    ("bad", "named"),
    [
        ({"price": Decimal("-1")}, "variant 2: price"),
        ({"unit_key": "Euro"}, "variant 2: unit"),
        ({"unit_key": "nonsense"}, "variant 2: unit"),
        ({"vat_rate": Decimal("7")}, "variant 2: VAT rate"),
    ],
)
def test_an_invalid_variant_is_named_and_nothing_is_written(bad: dict[str, object], named: str) -> None:
    organisation = OrganisationFactory()

    with translation.override("en"), pytest.raises(ValidationError) as raised:
        product_create(
            organisation=organisation,
            actor=UserFactory(),
            product_type="vegetable",
            variants=[variant(), variant(**bad)],
            name_nl="Prei",
        )

    assert any(message.startswith(named) for message in raised.value.messages), raised.value.messages
    assert not Product.objects.exists()
    assert not Variant.objects.exists()


@pytest.mark.parametrize(
    ("arguments", "key"),
    [
        ({"product_type": "Kilogram"}, "product_type"),
        ({"allergens": ["chocolate"]}, "allergens"),
        ({"months": [0, 13]}, "season_months"),
        ({"label_keys": ["nonsense"]}, "labels"),
        ({"name_nl": ""}, "name_nl"),
        ({"claims": [{"kind": "magic", "text_nl": "Zeer goed"}]}, "claims"),
    ],
)
def test_an_invalid_part_is_refused(arguments: dict[str, object], key: str) -> None:
    values: dict[str, object] = {"product_type": "vegetable", "name_nl": "Prei", **arguments}

    with pytest.raises(ValidationError) as raised:
        product_create(organisation=OrganisationFactory(), actor=UserFactory(), **values)  # type: ignore[arg-type]

    assert key in raised.value.message_dict
    assert not Product.objects.exists()
    assert not ProductClaim.objects.exists()
