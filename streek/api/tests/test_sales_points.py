from collections.abc import Callable
from datetime import date, datetime, time
from typing import Any
from unittest.mock import patch
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test import Client

from streek.api.schemas.sales_points import SalesPointMap, SalesPointPage
from streek.catalog.choices import SalesPointStatus, SalesPointType
from streek.catalog.models import SalesPoint
from streek.catalog.selectors import sales_points as sales_point_selectors
from streek.catalog.tests.factories import (
    ClosurePeriodFactory,
    OpeningRuleFactory,
    OrganisationFactory,
    SalesPointFactory,
    municipality,
)

from .conftest import concept

pytestmark = pytest.mark.django_db

LIST = "/api/v1/sales-points"
MAP = "/api/v1/sales-points/map"


def slugs(response: Any) -> set[str]:
    return {item["slug"] for item in response.json()["items"]}


# --- list -----------------------------------------------------------------------------------------------------------


def test_list_item_has_the_documented_fields(client: Client, make_points: Callable[..., list[SalesPoint]]) -> None:
    # given
    (point,) = make_points(1, name="Hoeve De Linde", street="Hasseltsesteenweg 5", cooled=True)

    # when
    response = client.get(LIST)

    # then
    assert response.status_code == 200
    body = response.json()
    assert body["next"] is None
    assert body["count"] is None
    item = body["items"][0]
    assert item["id"] == point.pk
    assert item["slug"] == point.slug
    assert item["name"] == "Hoeve De Linde"
    assert item["type"] == "farm_shop"
    assert item["type_label"]
    assert item["status"] == "active"
    assert item["municipality"] == {"code": "71053", "name": "Sint-Truiden"}
    assert item["address"] == "Hasseltsesteenweg 5, 3800 Sint-Truiden"
    assert item["lat"] == pytest.approx(50.8168)
    assert item["distance_km"] is None
    assert item["categories"] == ["fruit"]
    assert item["labels"] == ["Demeter"]
    assert item["cooled"] is True
    assert item["last_verified_at"] is None
    assert item["url"] == f"http://testserver/verkooppunt/{point.slug}/"
    assert item["is_open_now"] in (True, False)
    SalesPointPage.model_validate(body)


def test_is_open_now_follows_the_rules_of_today_and_closures(client: Client) -> None:
    # given: at 10:00 on a Monday, one point open now, one opening later, one closed today, one paused
    monday_ten = datetime(2030, 6, 3, 10, 0, tzinfo=ZoneInfo("Europe/Brussels"))
    open_now, later, closed, paused = (SalesPointFactory.create(slug=s) for s in ("open", "later", "closed", "paused"))
    for point in (open_now, closed, paused):
        OpeningRuleFactory.create(sales_point=point, weekday=0, opens=time(9), closes=time(12))
    OpeningRuleFactory.create(sales_point=later, weekday=0, opens=time(14), closes=time(18))
    ClosurePeriodFactory.create(sales_point=closed, start_date=date(2030, 6, 1), end_date=date(2030, 6, 10))
    SalesPoint.objects.filter(pk=paused.pk).update(status=SalesPointStatus.TEMPORARILY_CLOSED)

    # when
    with patch("streek.api.sales_points.local_now", return_value=monday_ten):
        items = client.get(LIST).json()["items"]

    # then
    assert {item["slug"]: item["is_open_now"] for item in items} == {
        "open": True,
        "later": False,
        "closed": False,
        "paused": False,
    }


@pytest.mark.parametrize("n", [3, 30])
def test_list_query_count_does_not_grow_with_the_data(
    n: int, client: Client, make_points: Callable[..., list[SalesPoint]], django_assert_num_queries: Any
) -> None:
    # given
    make_points(n)

    # when: points, category keys, label keys, open now
    with django_assert_num_queries(4):
        response = client.get(LIST, {"limit": "200"})

    # then
    assert len(response.json()["items"]) == n


@pytest.mark.parametrize("n", [3, 30])
def test_list_with_every_filter_has_a_constant_query_count(
    n: int, client: Client, make_points: Callable[..., list[SalesPoint]], django_assert_num_queries: Any
) -> None:
    # given
    make_points(n)
    params = {"near": "3800", "category": "fruit", "label": "Demeter", "region": "70000", "count": "true"}

    # when: geocode, category subtree, label subtree, region (3), count, points, category and label keys, open now
    with django_assert_num_queries(11):
        response = client.get(LIST, params)

    # then
    assert response.json()["count"] == n
    assert len(response.json()["items"]) == n


def test_list_shows_only_public_points(client: Client) -> None:
    # given
    SalesPointFactory.create(slug="open", status=SalesPointStatus.ACTIVE)
    SalesPointFactory.create(slug="paused", status=SalesPointStatus.TEMPORARILY_CLOSED)
    SalesPointFactory.create(slug="proposed", status=SalesPointStatus.PROPOSED)
    SalesPointFactory.create(slug="closed", status=SalesPointStatus.CLOSED)

    # when
    response = client.get(LIST)

    # then
    assert slugs(response) == {"open", "paused"}


def test_list_filters_on_repeatable_type(client: Client) -> None:
    SalesPointFactory.create(slug="shop", type=SalesPointType.FARM_SHOP)
    SalesPointFactory.create(slug="machine", type=SalesPointType.VENDING_MACHINE)
    SalesPointFactory.create(slug="market", type=SalesPointType.FARMERS_MARKET)

    response = client.get(f"{LIST}?type=farm_shop&type=vending_machine")

    assert slugs(response) == {"shop", "machine"}


def test_list_filters_on_category_including_narrower_types(client: Client) -> None:
    apples, bread = SalesPointFactory.create(slug="apples"), SalesPointFactory.create(slug="bread")
    apples.categories.add(concept("product_type", "apples"))
    bread.categories.add(concept("product_type", "bread"))

    response = client.get(LIST, {"category": "fruit"})

    assert slugs(response) == {"apples"}


def test_list_filters_on_label(client: Client) -> None:
    labelled = SalesPointFactory.create(slug="labelled")
    SalesPointFactory.create(slug="plain")
    labelled.labels.add(concept("facet", "Demeter"))

    response = client.get(LIST, {"label": "Certification"})

    assert slugs(response) == {"labelled"}


def test_list_filters_on_municipality_and_region(client: Client) -> None:
    SalesPointFactory.create(slug="sint-truiden")
    amsterdam = municipality("GM0363")
    SalesPointFactory.create(slug="amsterdam", municipality=amsterdam, lat=amsterdam.lat, lon=amsterdam.lon)

    assert slugs(client.get(LIST, {"municipality": "GM0363"})) == {"amsterdam"}
    assert slugs(client.get(LIST, {"region": "70000"})) == {"sint-truiden"}


def test_list_filters_on_bbox_and_cooled(client: Client) -> None:
    SalesPointFactory.create(slug="inside-cooled", lat=50.8, lon=5.2, cooled=True)
    SalesPointFactory.create(slug="inside-plain", lat=50.8, lon=5.2, cooled=False)
    SalesPointFactory.create(slug="outside", lat=52.3, lon=4.9, cooled=True)

    assert slugs(client.get(LIST, {"bbox": "5.0,50.7,5.4,50.9"})) == {"inside-cooled", "inside-plain"}
    assert slugs(client.get(LIST, {"bbox": "5.0,50.7,5.4,50.9", "cooled": "true"})) == {"inside-cooled"}


def test_list_filters_on_search_text(client: Client) -> None:
    SalesPointFactory.create(slug="linde", name="Hoeve De Linde")
    SalesPointFactory.create(slug="eik", name="Hof ter Eik")

    assert slugs(client.get(LIST, {"q": "linde"})) == {"linde"}


def test_list_filters_on_open_on(client: Client) -> None:
    saturday = date(2030, 6, 1)
    open_point = SalesPointFactory.create(slug="saturday")
    closed_point = SalesPointFactory.create(slug="monday")
    OpeningRuleFactory.create(sales_point=open_point, weekday=saturday.weekday(), opens=time(9), closes=time(12))
    OpeningRuleFactory.create(sales_point=closed_point, weekday=0, opens=time(9), closes=time(12))

    assert slugs(client.get(LIST, {"open_on": saturday.isoformat()})) == {"saturday"}


def test_near_sorts_by_distance_within_the_radius(client: Client) -> None:
    # given: Sint-Truiden (3800), a point 5 km away, a point 12 km away and one in Amsterdam
    SalesPointFactory.create(slug="far", lat=50.8168 + 12 / 111.2, lon=5.1865)
    SalesPointFactory.create(slug="near", lat=50.8168 + 5 / 111.2, lon=5.1865)
    SalesPointFactory.create(slug="amsterdam", lat=52.37, lon=4.89)

    # when
    response = client.get(LIST, {"near": "3800", "radius_km": "25"})

    # then
    items = response.json()["items"]
    assert [item["slug"] for item in items] == ["near", "far"]
    assert items[0]["distance_km"] == pytest.approx(5, abs=0.2)
    assert items[1]["distance_km"] == pytest.approx(12, abs=0.3)


# --- pagination -------------------------------------------------------------------------------------------------------


def walk(client: Client, url: str, params: dict[str, Any]) -> tuple[list[str], int]:
    seen: list[str] = []
    pages = 0
    response = client.get(url, params)
    while True:
        assert response.status_code == 200, response.content
        pages += 1
        body = response.json()
        seen.extend(item["slug"] for item in body["items"])
        if body["next"] is None:
            return seen, pages
        response = client.get(body["next"])


def test_next_cursor_walks_every_point_exactly_once_by_name(client: Client) -> None:
    # given: duplicate names, so that the id decides the order within a name
    points = [SalesPointFactory.create(name=name) for name in ["B", "A", "C", "A", "B", "A", "D"]]

    # when
    seen, pages = walk(client, LIST, {"limit": "3"})

    # then
    expected = [p.slug for p in sorted(points, key=lambda p: (p.name, p.pk))]
    assert seen == expected
    assert pages == 3


def test_next_cursor_walks_every_point_exactly_once_by_distance(client: Client) -> None:
    # given: equal distances, so that the id decides the order within a distance
    offsets = [0.01, 0.02, 0.01, 0.03, 0.02, 0.01, 0.04, 0.05]
    points = [SalesPointFactory.create(lat=50.8168 + offset, lon=5.1865) for offset in offsets]

    # when
    seen, pages = walk(client, LIST, {"limit": "2", "lat": "50.8168", "lon": "5.1865", "type": "farm_shop"})

    # then
    assert sorted(seen) == sorted(p.slug for p in points)
    assert len(seen) == len(set(seen)) == 8
    assert pages == 4
    by_slug = {p.slug: p for p in points}
    assert [round(by_slug[s].lat - 50.8168, 2) for s in seen] == sorted(offsets)


def test_next_link_keeps_the_filters(client: Client) -> None:
    SalesPointFactory.create_batch(3, type=SalesPointType.CSA)

    body = client.get(LIST, {"type": "csa", "limit": "1"}).json()

    assert "type=csa" in body["next"]
    assert "limit=1" in body["next"]


def test_count_on_request(client: Client) -> None:
    SalesPointFactory.create_batch(4)

    body = client.get(LIST, {"limit": "1", "count": "true"}).json()

    assert body["count"] == 4
    assert len(body["items"]) == 1


# --- bad parameters ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"type": "castle"}, "type"),
        ({"bbox": "1,2,3"}, "bbox"),
        ({"radius_km": "900", "near": "3800"}, "radius_km"),
        ({"open_on": "tomorrow"}, "open_on"),
        ({"near": "nowhere-at-all"}, "near"),
        ({"lat": "north", "lon": "5"}, "lat"),
        ({"limit": "0"}, "limit"),
        ({"limit": "201"}, "limit"),
        ({"cursor": "not-a-cursor"}, "cursor"),
    ],
)
def test_bad_parameters_give_a_problem_naming_the_parameter(
    client: Client, params: dict[str, str], parameter: str
) -> None:
    response = client.get(LIST, params)

    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 422
    assert body["title"]
    assert parameter in body["errors"]


def test_a_cursor_of_another_sort_order_is_refused(client: Client) -> None:
    SalesPointFactory.create_batch(3)
    by_name = client.get(LIST, {"limit": "1"}).json()["next"]
    cursor = by_name.split("cursor=")[1]

    response = client.get(LIST, {"limit": "1", "near": "3800", "cursor": cursor})

    assert response.status_code == 422
    assert "cursor" in response.json()["errors"]


# --- map --------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("n", [3, 30])
def test_map_gives_points_in_constant_queries(
    n: int, client: Client, make_points: Callable[..., list[SalesPoint]], django_assert_num_queries: Any
) -> None:
    make_points(n)

    # zoomed in: one query, the rows (at most one more than the marker limit), no separate count
    with django_assert_num_queries(1):
        response = client.get(MAP, {"bbox": "5.0,50.7,5.4,50.9", "zoom": "12"})

    body = response.json()
    SalesPointMap.model_validate(body)
    assert body["total"] == n
    assert body["clusters"] == []
    assert len(body["points"]) == n
    assert set(body["points"][0]) == {"id", "slug", "name", "type", "status", "lat", "lon"}


@pytest.mark.parametrize("n", [3, 30])
def test_map_clusters_above_the_threshold_in_constant_queries(
    n: int,
    client: Client,
    make_points: Callable[..., list[SalesPoint]],
    django_assert_num_queries: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # given: a threshold of 2 markers; points at two far apart places
    monkeypatch.setattr(sales_point_selectors, "MAP_CLUSTER_THRESHOLD", 2)
    make_points(n - 1)
    make_points(1, lat=51.2, lon=4.4)

    # when: zoomed out, the count, then the grid
    with django_assert_num_queries(2):
        response = client.get(MAP, {"zoom": "8", "bbox": "2.5,49.5,7.5,53.6"})

    # then
    body = response.json()
    assert body["total"] == n
    assert body["points"] == []
    assert sorted(c["count"] for c in body["clusters"]) == sorted([1, n - 1])


def test_map_filters_like_the_list(client: Client) -> None:
    SalesPointFactory.create(slug="shop", type=SalesPointType.FARM_SHOP)
    SalesPointFactory.create(slug="machine", type=SalesPointType.VENDING_MACHINE)

    body = client.get(MAP, {"type": "vending_machine"}).json()

    assert [p["slug"] for p in body["points"]] == ["machine"]


@pytest.mark.parametrize(("params", "parameter"), [({"zoom": "99"}, "zoom"), ({"bbox": "a,b,c,d"}, "bbox")])
def test_map_bad_parameters_give_a_problem(client: Client, params: dict[str, str], parameter: str) -> None:
    response = client.get(MAP, params)

    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert parameter in response.json()["errors"]


# --- detail -----------------------------------------------------------------------------------------------------------


def test_detail_shows_hours_closures_payment_accessibility_and_operator(
    client: Client, make_points: Callable[..., list[SalesPoint]], django_assert_num_queries: Any
) -> None:
    # given
    operator = OrganisationFactory.create(name="Hoeve De Linde bv", slug="hoeve-de-linde")
    (point,) = make_points(1, operator=operator, payment_methods=["cash", "payconiq"], accessibility=["parking"])
    # PostgreSQL aggregates rules, closures, categories and labels into the point's query; SQLite needs 4.
    expected = 1 if connection.vendor == "postgresql" else 4

    # when
    with django_assert_num_queries(expected):
        response = client.get(f"{LIST}/{point.slug}")

    # then
    assert response.status_code == 200
    body = response.json()
    assert body["slug"] == point.slug
    assert [(r["weekday"], r["opens"], r["closes"]) for r in body["opening_rules"]] == [
        (0, "09:00:00", "12:00:00"),
        (5, "14:00:00", "18:00:00"),
    ]
    assert body["closures"] == [{"start_date": "2030-01-01", "end_date": "2030-01-07", "reason": ""}]
    assert [m["key"] for m in body["payment_methods"]] == ["cash", "payconiq"]
    assert [a["key"] for a in body["accessibility"]] == ["parking"]
    assert body["categories"][0]["key"] == "fruit"
    assert body["labels"][0]["key"] == "Demeter"
    assert body["operator"]["slug"] == "hoeve-de-linde"
    assert body["operator"]["url"] == "http://testserver/api/v1/organisations/hoeve-de-linde"
    assert body["province"] == "Provincie Limburg"
    assert set(body["opening_status"]) == {"is_open", "closes_at", "next_opening"}


@pytest.mark.parametrize("status", [SalesPointStatus.PROPOSED, SalesPointStatus.REJECTED, SalesPointStatus.CLOSED])
def test_detail_of_a_non_public_point_is_not_found(client: Client, status: str) -> None:
    point = SalesPointFactory.create(status=status)

    response = client.get(f"{LIST}/{point.slug}")

    assert response.status_code == 404


def test_unknown_slug_gives_a_404_problem(client: Client) -> None:
    response = client.get(f"{LIST}/does-not-exist")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 404
    assert response.json()["title"]


@pytest.fixture
def grid_cache(settings: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """The cluster grid cache on (it is off in the test settings), empty, with a threshold of 2 markers."""
    from django.core.cache import cache

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "grid"}}
    settings.STREEK_MAP_GRID_CACHE_SECONDS = 60
    monkeypatch.setattr(sales_point_selectors, "MAP_CLUSTER_THRESHOLD", 2)
    cache.clear()


def test_map_clusters_come_from_the_cached_grid(
    client: Client, make_points: Callable[..., list[SalesPoint]], django_assert_num_queries: Any, grid_cache: None
) -> None:
    # given: 4 points in Sint-Truiden and 1 in Antwerp
    make_points(4)
    make_points(1, lat=51.2, lon=4.4)
    params = {"zoom": "8", "bbox": "2.5,49.5,7.5,53.6"}

    # when: the first viewport computes the grid (one GROUP BY), the next ones read it
    with django_assert_num_queries(1):
        first = client.get(MAP, params).json()
    with django_assert_num_queries(0):
        again = client.get(MAP, {"zoom": "8", "bbox": "2.6,49.6,7.4,53.5"}).json()

    # then
    assert first["total"] == 5
    assert sorted(c["count"] for c in first["clusters"]) == [1, 4]
    assert again["clusters"] == first["clusters"]


def test_map_with_cached_grid_gives_points_when_the_viewport_holds_few(
    client: Client, make_points: Callable[..., list[SalesPoint]], django_assert_num_queries: Any, grid_cache: None
) -> None:
    # given: many points in Sint-Truiden, one in Antwerp; a viewport on Antwerp only
    make_points(4)
    (antwerp,) = make_points(1, lat=51.2, lon=4.4)

    # when
    client.get(MAP, {"zoom": "8"})
    with django_assert_num_queries(1):
        body = client.get(MAP, {"zoom": "8", "bbox": "4.2,51.0,4.6,51.4"}).json()

    # then: the exact point, not a cluster
    assert body["clusters"] == []
    assert [p["slug"] for p in body["points"]] == [antwerp.slug]
    assert body["total"] == 1


def test_map_with_cached_grid_keeps_the_filters_apart(
    client: Client, make_points: Callable[..., list[SalesPoint]], grid_cache: None
) -> None:
    make_points(3, type=SalesPointType.FARM_SHOP)
    make_points(3, type=SalesPointType.CSA)

    shops = client.get(MAP, {"zoom": "8", "type": "farm_shop"}).json()
    csa = client.get(MAP, {"zoom": "8", "type": "csa"}).json()
    every = client.get(MAP, {"zoom": "8"}).json()

    assert shops["total"] == csa["total"] == 3
    assert every["total"] == 6
