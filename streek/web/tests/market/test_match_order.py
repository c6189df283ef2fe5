"""The match page's buyer orders from the match: a one-off order or a standing order through a hub."""

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from streek.accounts.tests.factories import MembershipFactory, UserFactory
from streek.catalog.tests.factories import OrganisationFactory
from streek.market.choices import AgreementKind, MatchStatus
from streek.market.models import Match
from streek.orders.choices import FulfilmentMethod
from streek.orders.models import Order, StandingOrder
from streek.orders.tests.match_scenarios import MatchTrade, match_trade, written

from .helpers import client_for

pytestmark = pytest.mark.django_db


def _order_data(trade: MatchTrade, **overrides: Any) -> dict[str, Any]:
    data = {
        "hub": trade.hub.pk,
        "idempotency_key": "web-key-1",
        "variant": trade.offer.variant_id,
        "quantity": 2,
        "fulfilment_method": FulfilmentMethod.PICKUP,
        "pickup_slot": trade.slot.pk,
    }
    data.update(overrides)
    return data


def _standing_data(trade: MatchTrade, **overrides: Any) -> dict[str, Any]:
    data = {
        "hub": trade.hub.pk,
        "variant": trade.offer.variant_id,
        "quantity": 5,
        "interval_weeks": 1,
        "starts_on": (timezone.localdate() + timedelta(days=2)).isoformat(),
        "fulfilment_method": FulfilmentMethod.PICKUP,
        "pickup_point": trade.slot.pickup_point_id,
    }
    data.update(overrides)
    return data


def _urls(trade: MatchTrade) -> tuple[str, str, str]:
    pk = trade.match.pk
    return (
        reverse("web:market_match", args=[pk]),
        reverse("web:market_match_order", args=[pk]),
        reverse("web:market_match_standing", args=[pk]),
    )


def test_the_buyer_sees_the_hub_with_labelled_order_forms() -> None:
    trade = match_trade()
    page_url, order_url, standing_url = _urls(trade)

    page = client_for(trade.buyer_user).get(page_url).content.decode()

    assert "Order from this match" in page and trade.hub.name in page
    assert f'action="{order_url}"' in page and f'action="{standing_url}"' in page
    assert f'<label for="order-{trade.hub.pk}-variant">Product</label>' in page
    assert f'<label for="standing-{trade.hub.pk}-starts_on">From</label>' in page
    assert "€ 2.00 per item excl. VAT" in page


def test_the_seller_and_the_buyers_staff_do_not_see_the_order_forms() -> None:
    trade = match_trade()
    page_url, order_url, _standing = _urls(trade)
    for user in (
        MembershipFactory(organisation=trade.producer).user,
        MembershipFactory(organisation=trade.buyer, role="staff").user,
    ):
        page = client_for(user).get(page_url).content.decode()
        assert order_url not in page and "Order from this match" not in page


def test_without_a_hub_the_buyer_is_told_how_to_get_one() -> None:
    trade = match_trade(admitted=False)
    page = client_for(trade.buyer_user).get(_urls(trade)[0]).content.decode()
    assert "No hub sells the goods of" in page


def test_the_buyer_places_an_order_and_the_page_links_to_it() -> None:
    # given the buyer on the match page
    trade = match_trade()
    page_url, order_url, _standing = _urls(trade)
    client = client_for(trade.buyer_user)

    # when they place a one-off order
    response = client.post(order_url, _order_data(trade), follow=True)

    # then the order exists, the match is agreed, and the page links to the order in the shop area
    order = Order.objects.get()
    assert response.redirect_chain == [(page_url, 302)]
    match = Match.objects.get(pk=trade.match.pk)
    assert (match.status, match.agreement_kind, match.agreement_reference) == (
        MatchStatus.AGREED,
        AgreementKind.BUSINESS_ORDER,
        str(order.pk),
    )
    page = response.content.decode()
    assert f"Order {order.reference} is placed." in page
    assert reverse("web:order_detail", args=[order.pk]) in page
    assert f"Business order {order.reference}" in page


def test_the_seller_sees_the_agreement_and_the_order_reference_without_a_link() -> None:
    trade = match_trade()
    client_for(trade.buyer_user).post(_urls(trade)[1], _order_data(trade))
    order = Order.objects.get()

    page = client_for(MembershipFactory(organisation=trade.producer).user).get(_urls(trade)[0]).content.decode()

    assert f"Order {order.reference} through {trade.hub.name}" in page
    assert reverse("web:order_detail", args=[order.pk]) not in page


def test_the_buyer_sets_up_a_standing_order_and_the_page_links_to_it() -> None:
    trade = match_trade()
    page_url, _order, standing_url = _urls(trade)

    response = client_for(trade.buyer_user).post(standing_url, _standing_data(trade), follow=True)

    standing = StandingOrder.objects.get()
    assert response.redirect_chain == [(page_url, 302)]
    assert Match.objects.get(pk=trade.match.pk).agreement_reference == str(standing.pk)
    page = response.content.decode()
    assert reverse("web:standing_detail", args=[standing.pk]) in page
    assert "is set up" in page


def test_short_stock_is_shown_by_the_quantity_and_nothing_is_written() -> None:
    trade = match_trade(stock=1)
    before = written(trade)

    response = client_for(trade.buyer_user).post(_urls(trade)[1], _order_data(trade, quantity=2))

    page = response.content.decode()
    assert response.status_code == 400
    assert f'id="order-{trade.hub.pk}-quantity_error"' in page and "Only 1 left" in page
    assert written(trade) == before


def test_missing_values_are_shown_by_their_fields_and_nothing_is_written() -> None:
    trade = match_trade()
    before = written(trade)

    response = client_for(trade.buyer_user).post(_urls(trade)[2], _standing_data(trade, quantity="", starts_on=""))

    page = response.content.decode()
    assert response.status_code == 400
    assert f'id="standing-{trade.hub.pk}-quantity_error"' in page
    assert f'id="standing-{trade.hub.pk}-starts_on_error"' in page
    assert written(trade) == before


def test_a_pickup_point_of_another_hub_is_refused_by_the_field() -> None:
    trade = match_trade()
    before = written(trade)
    response = client_for(trade.buyer_user).post(_urls(trade)[2], _standing_data(trade, pickup_point=999999))
    assert response.status_code == 400
    assert f'id="standing-{trade.hub.pk}-pickup_point_error"' in response.content.decode()
    assert written(trade) == before


def test_an_unknown_hub_changes_nothing_and_says_so() -> None:
    trade = match_trade()
    before = written(trade)
    response = client_for(trade.buyer_user).post(_urls(trade)[1], _order_data(trade, hub=999999), follow=True)
    assert "not possible" in response.content.decode()
    assert written(trade) == before


def test_the_seller_the_buyers_staff_and_an_admin_get_403_and_nothing_changes() -> None:
    trade = match_trade()
    before = written(trade)
    _page, order_url, standing_url = _urls(trade)
    refused = [
        MembershipFactory(organisation=trade.producer).user,
        MembershipFactory(organisation=trade.buyer, role="staff").user,
        UserFactory(is_staff=True, is_superuser=True),
    ]
    for user in refused:
        client = client_for(user)
        assert client.post(order_url, _order_data(trade)).status_code == 403
        assert client.post(standing_url, _standing_data(trade)).status_code == 403
    assert written(trade) == before


def test_outsiders_get_404_anonymous_visitors_log_in_and_nothing_changes() -> None:
    trade = match_trade()
    before = written(trade)
    _page, order_url, standing_url = _urls(trade)
    outsider = client_for(MembershipFactory(organisation=OrganisationFactory()).user)
    assert outsider.post(order_url, _order_data(trade)).status_code == 404
    assert outsider.post(standing_url, _standing_data(trade)).status_code == 404
    assert client_for().post(order_url, _order_data(trade)).status_code == 302
    assert client_for(trade.buyer_user).get(order_url).status_code == 405
    assert written(trade) == before
