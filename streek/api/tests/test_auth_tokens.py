"""API tokens: scopes, the token's organisation only, revoked and expired tokens, rate limits; sessions still work."""

import json
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from django.utils.translation import override

from streek.accounts.choices import MembershipRole
from streek.accounts.services.api_tokens import api_token_revoke
from streek.accounts.tests.factories import MembershipFactory, issue_api_token
from streek.catalog.choices import OrganisationKind
from streek.catalog.models import Organisation
from streek.catalog.tests.factories import OrganisationFactory
from streek.logistics.models import Stop
from streek.logistics.services.dispatch import route_driver_assign
from streek.logistics.tests.factories import DriverFactory
from streek.logistics.tests.scenario import first_route, first_stop, planned_day
from streek.market.models import Offer
from streek.market.tests.factories import OfferFactory
from streek.orders.models import Order
from streek.orders.tests.buyer_scenarios import buyer_with_basket, checkout_pickup, shop_open

pytestmark = pytest.mark.django_db


def offer_body(organisation: Organisation) -> dict[str, Any]:
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
    }


def bearer(plain: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {plain}", "Accept-Language": "en"}


def post_offer(client: Client, organisation: Organisation, plain: str) -> Any:
    return client.post(
        "/api/v1/offers", json.dumps(offer_body(organisation)), content_type="application/json", headers=bearer(plain)
    )


def producer() -> Organisation:
    return OrganisationFactory(kind=OrganisationKind.PRODUCER, lat=50.8168, lon=5.1865)


def test_a_token_with_the_write_scope_posts_for_its_organisation(client: Client) -> None:
    # given
    organisation = producer()
    token, plain = issue_api_token(organisation=organisation, scopes=["market:write"])

    # when
    response = post_offer(client, organisation, plain)

    # then
    assert response.status_code == 201, response.content
    offer = Offer.objects.get()
    assert offer.organisation == organisation
    assert response["X-RateLimit-Limit"] == "120"
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_a_token_without_the_scope_is_refused_naming_it(client: Client) -> None:
    # given
    organisation = producer()
    _token, plain = issue_api_token(organisation=organisation, scopes=["market:read", "orders:write"])

    # when
    response = post_offer(client, organisation, plain)

    # then
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    assert "market:write" in response.json()["detail"]
    assert not Offer.objects.exists()


def test_a_write_scope_grants_reading(client: Client) -> None:
    # given
    organisation = producer()
    offer = OfferFactory(organisation=organisation)
    _token, plain = issue_api_token(organisation=organisation, scopes=["market:write"])

    # when
    response = client.get(f"/api/v1/offers/{offer.pk}/matches", headers=bearer(plain))

    # then
    assert response.status_code == 200, response.content


def test_a_token_does_not_reach_the_creators_other_organisations(client: Client) -> None:
    # given
    mine, other = producer(), producer()
    user = MembershipFactory(organisation=mine, role=MembershipRole.OWNER).user
    MembershipFactory(user=user, organisation=other, role=MembershipRole.OWNER)
    other_offer = OfferFactory(organisation=other)
    _token, plain = issue_api_token(organisation=mine, user=user, scopes=["market:write", "logistics:read"])

    # when
    posted = post_offer(client, other, plain)
    withdrawn = client.post(f"/api/v1/offers/{other_offer.pk}/withdraw", headers=bearer(plain))
    plans = client.get(f"/api/v1/logistics/hubs/{other.pk}/plans", headers=bearer(plain))

    # then
    assert posted.status_code == 403
    assert withdrawn.status_code in (403, 404)
    assert plans.status_code == 404
    assert list(Offer.objects.values_list("pk", flat=True)) == [other_offer.pk]
    other_offer.refresh_from_db()
    assert other_offer.status == "active"


def test_the_same_user_in_a_session_reaches_both_organisations(client: Client) -> None:
    # given
    mine, other = producer(), producer()
    user = MembershipFactory(organisation=mine, role=MembershipRole.OWNER).user
    MembershipFactory(user=user, organisation=other, role=MembershipRole.OWNER)
    client.force_login(user)

    # when
    response = client.post("/api/v1/offers", json.dumps(offer_body(other)), content_type="application/json")

    # then
    assert response.status_code == 201, response.content
    assert Offer.objects.get().organisation == other


@pytest.mark.parametrize("state", ["revoked", "expired", "unknown", "garbage"])
def test_an_invalid_token_is_a_401_even_on_a_public_endpoint(client: Client, state: str) -> None:
    # given
    organisation = producer()
    token, plain = issue_api_token(organisation=organisation, scopes=["market:write"])
    if state == "revoked":
        api_token_revoke(token=token, actor=token.created_by)
    elif state == "expired":
        token.expires_at = timezone.now() - timedelta(minutes=1)
        token.save()
    elif state == "unknown":
        plain = plain[:-4] + "AAAA"
    else:
        plain = "not-a-token"

    # when
    with override("en"):
        posted = post_offer(client, organisation, plain)
        public = client.get("/api/v1/offers", headers=bearer(plain))

    # then
    for response in (posted, public):
        assert response.status_code == 401
        assert response["Content-Type"] == "application/problem+json"
        assert response["WWW-Authenticate"].startswith("Bearer")
        assert 'error="invalid_token"' in response["WWW-Authenticate"]
        assert response.json()["status"] == 401
    assert not Offer.objects.exists()


def test_a_request_without_credentials_is_told_how_to_authenticate(client: Client) -> None:
    # when
    response = client.get("/api/v1/orders")

    # then
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_token_is_rate_limited_per_minute(client: Client, settings: Any) -> None:
    # given
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tokens"}}
    organisation = producer()
    _token, plain = issue_api_token(organisation=organisation, scopes=["market:read"], rate_limit=2)
    _other, other_plain = issue_api_token(organisation=organisation, scopes=["market:read"], rate_limit=2)

    # when
    statuses = [client.get("/api/v1/offers", headers=bearer(plain)).status_code for _ in range(2)]
    refused = client.get("/api/v1/offers", headers=bearer(plain))
    other = client.get("/api/v1/offers", headers=bearer(other_plain))

    # then
    assert statuses == [200, 200]
    assert refused.status_code == 429
    assert refused["Content-Type"] == "application/problem+json"
    assert 0 < int(refused["Retry-After"]) <= 60
    assert refused.json()["status"] == 429
    assert other.status_code == 200


def test_a_token_ignores_a_session_sent_along(client: Client) -> None:
    # given: a session of an owner of another organisation, and a read-only token
    organisation, other = producer(), producer()
    client.force_login(MembershipFactory(organisation=other, role=MembershipRole.OWNER).user)
    _token, plain = issue_api_token(organisation=organisation, scopes=["market:read"])

    # when
    response = post_offer(client, other, plain)

    # then
    assert response.status_code == 403
    assert not Offer.objects.exists()


def test_a_token_buys_for_its_organisation_not_the_creators_household(client: Client) -> None:
    # given
    organisation = OrganisationFactory()
    _token, plain = issue_api_token(organisation=organisation, scopes=["orders:read"])

    # when
    response = client.get("/api/v1/orders", headers=bearer(plain))

    # then
    assert response.status_code == 200, response.content
    assert response.json()["items"] == []


def test_a_token_does_not_reach_its_creators_household_orders(client: Client) -> None:
    # given: a personal order of the creator, who also owns the token's organisation
    shop = shop_open()
    buyer = MembershipFactory(role=MembershipRole.OWNER)
    user, basket = buyer_with_basket(shop, user=buyer.user)
    order = checkout_pickup(shop, user, basket, key="key-household")
    _token, plain = issue_api_token(organisation=buyer.organisation, user=user, scopes=["orders:write"])

    # when
    listed = client.get("/api/v1/orders", headers=bearer(plain))
    shown = client.get(f"/api/v1/orders/{order.pk}", headers=bearer(plain))
    cancelled = client.post(
        f"/api/v1/orders/{order.pk}/cancel",
        json.dumps({"reason": ""}),
        content_type="application/json",
        headers=bearer(plain),
    )

    # then
    assert listed.status_code == 200 and listed.json()["items"] == []
    assert (shown.status_code, cancelled.status_code) == (404, 404)
    assert Order.objects.get(pk=order.pk).status == order.status

    # and the hub's token sees the order the hub received
    hub_owner = MembershipFactory(organisation=shop.hub, role=MembershipRole.OWNER).user
    _hub_token, hub_plain = issue_api_token(organisation=shop.hub, user=hub_owner, scopes=["orders:read"])
    assert client.get(f"/api/v1/orders/{order.pk}", headers=bearer(hub_plain)).status_code == 200


def test_a_token_does_not_reach_the_routes_its_creator_drives_for_another_organisation(
    client: Client, monkeypatch: Any
) -> None:
    # given: a driver of a hub who owns a farm and made a token for the farm
    planned = planned_day()
    route = first_route(planned.plan)
    driver = DriverFactory(hub=planned.day.hub)
    route_driver_assign(actor=planned.owner, route=route, driver=driver)
    stop = first_stop(route)
    farm = MembershipFactory(user=driver.user, role=MembershipRole.OWNER).organisation
    _token, plain = issue_api_token(organisation=farm, user=driver.user, scopes=["logistics:write"])
    monkeypatch.setattr("streek.logistics.selectors.plans.timezone.localdate", lambda: planned.plan.day)

    # when
    shown = client.get(f"/api/v1/logistics/routes/{route.pk}", headers=bearer(plain))
    done = client.post(f"/api/v1/logistics/stops/{stop.pk}/done", headers=bearer(plain))
    mine = client.get("/api/v1/logistics/my-routes", headers=bearer(plain))

    # then
    assert (shown.status_code, done.status_code) == (404, 404)
    assert mine.status_code == 200 and mine.json()["items"] == []
    assert Stop.objects.get(pk=stop.pk).done_at is None


def test_a_token_costs_one_read_per_request_and_records_its_use_once_a_minute(
    client: Client, django_assert_num_queries: Any
) -> None:
    # given a token that has just been used (its use recorded)
    token, plain = issue_api_token(organisation=producer(), scopes=["market:read"])
    assert client.get("/api/v1/indicators", headers=bearer(plain)).status_code == 200
    token.refresh_from_db()
    recorded = token.last_used_at

    # when it is used again within the minute: the token's lookup only, no write
    with django_assert_num_queries(1):
        response = client.get("/api/v1/indicators", headers=bearer(plain))

    # then it is served and its recorded use is unchanged
    assert response.status_code == 200
    token.refresh_from_db()
    assert recorded is not None
    assert token.last_used_at == recorded


@pytest.mark.parametrize("state", ["revoked", "expired"])
def test_a_token_used_a_moment_ago_is_refused_at_once_once_revoked_or_expired(client: Client, state: str) -> None:
    # given a token used a moment ago (authenticated and its use recorded within the minute)
    token, plain = issue_api_token(organisation=producer(), scopes=["market:read"])
    assert client.get("/api/v1/indicators", headers=bearer(plain)).status_code == 200

    # when it is revoked or expires, and used again at once
    if state == "revoked":
        api_token_revoke(token=token, actor=token.created_by)
    else:
        token.expires_at = timezone.now() - timedelta(seconds=1)
        token.save(update_fields=["expires_at"])
    response = client.get("/api/v1/indicators", headers=bearer(plain))

    # then the very next request is refused: nothing about a token is cached between requests
    assert response.status_code == 401
    assert 'error="invalid_token"' in response["WWW-Authenticate"]
