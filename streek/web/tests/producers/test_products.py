from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from streek.accounts.choices import MembershipRole
from streek.accounts.models import User
from streek.accounts.tests.factories import MembershipFactory, UserFactory
from streek.catalog.models import Organisation, Product, Variant
from streek.catalog.tests.factories import OrganisationFactory, ProductClaimFactory, ProductFactory, VariantFactory

pytestmark = pytest.mark.django_db


def client_for(user: User) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def editor_of(organisation: Organisation, role: str = MembershipRole.MANAGER) -> User:
    return MembershipFactory(organisation=organisation, role=role).user


def formset(prefix: str, rows: list[dict[str, str]], initial: int = 0) -> dict[str, str]:
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"{prefix}-{index}-{key}"] = value
    return data


BLANK_VARIANT = {"name": "", "quantity": "", "unit": "Kilogram", "price": "", "vat_rate": "6.00", "is_active": "on"}


def product_data(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name_nl": "Prei",
        "name_en": "Leek",
        "product_type": "vegetable",
        "labels": ["Organic-EU"],
        "months": ["1", "2", "11", "12"],
        "allergens": ["celery"],
        "fat": "0.3",
        **formset(
            "variants",
            [
                {
                    "name": "zak van 1 kg",
                    "quantity": "1",
                    "unit": "Kilogram",
                    "price": "2.50",
                    "vat_rate": "6.00",
                    "is_active": "on",
                },
                BLANK_VARIANT,
            ],
        ),
        **formset(
            "claims",
            [{"kind": "soil_care", "text_nl": "Niet-kerende grondbewerking", "evidence": "", "evidence_url": ""}],
        ),
    }
    data.update(overrides)
    return data


def list_url(organisation: Organisation) -> str:
    return reverse("web:product_list", args=[organisation.pk])


def test_an_editor_sees_the_list_in_constant_queries(django_assert_max_num_queries: Any) -> None:
    # given
    organisation = OrganisationFactory()
    for _ in range(5):
        VariantFactory(product=ProductFactory(organisation=organisation, name_nl="Prei"))
    client = client_for(editor_of(organisation))

    # when
    with django_assert_max_num_queries(12):
        response = client.get(list_url(organisation))

    # then
    assert response.status_code == 200
    html = response.content.decode()
    assert "Prei" in html
    assert "€ 2.65" in html  # 2.50 + 6 % VAT
    assert reverse("web:product_edit", args=[organisation.pk, organisation.products.first().pk]) in html


def test_list_queries_do_not_grow_with_products(django_assert_num_queries: Any) -> None:
    organisation = OrganisationFactory()
    client = client_for(editor_of(organisation))
    ProductFactory(organisation=organisation)
    client.get(list_url(organisation))  # warm the session and caches

    with CaptureQueriesContext(connection) as few:
        client.get(list_url(organisation))
    for _ in range(8):
        VariantFactory(product=ProductFactory(organisation=organisation))
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(list_url(organisation))


@pytest.mark.parametrize("name", ["web:product_list", "web:product_create"])
def test_staff_member_and_owner_of_another_organisation_are_refused(name: str) -> None:
    organisation = OrganisationFactory()
    staff = editor_of(organisation, role=MembershipRole.STAFF)
    other_owner = editor_of(OrganisationFactory(), role=MembershipRole.OWNER)

    assert client_for(staff).get(reverse(name, args=[organisation.pk])).status_code == 403
    assert client_for(other_owner).get(reverse(name, args=[organisation.pk])).status_code == 403


def test_staff_member_cannot_post_a_product() -> None:
    organisation = OrganisationFactory()
    staff = editor_of(organisation, role=MembershipRole.STAFF)

    response = client_for(staff).post(reverse("web:product_create", args=[organisation.pk]), product_data())

    assert response.status_code == 403
    assert not Product.objects.exists()


def test_anonymous_is_sent_to_log_in() -> None:
    organisation = OrganisationFactory()

    response = Client().get(list_url(organisation))

    assert response.status_code == 302
    assert reverse("web:login") in response["Location"]


def test_an_owner_creates_a_product_shown_on_the_public_page() -> None:
    # given
    organisation = OrganisationFactory()
    client = client_for(editor_of(organisation, role=MembershipRole.OWNER))
    assert client.get(reverse("web:product_create", args=[organisation.pk])).status_code == 200

    # when
    response = client.post(reverse("web:product_create", args=[organisation.pk]), product_data(), follow=True)

    # then
    assert response.redirect_chain[-1][0] == list_url(organisation)
    assert "The product &#x27;Leek&#x27; is saved." in response.content.decode()
    product = Product.objects.get(organisation=organisation)
    assert product.months == [1, 2, 11, 12]
    assert product.allergens == ["celery"]
    assert product.fat == Decimal("0.30")
    assert [label.key for label in product.labels.all()] == ["Organic-EU"]
    assert product.variants.get().price == Decimal("2.50")
    assert product.claims.get().kind == "soil_care"
    public = Client(HTTP_ACCEPT_LANGUAGE="en").get(reverse("web:organisation_detail", args=[organisation.slug]))
    assert "Leek" in public.content.decode()


def test_a_bad_post_shows_the_errors_and_changes_nothing() -> None:
    # given
    product = ProductFactory(name_nl="Prei")
    variant = VariantFactory(product=product, price=Decimal("2.50"))
    client = client_for(editor_of(product.organisation))
    url = reverse("web:product_edit", args=[product.organisation.pk, product.pk])
    assert client.get(url).status_code == 200
    data = product_data(
        name_nl="",
        **formset(
            "variants",
            [
                {
                    "id": str(variant.pk),
                    "name": "zak",
                    "quantity": "1",
                    "unit": "Kilogram",
                    "price": "-1",
                    "vat_rate": "6.00",
                    "is_active": "on",
                }
            ],
            initial=1,
        ),
    )

    # when
    response = client.post(url, data)

    # then
    assert response.status_code == 400
    html = response.content.decode()
    assert "This field is required." in html
    assert "Ensure this value is greater than or equal to 0." in html
    product.refresh_from_db()
    assert product.name_nl == "Prei"
    variant.refresh_from_db()
    assert variant.price == Decimal("2.50")


def test_edit_replaces_variants_and_removes_a_claim() -> None:
    product = ProductFactory(name_nl="Prei")
    variant = VariantFactory(product=product)
    claim = ProductClaimFactory(product=product)
    client = client_for(editor_of(product.organisation))
    data = product_data(
        **formset(
            "variants",
            [
                {
                    "id": str(variant.pk),
                    "name": "zak",
                    "quantity": "2",
                    "unit": "Kilogram",
                    "price": "4.00",
                    "vat_rate": "6.00",
                    "is_active": "on",
                },
                {"name": "stuk", "quantity": "1", "unit": "Piece", "price": "1.20", "vat_rate": "6.00"},
            ],
            initial=1,
        ),
        **formset(
            "claims",
            [{"id": str(claim.pk), "kind": claim.kind, "text_nl": claim.text_nl, "DELETE": "on"}],
            initial=1,
        ),
    )

    response = client.post(reverse("web:product_edit", args=[product.organisation.pk, product.pk]), data)

    assert response.status_code == 302
    variants = {v.pk: v for v in Variant.objects.filter(product=product)}
    assert variants[variant.pk].quantity == Decimal("2")
    assert len(variants) == 2
    assert not product.claims.exists()


def test_a_product_of_another_organisation_is_not_found() -> None:
    organisation = OrganisationFactory()
    foreign = ProductFactory(name_nl="Vreemd")
    client = client_for(editor_of(organisation))

    assert client.get(reverse("web:product_edit", args=[organisation.pk, foreign.pk])).status_code == 404
    response = client.post(reverse("web:product_deactivate", args=[organisation.pk, foreign.pk]))
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.is_active is True


def test_deactivate_and_activate_from_the_list() -> None:
    product = ProductFactory()
    client = client_for(editor_of(product.organisation))

    response = client.post(reverse("web:product_deactivate", args=[product.organisation.pk, product.pk]))
    assert response.status_code == 302
    product.refresh_from_db()
    assert product.is_active is False

    client.post(reverse("web:product_activate", args=[product.organisation.pk, product.pk]))
    product.refresh_from_db()
    assert product.is_active is True


def test_a_stranger_cannot_deactivate() -> None:
    product = ProductFactory()

    response = client_for(UserFactory()).post(
        reverse("web:product_deactivate", args=[product.organisation.pk, product.pk])
    )

    assert response.status_code == 403
    product.refresh_from_db()
    assert product.is_active is True
