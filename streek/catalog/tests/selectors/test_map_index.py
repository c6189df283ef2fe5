"""The map index (streek.catalog.selectors.map_index) gives the answers of the query path, without its queries."""

import json
import math
import random
import time
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from streek.catalog.models import Concept, SalesPoint
from streek.catalog.selectors import map_index
from streek.catalog.selectors import sales_points as selectors
from streek.catalog.selectors.map_index import PointPieces, map_index_clear, map_index_current
from streek.catalog.selectors.sales_points import MapResult, SalesPointFilters, sales_point_map
from streek.catalog.services.sales_points import sales_point_update
from streek.core.geo import BoundingBox, Point
from streek.territory.models import Municipality

pytestmark = pytest.mark.django_db

TYPES = ["farm_shop", "vending_machine", "honesty_stall", "csa"]
STATUSES = ["active", "active", "active", "temporarily_closed", "proposed", "closed"]
CATEGORIES = ["vegetable", "carrot", "fruit", "dairy-product", "cow-dairy-product"]
LABELS = ["Demeter", "FSC", "Asia"]
MUNICIPALITIES = ["71053", "11002", "44021", "GM0363", "GM0983"]
THRESHOLD = 40


@pytest.fixture
def index_on(settings: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The map index on (a local-memory store for the directory generation), a threshold of 40 markers."""
    settings.CACHES = {
        **settings.CACHES,
        "directory": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "map-index-tests"},
    }
    settings.STREEK_MAP_INDEX_SECONDS = 60
    monkeypatch.setattr(selectors, "MAP_CLUSTER_THRESHOLD", THRESHOLD)
    caches["directory"].clear()
    map_index_clear()
    yield
    map_index_clear()
    caches["directory"].clear()


def make_points(n: int, seed: int = 1) -> list[SalesPoint]:
    """n points around a few municipalities, with random types, statuses, categories and labels."""
    rng = random.Random(seed)
    places = list(Municipality.objects.filter(code__in=MUNICIPALITIES))
    points = SalesPoint.objects.bulk_create(
        SalesPoint(
            name=rng.choice(["Hoeve ", "Ferme ", "Bij Één ", 'Z"uivel ']) + str(i),
            slug=f"p-{i}",
            type=rng.choice(TYPES),
            status=rng.choice(STATUSES),
            municipality=(place := rng.choice(places)),
            lat=round((place.lat or 50.8) + rng.gauss(0, 0.08), rng.choice([3, 5, 7])),
            lon=round((place.lon or 5.2) + rng.gauss(0, 0.12), rng.choice([3, 5, 7])),
        )
        for i in range(n)
    )
    categories = list(Concept.objects.filter(scheme="product_type", key__in=CATEGORIES))
    labels = list(Concept.objects.filter(scheme="facet", key__in=LABELS))
    for point in points:
        point.categories.add(*rng.sample(categories, rng.randint(0, 2)))
        point.labels.add(*rng.sample(labels, rng.randint(0, 1)))
    return points


def viewports(rng: random.Random, count: int) -> Iterator[tuple[BoundingBox | None, int]]:
    """Viewports of 1280 x 800 px at zoom 7..16 around the municipalities (and a few without a box)."""
    centres = [
        (lat or 50.8, lon or 5.2)
        for lat, lon in Municipality.objects.filter(code__in=MUNICIPALITIES).values_list("lat", "lon")
    ]
    for _ in range(count):
        zoom = rng.randint(7, 16)
        if rng.random() < 0.1:
            yield None, zoom
            continue
        lat, lon = rng.choice(centres)
        lat, lon = lat + rng.uniform(-0.1, 0.1), lon + rng.uniform(-0.1, 0.1)
        half_w = 640 * 360.0 / (256 * 2**zoom)
        half_h = 400 * 360.0 / (256 * 2**zoom) * math.cos(math.radians(lat))
        yield BoundingBox(south=lat - half_h, west=lon - half_w, north=lat + half_h, east=lon + half_w), zoom


FILTER_SETS = [
    SalesPointFilters(),
    SalesPointFilters(types=("farm_shop",)),
    SalesPointFilters(types=("vending_machine", "csa")),
    SalesPointFilters(categories=("dairy-product",)),
    SalesPointFilters(labels=("Demeter",)),
    SalesPointFilters(municipality="71053"),
    SalesPointFilters(region="70000"),
    SalesPointFilters(types=("farm_shop",), categories=("vegetable",), cooled=False),
    SalesPointFilters(search="ferme"),
    SalesPointFilters(near=Point(lat=50.82, lon=5.19), radius_km=10),
    SalesPointFilters(statuses=("active",)),
]


def assert_same(indexed: MapResult, queried: MapResult) -> None:
    assert indexed.from_index and not queried.from_index
    assert indexed.total == queried.total
    assert indexed.points == queried.points
    assert indexed.points_json() == queried.points_json()
    pieces = PointPieces(type_labels={"farm_shop": "Hoevewinkel"}, url="/verkooppunt/-slug-/")
    assert indexed.points_json(pieces) == queried.points_json(pieces)
    assert [c[:3] for c in indexed.cells] == [c[:3] for c in queried.cells]
    # Means of the same points, summed in another order: equal up to rounding.
    for mine, theirs in zip(indexed.cells, queried.cells, strict=True):
        assert mine[3] == pytest.approx(theirs[3], abs=1e-9)
        assert mine[4] == pytest.approx(theirs[4], abs=1e-9)


@pytest.mark.parametrize("grid_cache", [0, 60])
def test_index_gives_the_answers_of_the_query_path(index_on: None, settings: Any, grid_cache: int) -> None:
    # given: points, random viewports and filter sets; with and without whole-cell clusters at low zoom
    make_points(700)
    settings.STREEK_MAP_GRID_CACHE_SECONDS = grid_cache
    rng = random.Random(grid_cache)
    kinds = {"points": 0, "clusters": 0}

    for box, zoom in viewports(rng, 120):
        filters = replace(rng.choice(FILTER_SETS), bbox=box)

        # when
        settings.STREEK_MAP_INDEX_SECONDS = 60
        indexed = sales_point_map(filters, zoom=zoom)
        settings.STREEK_MAP_INDEX_SECONDS = 0
        queried = sales_point_map(filters, zoom=zoom)

        # then
        assert_same(indexed, queried)
        kinds["clusters" if indexed.cells else "points"] += 1
    assert min(kinds.values()) > 10


def test_open_now_keeps_the_query_path(index_on: None) -> None:
    make_points(20)

    result = sales_point_map(SalesPointFilters(open_now=True), zoom=12)

    assert not result.from_index


def test_a_committed_write_makes_the_next_answer_fresh(
    index_on: None, django_capture_on_commit_callbacks: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given: an index built for the current generation
    (point,) = make_points(1)
    point.status = "active"
    point.save()
    box = BoundingBox(south=point.lat - 0.01, west=point.lon - 0.01, north=point.lat + 0.01, east=point.lon + 0.01)
    filters = SalesPointFilters(bbox=box)
    before = sales_point_map(filters, zoom=14)
    assert before.from_index
    assert [p["name"] for p in before.points] == [point.name]

    # when: a catalogue service changes the point and commits
    with django_capture_on_commit_callbacks(execute=True):
        sales_point_update(sales_point=point, actor=None, name="Nieuwe naam")

    # then: the next answer is fresh; within REBUILD_SECONDS of the last build from the query path
    soon = sales_point_map(filters, zoom=14)
    assert not soon.from_index
    assert [p["name"] for p in soon.points] == ["Nieuwe naam"]
    # and after that from a new index
    built_at = time.monotonic()
    monkeypatch.setattr(map_index.time, "monotonic", lambda: built_at + map_index.REBUILD_SECONDS)
    later = sales_point_map(filters, zoom=14)
    assert later.from_index
    assert [p["name"] for p in later.points] == ["Nieuwe naam"]


def test_a_write_without_commit_keeps_the_index(index_on: None) -> None:
    # given
    (point, *_others) = make_points(3)
    index = map_index_current()

    # when: the generation only changes on commit (the test transaction never commits)
    sales_point_update(sales_point=point, actor=None, name="Nog niet")

    # then
    assert map_index_current() is index


def test_index_expires_after_its_lifetime(index_on: None, monkeypatch: pytest.MonkeyPatch) -> None:
    make_points(3)
    index = map_index_current()
    assert index is not None

    monkeypatch.setattr(map_index.time, "monotonic", lambda: index.built_at + 61)

    assert map_index_current() not in (index, None)


def test_index_is_off_without_a_shared_store(settings: Any) -> None:
    map_index_clear()
    settings.STREEK_MAP_INDEX_SECONDS = 60
    make_points(3)

    assert map_index_current() is None
    assert not sales_point_map(SalesPointFilters(), zoom=12).from_index


def test_index_answers_without_queries_once_built(index_on: None) -> None:
    # given
    make_points(50)
    farm_shops = SalesPointFilters(types=("farm_shop",), bbox=BoundingBox(south=49, west=2, north=54, east=8))

    # when: the first answers build the index (one query) and the filter set's mask (one query)
    with CaptureQueriesContext(connection) as building:
        sales_point_map(farm_shops, zoom=12)
    with CaptureQueriesContext(connection) as answering:
        for zoom in (8, 11, 12, 14, 16):
            sales_point_map(replace(farm_shops, bbox=BoundingBox(south=50, west=4, north=51, east=6)), zoom=zoom)

    # then
    assert len(building) == 2
    assert len(answering) == 0


def test_points_json_is_what_json_dumps_gives(index_on: None) -> None:
    make_points(30)

    result = sales_point_map(SalesPointFilters(), zoom=16)

    assert result.from_index
    assert result.points_json() == json.dumps(result.points)
