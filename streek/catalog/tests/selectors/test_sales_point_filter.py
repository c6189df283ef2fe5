from datetime import date, time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from streek.catalog.models import ClosurePeriod, Concept, OpeningRule, SalesPoint
from streek.catalog.selectors.sales_points import (
    MAP_CLUSTER_THRESHOLD,
    SalesPointFilters,
    distance_km,
    sales_point_filter,
    sales_point_list,
    sales_point_map,
)
from streek.core.geo import BoundingBox, Point
from streek.territory.models import CustomRegion, Municipality

pytestmark = pytest.mark.django_db


def point(name: str, *, code: str = "71053", lat: float = 50.81, lon: float = 5.19, **fields: object) -> SalesPoint:
    municipality = Municipality.objects.get(code=code)
    defaults: dict[str, object] = {"type": "farm_shop", "status": "active"}
    defaults.update(fields)
    return SalesPoint.objects.create(
        name=name, slug=name.lower().replace(" ", "-"), municipality=municipality, lat=lat, lon=lon, **defaults
    )


def names(filters: SalesPointFilters) -> list[str]:
    return sorted(p.name for p in sales_point_filter(filters))


def test_only_public_statuses_are_listed() -> None:
    point("Open")
    point("Gesloten", status="closed")
    point("Voorstel", status="proposed")
    point("Even dicht", status="temporarily_closed")

    assert names(SalesPointFilters()) == ["Even dicht", "Open"]


def test_category_filter_includes_narrower_product_types() -> None:
    carrots = point("Wortelboer")
    fruit = point("Fruitboer")
    carrots.categories.add(Concept.objects.get(scheme="product_type", key="carrot"))
    fruit.categories.add(Concept.objects.get(scheme="product_type", key="fruit"))

    assert names(SalesPointFilters(categories=("vegetable",))) == ["Wortelboer"]
    assert names(SalesPointFilters(categories=("carrot", "fruit"))) == ["Fruitboer", "Wortelboer"]


def test_type_municipality_and_region_filters() -> None:
    point("Automaat", type="vending_machine")
    point("Venlose winkel", code="GM0983", lat=51.39, lon=6.15)
    region = CustomRegion.objects.create(name="Noord-Limburg", slug="noord-limburg")
    region.municipalities.add(Municipality.objects.get(code="GM0983"))

    assert names(SalesPointFilters(types=("vending_machine",))) == ["Automaat"]
    assert names(SalesPointFilters(municipality="GM0983")) == ["Venlose winkel"]
    assert names(SalesPointFilters(region="noord-limburg")) == ["Venlose winkel"]
    assert names(SalesPointFilters(region="70000")) == ["Automaat"]


def test_open_on_a_day_respects_weekday_season_and_closures() -> None:
    tuesday = date(2026, 11, 24)
    weekly = point("Wekelijks")
    OpeningRule.objects.create(sales_point=weekly, weekday=1, opens=time(9), closes=time(12))
    summer = point("Zomer")
    OpeningRule.objects.create(
        sales_point=summer, weekday=1, opens=time(9), closes=time(12), season_start=501, season_end=930
    )
    holiday = point("Vakantie")
    OpeningRule.objects.create(sales_point=holiday, weekday=1, opens=time(9), closes=time(12))
    ClosurePeriod.objects.create(sales_point=holiday, start_date=tuesday, end_date=tuesday)

    assert names(SalesPointFilters(open_on=tuesday)) == ["Wekelijks"]


def test_near_orders_by_distance_and_limits_the_radius() -> None:
    point("Dichtbij", lat=50.815, lon=5.186)
    point("Verder", lat=50.90, lon=5.30)
    point("Ver weg", code="GM0983", lat=51.39, lon=6.15)
    here = Point(lat=50.8168, lon=5.1865)

    found = list(sales_point_list(SalesPointFilters(near=here, radius_km=25)))

    assert [p.name for p in found] == ["Dichtbij", "Verder"]
    first = distance_km(found[0])
    assert first is not None and first < 1


def test_bbox_filter() -> None:
    point("Binnen", lat=50.81, lon=5.19)
    point("Buiten", code="GM0983", lat=51.39, lon=6.15)

    assert names(SalesPointFilters(bbox=BoundingBox(south=50.7, west=5.0, north=50.9, east=5.3))) == ["Binnen"]


def test_map_returns_points_when_few_and_clusters_when_many() -> None:
    municipality = Municipality.objects.get(code="71053")
    SalesPoint.objects.bulk_create(
        SalesPoint(
            name=f"P{i}", slug=f"p{i}", type="farm_shop", municipality=municipality, lat=50.0 + i * 0.0005, lon=5.0
        )
        for i in range(MAP_CLUSTER_THRESHOLD + 10)
    )

    few = sales_point_map(SalesPointFilters(bbox=BoundingBox(south=50.0, west=4.9, north=50.002, east=5.1)), zoom=12)
    many = sales_point_map(SalesPointFilters(), zoom=8)

    assert few.total == 5 and len(few.points) == 5 and few.clusters == []
    assert many.total == MAP_CLUSTER_THRESHOLD + 10
    assert many.points == []
    assert sum(c.count for c in many.clusters) == many.total


def test_list_query_count_does_not_grow_with_the_data() -> None:
    def count_queries() -> int:
        with CaptureQueriesContext(connection) as context:
            for item in sales_point_list(SalesPointFilters(categories=("vegetable",))):
                list(item.opening_rules.all())
                list(item.categories.all())
                _ = item.municipality.name
        return len(context.captured_queries)

    carrot = Concept.objects.get(scheme="product_type", key="carrot")
    for i in range(2):
        p = point(f"Klein {i}")
        p.categories.add(carrot)
        OpeningRule.objects.create(sales_point=p, weekday=i, opens=time(9), closes=time(12))
    small = count_queries()
    for i in range(20):
        p = point(f"Groot {i}")
        p.categories.add(carrot)
        OpeningRule.objects.create(sales_point=p, weekday=i % 7, opens=time(9), closes=time(12))

    assert count_queries() == small
