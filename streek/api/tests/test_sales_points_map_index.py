"""The map endpoint answered from the map index: the same body as the query path, no query once built."""

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.core.cache import caches
from django.test import Client

from streek.api.schemas.sales_points import SalesPointMap
from streek.catalog.models import SalesPoint
from streek.catalog.selectors import sales_points as sales_point_selectors
from streek.catalog.selectors.map_index import map_index_clear
from streek.catalog.services.sales_points import sales_point_update

MAP = "/api/v1/sales-points/map"


@pytest.fixture
def index_on(settings: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The map index on: a local-memory store for the directory generation (the answers are not cached)."""
    settings.CACHES = {
        **settings.CACHES,
        "directory": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "api-map-index"},
    }
    settings.STREEK_MAP_INDEX_SECONDS = 60
    settings.STREEK_RESPONSE_CACHE_SECONDS = 0
    monkeypatch.setattr(sales_point_selectors, "MAP_CLUSTER_THRESHOLD", 2)
    caches["directory"].clear()
    map_index_clear()
    yield
    map_index_clear()
    caches["directory"].clear()


@pytest.mark.parametrize("n", [3, 30])
def test_map_from_the_index_costs_no_query_once_built(
    n: int, client: Client, make_points: Callable[..., list[SalesPoint]], django_assert_num_queries: Any, index_on: None
) -> None:
    # given: n points in Sint-Truiden, one in Antwerp
    make_points(n)
    make_points(1, lat=51.2, lon=4.4)
    client.get(MAP, {"zoom": "8", "type": "farm_shop"})  # builds the index (1 query) and the type's mask (1 query)

    # when: zoomed out (clusters), zoomed in (points), another filter set's first viewport
    with django_assert_num_queries(0):
        clusters = client.get(MAP, {"zoom": "8", "type": "farm_shop", "bbox": "2.5,49.5,7.5,53.6"}).json()
        points = client.get(MAP, {"zoom": "12", "type": "farm_shop", "bbox": "4.2,51.0,4.6,51.4"}).json()
    # a new filter set: its mask, once (the label's narrower concepts, then the ids of the matching points)
    with django_assert_num_queries(2):
        client.get(MAP, {"zoom": "12", "label": "Demeter", "bbox": "4.2,51.0,4.6,51.4"})

    # then
    assert clusters["total"] == n + 1
    assert sorted(c["count"] for c in clusters["clusters"]) == [1, n]
    assert [p["lat"] for p in points["points"]] == [51.2]
    SalesPointMap.model_validate(points)


@pytest.mark.parametrize(
    "params",
    [
        {"zoom": "8"},
        {"zoom": "8", "bbox": "4.2,51.0,4.6,51.4"},
        {"zoom": "12", "bbox": "5.0,50.7,5.4,50.9"},
        {"zoom": "15", "bbox": "5.0,50.7,5.4,50.9"},
        {"zoom": "12", "bbox": "2.5,49.5,7.5,53.6", "category": "fruit"},
    ],
)
def test_map_from_the_index_is_the_body_of_the_query_path(
    params: dict[str, str],
    client: Client,
    make_points: Callable[..., list[SalesPoint]],
    settings: Any,
    index_on: None,
) -> None:
    make_points(4)
    make_points(1, lat=51.2, lon=4.4)

    indexed = client.get(MAP, params).content
    settings.STREEK_MAP_INDEX_SECONDS = 0
    queried = client.get(MAP, params).content

    assert indexed == queried


def test_a_committed_write_shows_on_the_next_map(
    client: Client,
    make_points: Callable[..., list[SalesPoint]],
    django_capture_on_commit_callbacks: Any,
    index_on: None,
) -> None:
    # given
    (point,) = make_points(1)
    params = {"zoom": "14", "bbox": "5.1,50.7,5.3,50.9"}
    assert client.get(MAP, params).json()["points"][0]["name"] == point.name

    # when
    with django_capture_on_commit_callbacks(execute=True):
        sales_point_update(sales_point=point, actor=None, name="Hoeve Nieuw")

    # then
    assert client.get(MAP, params).json()["points"][0]["name"] == "Hoeve Nieuw"
