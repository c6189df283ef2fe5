"""Ordering from a match through the API: the options, a standing order, a one-off order; refusals write nothing."""

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from streek.accounts.tests.factories import MembershipFactory
from streek.catalog.tests.factories import OrganisationFactory
from streek.market.choices import AgreementKind, MatchStatus
from streek.market.models import Match
from streek.orders.models import Order, StandingOrder
from streek.orders.tests.match_scenarios import MatchTrade, match_trade, written

pytestmark = pytest.mark.django_db


def _client(trade: MatchTrade, user: Any = None) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user or trade.buyer_user)
    return client


def _order_body(trade: MatchTrade, **overrides: Any) -> dict[str, Any]:
    body = {
        "hub_id": trade.hub.pk,
        "variant_id": trade.offer.variant_id,
        "quantity": 2,
        "fulfilment_method": "pickup",
        "pickup_slot_id": trade.slot.pk,
    }
    body.update(overrides)
    return body


def _standing_body(trade: MatchTrade, **overrides: Any) -> dict[str, Any]:
    body = {
        "hub_id": trade.hub.pk,
        "variant_id": trade.offer.variant_id,
        "quantity": 5,
        "interval_weeks": 2,
        "starts_on": (timezone.localdate() + timedelta(days=1)).isoformat(),
        "fulfilment_method": "pickup",
        "pickup_point_id": trade.slot.pickup_point_id,
    }
    body.update(overrides)
    return body


def _post_order(client: Client, trade: MatchTrade, body: dict[str, Any], key: str = "api-key-1") -> Any:
    return client.post(
        f"/api/v1/matches/{trade.match.pk}/order",
        body,
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY=key,
    )


def _post_standing(client: Client, trade: MatchTrade, body: dict[str, Any]) -> Any:
    return client.post(f"/api/v1/matches/{trade.match.pk}/standing-order", body, content_type="application/json")


def test_the_buyer_lists_the_hubs_to_order_through() -> None:
    trade = match_trade(stock=6)
    client = _client(trade)

    response = client.get(f"/api/v1/matches/{trade.match.pk}/order-options")

    assert response.status_code == 200
    [option] = response.json()
    assert option["hub"]["id"] == trade.hub.pk and option["channel"] == "horeca"
    assert option["open_cycle"]["id"] == trade.cycle.pk
    assert [(v["variant_id"], v["offer_id"], v["available"]) for v in option["variants"]] == [
        (trade.offer.variant_id, trade.offer.pk, 6)
    ]
    assert option["pickup_slots"][0]["id"] == trade.slot.pk
    assert option["cycle_delivery_zones"][0]["id"] == trade.zone.pk


def test_the_buyer_places_a_one_off_order_and_the_match_is_agreed() -> None:
    trade = match_trade()
    client = _client(trade)

    response = _post_order(client, trade, _order_body(trade))

    assert response.status_code == 201
    body = response.json()
    order = Order.objects.get()
    assert body["order"]["id"] == order.pk and body["order"]["reference"] == order.reference
    assert body["match"] == {
        "id": trade.match.pk,
        "status": MatchStatus.AGREED,
        "agreement_kind": AgreementKind.BUSINESS_ORDER,
        "agreement_reference": str(order.pk),
        "agreed_at": body["match"]["agreed_at"],
    }
    # the same key again answers the same order
    again = _post_order(client, trade, _order_body(trade))
    assert again.status_code == 200 and again.json()["order"]["id"] == order.pk
    assert Order.objects.count() == 1


def test_the_buyer_sets_up_a_standing_order() -> None:
    trade = match_trade()

    response = _post_standing(_client(trade), trade, _standing_body(trade))

    assert response.status_code == 201
    standing = StandingOrder.objects.get()
    body = response.json()
    assert body["standing_order"]["id"] == standing.pk and body["standing_order"]["interval_weeks"] == 2
    assert body["standing_order"]["lines"][0]["quantity"] == 5
    assert body["match"]["agreement_kind"] == AgreementKind.STANDING_ORDER
    assert Match.objects.get(pk=trade.match.pk).agreement_reference == str(standing.pk)


def test_short_stock_is_a_conflict_naming_what_is_left_and_nothing_is_written() -> None:
    trade = match_trade(stock=1)
    before = written(trade)

    response = _post_order(_client(trade), trade, _order_body(trade, quantity=3))

    assert response.status_code == 409
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["field"] == "quantity" and problem["available"] == 1 and "Only 1 left" in problem["detail"]
    assert written(trade) == before


def test_a_value_to_correct_is_422_naming_the_field() -> None:
    trade = match_trade()
    before = written(trade)
    response = _post_standing(_client(trade), trade, _standing_body(trade, quantity=0))
    assert response.status_code == 422
    assert response.json()["errors"] == {"quantity": response.json()["detail"]}
    assert written(trade) == before


def test_a_buyer_not_admitted_is_422_on_the_hub() -> None:
    trade = match_trade(admitted=False)
    before = written(trade)
    response = _post_order(_client(trade), trade, _order_body(trade))
    assert response.status_code == 422 and response.json()["field"] == "hub"
    assert written(trade) == before


def test_a_dismissed_match_is_a_conflict() -> None:
    trade = match_trade()
    Match.objects.filter(pk=trade.match.pk).update(status=MatchStatus.DISMISSED)
    before = written(trade)
    response = _post_standing(_client(trade), trade, _standing_body(trade))
    assert response.status_code == 409 and response.json()["field"] == "match"
    assert written(trade) == before


def test_the_seller_gets_403_outsiders_404_and_anonymous_callers_401() -> None:
    trade = match_trade()
    before = written(trade)
    seller = _client(trade, MembershipFactory(organisation=trade.producer).user)
    outsider = _client(trade, MembershipFactory(organisation=OrganisationFactory()).user)

    assert _post_order(seller, trade, _order_body(trade)).status_code == 403
    assert _post_standing(seller, trade, _standing_body(trade)).status_code == 403
    assert seller.get(f"/api/v1/matches/{trade.match.pk}/order-options").status_code == 403
    assert _post_order(outsider, trade, _order_body(trade)).status_code == 404
    assert _post_standing(outsider, trade, _standing_body(trade)).status_code == 404
    assert _post_order(Client(), trade, _order_body(trade)).status_code == 401
    assert written(trade) == before


def test_an_order_needs_an_idempotency_key() -> None:
    trade = match_trade()
    response = _client(trade).post(
        f"/api/v1/matches/{trade.match.pk}/order", _order_body(trade), content_type="application/json"
    )
    assert response.status_code == 422
    assert Order.objects.count() == 0
