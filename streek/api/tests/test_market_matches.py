"""A post's ranked matches through the API, explained per criterion, for its organisation's members only."""

from typing import Any

import pytest
from django.test import Client

from streek.accounts.tests.factories import MembershipFactory
from streek.catalog.tests.factories import concept
from streek.market.matching.engine import match_post
from streek.market.tests.factories import MatchFactory, OfferFactory, RequestFactory

pytestmark = pytest.mark.django_db


def test_a_member_sees_the_ranked_requests_of_an_offer_explained_in_their_language(client: Client) -> None:
    # given
    offer = OfferFactory()
    near = RequestFactory()
    far = RequestFactory(lat=51.0)
    match_post(kind="offer", post_id=offer.pk)
    client.force_login(MembershipFactory(organisation=offer.organisation).user)

    # when
    response = client.get(f"/api/v1/offers/{offer.pk}/matches", HTTP_ACCEPT_LANGUAGE="en")

    # then
    assert response.status_code == 200
    items = response.json()["items"]
    assert [item["request"]["id"] for item in items] == [near.pk, far.pk]
    assert items[0]["score"] >= items[1]["score"]
    assert items[0]["offer"]["id"] == offer.pk
    criteria = {entry["criterion"]: entry for entry in items[0]["criteria"]}
    assert criteria["product"]["label"] == "Product"
    assert criteria["product"]["text"] == f"Same product type: {concept('product_type', 'carrot').label_en}."
    assert {"product", "quantity", "period", "distance"} <= set(criteria)


def test_a_member_sees_the_ranked_offers_of_a_request(client: Client) -> None:
    # given
    request = RequestFactory()
    best = OfferFactory()
    other = OfferFactory(lat=51.0)
    match_post(kind="request", post_id=request.pk)
    client.force_login(MembershipFactory(organisation=request.organisation).user)

    # when
    response = client.get(f"/api/v1/requests/{request.pk}/matches?limit=1")

    # then
    assert response.status_code == 200
    first = response.json()
    assert [item["offer"]["id"] for item in first["items"]] == [best.pk]
    second = client.get(first["next"]).json()
    assert [item["offer"]["id"] for item in second["items"]] == [other.pk]
    assert second["next"] is None


def test_matches_are_refused_to_anonymous_callers_and_other_organisations(client: Client) -> None:
    # given
    match = MatchFactory()

    # when
    anonymous = client.get(f"/api/v1/offers/{match.offer_id}/matches")
    client.force_login(MembershipFactory().user)
    other_offer = client.get(f"/api/v1/offers/{match.offer_id}/matches")
    other_request = client.get(f"/api/v1/requests/{match.request_id}/matches")
    unknown = client.get("/api/v1/requests/999999/matches")

    # then
    assert anonymous.status_code == 401
    assert other_offer.status_code == 403
    assert other_request.status_code == 403
    assert unknown.status_code == 404
    assert other_offer["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize("n", [3, 30])
def test_a_match_page_costs_the_same_queries_for_3_or_30_matches(
    client: Client, django_assert_num_queries: Any, n: int
) -> None:
    # given
    offer = OfferFactory()
    for _ in range(n):
        MatchFactory(offer=offer, breakdown={"product": [1.0, 3, "exact"], "distance": [1.0, 2, "within", {"km": 2}]})
    client.force_login(MembershipFactory(organisation=offer.organisation).user)

    # when: session, user, membership, offer, the page of matches with both posts
    with django_assert_num_queries(5):
        response = client.get(f"/api/v1/offers/{offer.pk}/matches?limit=50")

    # then
    assert len(response.json()["items"]) == n
