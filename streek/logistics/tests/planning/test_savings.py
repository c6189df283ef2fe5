from decimal import Decimal

import pytest

from streek.core.geo import Point
from streek.logistics.planning import EuclideanBackend, PlanResult
from streek.logistics.planning.savings import SoloOrder, SoloProducer, savings_compute

# Planar positions in metres (x = lon, y = lat), so the figures can be checked by hand.
METRES = EuclideanBackend(convention="round")


def xy(x: float, y: float) -> Point:
    return Point(lat=y, lon=x)


def shared_plan(distance_m: int, duration_s: int, co2_kg: float) -> PlanResult:
    return PlanResult((), (), (), True, distance_m, duration_s, Decimal(0), co2_kg, 0.0, 0)


def test_savings_against_solo_delivery_by_hand():
    # given two producers: one with two orders on a 3-4-5 triangle, one with one order 2 km away
    producers = [
        SoloProducer("a", xy(0, 0), (SoloOrder(xy(3000, 0), 10.0), SoloOrder(xy(3000, 4000), 20.0))),
        SoloProducer("b", xy(10000, 0), (SoloOrder(xy(10000, 2000), 30.0),)),
    ]
    plan = shared_plan(distance_m=9000, duration_s=3600, co2_kg=1.8)
    # when
    report = savings_compute(plan=plan, producers=producers, backend=METRES, stop_seconds=300, solo_co2_kg_per_km=0.25)
    # then solo: 12 km + 4 km, (12,000 + 2 x 300) + (4,000 + 300) seconds, 16 km x 0.25 kg
    assert [tour.distance_m for tour in report.tours] == [12000, 4000]
    assert report.solo.km == 16.0
    assert report.solo.hours == pytest.approx((12600 + 4300) / 3600)
    assert report.solo.co2_kg == pytest.approx(4.0)
    assert report.solo.kg_delivered == report.shared.kg_delivered == 60.0
    assert report.solo.km_per_kg == pytest.approx(16 / 60)
    assert report.shared.km_per_kg == pytest.approx(9 / 60)
    assert report.saved_km == pytest.approx(7.0)
    assert report.saved_km_percent == pytest.approx(43.75)
    assert report.saved_hours == pytest.approx((16900 - 3600) / 3600)
    assert report.saved_co2_kg == pytest.approx(2.2)
    assert (report.solo.vehicles, report.shared.vehicles) == (2, 0)


def test_orders_to_the_same_place_make_one_stop():
    producers = [SoloProducer("a", xy(0, 0), (SoloOrder(xy(0, 1000), 5.0), SoloOrder(xy(0, 1000), 5.0)))]
    report = savings_compute(plan=shared_plan(0, 0, 0.0), producers=producers, backend=METRES, stop_seconds=60)
    assert report.tours[0].distance_m == 2000
    assert report.tours[0].duration_s == 2000 + 60
