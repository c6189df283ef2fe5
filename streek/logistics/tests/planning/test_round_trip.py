import xml.etree.ElementTree as ET

import numpy as np
import pytest

from streek.core.geo import Point
from streek.logistics.planning import EuclideanBackend, HaversineBackend
from streek.logistics.planning.gpx import GPX_NAMESPACE, gpx_document
from streek.logistics.planning.round_trip import RoundTripPoint, round_trip_plan
from streek.logistics.planning.tour import closed_tour, tour_length

METRES = EuclideanBackend(convention="round")


def xy(x: float, y: float) -> Point:
    return Point(lat=y, lon=x)


def test_round_trip_visits_the_square_in_order_and_returns():
    # given four points on the corners of a 2 km square, the start on one corner, given in a scrambled order
    corners = {"b": xy(2000, 0), "d": xy(0, 2000), "c": xy(2000, 2000)}
    points = [RoundTripPoint(key, position) for key, position in corners.items()]
    # when
    trip = round_trip_plan(start=xy(0, 0), points=points, backend=METRES, speed_kmh=15, stop_minutes=10)
    # then the perimeter, in one direction or the other, at 15 km/h plus three stops
    assert [p.key for p in trip.points] in (["b", "c", "d"], ["d", "c", "b"])
    assert trip.distance_m == 8000 and trip.legs_m == (2000, 2000, 2000, 2000)
    assert trip.duration_s == round(8 / 15 * 3600) + 3 * 600
    assert trip.coordinates()[0] == trip.coordinates()[-1] == xy(0, 0)


def test_candidates_beyond_the_maximum_distance_are_left_out():
    points = [RoundTripPoint("near", xy(1000, 0)), RoundTripPoint("far", xy(30000, 0))]
    trip = round_trip_plan(start=xy(0, 0), points=points, max_distance_km=10, backend=METRES, speed_kmh=15)
    assert [p.key for p in trip.points] == ["near"]
    assert [p.key for p in trip.left_out] == ["far"]
    assert trip.km == 2.0


def test_round_trip_on_the_map_uses_the_bike_speed():
    start = Point(50.8798, 4.7005)
    points = [RoundTripPoint(str(k), Point(50.88 + 0.01 * (k % 3), 4.70 + 0.01 * (k // 3))) for k in range(6)]
    trip = round_trip_plan(start=start, points=points, backend=HaversineBackend(speed_kmh=15), speed_kmh=15)
    assert len(trip.points) == 6
    assert trip.duration_s == pytest.approx(trip.km / 15 * 3600, abs=1)


@pytest.mark.parametrize("n", [5, 9, 14, 30])
def test_closed_tour_is_a_permutation_no_worse_than_the_given_order(n):
    rng = np.random.default_rng(n)
    xy_points = rng.uniform(0, 1000, size=(n, 2))
    matrix = np.rint(np.sqrt(((xy_points[:, None] - xy_points[None]) ** 2).sum(axis=2))).astype(np.int64)
    order = closed_tour(matrix)
    assert sorted(order) == list(range(1, n))
    assert tour_length(matrix, order) <= tour_length(matrix, list(range(1, n)))


def test_exact_tour_on_a_small_asymmetric_matrix():
    # going 0 -> 2 -> 1 -> 0 costs 3, the other way 30
    matrix = np.array([[0, 10, 1], [1, 0, 10], [10, 1, 0]], dtype=np.int64)
    assert closed_tour(matrix) == [2, 1]


def test_gpx_document_is_gpx_1_1_with_the_points_in_order():
    points = [
        ("Start", Point(50.8798, 4.7005)),
        ("Hoeve De Linde", Point(50.9, 4.75)),
        ("Start", Point(50.8798, 4.7005)),
    ]
    text = gpx_document(name="Fietslus", points=points)
    root = ET.fromstring(text)  # noqa: S314 (our own output)
    ns = {"g": GPX_NAMESPACE}
    assert root.tag == f"{{{GPX_NAMESPACE}}}gpx" and root.get("version") == "1.1"
    routepoints = root.findall("g:rte/g:rtept", ns)
    assert [p.findtext("g:name", namespaces=ns) for p in routepoints] == ["Start", "Hoeve De Linde", "Start"]
    assert routepoints[1].get("lat") == "50.900000" and routepoints[1].get("lon") == "4.750000"
    assert len(root.findall("g:trk/g:trkseg/g:trkpt", ns)) == 3
    assert root.findtext("g:metadata/g:name", namespaces=ns) == "Fietslus"
