from decimal import Decimal

import pytest
from shapely.geometry import shape  # type: ignore[import-untyped]
from shapely.ops import unary_union  # type: ignore[import-untyped]

from streek.monitor.geometry import (
    cells_feature_collection,
    choropleth_svg,
    country_cells,
    municipality_cells,
    value_classes,
)
from streek.territory.models import Country, Municipality

pytestmark = pytest.mark.django_db


def test_every_belgian_municipality_with_a_point_gets_a_valid_cell_containing_its_centre() -> None:
    belgium = Country.objects.get(code="BE")
    cells = country_cells(country_id=belgium.pk)
    points = Municipality.objects.filter(country=belgium, lat__isnull=False)
    assert len(cells) == points.count()
    sint_truiden = points.get(code="71053")
    cell = shape(cells[sint_truiden.pk])
    assert cell.is_valid
    assert cell.buffer(0.01).contains(shape({"type": "Point", "coordinates": [sint_truiden.lon, sint_truiden.lat]}))


def test_cells_of_neighbours_do_not_overlap() -> None:
    ids = list(Municipality.objects.filter(province__code="70000").values_list("id", flat=True))
    cells = [shape(g) for g in municipality_cells(municipality_ids=ids).values()]
    total = sum(c.area for c in cells)
    assert unary_union(cells).area == pytest.approx(total, rel=0.02)


def test_the_feature_collection_carries_the_properties() -> None:
    municipality = Municipality.objects.get(code="71053")
    collection = cells_feature_collection(
        municipality_ids=[municipality.pk], properties={municipality.pk: {"name": "Sint-Truiden"}}
    )
    assert collection["type"] == "FeatureCollection"
    [feature] = collection["features"]
    assert feature["id"] == municipality.pk
    assert feature["properties"] == {"id": municipality.pk, "name": "Sint-Truiden"}


def test_value_classes_split_the_known_values_and_count_them() -> None:
    values = [Decimal(v) for v in range(10)] + [None]
    classes = value_classes(values)
    assert len(classes) == 5
    assert sum(c.count for c in classes) == 10
    assert classes[0].low == 0 and classes[-1].high == 9
    assert value_classes([None]) == []
    assert len(value_classes([Decimal(5), Decimal(5)])) == 1


def test_the_static_map_is_deterministic_and_accessible() -> None:
    ids = list(Municipality.objects.filter(province__code="70000").order_by("id").values_list("id", flat=True))
    values = {i: (Decimal(n) if n % 4 else None) for n, i in enumerate(ids)}
    first = choropleth_svg(values=values, title="Turnover", unit="eur")
    assert first == choropleth_svg(values=values, title="Turnover", unit="eur")
    assert 'role="img"' in first and "<desc" in first
