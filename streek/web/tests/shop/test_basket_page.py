import pytest
from django.test import Client
from django.urls import reverse

from streek.accounts.tests.factories import UserFactory
from streek.orders.models import Basket, BasketLine
from streek.orders.services.basket import basket_get_or_create, basket_set_line
from streek.orders.tests.factories import HubFeeFactory

from .conftest import Market, english_client

pytestmark = pytest.mark.django_db


def _guest_with_basket(market: Market) -> tuple[Client, Basket]:
    client = english_client()
    for offer in market.offers:
        client.post(
            reverse("web:basket_add", args=[market.hub.slug]),
            {"cycle": market.cycle.pk, "offer": offer.pk, "quantity": 2},
        )
    return client, BasketLine.objects.select_related("basket").get(offer=market.offers[0]).basket


def test_lines_are_grouped_per_producer_with_fees_vat_and_totals(market: Market) -> None:
    # given a 10% packing fee and a guest basket with two items of each producer
    HubFeeFactory(cycle=market.cycle, name="Inpakken")
    client, basket = _guest_with_basket(market)

    response = client.get(reverse("web:basket_page", args=[basket.pk]))

    # then one table per producer, each line with its fee, VAT and total; the totals below
    html = response.content.decode()
    assert response.status_code == 200
    for producer in market.producers:
        assert f"<caption>{producer.name}</caption>" in html
    assert "Inpakken: € 0.40" in html
    assert "€ 4.66" in html  # (4.00 + 0.40) + 6% VAT, per line
    assert "€ 9.32" in html  # the total of both lines
    assert reverse("web:checkout", args=[basket.pk]) in html


def test_change_a_quantity_and_remove_a_line(market: Market) -> None:
    client, basket = _guest_with_basket(market)
    url = reverse("web:basket_line_update", args=[basket.pk])

    client.post(url, {"offer": market.offers[0].pk, "quantity": 5})
    response = client.post(url, {"offer": market.offers[1].pk, "quantity": 0}, follow=True)

    assert dict(BasketLine.objects.values_list("offer_id", "quantity")) == {market.offers[0].pk: 5}
    assert "Your basket is updated." in response.content.decode()


def test_a_refused_change_says_why_and_keeps_the_line(market: Market) -> None:
    client, basket = _guest_with_basket(market)

    response = client.post(
        reverse("web:basket_line_update", args=[basket.pk]), {"offer": market.offers[0].pk, "quantity": 99}, follow=True
    )

    assert "Only 10 left of" in response.content.decode()
    assert BasketLine.objects.get(offer=market.offers[0]).quantity == 2


def test_another_visitors_basket_is_not_found(market: Market) -> None:
    # given a guest's basket and a user's basket
    _client, guest_basket = _guest_with_basket(market)
    owner = UserFactory()
    own_basket = basket_get_or_create(cycle=market.cycle, user=owner, session_key="")
    basket_set_line(basket=own_basket, offer_id=market.offers[0].pk, quantity=1)
    stranger = english_client(UserFactory())

    # when someone else looks at them or changes them, then they do not exist for them
    for basket in (guest_basket, own_basket):
        assert stranger.get(reverse("web:basket_page", args=[basket.pk])).status_code == 404
        response = stranger.post(
            reverse("web:basket_line_update", args=[basket.pk]), {"offer": market.offers[0].pk, "quantity": 0}
        )
        assert response.status_code == 404
    assert english_client().get(reverse("web:basket_page", args=[own_basket.pk])).status_code == 404
    assert BasketLine.objects.count() == 3


def test_the_guests_basket_becomes_the_users_at_login(market: Market) -> None:
    # given a guest with a basket and an account
    client, basket = _guest_with_basket(market)
    user = UserFactory(username="koper")

    # when the guest signs in
    response = client.post(reverse("web:login"), {"username": "koper", "password": "streek-test"})

    # then the basket is the user's
    assert response.status_code == 302
    basket.refresh_from_db()
    assert basket.user == user and basket.session_key == ""
    assert client.get(reverse("web:basket_page", args=[basket.pk])).status_code == 200


def test_basket_list_leads_to_the_only_basket(market: Market) -> None:
    client, basket = _guest_with_basket(market)

    response = client.get(reverse("web:basket_list"))

    assert response.status_code == 302
    assert response["Location"] == reverse("web:basket_page", args=[basket.pk])
