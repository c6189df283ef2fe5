from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from streek.accounts.models import User
from streek.orders.tests.factories import OrderCycleFactory

from .conftest import english_client

pytestmark = pytest.mark.django_db


def test_lists_hubs_taking_orders_and_hubs_opening_later() -> None:
    # given one hub with an open cycle and one whose cycle opens next week
    open_cycle = OrderCycleFactory(hub__name="Voedselhub Open")
    later = OrderCycleFactory(
        hub__name="Voedselhub Later",
        opens_at=timezone.now() + timedelta(days=7),
        closes_at=timezone.now() + timedelta(days=10),
        fulfilment_date=(timezone.now() + timedelta(days=11)).date(),
    )

    # when a visitor opens the list of shops
    response = english_client().get(reverse("web:shop_list"))

    # then both are listed, each under its heading, with a link to its shop
    html = response.content.decode()
    assert response.status_code == 200
    assert "Taking orders now" in html and "Opening soon" in html
    assert reverse("web:shop_page", args=[open_cycle.hub.slug]) in html
    assert html.index("Voedselhub Open") < html.index("Opening soon") < html.index("Voedselhub Later")
    assert reverse("web:shop_page", args=[later.hub.slug]) in html


def test_the_main_navigation_links_to_the_shops() -> None:
    response = english_client().get(reverse("web:home"))

    assert f'href="{reverse("web:shop_list")}">Order</a>' in response.content.decode()


def test_the_dashboard_card_links_to_my_orders(buyer: User) -> None:
    response = english_client(buyer).get(reverse("web:dashboard"))

    html = response.content.decode()
    assert reverse("web:order_list") in html
    assert reverse("web:standing_list") in html
