"""Variants through the API: the list filtered on a product, and adding, changing and removing one."""

import json
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from streek.accounts.tests.factories import MembershipFactory, UserFactory
from streek.catalog.models import Variant
from streek.catalog.tests.factories import ProductFactory, VariantFactory
from streek.orders.tests.factories import CycleOfferFactory

pytestmark = pytest.mark.django_db


def send(client: Client, method: str, url: str, body: dict[str, Any]) -> Any:
    return getattr(client, method)(url, json.dumps(body), content_type="application/json")


def test_the_list_filters_on_a_product_in_fixed_queries(client: Client, django_assert_num_queries: Any) -> None:
    # given
    product = ProductFactory()
    variants = VariantFactory.create_batch(3, product=product)
    VariantFactory(product=product, is_active=False)
    VariantFactory()

    # when
    with django_assert_num_queries(2):  # the product (guard), the variants with product and unit
        response = client.get(f"/api/v1/variants?product={product.pk}&limit=2")

    # then
    assert response.status_code == 200
    body = response.json()
    assert [item["id"] for item in body["items"]] == [v.pk for v in variants[:2]]
    assert [item["id"] for item in client.get(body["next"]).json()["items"]] == [variants[2].pk]


def test_an_unknown_or_hidden_product_is_a_404(client: Client) -> None:
    hidden = ProductFactory(is_active=False)

    assert client.get(f"/api/v1/variants?product={hidden.pk}").status_code == 404
    assert client.get("/api/v1/variants?product=999999").status_code == 404


def test_an_editor_adds_changes_and_removes_a_variant(client: Client) -> None:
    # given
    product = ProductFactory()
    kept = VariantFactory(product=product, price=Decimal("1.00"))
    client.force_login(MembershipFactory(organisation=product.organisation).user)

    # when
    created = send(
        client,
        "post",
        f"/api/v1/products/{product.pk}/variants",
        {"name": "kist", "quantity": "10", "unit": "Kilogram", "price": "18.00", "vat_rate": "6.00"},
    )
    new_id = created.json()["id"]
    patched = send(client, "patch", f"/api/v1/variants/{new_id}", {"price": "17.50", "is_active": False})
    removed = client.delete(f"/api/v1/variants/{new_id}")

    # then
    assert created.status_code == 201, created.content
    assert patched.status_code == 200, patched.content
    assert Decimal(str(patched.json()["price"])) == Decimal("17.50") and patched.json()["is_active"] is False
    assert removed.status_code == 204
    assert list(product.variants.values_list("pk", flat=True)) == [kept.pk]
    kept.refresh_from_db()
    assert kept.price == Decimal("1.00")


def test_a_variant_in_a_cycle_is_not_removed(client: Client) -> None:
    # given
    offer = CycleOfferFactory()
    variant = offer.variant
    client.force_login(MembershipFactory(organisation=variant.product.organisation).user)

    # when
    response = client.delete(f"/api/v1/variants/{variant.pk}")

    # then
    assert response.status_code == 409
    assert response["Content-Type"] == "application/problem+json"
    assert Variant.objects.filter(pk=variant.pk).exists()


def test_a_stranger_may_not_change_a_variant(client: Client) -> None:
    # given
    variant = VariantFactory(price=Decimal("2.00"))
    client.force_login(UserFactory())

    # when
    patched = send(client, "patch", f"/api/v1/variants/{variant.pk}", {"price": "0.01"})
    removed = client.delete(f"/api/v1/variants/{variant.pk}")

    # then
    assert (patched.status_code, removed.status_code) == (403, 403)
    variant.refresh_from_db()
    assert variant.price == Decimal("2.00")
