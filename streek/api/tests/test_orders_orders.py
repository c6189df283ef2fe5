import json
from typing import Any

import pytest
from django.test import Client

from streek.accounts.models import User
from streek.accounts.tests.factories import MembershipFactory, UserFactory
from streek.api.schemas.orders import HubOrderPage, OrderPage, ProducerLines
from streek.orders.models import CycleOffer, Order, PickupSlot
from streek.orders.tests.buyer_scenarios import Shop, buyer_with_basket, checkout_pickup, shop_open
from streek.orders.tests.factories import CycleOfferFactory, CycleProducerFactory

pytestmark = pytest.mark.django_db

ORDERS = "/api/v1/orders"


def place(shop: Shop, quantities: dict[int, int] | None = None, *, user: User | None = None) -> Order:
    buyer, basket = buyer_with_basket(shop, quantities, user=user)
    return checkout_pickup(shop, buyer, basket, key=f"key-{basket.pk}-{Order.objects.count()}")


def big_shop(n: int) -> Shop:
    """A shop whose slot takes n orders."""
    shop = shop_open(stock=None)
    PickupSlot.objects.filter(pk=shop.slot.pk).update(capacity=n + 1)
    shop.slot.refresh_from_db()
    return shop


def cancel(client: Client, order: Order, reason: str = "") -> Any:
    return client.post(f"{ORDERS}/{order.pk}/cancel", json.dumps({"reason": reason}), content_type="application/json")


# --- the buyer's orders ---------------------------------------------------------------------------------------------


def test_list_has_only_the_callers_orders_newest_first(client: Client) -> None:
    shop = shop_open()
    buyer = UserFactory()
    first, second = place(shop, user=buyer), place(shop, user=buyer)
    place(shop)  # someone else's
    client.force_login(buyer)

    response = client.get(ORDERS)

    assert response.status_code == 200
    body = response.json()
    OrderPage.model_validate(body)
    assert [item["id"] for item in body["items"]] == [second.pk, first.pk]
    item = body["items"][0]
    assert item["reference"] == second.reference
    assert item["hub"]["id"] == shop.hub.pk
    assert item["line_count"] == 1
    assert item["url"] == f"http://testserver/api/v1/orders/{second.pk}"


def test_cursor_walks_every_order_once(client: Client) -> None:
    shop = big_shop(5)
    buyer = UserFactory()
    orders = [place(shop, user=buyer) for _ in range(5)]
    client.force_login(buyer)

    seen: list[int] = []
    response = client.get(ORDERS, {"limit": "2", "count": "true"})
    assert response.json()["count"] == 5
    while True:
        body = response.json()
        seen.extend(item["id"] for item in body["items"])
        if body["next"] is None:
            break
        response = client.get(body["next"])

    assert seen == [o.pk for o in sorted(orders, key=lambda o: (o.placed_at, o.pk), reverse=True)]


@pytest.mark.parametrize("n", [3, 30])
def test_list_query_count_does_not_grow(n: int, client: Client, django_assert_num_queries: Any) -> None:
    shop = big_shop(n)
    buyer = UserFactory()
    for _ in range(n):
        place(shop, user=buyer)
    client.force_login(buyer)

    # session, user, memberships, orders
    with django_assert_num_queries(4):
        response = client.get(ORDERS, {"limit": "200"})

    assert len(response.json()["items"]) == n


def test_a_guest_gets_a_401_problem(client: Client) -> None:
    response = client.get(ORDERS)

    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["title"]


def test_detail_of_ones_own_order(client: Client) -> None:
    shop = shop_open()
    order = place(shop, {0: 2})
    client.force_login(order.buyer)

    response = client.get(f"{ORDERS}/{order.pk}")

    assert response.status_code == 200
    body = response.json()
    assert body["reference"] == order.reference
    assert body["producer_orders"][0]["lines"][0]["quantity"] == 2


def test_someone_elses_order_is_a_404(client: Client) -> None:
    order = place(shop_open())
    client.force_login(UserFactory())

    detail = client.get(f"{ORDERS}/{order.pk}")
    cancelled = cancel(client, order)

    for response in (detail, cancelled):
        assert response.status_code == 404
        assert response["Content-Type"] == "application/problem+json"
    assert Order.objects.get(pk=order.pk).status == "placed"


def test_the_buyer_cancels_and_the_stock_comes_back(client: Client) -> None:
    shop = shop_open(stock=10)
    order = place(shop, {0: 4})
    client.force_login(order.buyer)

    response = cancel(client, order, "Op reis")

    assert response.status_code == 200
    assert response.json()["status"] == "cancelled"
    assert CycleOffer.objects.get(pk=shop.offers[0].pk).sold == 0
    assert PickupSlot.objects.get(pk=shop.slot.pk).booked == 0


def test_the_hubs_staff_may_not_cancel_but_its_manager_may(client: Client) -> None:
    # given an order and the hub's staff member
    shop = shop_open(stock=10)
    order = place(shop, {0: 4})
    client.force_login(MembershipFactory(organisation=shop.hub, role="staff").user)

    # when the staff member cancels: refused, nothing changed
    response = cancel(client, order)
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    assert Order.objects.get(pk=order.pk).status == "placed"
    assert CycleOffer.objects.get(pk=shop.offers[0].pk).sold == 4

    # when the manager cancels: done
    client.force_login(MembershipFactory(organisation=shop.hub, role="manager").user)
    assert cancel(client, order).status_code == 200


def test_cancelling_twice_is_a_409(client: Client) -> None:
    order = place(shop_open())
    client.force_login(order.buyer)
    cancel(client, order)

    response = cancel(client, order)

    assert response.status_code == 409
    assert response.json()["field"] == "status"


# --- the hub's view -------------------------------------------------------------------------------------------------


def test_the_hub_sees_every_order_of_its_cycle(client: Client) -> None:
    shop = shop_open()
    orders = [place(shop), place(shop)]
    client.force_login(MembershipFactory(organisation=shop.hub, role="staff").user)

    response = client.get(f"/api/v1/cycles/{shop.cycle.pk}/orders")

    assert response.status_code == 200
    body = response.json()
    HubOrderPage.model_validate(body)
    assert [item["id"] for item in body["items"]] == [o.pk for o in orders]
    assert body["items"][0]["buyer_email"] == orders[0].buyer.email


def test_the_orders_of_a_cycle_are_hidden_from_others(client: Client) -> None:
    shop = shop_open()
    order = place(shop)
    url = f"/api/v1/cycles/{shop.cycle.pk}/orders"

    client.force_login(order.buyer)
    assert client.get(url).status_code == 404
    client.force_login(MembershipFactory(organisation=shop.producer).user)
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("n", [3, 30])
def test_cycle_orders_query_count_does_not_grow(n: int, client: Client, django_assert_num_queries: Any) -> None:
    shop = big_shop(n)
    for _ in range(n):
        place(shop)
    client.force_login(MembershipFactory(organisation=shop.hub).user)

    # session, user, cycle, memberships (cycle guard), hub, memberships (hub guard), orders
    with django_assert_num_queries(7):
        response = client.get(f"/api/v1/cycles/{shop.cycle.pk}/orders", {"limit": "200"})

    assert len(response.json()["items"]) == n


# --- the producer's view --------------------------------------------------------------------------------------------


def test_a_producer_sees_only_its_own_lines(client: Client) -> None:
    # given an order with lines of two producers
    shop = shop_open()
    other = CycleOfferFactory(exchange=CycleProducerFactory(cycle=shop.cycle))
    shop.offers.append(other)
    order = place(shop, {0: 2, 2: 5})
    client.force_login(MembershipFactory(organisation=shop.producer, role="staff").user)

    # when
    response = client.get(f"/api/v1/cycles/{shop.cycle.pk}/producer-lines", {"producer": shop.producer.pk})

    # then
    assert response.status_code == 200
    body = response.json()
    ProducerLines.model_validate(body)
    assert [(line["offer_id"], line["quantity"]) for line in body["items"]] == [(shop.offers[0].pk, 2)]
    assert body["items"][0]["order_reference"] == order.reference
    assert body["item_count"] == 2


def test_another_producers_lines_are_a_404(client: Client) -> None:
    shop = shop_open()
    other = CycleProducerFactory(cycle=shop.cycle)
    place(shop)
    url = f"/api/v1/cycles/{shop.cycle.pk}/producer-lines"
    client.force_login(MembershipFactory(organisation=other.producer).user)

    response = client.get(url, {"producer": shop.producer.pk})

    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize("n", [3, 30])
def test_producer_lines_query_count_does_not_grow(n: int, client: Client, django_assert_num_queries: Any) -> None:
    shop = big_shop(n)
    for _ in range(n):
        place(shop)
    client.force_login(MembershipFactory(organisation=shop.producer).user)

    # session, user, cycle, memberships, producers of the cycle, lines
    with django_assert_num_queries(6):
        response = client.get(f"/api/v1/cycles/{shop.cycle.pk}/producer-lines", {"producer": shop.producer.pk})

    assert len(response.json()["items"]) == n
