"""The directory's anonymous pages and API answers come from the shared response cache until a service writes."""

from datetime import time
from typing import Any

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from streek.accounts.tests.factories import UserFactory
from streek.catalog.services.organisations import organisation_update
from streek.catalog.services.sales_points import sales_point_set_hours, sales_point_update
from streek.catalog.tests.factories import OrganisationFactory, SalesPointFactory
from streek.core.response_cache import CACHE_HEADER, CSRF_PLACEHOLDER

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("response_cache_on")]


def point_url(slug: str) -> str:
    return reverse("web:sales_point_detail", args=[slug])


def test_second_anonymous_visit_is_served_from_the_cache(client: Client) -> None:
    point = SalesPointFactory(name="Hoevewinkel De Linde")

    first = client.get(point_url(point.slug))
    second = client.get(point_url(point.slug))

    assert first[CACHE_HEADER] == "miss"
    assert second[CACHE_HEADER] == "hit"
    assert "Hoevewinkel De Linde" in second.content.decode()


def test_a_write_through_a_service_makes_the_pages_stale(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    officer = UserFactory()
    point = SalesPointFactory(name="Oude naam")
    client.get(point_url(point.slug))
    client.get(reverse("web:sales_point_list"))

    with django_capture_on_commit_callbacks(execute=True):
        sales_point_update(sales_point=point, actor=officer, name="Nieuwe naam")
    page = client.get(point_url(point.slug))
    listing = client.get(reverse("web:sales_point_list"))

    assert page[CACHE_HEADER] == "miss"
    assert "Nieuwe naam" in page.content.decode()
    assert listing[CACHE_HEADER] == "miss"
    assert "Nieuwe naam" in listing.content.decode()


def test_new_opening_hours_make_the_api_answer_stale(client: Client, django_capture_on_commit_callbacks: Any) -> None:
    point = SalesPointFactory()
    url = reverse("api-1:sales_point_detail", kwargs={"slug": point.slug})
    client.get(url)
    assert client.get(url)[CACHE_HEADER] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        sales_point_set_hours(
            sales_point=point, actor=None, rules=[{"weekday": 2, "opens": time(9), "closes": time(12)}]
        )
    response = client.get(url)

    assert response[CACHE_HEADER] == "miss"
    assert [rule["weekday"] for rule in response.json()["opening_rules"]] == [2]


def test_a_renamed_operator_makes_the_point_page_stale(client: Client, django_capture_on_commit_callbacks: Any) -> None:
    farm = OrganisationFactory(name="Hoeve Oud")
    point = SalesPointFactory(operator=farm)
    client.get(point_url(point.slug))

    with django_capture_on_commit_callbacks(execute=True):
        organisation_update(organisation=farm, actor=UserFactory(is_superuser=True), name="Hoeve Nieuw")
    response = client.get(point_url(point.slug))

    assert response[CACHE_HEADER] == "miss"
    assert "Hoeve Nieuw" in response.content.decode()


def test_a_rolled_back_write_keeps_the_cache(client: Client, django_capture_on_commit_callbacks: Any) -> None:
    point = SalesPointFactory()
    client.get(point_url(point.slug))

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        sales_point_update(sales_point=point, actor=UserFactory(), name="Niet bewaard")
    response = client.get(point_url(point.slug))  # the callbacks did not run: nothing was committed

    assert len(callbacks) >= 1
    assert response[CACHE_HEADER] == "hit"


def test_logged_in_visitors_never_get_a_cached_page(client: Client) -> None:
    point = SalesPointFactory()
    client.get(point_url(point.slug))  # an anonymous visit fills the cache
    user = UserFactory(username="ambtenaar")
    client.force_login(user)

    response = client.get(point_url(point.slug))

    assert response[CACHE_HEADER] == "bypass"
    assert reverse("web:logout") in response.content.decode()


def test_api_requests_with_credentials_bypass_the_cache(client: Client) -> None:
    point = SalesPointFactory()
    url = reverse("api-1:sales_point_detail", kwargs={"slug": point.slug})
    client.get(url)

    response = client.get(url, HTTP_AUTHORIZATION="Bearer not-a-token")

    assert response.get(CACHE_HEADER) != "hit"
    assert response.status_code != 200


def test_every_visitor_gets_their_own_csrf_token(client: Client) -> None:
    point = SalesPointFactory()
    first = Client().get(point_url(point.slug))
    second = Client().get(point_url(point.slug))

    html = second.content.decode()
    assert second[CACHE_HEADER] == "hit"
    assert CSRF_PLACEHOLDER not in html
    assert CSRF_PLACEHOLDER not in first.content.decode()
    assert "csrfmiddlewaretoken" in html
    assert second.cookies["csrftoken"].value != first.cookies["csrftoken"].value


def test_the_language_is_part_of_the_key(client: Client) -> None:
    url = reverse("web:sales_point_list")
    Client().get(url, HTTP_ACCEPT_LANGUAGE="nl")

    english = Client().get(url, HTTP_ACCEPT_LANGUAGE="en")

    assert english[CACHE_HEADER] == "miss"
    assert english["Content-Language"] == "en"


def test_the_query_string_is_part_of_the_key(client: Client) -> None:
    SalesPointFactory(name="Hoevewinkel", type="farm_shop")
    SalesPointFactory(name="Automaat", type="vending_machine")
    url = reverse("api-1:sales_point_list")
    client.get(url, {"type": "farm_shop"})

    response = client.get(url, {"type": "vending_machine"})

    assert response[CACHE_HEADER] == "miss"
    assert [item["name"] for item in response.json()["items"]] == ["Automaat"]


def test_missing_points_are_not_cached(client: Client) -> None:
    client.get(point_url("onbekend"))

    response = client.get(point_url("onbekend"))

    assert response.status_code == 404
    assert response.get(CACHE_HEADER) != "hit"


@override_settings(STREEK_RESPONSE_CACHE_SECONDS=0)
def test_off_when_the_lifetime_is_zero(client: Client) -> None:
    point = SalesPointFactory()
    client.get(point_url(point.slug))

    assert client.get(point_url(point.slug))[CACHE_HEADER] == "bypass"


def test_pages_are_private_and_api_answers_public_for_http_caches(client: Client) -> None:
    point = SalesPointFactory()

    page = client.get(point_url(point.slug))
    answer = client.get(reverse("api-1:sales_point_detail", kwargs={"slug": point.slug}))

    assert "private" in page["Cache-Control"]
    assert "public" in answer["Cache-Control"]
    assert "max-age=60" in answer["Cache-Control"]
    assert {"Accept-Language", "Cookie", "Authorization"} <= {v.strip() for v in answer["Vary"].split(",")}
