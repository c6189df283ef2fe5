import json
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from streek.api.schemas.orders import OrderDetail
from streek.orders.models import BasketLine, CycleOffer, Order, PickupSlot
from streek.orders.tests.buyer_scenarios import buyer_with_basket, shop_open
from streek.orders.tests.factories import CycleOfferFactory, CycleProducerFactory, DeliveryZoneFactory

pytestmark = pytest.mark.django_db


def checkout_url(cycle_id: int) -> str:
    return f"/api/v1/cycles/{cycle_id}/checkout"


def post(client: Client, url: str, body: dict[str, Any], key: str | None = "key-1") -> Any:
    headers = {"Idempotency-Key": key} if key is not None else {}
    return client.post(url, json.dumps(body), content_type="application/json", headers=headers)


def state() -> tuple[Any, ...]:
    """What a refused checkout must leave as it was."""
    return (
        Order.objects.count(),
        sorted(CycleOffer.objects.values_list("pk", "sold")),
        sorted(PickupSlot.objects.values_list("pk", "booked")),
        sorted(BasketLine.objects.values_list("offer_id", "quantity")),
    )


def test_checkout_places_one_order_split_per_producer(client: Client) -> None:
    # given a basket with lines of two producers
    shop = shop_open(stock=10)
    other = CycleOfferFactory(exchange=CycleProducerFactory(cycle=shop.cycle), producer_price=Decimal("4.00"))
    shop.offers.append(other)
    buyer, _basket = buyer_with_basket(shop, {0: 3, 2: 1})
    client.force_login(buyer)

    # when the buyer checks out for the pickup slot
    response = post(
        client, checkout_url(shop.cycle.pk), {"fulfilment_method": "pickup", "pickup_slot_id": shop.slot.pk}
    )

    # then 201 with the order, its producer orders and lines
    assert response.status_code == 201
    body = response.json()
    OrderDetail.model_validate(body)
    order = Order.objects.get()
    assert body["id"] == order.pk
    assert body["reference"] == order.reference
    assert body["status"] == "placed"
    assert body["pickup_slot"]["id"] == shop.slot.pk
    assert Decimal(body["subtotal_excl_vat"]) == Decimal("10.00")
    assert Decimal(body["total"]) == Decimal("10.60")
    assert body["structured_communication"] == order.structured_communication
    assert body["editable"] is True
    assert {part["producer"]["id"] for part in body["producer_orders"]} == {
        shop.producer.pk,
        other.exchange.producer_id,
    }
    lines = [line for part in body["producer_orders"] for line in part["lines"]]
    assert sorted((line["offer_id"], line["quantity"]) for line in lines) == [(shop.offers[0].pk, 3), (other.pk, 1)]
    assert all(line["intermediaries"] == 1 for line in lines)
    assert body["vat_breakdown"] == [{"rate": "6.00", "base": "10.00", "vat": "0.60"}]
    assert BasketLine.objects.count() == 0


def test_the_same_idempotency_key_returns_the_same_order(client: Client) -> None:
    # given a first checkout
    shop = shop_open(stock=10)
    buyer, _basket = buyer_with_basket(shop, {0: 2})
    client.force_login(buyer)
    body = {"fulfilment_method": "pickup", "pickup_slot_id": shop.slot.pk}
    first = post(client, checkout_url(shop.cycle.pk), body, key="double-click")

    # when the same request comes again
    second = post(client, checkout_url(shop.cycle.pk), body, key="double-click")

    # then one order, answered 201 then 200
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["id"] == second.json()["id"]
    assert Order.objects.count() == 1
    assert CycleOffer.objects.get(pk=shop.offers[0].pk).sold == 2


def test_the_idempotency_key_is_required(client: Client) -> None:
    shop = shop_open()
    buyer, _basket = buyer_with_basket(shop)
    client.force_login(buyer)
    before = state()

    response = post(client, checkout_url(shop.cycle.pk), {"fulfilment_method": "pickup"}, key=None)

    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert "Idempotency-Key" in response.json()["errors"]
    assert state() == before


def test_an_oversold_line_is_a_409_naming_the_line_and_what_is_left(client: Client) -> None:
    # given a basket of 3 and, meanwhile, only 1 left
    shop = shop_open(stock=3)
    buyer, _basket = buyer_with_basket(shop, {0: 3, 1: 1})
    CycleOffer.objects.filter(pk=shop.offers[0].pk).update(sold=2)
    client.force_login(buyer)
    before = state()

    # when checking out
    response = post(
        client, checkout_url(shop.cycle.pk), {"fulfilment_method": "pickup", "pickup_slot_id": shop.slot.pk}
    )

    # then refused naming the line, the basket kept, nothing taken
    assert response.status_code == 409
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["type"] == "about:blank"
    assert body["status"] == 409
    assert body["title"]
    assert body["offer_id"] == shop.offers[0].pk
    assert body["available"] == 1
    assert body["field"] == "quantity"
    assert "quantity" in body["errors"]
    assert shop.offers[0].variant.product.name in body["detail"]
    assert state() == before


def test_a_pickup_without_a_slot_is_refused_naming_the_field(client: Client) -> None:
    shop = shop_open()
    buyer, _basket = buyer_with_basket(shop)
    client.force_login(buyer)
    before = state()

    response = post(client, checkout_url(shop.cycle.pk), {"fulfilment_method": "pickup"})

    assert response.status_code == 409
    assert response.json()["field"] == "pickup_slot"
    assert state() == before


def test_home_delivery_to_an_address(client: Client) -> None:
    # given a zone of the cycle covering 3800
    shop = shop_open()
    zone = DeliveryZoneFactory(hub=shop.hub, postal_codes=["3800"], fee=Decimal("4.50"), minimum_order=Decimal("0"))
    shop.cycle.delivery_zones.add(zone)
    buyer, _basket = buyer_with_basket(shop, {0: 2})
    client.force_login(buyer)

    # when
    response = post(
        client,
        checkout_url(shop.cycle.pk),
        {
            "fulfilment_method": "delivery",
            "delivery_zone_id": zone.pk,
            "address": {"street": "Naamsestraat 5", "postal_code": "3800", "locality": "Sint-Truiden"},
            "note": "Bel aan",
        },
    )

    # then
    assert response.status_code == 201
    body = response.json()
    assert body["delivery"]["zone"]["id"] == zone.pk
    assert body["delivery"]["street"] == "Naamsestraat 5"
    assert Decimal(body["delivery_fee"]) == Decimal("4.50")
    assert body["note"] == "Bel aan"


def test_an_empty_basket_is_refused(client: Client) -> None:
    shop = shop_open()
    buyer, _basket = buyer_with_basket(shop, {})
    client.force_login(buyer)

    response = post(
        client, checkout_url(shop.cycle.pk), {"fulfilment_method": "pickup", "pickup_slot_id": shop.slot.pk}
    )

    assert response.status_code == 409
    assert response.json()["field"] == "basket"
    assert Order.objects.count() == 0


def test_a_guest_cannot_check_out(client: Client) -> None:
    shop = shop_open()

    response = post(client, checkout_url(shop.cycle.pk), {"fulfilment_method": "pickup"})

    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert Order.objects.count() == 0
