"""The DFC API at /api/dfc/: JSON-LD for signed-in users and tokens with dfc:read, orders for those who see them,
the open catalogue of an area without login."""

import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from streek.accounts.tests.factories import UserFactory, issue_api_token
from streek.catalog.models import Organisation
from streek.catalog.tests.factories import OrganisationFactory
from streek.interop.dfc import ids
from streek.interop.tests.dfc.export_data import make_producer
from streek.orders.models import Order
from streek.orders.tests.buyer_scenarios import buyer_with_basket, checkout_pickup, organisation_member, shop_open

pytestmark = pytest.mark.django_db

LD_JSON = "application/ld+json"


def url(name: str, **kwargs: Any) -> str:
    return reverse(f"api-dfc:{name}", kwargs=kwargs)


def signed_in() -> Client:
    client = Client()
    client.force_login(UserFactory())
    return client


def graph(response: Any) -> list[dict[str, Any]]:
    assert response["Content-Type"].startswith(LD_JSON)
    document = json.loads(response.content)
    assert document["@context"] == "https://w3id.org/dfc/ontology/context/context_1.16.0.json"
    nodes: list[dict[str, Any]] = document["@graph"]
    return nodes


def an_order() -> tuple[Order, Any]:
    shop = shop_open()
    buyer, basket = buyer_with_basket(shop, {0: 1, 1: 2})
    return checkout_pickup(shop, buyer, basket), shop


def test_the_catalogue_needs_a_login() -> None:
    producer = make_producer(products=1, variants=1)
    response = Client().get(url("dfc_enterprise", enterprise_id=producer.pk))
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"


def test_an_enterprise_is_served_as_json_ld(django_assert_num_queries: Any) -> None:
    producer = make_producer(products=2, variants=2)
    client = signed_in()
    with django_assert_num_queries(8):  # session, user, organisation guard, then the five catalogue queries
        response = client.get(url("dfc_enterprise", enterprise_id=producer.pk))
    assert response.status_code == 200
    nodes = graph(response)
    assert nodes[0]["@id"] == ids.enterprise_id(producer.pk)
    assert nodes[0]["@type"] == "dfc-b:Enterprise"
    assert len(nodes[0]["dfc-b:supplies"]) == 4


def test_catalog_items_and_single_nodes() -> None:
    producer = make_producer(products=1, variants=2)
    variant = producer.products.get().variants.order_by("pk").first()
    assert variant is not None
    client = signed_in()
    items = graph(client.get(url("dfc_catalog_items", enterprise_id=producer.pk)))
    types = {node["@type"] for node in items}
    assert types == {"dfc-b:SuppliedProduct", "dfc-b:CatalogItem", "dfc-b:Offer", "skos:Concept"}  # + claims
    for name, node_id in [
        ("dfc_catalog_item", ids.catalog_item_id(producer.pk, variant.pk)),
        ("dfc_supplied_product", ids.supplied_product_id(producer.pk, variant.pk)),
        ("dfc_offer", ids.offer_id(producer.pk, variant.pk)),
    ]:
        key = {"dfc_catalog_item": "item_id", "dfc_supplied_product": "product_id", "dfc_offer": "offer_id"}[name]
        response = client.get(url(name, enterprise_id=producer.pk, **{key: variant.pk}))
        assert response.status_code == 200, name
        assert [node["@id"] for node in graph(response)] == [node_id]


def test_a_variant_of_another_enterprise_is_not_found() -> None:
    producer = make_producer(products=1, variants=1)
    other: Organisation = OrganisationFactory.create()
    variant = producer.products.get().variants.get()
    response = signed_in().get(url("dfc_supplied_product", enterprise_id=other.pk, product_id=variant.pk))
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


def test_the_buyer_and_the_hub_read_the_whole_order() -> None:
    order, shop = an_order()
    for user in (order.buyer, organisation_member(shop.hub)):
        client = Client()
        client.force_login(user)
        response = client.get(url("dfc_order", enterprise_id=order.hub_id, order_id=order.pk))
        assert response.status_code == 200
        nodes = graph(response)
        assert nodes[0]["@type"] == "dfc-b:Order"
        assert nodes[0]["dfc-b:orderNumber"] == order.reference
        assert len(nodes) == 1 + order.lines.count()


def test_another_user_does_not_learn_the_order_exists() -> None:
    order, _shop = an_order()
    before = Order.objects.get(pk=order.pk).updated_at
    response = signed_in().get(url("dfc_order", enterprise_id=order.hub_id, order_id=order.pk))
    assert response.status_code == 404
    assert Order.objects.get(pk=order.pk).updated_at == before


def test_the_order_under_another_enterprise_is_not_found() -> None:
    order, _shop = an_order()
    client = Client()
    client.force_login(order.buyer)
    response = client.get(url("dfc_order", enterprise_id=order.hub_id + 1000, order_id=order.pk))
    assert response.status_code == 404


def test_a_producer_reads_only_its_own_lines() -> None:
    order, shop = an_order()
    client = Client()
    client.force_login(organisation_member(shop.producer))
    nodes = graph(client.get(url("dfc_order", enterprise_id=order.hub_id, order_id=order.pk)))
    lines = [node for node in nodes if node["@type"] == "dfc-b:OrderLine"]
    assert lines
    assert all(f"/enterprises/{shop.producer.pk}/offers/" in line["dfc-b:concerns"] for line in lines)


def test_a_token_with_dfc_read_reads_the_catalogue_and_one_without_is_refused() -> None:
    producer = make_producer(products=1, variants=1)
    _token, plain = issue_api_token(organisation=producer, scopes=["dfc:read"])
    _other, plain_without = issue_api_token(organisation=producer, scopes=["orders:read"])
    path = url("dfc_enterprise", enterprise_id=producer.pk)
    assert Client().get(path, HTTP_AUTHORIZATION=f"Bearer {plain}").status_code == 200
    refused = Client().get(path, HTTP_AUTHORIZATION=f"Bearer {plain_without}")
    assert refused.status_code == 403


def test_the_open_catalogue_needs_no_login_and_carries_the_licence(django_assert_num_queries: Any) -> None:
    make_producer(products=2, variants=2)
    with django_assert_num_queries(6):
        response = Client().get(url("dfc_open_catalog"), {"municipality": "71053"})
    assert response.status_code == 200
    nodes = graph(response)
    catalog = nodes[0]
    assert catalog["@type"] == "dfc-b:Catalog"
    assert catalog["http://purl.org/dc/terms/license"] == {"@id": "https://creativecommons.org/licenses/by/4.0/"}
    assert len(catalog["dfc-b:lists"]) == 4


def test_the_open_catalogue_wants_one_area() -> None:
    client = Client()
    assert client.get(url("dfc_open_catalog")).status_code == 422
    assert client.get(url("dfc_open_catalog"), {"municipality": "00000"}).status_code == 404


def test_the_dfc_api_describes_itself() -> None:
    response = Client().get("/api/dfc/openapi.json")
    assert response.status_code == 200
    paths = json.loads(response.content)["paths"]
    assert "/api/dfc/enterprises/{enterprise_id}/catalog_items" in paths
    assert "/api/dfc/open/catalog" in paths
