"""Visitors without a session get a hub's shop page from the shared response cache until the trade or the catalogue
changes what it shows; the cached copy never outlives the cycle's closing time."""

import re
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from streek.accounts.tests.factories import UserFactory
from streek.catalog.services.organisations import organisation_update
from streek.core.response_cache import CACHE_HEADER, CSRF_PLACEHOLDER
from streek.orders.services.cycles import order_cycle_cancel
from streek.orders.services.incoming import cycle_offer_set
from streek.orders.services.placing import stock_release, stock_reserve

from .conftest import Market, english_client, market_open

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("response_cache_on")]


def _url(market: Market) -> str:
    return reverse("web:shop_page", args=[market.hub.slug])


def test_second_visit_is_a_hit_with_the_visitors_own_csrf_token(market: Market) -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE="en", enforce_csrf_checks=True)

    first = client.get(_url(market))
    second = client.get(_url(market))

    assert first[CACHE_HEADER] == "miss"
    assert second[CACHE_HEADER] == "hit"
    html = second.content.decode()
    assert market.offers[0].variant.product.name in html
    assert CSRF_PLACEHOLDER not in html
    # the page's token passes the CSRF check of a form it holds (the language switch)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert token is not None
    switched = client.post(reverse("set_language"), {"language": "nl", "csrfmiddlewaretoken": token.group(1)})
    assert switched.status_code == 302


def test_an_order_taking_stock_makes_the_page_stale(market: Market, django_capture_on_commit_callbacks: Any) -> None:
    client = english_client()
    offer = market.offers[0]
    client.get(_url(market))
    assert client.get(_url(market))[CACHE_HEADER] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        assert stock_reserve(offer_id=offer.pk, quantity=7)
    after_order = client.get(_url(market))

    assert after_order[CACHE_HEADER] == "miss"
    assert "Only 3 left" in after_order.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        stock_release(offer_id=offer.pk, quantity=7)
    assert client.get(_url(market))[CACHE_HEADER] == "miss"


def test_a_new_price_from_the_hub_makes_the_page_stale(market: Market, django_capture_on_commit_callbacks: Any) -> None:
    client = english_client()
    offer = market.offers[0]
    client.get(_url(market))

    with django_capture_on_commit_callbacks(execute=True):
        cycle_offer_set(
            actor=UserFactory(is_superuser=True),
            cycle=market.cycle,
            variant=offer.variant,
            producer_price=Decimal("5.00"),
            stock=10,
        )
    response = client.get(_url(market))

    assert response[CACHE_HEADER] == "miss"
    # 5.00 excl. VAT, 6 % VAT
    assert "€ 5.30" in response.content.decode()


@pytest.mark.parametrize("signed_in", [False, True], ids=["visitor", "signed-in buyer"])
def test_a_cancelled_cycle_closes_the_shop_at_once(
    market: Market, django_capture_on_commit_callbacks: Any, signed_in: bool
) -> None:
    client = english_client(UserFactory() if signed_in else None)
    assert f'id="quantity-{market.offers[0].pk}"' in client.get(_url(market)).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        order_cycle_cancel(actor=UserFactory(is_superuser=True), cycle=market.cycle)
    response = client.get(_url(market))

    assert response[CACHE_HEADER] == ("bypass" if signed_in else "miss")
    assert f'id="quantity-{market.offers[0].pk}"' not in response.content.decode()


def test_a_renamed_producer_makes_the_page_stale(market: Market, django_capture_on_commit_callbacks: Any) -> None:
    client = english_client()
    client.get(_url(market))

    with django_capture_on_commit_callbacks(execute=True):
        organisation_update(
            organisation=market.producers[0], actor=UserFactory(is_superuser=True), name="Hoeve Hernoemd"
        )
    response = client.get(_url(market))

    assert response[CACHE_HEADER] == "miss"
    assert "Hoeve Hernoemd" in response.content.decode()


def test_a_page_is_not_kept_past_the_closing_time_of_its_cycle() -> None:
    # given a cycle that closes in under a second: its page may not be kept at all
    market = market_open(closes_at=timezone.now() + timedelta(milliseconds=900))
    client = english_client()

    first = client.get(_url(market))
    second = client.get(_url(market))

    assert first[CACHE_HEADER] == "miss"
    assert second[CACHE_HEADER] == "miss"


def test_signed_in_buyers_always_get_a_fresh_page(market: Market) -> None:
    client = english_client(UserFactory())

    client.get(_url(market))
    response = client.get(_url(market))

    assert response[CACHE_HEADER] == "bypass"


def test_without_the_cache_every_answer_is_rendered(market: Market) -> None:
    with override_settings(STREEK_RESPONSE_CACHE_SECONDS=0):
        client: Client = english_client()
        client.get(_url(market))
        assert client.get(_url(market))[CACHE_HEADER] == "bypass"


def test_signed_in_buyers_share_the_catalogue_page_until_the_trade_changes(
    market: Market, django_capture_on_commit_callbacks: Any
) -> None:
    # given two signed-in buyers, the first of whom has seen the shop
    first, second = english_client(UserFactory()), english_client(UserFactory())
    with CaptureQueriesContext(connection) as computed:
        first.get(_url(market))

    # when the second opens it: the offers come from the shared cache
    with CaptureQueriesContext(connection) as shared:
        response = second.get(_url(market))
    assert response[CACHE_HEADER] == "bypass"
    assert market.offers[0].variant.product.name in response.content.decode()
    assert len(shared) < len(computed)
    assert not any("orders_cycleoffer" in query["sql"] for query in shared.captured_queries)

    # and after the hub sets a new price, both see it at once
    with django_capture_on_commit_callbacks(execute=True):
        cycle_offer_set(
            actor=UserFactory(is_superuser=True),
            cycle=market.cycle,
            variant=market.offers[0].variant,
            producer_price=Decimal("5.00"),
            stock=10,
        )
    assert "€ 5.30" in first.get(_url(market)).content.decode()
    assert "€ 5.30" in second.get(_url(market)).content.decode()
