from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from streek.orders.models import Basket, BasketLine
from streek.orders.tests.factories import ChannelVariantTermFactory

from .conftest import Market, english_client, market_open

pytestmark = pytest.mark.django_db


def _add(client: Client, market: Market, offer_index: int = 0, quantity: int = 2, *, htmx: bool = False) -> Any:
    return client.post(
        reverse("web:basket_add", args=[market.hub.slug]),
        {"cycle": market.cycle.pk, "offer": market.offers[offer_index].pk, "quantity": quantity},
        **({"HTTP_HX_REQUEST": "true"} if htmx else {}),  # type: ignore[arg-type]
    )


def test_without_javascript_the_line_is_set_and_the_shop_page_shown_again(market: Market) -> None:
    client = english_client()

    response = _add(client, market, quantity=2)

    assert response.status_code == 302
    assert response["Location"] == reverse("web:shop_page", args=[market.hub.slug])
    line = BasketLine.objects.get()
    assert (line.offer, line.quantity) == (market.offers[0], 2)
    assert line.basket.user is None and line.basket.session_key
    follow = client.get(response["Location"])
    assert "In your basket: 2." in follow.content.decode()


def test_with_htmx_the_row_status_and_the_basket_summary_are_swapped_in_place(market: Market) -> None:
    client = english_client()
    _add(client, market, offer_index=1, quantity=1)

    response = _add(client, market, quantity=3, htmx=True)

    html = response.content.decode()
    assert response.status_code == 200
    assert "In your basket: 3." in html
    assert 'id="basket-summary" class="basket-summary card" hx-swap-oob="true"' in html
    assert "4 items" in html
    assert "<html" not in html


def test_more_than_the_stock_is_refused_with_a_message_naming_the_line(market: Market) -> None:
    client = english_client()
    _add(client, market, quantity=1)

    response = _add(client, market, quantity=11, htmx=True)

    html = response.content.decode()
    assert f"Only 10 left of {market.offers[0].variant.product.name}" in html
    assert BasketLine.objects.get().quantity == 1


def test_a_quantity_that_breaks_the_case_size_is_refused(market: Market) -> None:
    ChannelVariantTermFactory(terms=market.cycle.channels.get(), variant=market.offers[0].variant, case_size=6)
    client = english_client()

    response = client.post(
        reverse("web:basket_add", args=[market.hub.slug]),
        {"cycle": market.cycle.pk, "offer": market.offers[0].pk, "quantity": 4},
        follow=True,
    )

    assert "sold per case of 6" in response.content.decode()
    assert not BasketLine.objects.exists()


def test_zero_removes_the_line(market: Market) -> None:
    client = english_client()
    _add(client, market, quantity=2)

    _add(client, market, quantity=0)

    assert not BasketLine.objects.exists()


def test_an_offer_of_another_cycle_is_refused(market: Market) -> None:
    other = market_open()
    client = english_client()

    response = client.post(
        reverse("web:basket_add", args=[market.hub.slug]),
        {"cycle": market.cycle.pk, "offer": other.offers[0].pk, "quantity": 1},
        follow=True,
    )

    assert "not offered in this order cycle" in response.content.decode()
    assert not BasketLine.objects.exists()


def test_a_cycle_of_another_hub_is_not_found(market: Market) -> None:
    other = market_open()

    response = english_client().post(
        reverse("web:basket_add", args=[market.hub.slug]),
        {"cycle": other.cycle.pk, "offer": other.offers[0].pk, "quantity": 1},
    )

    assert response.status_code == 404
    assert not Basket.objects.exists()
