import math

import pytest

from streek.core.geo import BoundingBox, Point, bbox_around, haversine_km

BRUSSELS = Point(lat=50.8467, lon=4.3525)  # Grote Markt
ANTWERP = Point(lat=51.2211, lon=4.3997)  # Grote Markt


def test_haversine_km_brussels_to_antwerp_is_about_41_km() -> None:
    # given two city centres about 41.8 km apart as the crow flies
    # when the distance is computed
    distance = haversine_km(BRUSSELS, ANTWERP)
    # then it matches the known great-circle distance within a kilometre
    assert distance == pytest.approx(41.8, abs=1.0)


def test_haversine_km_is_symmetric_and_zero_on_the_same_point() -> None:
    assert haversine_km(BRUSSELS, ANTWERP) == pytest.approx(haversine_km(ANTWERP, BRUSSELS))
    assert haversine_km(BRUSSELS, BRUSSELS) == 0.0


def test_bounding_box_parse_reads_west_south_east_north() -> None:
    box = BoundingBox.parse("4.2,50.8,4.5,51.3")
    assert box == BoundingBox(south=50.8, west=4.2, north=51.3, east=4.5)
    assert box.contains(ANTWERP)
    assert not box.contains(Point(lat=52.0, lon=4.3))


@pytest.mark.parametrize(
    "text",
    [
        "",  # nothing
        "4.2,50.8,4.5",  # three numbers
        "4.2,50.8,4.5,51.3,1",  # five numbers
        "west,south,east,north",  # not numbers
        "4.2,51.3,4.5,50.8",  # south above north
        "4.2,-91,4.5,51.3",  # latitude out of range
        "-181,50.8,4.5,51.3",  # longitude out of range
        "4.2,50.8,181,51.3",  # longitude out of range
    ],
)
def test_bounding_box_parse_refuses_malformed_text(text: str) -> None:
    with pytest.raises(ValueError):
        BoundingBox.parse(text)


@pytest.mark.parametrize("radius_km", [0.5, 5.0, 25.0, 100.0])
def test_bbox_around_contains_points_at_the_radius_in_every_direction(radius_km: float) -> None:
    # given a centre and a radius
    box = bbox_around(BRUSSELS, radius_km)
    # when we walk radius_km (a hair less, for rounding) from the centre in sixteen directions
    for step in range(16):
        bearing = math.radians(step * 22.5)
        point = _destination(BRUSSELS, bearing, radius_km * 0.999)
        # then each point lies within the radius and inside the box
        assert haversine_km(BRUSSELS, point) == pytest.approx(radius_km * 0.999, rel=1e-6)
        assert box.contains(point), (radius_km, step * 22.5)


def test_bbox_around_stays_within_valid_coordinates_near_the_pole() -> None:
    box = bbox_around(Point(lat=89.9, lon=179.9), 50.0)
    assert box.north == 90.0
    assert box.east == 180.0
    assert box.south < 89.9


def _destination(start: Point, bearing: float, distance_km: float) -> Point:
    """The point reached from start along a great circle (spherical formula, same radius as geo)."""
    from streek.core.geo import EARTH_RADIUS_KM

    angular = distance_km / EARTH_RADIUS_KM
    lat1, lon1 = math.radians(start.lat), math.radians(start.lon)
    lat2 = math.asin(math.sin(lat1) * math.cos(angular) + math.cos(lat1) * math.sin(angular) * math.cos(bearing))
    lon2 = lon1 + math.atan2(
        math.sin(bearing) * math.sin(angular) * math.cos(lat1), math.cos(angular) - math.sin(lat1) * math.sin(lat2)
    )
    return Point(lat=math.degrees(lat2), lon=math.degrees(lon2))
