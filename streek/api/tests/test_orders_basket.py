import json
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from streek.accounts.tests.factories import UserFactory
from streek.api.schemas.orders import BasketOut
from streek.orders.models import Basket, BasketLine, OrderCycle
from streek.orders.tests.buyer_scenarios import buyer_with_basket, shop_open
from streek.orders.tests.factories import ChannelVariantTermFactory, CycleOfferFactory, OrderCycleFactory

pytestmark = pytest.mark.django_db


def basket_url(cycle_id: int) -> str:
    return f"/api/v1/cycles/{cycle_id}/basket"


def line_url(cycle_id: int, offer_id: int) -> str:
    return f"/api/v1/cycles/{cycle_id}/basket/lines/{offer_id}"


def put(client: Client, url: str, body: dict[str, Any]) -> Any:
    return client.put(url, json.dumps(body), content_type="application/json")


def lines() -> list[tuple[int, int]]:
    return sorted(BasketLine.objects.values_list("offer_id", "quantity"))


def test_a_guest_has_no_basket_through_the_api(client: Client) -> None:
    shop = shop_open()

    read = client.get(basket_url(shop.cycle.pk))
    write = put(client, line_url(shop.cycle.pk, shop.offers[0].pk), {"quantity": 1})

    for response in (read, write):
        assert response.status_code == 401
        assert response["Content-Type"] == "application/problem+json"
        assert response.json()["status"] == 401
    assert lines() == []


def test_reading_an_empty_basket_creates_nothing(client: Client) -> None:
    shop = shop_open()
    client.force_login(UserFactory())

    response = client.get(basket_url(shop.cycle.pk))

    assert response.status_code == 200
    body = response.json()
    BasketOut.model_validate(body)
    assert body["id"] is None
    assert body["channel"]["key"] == "consumer"
    assert body["producers"] == []
    assert Basket.objects.count() == 0


def test_putting_a_line_prices_it_and_groups_it_per_producer(client: Client) -> None:
    # given
    shop = shop_open(stock=10)
    client.force_login(UserFactory())

    # when
    response = put(client, line_url(shop.cycle.pk, shop.offers[0].pk), {"quantity": 3})

    # then
    assert response.status_code == 200
    body = response.json()
    BasketOut.model_validate(body)
    assert body["id"] is not None
    assert body["item_count"] == 3
    (group,) = body["producers"]
    assert group["producer"]["id"] == shop.producer.pk
    (line,) = group["lines"]
    assert (line["offer_id"], line["quantity"], line["available"]) == (shop.offers[0].pk, 3, 10)
    assert Decimal(line["price"]["goods_amount"]) == Decimal("6.00")
    assert Decimal(body["total"]) == Decimal("6.36")  # 6% VAT
    assert lines() == [(shop.offers[0].pk, 3)]


def test_quantity_zero_and_delete_remove_the_line(client: Client) -> None:
    shop = shop_open()
    buyer, _basket = buyer_with_basket(shop, {0: 1, 1: 2})
    client.force_login(buyer)

    put(client, line_url(shop.cycle.pk, shop.offers[0].pk), {"quantity": 0})
    assert lines() == [(shop.offers[1].pk, 2)]

    response = client.delete(line_url(shop.cycle.pk, shop.offers[1].pk))
    assert response.status_code == 200
    assert response.json()["producers"] == []
    assert lines() == []


def test_more_than_is_left_is_a_409_naming_the_line_and_what_is_left(client: Client) -> None:
    # given 2 items left and a basket holding one
    shop = shop_open(stock=2)
    buyer, _basket = buyer_with_basket(shop, {0: 1})
    client.force_login(buyer)
    before = lines()

    # when asking for 5
    response = put(client, line_url(shop.cycle.pk, shop.offers[0].pk), {"quantity": 5})

    # then
    assert response.status_code == 409
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["offer_id"] == shop.offers[0].pk
    assert body["available"] == 2
    assert "quantity" in body["errors"]
    assert lines() == before


def test_a_case_size_the_channel_does_not_allow_is_a_422_naming_the_field(client: Client) -> None:
    shop = shop_open()
    ChannelVariantTermFactory(terms=shop.terms, variant=shop.offers[0].variant, case_size=6)
    client.force_login(UserFactory())

    response = put(client, line_url(shop.cycle.pk, shop.offers[0].pk), {"quantity": 4})

    assert response.status_code == 422
    body = response.json()
    assert (body["offer_id"], body["field"]) == (shop.offers[0].pk, "quantity")
    assert lines() == []


def test_an_offer_of_another_cycle_is_refused(client: Client) -> None:
    shop = shop_open()
    elsewhere = CycleOfferFactory(exchange__cycle=OrderCycleFactory())
    client.force_login(UserFactory())

    response = put(client, line_url(shop.cycle.pk, elsewhere.pk), {"quantity": 1})

    assert response.status_code == 422
    assert response.json()["offer_id"] == elsewhere.pk
    assert lines() == []


def test_a_negative_quantity_is_a_problem_naming_the_parameter(client: Client) -> None:
    shop = shop_open()
    client.force_login(UserFactory())

    response = put(client, line_url(shop.cycle.pk, shop.offers[0].pk), {"quantity": -1})

    assert response.status_code == 422
    assert "quantity" in response.json()["errors"]


def test_unsafe_methods_need_the_csrf_token() -> None:
    # given a browser session without the CSRF token
    shop = shop_open()
    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory())

    # when
    response = put(client, line_url(shop.cycle.pk, shop.offers[0].pk), {"quantity": 1})

    # then
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    assert lines() == []


@pytest.mark.parametrize("n", [3, 30])
def test_basket_query_count_does_not_grow_with_the_lines(
    n: int, client: Client, django_assert_num_queries: Any
) -> None:
    # given a basket with n lines
    shop = shop_open(offers=n)
    buyer, _basket = buyer_with_basket(shop, dict.fromkeys(range(n), 1))
    client.force_login(buyer)

    # session, user, cycle, memberships, basket, lines, fees, price list
    with django_assert_num_queries(8):
        response = client.get(basket_url(shop.cycle.pk))

    assert response.json()["item_count"] == n


def test_a_cycle_no_longer_open_is_a_409(client: Client) -> None:
    shop = shop_open()
    OrderCycle.objects.filter(pk=shop.cycle.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    client.force_login(UserFactory())

    response = put(client, line_url(shop.cycle.pk, shop.offers[0].pk), {"quantity": 1})

    assert response.status_code == 409
    assert response.json()["field"] == "cycle"
    assert lines() == []
