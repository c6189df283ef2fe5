import pytest
from django.urls import reverse

from streek.accounts.models import User
from streek.accounts.tests.factories import UserFactory
from streek.orders.choices import FulfilmentMethod
from streek.orders.models import Basket, BasketLine, CycleOffer, Order
from streek.orders.services.basket import basket_get_or_create, basket_set_line
from streek.orders.tests.factories import DeliveryZoneFactory

from .conftest import Market, english_client

pytestmark = pytest.mark.django_db


def _basket(market: Market, buyer: User, quantities: tuple[int, ...] = (2, 1)) -> Basket:
    basket = basket_get_or_create(cycle=market.cycle, user=buyer, session_key="")
    for offer, quantity in zip(market.offers, quantities, strict=True):
        basket_set_line(basket=basket, offer_id=offer.pk, quantity=quantity)
    return basket


def _pickup(market: Market, key: str = "key-1") -> dict[str, object]:
    return {"idempotency_key": key, "fulfilment_method": FulfilmentMethod.PICKUP, "pickup_slot": market.slot.pk}


def test_the_checkout_needs_a_sign_in(market: Market) -> None:
    basket = _basket(market, UserFactory())

    response = english_client().get(reverse("web:checkout", args=[basket.pk]))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:login"))


def test_the_form_carries_a_fresh_idempotency_key_and_the_slots_with_their_capacity(
    market: Market, buyer: User
) -> None:
    basket = _basket(market, buyer)
    client = english_client(buyer)

    first = client.get(reverse("web:checkout", args=[basket.pk]))
    second = client.get(reverse("web:checkout", args=[basket.pk]))

    html = first.content.decode()
    assert first.status_code == 200
    assert first.context["form"].initial["idempotency_key"] != second.context["form"].initial["idempotency_key"]
    assert 'name="idempotency_key"' in html
    assert f'id="checkout-slot-{market.slot.pk}"' in html
    assert "20 places left" in html
    assert "Pay on order" in html


def test_placing_the_order_splits_it_per_producer_and_shows_the_confirmation(market: Market, buyer: User) -> None:
    # given a basket with lines of two producers
    basket = _basket(market, buyer)
    client = english_client(buyer)

    # when the buyer checks out for the pickup slot
    response = client.post(reverse("web:checkout", args=[basket.pk]), _pickup(market))

    # then one order with two producer orders, the basket is empty, and the confirmation shows the payment details
    order = Order.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("web:order_confirmation", args=[order.pk])
    assert order.producer_orders.count() == 2
    assert not BasketLine.objects.exists()
    confirmation = client.get(response["Location"]).content.decode()
    assert order.reference in confirmation
    assert order.structured_communication in confirmation
    assert f"€ {order.total}" in confirmation
    assert market.slot.pickup_point.name in confirmation


def test_a_double_submit_makes_one_order(market: Market, buyer: User) -> None:
    basket = _basket(market, buyer)
    client = english_client(buyer)

    first = client.post(reverse("web:checkout", args=[basket.pk]), _pickup(market, key="same"))
    second = client.post(reverse("web:checkout", args=[basket.pk]), _pickup(market, key="same"))

    assert Order.objects.count() == 1
    assert first["Location"] == second["Location"]
    assert CycleOffer.objects.get(pk=market.offers[0].pk).sold == 2


def test_a_line_that_sold_out_meanwhile_is_named_and_the_basket_kept(market: Market, buyer: User) -> None:
    # given a basket with two of the first offer, of which only one is left by now
    basket = _basket(market, buyer)
    CycleOffer.objects.filter(pk=market.offers[0].pk).update(sold=9)
    client = english_client(buyer)

    # when the buyer checks out
    response = client.post(reverse("web:checkout", args=[basket.pk]), _pickup(market))

    # then the refusal names the line and what is left; nothing is ordered and the basket is as it was
    html = response.content.decode()
    assert response.status_code == 400
    assert f"Only 1 left of {market.offers[0].variant.product.name}" in html
    assert "your basket is kept" in html
    assert not Order.objects.exists()
    assert sorted(BasketLine.objects.values_list("quantity", flat=True)) == [1, 2]
    assert 'class="refused"' in html


def test_home_delivery_outside_the_zone_is_refused_on_the_postal_code_field(market: Market, buyer: User) -> None:
    zone = DeliveryZoneFactory(hub=market.hub, postal_codes=["3800"], minimum_order=0)
    market.cycle.delivery_zones.add(zone)
    basket = _basket(market, buyer)

    response = english_client(buyer).post(
        reverse("web:checkout", args=[basket.pk]),
        {
            "idempotency_key": "k",
            "fulfilment_method": FulfilmentMethod.DELIVERY,
            "delivery_zone": zone.pk,
            "street": "Kerkstraat 1",
            "postal_code": "9000",
            "locality": "Gent",
        },
    )

    assert response.status_code == 400
    assert response.context["form"].errors["postal_code"] == [f"{zone.name} does not deliver to 9000."]
    assert not Order.objects.exists()


def test_home_delivery_in_the_zone_places_the_order(market: Market, buyer: User) -> None:
    zone = DeliveryZoneFactory(hub=market.hub, postal_codes=["3800"], minimum_order=0)
    market.cycle.delivery_zones.add(zone)
    basket = _basket(market, buyer)

    response = english_client(buyer).post(
        reverse("web:checkout", args=[basket.pk]),
        {
            "idempotency_key": "k",
            "fulfilment_method": FulfilmentMethod.DELIVERY,
            "delivery_zone": zone.pk,
            "street": "Kerkstraat 1",
            "postal_code": "3800",
            "locality": "Sint-Truiden",
        },
    )

    order = Order.objects.get()
    assert response.status_code == 302
    assert (order.delivery_zone, order.delivery_postal_code, order.delivery_fee) == (zone, "3800", zone.fee)


def test_another_users_basket_cannot_be_checked_out(market: Market, buyer: User) -> None:
    basket = _basket(market, buyer)
    stranger = english_client(UserFactory())

    assert stranger.get(reverse("web:checkout", args=[basket.pk])).status_code == 404
    assert stranger.post(reverse("web:checkout", args=[basket.pk]), _pickup(market)).status_code == 404
    assert not Order.objects.exists()
    assert BasketLine.objects.count() == 2
