"""Posting, withdrawing and renewing offers and requests through the API (session auth)."""

import json
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from streek.accounts.choices import MembershipRole
from streek.accounts.tests.factories import MembershipFactory, UserFactory
from streek.catalog.choices import OrganisationKind
from streek.catalog.models import Organisation
from streek.catalog.tests.factories import OrganisationFactory
from streek.market.choices import PostStatus
from streek.market.models import Match, Offer, Request
from streek.market.tests.factories import OfferFactory, RequestFactory

pytestmark = pytest.mark.django_db


def post(client: Client, url: str, body: dict[str, Any] | None = None) -> Any:
    return client.post(url, json.dumps(body or {}), content_type="application/json")


def offer_body(organisation: Organisation, **fields: Any) -> dict[str, Any]:
    today = timezone.localdate()
    return {
        "organisation": organisation.pk,
        "title": "Wortelen, 50 kg per week",
        "product_type": "carrot",
        "quantity": "50",
        "unit": "Kilogram",
        "recurrence": "weekly",
        "starts_on": today.isoformat(),
        "ends_on": (today + timedelta(days=90)).isoformat(),
        "labels": ["Organic-EU"],
        "spec": ["washed"],
        "price": "1.10",
        "delivery_possible": True,
        **fields,
    }


def editor_of(kind: str = OrganisationKind.PRODUCER, role: str = MembershipRole.OWNER) -> tuple[Any, Organisation]:
    organisation = OrganisationFactory(kind=kind, lat=50.8168, lon=5.1865)
    return MembershipFactory(organisation=organisation, role=role).user, organisation


def test_an_anonymous_caller_may_not_write(client: Client) -> None:
    # given
    organisation = OrganisationFactory()
    offer, request = OfferFactory(), RequestFactory()

    # when
    responses = [
        post(client, "/api/v1/offers", offer_body(organisation)),
        post(client, "/api/v1/requests", offer_body(organisation)),
        post(client, f"/api/v1/offers/{offer.pk}/withdraw"),
        post(client, f"/api/v1/offers/{offer.pk}/renew"),
        post(client, f"/api/v1/requests/{request.pk}/withdraw"),
        post(client, f"/api/v1/requests/{request.pk}/renew"),
    ]

    # then
    assert [r.status_code for r in responses] == [401] * 6
    assert responses[0]["Content-Type"] == "application/problem+json"
    assert Offer.objects.count() == 1
    offer.refresh_from_db()
    request.refresh_from_db()
    assert (offer.status, request.status) == (PostStatus.ACTIVE, PostStatus.ACTIVE)


def test_an_editor_posts_an_offer_and_it_is_matched_at_once(client: Client) -> None:
    # given
    user, organisation = editor_of()
    wanted = RequestFactory()
    client.force_login(user)

    # when
    response = post(client, "/api/v1/offers", offer_body(organisation))

    # then
    assert response.status_code == 201
    body = response.json()
    offer = Offer.objects.get()
    assert body["id"] == offer.pk
    assert body["organisation"]["id"] == organisation.pk
    assert body["quantity"] == "50.000"
    assert body["labels"][0]["key"] == "Organic-EU"
    assert body["spec"] == ["washed"]
    assert body["status"] == "active"
    assert (offer.lat, offer.lon) == (50.8168, 5.1865)
    assert offer.created_by == user
    assert Match.objects.filter(offer=offer, request=wanted).exists()


def test_an_editor_posts_a_request(client: Client) -> None:
    # given
    user, organisation = editor_of(kind=OrganisationKind.SCHOOL)
    client.force_login(user)
    body = offer_body(organisation, max_distance_km=30, needs_delivery=True, delivery_weekdays=[0, 2], budget="1.5")
    for name in ("price", "delivery_possible"):
        body.pop(name)

    # when
    response = post(client, "/api/v1/requests", {**body, "municipality": "71053"})

    # then
    assert response.status_code == 201
    request = Request.objects.get()
    assert response.json()["max_distance_km"] == 30
    assert response.json()["municipality"]["code"] == "71053"
    assert request.delivery_weekdays == [0, 2]
    assert request.organisation == organisation


def test_only_editors_of_the_organisation_may_post_for_it(client: Client) -> None:
    # given
    staff, organisation = editor_of(role=MembershipRole.STAFF)
    stranger = UserFactory()

    # when
    client.force_login(staff)
    as_staff = post(client, "/api/v1/offers", offer_body(organisation))
    client.force_login(stranger)
    as_stranger = post(client, "/api/v1/offers", offer_body(organisation))
    unknown = post(client, "/api/v1/offers", {**offer_body(organisation), "organisation": 999999})

    # then
    assert as_staff.status_code == 403
    assert as_stranger.status_code == 403
    assert unknown.status_code == 404
    assert as_stranger["Content-Type"] == "application/problem+json"
    assert not Offer.objects.exists()


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"product_type": "unicorn"}, "product_type"),
        ({"unit": "Parsec"}, "unit"),
        ({"labels": ["NoSuchLabel"]}, "labels"),
        ({"spec": ["polished"]}, "spec"),
        ({"quantity": "0"}, "quantity"),
        ({"title": ""}, "title"),
        ({"municipality": "00000"}, "municipality"),
        ({"lat": 50.8}, "lat"),
    ],
)
def test_an_invalid_offer_is_a_422_naming_the_field(client: Client, fields: dict[str, Any], field: str) -> None:
    # given
    user, organisation = editor_of()
    client.force_login(user)

    # when
    response = post(client, "/api/v1/offers", offer_body(organisation, **fields))

    # then
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert field in response.json()["errors"]
    assert not Offer.objects.exists()


def test_a_buyer_may_not_post_an_offer(client: Client) -> None:
    user, school = editor_of(kind=OrganisationKind.SCHOOL)
    client.force_login(user)

    response = post(client, "/api/v1/offers", offer_body(school))

    assert response.status_code == 422
    assert "organisation" in response.json()["errors"]
    assert not Offer.objects.exists()


def test_a_member_withdraws_and_renews_an_offer(client: Client) -> None:
    # given
    offer = OfferFactory(status=PostStatus.EXPIRED, expires_at=timezone.now() - timedelta(days=1))
    client.force_login(MembershipFactory(organisation=offer.organisation, role=MembershipRole.STAFF).user)

    # when
    renewed = post(client, f"/api/v1/offers/{offer.pk}/renew")
    withdrawn = post(client, f"/api/v1/offers/{offer.pk}/withdraw")
    again = post(client, f"/api/v1/offers/{offer.pk}/renew")

    # then
    assert renewed.status_code == 200
    assert renewed.json()["status"] == "active"
    assert withdrawn.json()["status"] == "withdrawn"
    assert again.status_code == 422
    offer.refresh_from_db()
    assert offer.status == PostStatus.WITHDRAWN
    assert offer.expires_at > timezone.now()


def test_a_member_withdraws_and_renews_a_request(client: Client) -> None:
    request = RequestFactory()
    client.force_login(MembershipFactory(organisation=request.organisation).user)

    renewed = post(client, f"/api/v1/requests/{request.pk}/renew")
    withdrawn = post(client, f"/api/v1/requests/{request.pk}/withdraw")

    assert renewed.status_code == 200
    assert withdrawn.json()["status"] == "withdrawn"
    request.refresh_from_db()
    assert request.status == PostStatus.WITHDRAWN


def test_another_organisation_may_not_withdraw_or_renew(client: Client) -> None:
    # given
    offer = OfferFactory()
    expired = RequestFactory(status=PostStatus.EXPIRED)
    before = offer.expires_at
    client.force_login(MembershipFactory().user)

    # when
    withdraw = post(client, f"/api/v1/offers/{offer.pk}/withdraw")
    renew = post(client, f"/api/v1/offers/{offer.pk}/renew")
    hidden = post(client, f"/api/v1/requests/{expired.pk}/renew")

    # then: an active post is visible (403); an expired one is not (404)
    assert withdraw.status_code == 403
    assert renew.status_code == 403
    assert hidden.status_code == 404
    offer.refresh_from_db()
    expired.refresh_from_db()
    assert (offer.status, offer.expires_at) == (PostStatus.ACTIVE, before)
    assert expired.status == PostStatus.EXPIRED
