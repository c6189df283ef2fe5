"""The public board through the API: GET /offers, /requests and one post."""

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from streek.accounts.tests.factories import MembershipFactory
from streek.catalog.choices import OrganisationKind
from streek.catalog.tests.factories import OrganisationFactory, concept
from streek.market.choices import PostStatus
from streek.market.tests.factories import OfferFactory, RequestFactory

pytestmark = pytest.mark.django_db


def ids(response: Any) -> list[int]:
    return [item["id"] for item in response.json()["items"]]


def test_the_offer_list_shows_active_offers_with_their_details(client: Client) -> None:
    # given
    offer = OfferFactory(title="Bospeen", price=Decimal("1.20"), is_surplus=True)
    offer.labels.set([concept("facet", "Organic-EU")])
    OfferFactory(status=PostStatus.EXPIRED)
    OfferFactory(status=PostStatus.WITHDRAWN)

    # when
    response = client.get("/api/v1/offers", HTTP_ACCEPT_LANGUAGE="en")

    # then
    assert response.status_code == 200
    (item,) = response.json()["items"]
    assert item["id"] == offer.pk
    assert item["title"] == "Bospeen"
    assert item["product_type"]["key"] == "carrot"
    assert item["unit"]["key"] == "Kilogram"
    assert item["labels"] == [{"key": "Organic-EU", "label": concept("facet", "Organic-EU").label_en}]
    assert item["price"] == "1.20"
    assert item["is_surplus"] is True
    assert item["organisation"]["id"] == offer.organisation_id
    assert item["url"].endswith(f"/api/v1/offers/{offer.pk}")
    assert item["distance_km"] is None


def test_the_offer_list_filters_on_type_with_narrower_types_labels_and_surplus(client: Client) -> None:
    # given
    carrots = OfferFactory(product_type=concept("product_type", "carrot"))
    carrots.labels.set([concept("facet", "Organic-EU")])
    apples = OfferFactory(product_type=concept("product_type", "apples"), is_surplus=True)

    # then
    assert ids(client.get("/api/v1/offers?product_type=vegetable")) == [carrots.pk]
    assert ids(client.get("/api/v1/offers?label=OrganicLabel")) == [carrots.pk]
    assert ids(client.get("/api/v1/offers?surplus=true")) == [apples.pk]
    assert set(ids(client.get("/api/v1/offers?product_type=vegetable,apples"))) == {carrots.pk, apples.pk}


def test_the_request_list_filters_on_place_and_organisation_kind(client: Client) -> None:
    # given
    near = RequestFactory(lat=50.82, lon=5.19, organisation=OrganisationFactory(kind=OrganisationKind.SCHOOL))
    near.municipality = near.organisation.municipality
    near.save()
    far = RequestFactory(lat=51.05, lon=3.72, organisation=OrganisationFactory(kind=OrganisationKind.HORECA))

    # when
    around = client.get("/api/v1/requests?near=50.8168,5.1865&radius_km=20")

    # then
    assert ids(around) == [near.pk]
    assert around.json()["items"][0]["distance_km"] == pytest.approx(0.43, abs=0.02)
    assert ids(client.get("/api/v1/requests?near=50.8168,5.1865")) == [near.pk, far.pk]
    assert ids(client.get(f"/api/v1/requests?organisation_kind={OrganisationKind.HORECA}")) == [far.pk]
    assert ids(client.get("/api/v1/requests?municipality=71053")) == [near.pk]
    assert ids(client.get("/api/v1/requests?region=70000")) == [near.pk]


def test_bad_filters_are_a_422_problem_naming_the_parameter(client: Client) -> None:
    bad_near = client.get("/api/v1/offers?near=here")
    radius_alone = client.get("/api/v1/requests?radius_km=10")
    bad_radius = client.get("/api/v1/requests?near=50.8,5.1&radius_km=-1")

    assert bad_near.status_code == 422
    assert bad_near["Content-Type"] == "application/problem+json"
    assert "near" in bad_near.json()["errors"]
    assert "near" in radius_alone.json()["errors"]
    assert bad_radius.status_code == 422
    assert "radius_km" in bad_radius.json()["errors"]


def test_walking_the_next_links_visits_every_offer_once(client: Client) -> None:
    # given
    offers = OfferFactory.create_batch(5)

    # when
    seen: list[int] = []
    url: str | None = "/api/v1/offers?limit=2&count=true"
    while url:
        page = client.get(url).json()
        seen += [item["id"] for item in page["items"]]
        url = page["next"]

    # then
    assert sorted(seen) == sorted(offer.pk for offer in offers)
    assert len(seen) == 5


@pytest.mark.parametrize("n", [3, 30])
def test_a_board_page_costs_the_same_queries_for_3_or_30_posts(
    client: Client, django_assert_num_queries: Any, n: int
) -> None:
    # given
    for _ in range(n):
        OfferFactory().labels.set([concept("facet", "Organic-EU")])
        RequestFactory().labels.set([concept("facet", "Organic-EU")])

    # then: the rows and their labels (one more for the product type subtree)
    with django_assert_num_queries(2):
        offers = client.get("/api/v1/offers?limit=50")
    with django_assert_num_queries(3):
        requests = client.get("/api/v1/requests?limit=50&product_type=vegetable")
    assert len(offers.json()["items"]) == n
    assert len(requests.json()["items"]) == n


def test_one_offer_and_one_request_are_public_while_active(client: Client) -> None:
    # given
    offer = OfferFactory(packaging="kisten van 10 kg")
    request = RequestFactory(max_distance_km=30, delivery_weekdays=[1, 3])

    # when
    offer_response = client.get(f"/api/v1/offers/{offer.pk}")
    request_response = client.get(f"/api/v1/requests/{request.pk}")

    # then
    assert offer_response.status_code == 200
    assert offer_response.json()["packaging"] == "kisten van 10 kg"
    assert request_response.status_code == 200
    assert request_response.json()["max_distance_km"] == 30
    assert request_response.json()["delivery_weekdays"] == [1, 3]


def test_a_withdrawn_post_is_a_404_except_for_its_organisation(client: Client) -> None:
    # given
    offer = OfferFactory(status=PostStatus.WITHDRAWN)
    request = RequestFactory(status=PostStatus.EXPIRED)

    # then
    assert client.get(f"/api/v1/offers/{offer.pk}").status_code == 404
    assert client.get(f"/api/v1/requests/{request.pk}").status_code == 404
    assert client.get("/api/v1/offers/999999").status_code == 404
    client.force_login(MembershipFactory(organisation=offer.organisation).user)
    assert client.get(f"/api/v1/offers/{offer.pk}").json()["status"] == "withdrawn"


def test_walking_the_nearest_first_list_visits_every_request_once_in_order(client: Client) -> None:
    # given
    posts = [RequestFactory(lat=50.8168 + 0.01 * i, lon=5.1865) for i in (3, 1, 2)]

    # when
    seen: list[int] = []
    url: str | None = "/api/v1/requests?near=50.8168,5.1865&limit=1"
    while url:
        page = client.get(url).json()
        seen += [item["id"] for item in page["items"]]
        url = page["next"]

    # then
    assert seen == [posts[1].pk, posts[2].pk, posts[0].pk]
