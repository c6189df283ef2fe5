"""The public list endpoints answer anonymous clients from the shared response cache until a service changes what
they show; clients with a token or a session always get a fresh answer."""

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from streek.accounts.tests.factories import AdminUserFactory, UserFactory, issue_api_token
from streek.catalog.services.organisations import organisation_update
from streek.catalog.services.products import product_update
from streek.catalog.tests.factories import OrganisationFactory, ProductFactory, VariantFactory
from streek.core.response_cache import CACHE_HEADER
from streek.market.services.posts import offer_withdraw
from streek.market.tests.factories import OfferFactory, RequestFactory
from streek.orders.choices import CycleStatus
from streek.orders.services.cycles import order_cycle_update
from streek.orders.tests.factories import OrderCycleFactory
from streek.strategy.services.goals import goal_update
from streek.strategy.tests.factories import published_goal

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("response_cache_on")]


def _twice(client: Client, url: str) -> Any:
    first = client.get(url)
    assert first.status_code == 200, first.content
    assert first[CACHE_HEADER] == "miss"
    second = client.get(url)
    assert second[CACHE_HEADER] == "hit"
    assert second.json() == first.json()
    return second


def test_a_product_change_makes_the_product_and_variant_lists_stale(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    product = ProductFactory(name_nl="Oude naam")
    VariantFactory(product=product)
    products, variants = reverse("api-1:product_list"), reverse("api-1:variant_list")
    _twice(client, products)
    _twice(client, variants)

    with django_capture_on_commit_callbacks(execute=True):
        product_update(product=product, actor=AdminUserFactory(), name_nl="Nieuwe naam")
    response = client.get(products)

    assert response[CACHE_HEADER] == "miss"
    assert response.json()["items"][0]["name"] == "Nieuwe naam"
    assert client.get(variants)[CACHE_HEADER] == "miss"


def test_a_renamed_organisation_makes_the_organisation_list_stale(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    farm = OrganisationFactory(name="Hoeve Oud")
    url = reverse("api-1:organisation_list")
    _twice(client, url)

    with django_capture_on_commit_callbacks(execute=True):
        organisation_update(organisation=farm, actor=AdminUserFactory(), name="Hoeve Nieuw")
    response = client.get(url)

    assert response[CACHE_HEADER] == "miss"
    assert [item["name"] for item in response.json()["items"]] == ["Hoeve Nieuw"]


def test_a_withdrawn_offer_leaves_the_board_at_once(client: Client, django_capture_on_commit_callbacks: Any) -> None:
    offer = OfferFactory()
    RequestFactory()
    offers, requests = reverse("api-1:offer_list"), reverse("api-1:request_list")
    assert len(_twice(client, offers).json()["items"]) == 1
    _twice(client, requests)

    with django_capture_on_commit_callbacks(execute=True):
        offer_withdraw(offer=offer, actor=None)
    response = client.get(offers)

    assert response[CACHE_HEADER] == "miss"
    assert response.json()["items"] == []
    assert client.get(requests)[CACHE_HEADER] == "miss"


def test_a_changed_goal_makes_the_goal_list_stale(client: Client, django_capture_on_commit_callbacks: Any) -> None:
    goal = published_goal(title="Meer korte keten")
    url = reverse("api-1:goal_list")
    _twice(client, url)

    with django_capture_on_commit_callbacks(execute=True):
        goal_update(goal=goal, actor=AdminUserFactory(), title="Dubbel zoveel korte keten")
    response = client.get(url)

    assert response[CACHE_HEADER] == "miss"
    assert response.json()["items"][0]["title"] == "Dubbel zoveel korte keten"


def test_a_changed_cycle_makes_the_hub_cycle_list_stale(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    cycle = OrderCycleFactory(name="Week 12", status=CycleStatus.PUBLISHED)
    url = reverse("api-1:hub_cycle_list", kwargs={"hub_id": cycle.hub_id})
    _twice(client, url)

    with django_capture_on_commit_callbacks(execute=True):
        order_cycle_update(
            actor=AdminUserFactory(), cycle=cycle, name="Week 13", closes_at=cycle.closes_at + timedelta(hours=1)
        )
    response = client.get(url)

    assert response[CACHE_HEADER] == "miss"
    assert response.json()["items"][0]["name"] == "Week 13"


def test_token_and_session_clients_are_never_served_from_the_cache(client: Client) -> None:
    user = UserFactory()
    organisation = OrganisationFactory()
    _token, plain = issue_api_token(organisation=organisation, scopes=["market:read"])
    url = reverse("api-1:organisation_list")
    _twice(client, url)

    with_token = client.get(url, HTTP_AUTHORIZATION=f"Bearer {plain}")
    signed_in = Client()
    signed_in.force_login(user)
    with_session = signed_in.get(url)

    assert with_token[CACHE_HEADER] == "bypass"
    assert with_session[CACHE_HEADER] == "bypass"
    # the cached anonymous answer is still served to others
    assert client.get(url)[CACHE_HEADER] == "hit"
