"""Products through the API: the public list and detail with their filters, and the producer's writes."""

import json
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from streek.accounts.choices import MembershipRole
from streek.accounts.tests.factories import MembershipFactory, UserFactory, issue_api_token
from streek.catalog.models import Organisation, Product
from streek.catalog.tests.factories import OrganisationFactory, ProductFactory, VariantFactory, concept

pytestmark = pytest.mark.django_db


def send(client: Client, method: str, url: str, body: dict[str, Any] | None = None, **headers: Any) -> Any:
    return getattr(client, method)(url, json.dumps(body or {}), content_type="application/json", **headers)


def editor_of(role: str = MembershipRole.OWNER) -> tuple[Any, Organisation]:
    organisation = OrganisationFactory()
    return MembershipFactory(organisation=organisation, role=role).user, organisation


def product_body(organisation: Organisation, **fields: Any) -> dict[str, Any]:
    return {
        "organisation": organisation.pk,
        "product_type": "carrot",
        "name_nl": "Wortelen",
        "name_en": "Carrots",
        "labels": ["Organic-EU"],
        "months": [6, 7, 8],
        "allergens": ["celery"],
        "variants": [{"name": "bos", "quantity": "1", "unit": "Kilogram", "price": "2.10", "vat_rate": "6.00"}],
        **fields,
    }


def test_the_list_shows_active_products_with_their_variants_in_fixed_queries(
    client: Client, django_assert_num_queries: Any
) -> None:
    # given
    for _ in range(5):
        product = ProductFactory()
        VariantFactory.create_batch(2, product=product)
        product.labels.add(concept("facet", "Organic-EU"))
    ProductFactory(is_active=False)

    # when
    with django_assert_num_queries(3):  # products (+ organisation, type), variants (+ unit), labels
        response = client.get("/api/v1/products?limit=3")

    # then
    assert response.status_code == 200
    body = response.json()
    assert len(body["items"]) == 3
    assert len(body["items"][0]["variants"]) == 2
    assert body["items"][0]["labels"][0]["key"] == "Organic-EU"
    assert body["next"]
    rest = client.get(body["next"]).json()
    assert len(rest["items"]) == 2 and rest["next"] is None


def test_the_list_filters_on_organisation_type_label_text_and_availability(client: Client) -> None:
    # given
    farm = OrganisationFactory()
    carrot = ProductFactory(organisation=farm, name_nl="Wortel", product_type=concept("product_type", "carrot"))
    VariantFactory(product=carrot)
    carrot.labels.add(concept("facet", "Organic-EU"))
    month = timezone.localdate().month
    out_of_season = ProductFactory(organisation=farm, name_nl="Prei", season_months=(1 << 12) - 1 - (1 << (month - 1)))
    VariantFactory(product=out_of_season)
    other = ProductFactory(name_nl="Appel", product_type=concept("product_type", "apples"))
    VariantFactory(product=other)

    def names(query: str) -> list[str]:
        response = client.get(f"/api/v1/products?{query}")
        assert response.status_code == 200, response.content
        return [item["name"] for item in response.json()["items"]]

    # then
    assert names(f"organisation={farm.pk}") == ["Prei", "Wortel"]
    assert names("product_type=carrot") == ["Wortel"]
    assert "Wortel" in names("product_type=vegetable")  # carrot is a vegetable
    assert names("label=Organic-EU") == ["Wortel"]
    assert names("q=wor") == ["Wortel"]
    assert names(f"organisation={farm.pk}&available=true") == ["Wortel"]
    assert names(f"organisation={farm.pk}&available=false") == ["Prei"]


def test_an_inactive_product_is_hidden_but_from_its_editors(client: Client) -> None:
    # given
    user, farm = editor_of()
    hidden = ProductFactory(organisation=farm, is_active=False)

    # when
    anonymous = client.get(f"/api/v1/products/{hidden.pk}")
    client.force_login(user)
    own = client.get(f"/api/v1/products/{hidden.pk}")
    listed = client.get(f"/api/v1/products?organisation={farm.pk}").json()

    # then
    assert anonymous.status_code == 404
    assert anonymous["Content-Type"] == "application/problem+json"
    assert own.status_code == 200 and own.json()["is_active"] is False
    assert [item["id"] for item in listed["items"]] == [hidden.pk]


def test_the_detail_has_variants_nutrition_and_claims(client: Client) -> None:
    # given
    product = ProductFactory(protein=Decimal("1.20"))
    VariantFactory(product=product, price=Decimal("3.00"))
    VariantFactory(product=product, is_active=False)

    # when
    response = client.get(f"/api/v1/products/{product.pk}")

    # then
    assert response.status_code == 200
    body = response.json()
    assert len(body["variants"]) == 1
    assert Decimal(str(body["variants"][0]["price_incl_vat"])) == Decimal("3.18")
    assert Decimal(str(body["nutrition"]["protein"])) == Decimal("1.20")
    assert body["claims"] == []


def test_an_editor_creates_a_product_with_its_variants(client: Client) -> None:
    # given
    user, farm = editor_of(MembershipRole.MANAGER)
    client.force_login(user)

    # when
    response = send(client, "post", "/api/v1/products", product_body(farm))

    # then
    assert response.status_code == 201, response.content
    product = Product.objects.get(organisation=farm)
    assert product.name_nl == "Wortelen" and product.months == [6, 7, 8]
    assert [label.key for label in product.labels.all()] == ["Organic-EU"]
    assert product.variants.get().price == Decimal("2.10")
    assert response.json()["variants"][0]["unit"]["key"] == "Kilogram"


def test_a_token_with_the_catalog_write_scope_creates_a_product(client: Client) -> None:
    # given
    farm = OrganisationFactory()
    _token, plain = issue_api_token(organisation=farm, scopes=["catalog:write"])

    # when
    response = send(client, "post", "/api/v1/products", product_body(farm), HTTP_AUTHORIZATION=f"Bearer {plain}")

    # then
    assert response.status_code == 201, response.content
    assert Product.objects.filter(organisation=farm).count() == 1


def test_writes_are_refused_to_guests_staff_and_strangers(client: Client) -> None:
    # given
    staff, farm = editor_of(MembershipRole.STAFF)
    product = ProductFactory(organisation=farm, name_nl="Kaas")

    # when
    guest = send(client, "post", "/api/v1/products", product_body(farm))
    client.force_login(staff)
    by_staff = send(client, "post", "/api/v1/products", product_body(farm))
    patched = send(client, "patch", f"/api/v1/products/{product.pk}", {"name_nl": "Boter"})
    client.force_login(UserFactory())
    deleted = client.delete(f"/api/v1/products/{product.pk}")

    # then
    assert [guest.status_code, by_staff.status_code, patched.status_code, deleted.status_code] == [401, 403, 403, 403]
    assert all(r["Content-Type"] == "application/problem+json" for r in (guest, by_staff, patched, deleted))
    product.refresh_from_db()
    assert (product.name_nl, product.is_active, Product.objects.count()) == ("Kaas", True, 1)


def test_an_invalid_product_is_a_422_naming_the_field(client: Client) -> None:
    # given
    user, farm = editor_of()
    client.force_login(user)

    # when
    unknown_type = send(client, "post", "/api/v1/products", product_body(farm, product_type="no-such-type"))
    bad_unit = send(
        client,
        "post",
        "/api/v1/products",
        product_body(farm, variants=[{"quantity": "1", "unit": "nope", "price": "1", "vat_rate": "6.00"}]),
    )

    # then
    assert unknown_type.status_code == 422
    assert "product_type" in unknown_type.json()["errors"]
    assert bad_unit.status_code == 422
    assert "variants" in bad_unit.json()["errors"]
    assert not Product.objects.exists()


def test_an_editor_changes_and_withdraws_a_product(client: Client) -> None:
    # given
    user, farm = editor_of()
    product = ProductFactory(organisation=farm, name_nl="Kaas")
    variant = VariantFactory(product=product)
    client.force_login(user)

    # when
    patched = send(client, "patch", f"/api/v1/products/{product.pk}", {"name_nl": "Jonge kaas", "labels": []})
    deleted = client.delete(f"/api/v1/products/{product.pk}")

    # then
    assert patched.status_code == 200, patched.content
    assert patched.json()["name_nl"] == "Jonge kaas"
    assert [v["id"] for v in patched.json()["variants"]] == [variant.pk]
    assert deleted.status_code == 204
    product.refresh_from_db()
    assert (product.name_nl, product.is_active) == ("Jonge kaas", False)
