"""The web map data answered from the map index: the same body as the query path, no query once built."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import caches
from django.test import Client
from django.urls import reverse

from streek.catalog.selectors.map_index import map_index_clear
from streek.catalog.tests.factories import SalesPointFactory

pytestmark = pytest.mark.django_db
URL = reverse("web:map_data")


@pytest.fixture
def index_on(settings: Any) -> Iterator[None]:
    settings.CACHES = {
        **settings.CACHES,
        "directory": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "web-map-index"},
    }
    settings.STREEK_MAP_INDEX_SECONDS = 60
    settings.STREEK_RESPONSE_CACHE_SECONDS = 0
    caches["directory"].clear()
    map_index_clear()
    yield
    map_index_clear()
    caches["directory"].clear()


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize(
    "params",
    [
        {"bbox": "5.0,50.7,5.3,50.9", "zoom": "12"},
        {"zoom": "8", "type": "vending_machine"},
        {"bbox": "nonsense", "zoom": "far", "type": "castle"},
    ],
)
def test_map_data_from_the_index_is_the_body_of_the_query_path(
    client: Client, settings: Any, index_on: None, params: dict[str, str], language: str
) -> None:
    SalesPointFactory(name='Één "automaat"', slug="een", type="vending_machine", lat=50.81, lon=5.18)
    SalesPointFactory(name="Hoeve", lat=50.82, lon=5.19)

    indexed = client.get(URL, params, HTTP_ACCEPT_LANGUAGE=language)
    settings.STREEK_MAP_INDEX_SECONDS = 0
    queried = client.get(URL, params, HTTP_ACCEPT_LANGUAGE=language)

    assert indexed.content == queried.content
    assert indexed["Content-Type"] == "application/json"


@pytest.mark.parametrize("count", [3, 30])
def test_map_data_from_the_index_costs_no_query_once_built(
    client: Client, django_assert_num_queries: Any, index_on: None, count: int
) -> None:
    SalesPointFactory.create_batch(count)
    client.get(URL, {"bbox": "4,50,6,52", "zoom": "10", "type": "farm_shop"})

    with django_assert_num_queries(0):
        response = client.get(URL, {"bbox": "4.5,50.5,6,52", "zoom": "10", "type": "farm_shop"})

    assert response.json()["total"] == count
