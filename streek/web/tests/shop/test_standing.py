from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from streek.accounts.models import User
from streek.accounts.tests.factories import UserFactory
from streek.orders.choices import FulfilmentMethod, StandingOrderKind, StandingOrderStatus
from streek.orders.models import StandingOrder
from streek.orders.services.basket import basket_get_or_create, basket_set_line
from streek.orders.services.standing import StandingLineInput, standing_order_create
from streek.orders.tests.factories import OrderCycleFactory

from .conftest import Market, english_client
from .test_orders import place

pytestmark = pytest.mark.django_db


def _subscription(market: Market, buyer: User) -> StandingOrder:
    return standing_order_create(
        actor=buyer,
        hub=market.hub,
        kind=StandingOrderKind.SUBSCRIPTION,
        name="Groentepakket",
        lines=[StandingLineInput(variant_id=offer.variant_id, quantity=1) for offer in market.offers],
        fulfilment_method=FulfilmentMethod.PICKUP,
        starts_on=timezone.localdate(),
        pickup_point=market.slot.pickup_point,
    )


def test_create_a_subscription_box_from_an_order(market: Market, buyer: User) -> None:
    # given a placed order
    order = place(market, buyer)
    client = english_client(buyer)
    url = reverse("web:standing_create") + f"?order={order.pk}"

    # when the buyer opens the form, it carries the order's lines and pickup point
    page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200
    assert f'name="quantity-{market.offers[0].variant_id}" value="2"' in html

    # and saving it (leaving the second line out) makes a weekly subscription box
    response = client.post(
        url,
        {
            "order": order.pk,
            "name": "Mijn pakket",
            "interval_weeks": 1,
            "starts_on": (timezone.localdate() + timedelta(days=1)).isoformat(),
            "fulfilment_method": FulfilmentMethod.PICKUP,
            "pickup_point": market.slot.pickup_point_id,
            f"quantity-{market.offers[0].variant_id}": 3,
            f"quantity-{market.offers[1].variant_id}": 0,
        },
    )
    standing = StandingOrder.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("web:standing_detail", args=[standing.pk])
    assert standing.kind == StandingOrderKind.SUBSCRIPTION
    assert list(standing.lines.values_list("variant_id", "quantity")) == [(market.offers[0].variant_id, 3)]


def test_another_users_order_cannot_be_copied(market: Market, buyer: User) -> None:
    order = place(market, buyer)

    response = english_client(UserFactory()).get(reverse("web:standing_create") + f"?order={order.pk}")

    assert response.status_code == 404


def test_detail_shows_the_upcoming_deliveries(market: Market, buyer: User) -> None:
    standing = _subscription(market, buyer)
    OrderCycleFactory(
        hub=market.hub,
        opens_at=timezone.now() + timedelta(days=6),
        closes_at=timezone.now() + timedelta(days=12),
        fulfilment_date=timezone.localdate() + timedelta(days=14),
    )

    response = english_client(buyer).get(reverse("web:standing_detail", args=[standing.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Coming deliveries" in html
    assert html.count("not placed yet") >= 1


def test_edit_lines_pause_resume_and_stop(market: Market, buyer: User) -> None:
    standing = _subscription(market, buyer)
    client = english_client(buyer)
    first, second = (offer.variant_id for offer in market.offers)

    client.post(reverse("web:standing_lines", args=[standing.pk]), {f"quantity-{first}": 4, f"quantity-{second}": 0})
    assert list(standing.lines.values_list("variant_id", "quantity")) == [(first, 4)]

    until = timezone.localdate() + timedelta(days=10)
    client.post(reverse("web:standing_pause", args=[standing.pk]), {"until": until.isoformat()})
    standing.refresh_from_db()
    assert (standing.status, standing.paused_until) == (StandingOrderStatus.PAUSED, until)

    client.post(reverse("web:standing_resume", args=[standing.pk]))
    standing.refresh_from_db()
    assert standing.status == StandingOrderStatus.ACTIVE

    client.post(reverse("web:standing_cancel", args=[standing.pk]))
    standing.refresh_from_db()
    assert standing.status == StandingOrderStatus.CANCELLED


def test_pausing_until_a_past_day_is_refused_with_a_message(market: Market, buyer: User) -> None:
    standing = _subscription(market, buyer)

    response = english_client(buyer).post(
        reverse("web:standing_pause", args=[standing.pk]),
        {"until": (timezone.localdate() - timedelta(days=1)).isoformat()},
        follow=True,
    )

    assert "Pause until a day in the future." in response.content.decode()
    standing.refresh_from_db()
    assert standing.status == StandingOrderStatus.ACTIVE


def test_a_stranger_can_neither_see_nor_change_a_standing_order(market: Market, buyer: User) -> None:
    standing = _subscription(market, buyer)
    stranger = english_client(UserFactory())

    assert stranger.get(reverse("web:standing_detail", args=[standing.pk])).status_code == 404
    assert stranger.post(reverse("web:standing_cancel", args=[standing.pk])).status_code == 404
    standing.refresh_from_db()
    assert standing.status == StandingOrderStatus.ACTIVE


def test_the_list_shows_my_standing_orders_only(market: Market, buyer: User) -> None:
    _subscription(market, buyer)
    _subscription(market, other := UserFactory())

    response = english_client(buyer).get(reverse("web:standing_list"))

    html = response.content.decode()
    assert html.count("Groentepakket") == 1
    assert other.username not in html


def test_create_from_the_basket(market: Market, buyer: User) -> None:
    basket = basket_get_or_create(cycle=market.cycle, user=buyer, session_key="")
    basket_set_line(basket=basket, offer_id=market.offers[1].pk, quantity=2)
    url = reverse("web:standing_create") + f"?basket={basket.pk}"

    response = english_client(buyer).post(
        url,
        {
            "basket": basket.pk,
            "name": "Kaas",
            "interval_weeks": 2,
            "starts_on": (timezone.localdate() + timedelta(days=1)).isoformat(),
            "fulfilment_method": FulfilmentMethod.PICKUP,
            "pickup_point": market.slot.pickup_point_id,
            f"quantity-{market.offers[1].variant_id}": 2,
        },
    )

    standing = StandingOrder.objects.get()
    assert response.status_code == 302
    assert (standing.name, standing.interval_weeks) == ("Kaas", 2)
    assert list(standing.lines.values_list("variant_id", "quantity")) == [(market.offers[1].variant_id, 2)]
