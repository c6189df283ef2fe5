from typing import Any

import pytest
from django.test import Client

from streek.territory.models import CustomRegion, Municipality

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("limit", [3, 30])
def test_municipality_list_query_count_does_not_grow_with_the_page(
    limit: int, client: Client, django_assert_num_queries: Any
) -> None:
    with django_assert_num_queries(1):
        response = client.get("/api/v1/municipalities", {"limit": str(limit)})

    assert len(response.json()["items"]) == limit


def test_municipality_list_filters_on_country_province_and_search(client: Client) -> None:
    def codes(params: dict[str, Any]) -> list[str]:
        return [m["code"] for m in client.get("/api/v1/municipalities", {"limit": "200", **params}).json()["items"]]

    assert all(code.startswith("GM") for code in codes({"country": "NL"}))
    assert set(codes({"province": "70000"})) == set(
        Municipality.objects.filter(province__code="70000").values_list("code", flat=True)
    )
    assert codes({"q": "Sint-Truiden"}) == ["71053"]
    assert codes({"q": "Saint-Trond"}) == ["71053"]


def test_municipality_cursor_walks_every_municipality_of_a_province_once(client: Client) -> None:
    expected = list(
        Municipality.objects.filter(province__code="PV31").order_by("name_nl", "id").values_list("code", flat=True)
    )
    seen: list[str] = []
    response = client.get("/api/v1/municipalities", {"province": "PV31", "limit": "7"})
    while True:
        body = response.json()
        seen.extend(m["code"] for m in body["items"])
        if body["next"] is None:
            break
        response = client.get(body["next"])

    assert seen == expected


def test_unknown_country_gives_a_problem_naming_the_parameter(client: Client) -> None:
    response = client.get("/api/v1/municipalities", {"country": "FR"})

    assert response.status_code == 422
    assert "country" in response.json()["errors"]


def test_municipality_detail(client: Client) -> None:
    response = client.get("/api/v1/municipalities/71053")

    body = response.json()
    assert body["name"] == "Sint-Truiden"
    assert body["name_fr"] == "Saint-Trond"
    assert body["country"] == "BE"
    assert body["province"]["code"] == "70000"
    assert "3800" in body["postal_codes"]


def test_unknown_municipality_gives_a_404_problem(client: Client) -> None:
    response = client.get("/api/v1/municipalities/00000")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize("n", [3, 30])
def test_region_list_query_count_does_not_grow_with_the_data(
    n: int, client: Client, django_assert_num_queries: Any
) -> None:
    # given
    municipalities = list(Municipality.objects.order_by("code")[:2])
    for i in range(n):
        CustomRegion.objects.create(name=f"Streek {i:02}", slug=f"streek-{i:02}").municipalities.set(municipalities)

    # when
    with django_assert_num_queries(2):
        response = client.get("/api/v1/regions")

    # then
    items = response.json()["items"]
    custom = [r for r in items if r["kind"] == "custom"]
    assert len(custom) == n
    assert custom[0] == {
        "kind": "custom",
        "slug": "streek-00",
        "name": "Streek 00",
        "country": None,
        "municipality_count": 2,
        "url": "http://testserver/api/v1/regions/streek-00",
    }
    assert {r["slug"] for r in items if r["kind"] == "province"} >= {"70000", "PV31"}


def test_custom_region_detail_lists_its_municipality_codes(client: Client) -> None:
    region = CustomRegion.objects.create(name="Haspengouw", slug="haspengouw", description="Fruitstreek")
    region.municipalities.set(Municipality.objects.filter(code__in=["71053", "73109"]))

    body = client.get("/api/v1/regions/haspengouw").json()

    assert body["kind"] == "custom"
    assert body["description"] == "Fruitstreek"
    assert body["municipalities"] == ["71053", "73109"]


def test_province_detail_by_code(client: Client) -> None:
    body = client.get("/api/v1/regions/70000").json()

    assert body["kind"] == "province"
    assert body["country"] == "BE"
    assert "71053" in body["municipalities"]
    assert body["municipality_count"] == len(body["municipalities"])


def test_unknown_region_gives_a_404_problem(client: Client) -> None:
    response = client.get("/api/v1/regions/atlantis")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
