"""Small hand-made planning cases around Leuven and Gent for the planning tests."""

from decimal import Decimal

from streek.core.geo import Point
from streek.logistics.planning import Depot, HaversineBackend, Stop, StopKind, TimeWindow, VehicleType

BACKEND = HaversineBackend(circuity=1.3, speed_kmh=50)
LEUVEN = Point(50.8798, 4.7005)
GENT = Point(51.0543, 3.7174)
HOUR = 3600


def near(center: Point, k: int, spread: float = 0.02) -> Point:
    """A point a few km from `center`, spread on a small spiral so every k gives another position."""
    return Point(center.lat + spread * ((k % 5) - 2) / 2, center.lon + spread * ((k // 5) % 5 - 2) / 2 + 0.001 * k)


def depot(key: str = "hub", position: Point = LEUVEN, **kwargs: object) -> Depot:
    return Depot(key=key, position=position, opens=6 * HOUR, closes=20 * HOUR, **kwargs)  # type: ignore[arg-type]


def van(key: str = "van", depot_key: str = "hub", **kwargs: object) -> VehicleType:
    values: dict[str, object] = {
        "capacity_kg": 500.0,
        "capacity_crates": 40,
        "cost_per_km": Decimal("0.35"),
        "cost_per_hour": Decimal("30"),
        "shift_start": 6 * HOUR,
        "shift_end": 20 * HOUR,
        "count": 1,
    }
    values.update(kwargs)
    return VehicleType(key=key, depot=depot_key, **values)  # type: ignore[arg-type]


def delivery(key: str, position: Point, **kwargs: object) -> Stop:
    values: dict[str, object] = {"demand_kg": 20.0, "demand_crates": 2, "service_seconds": 300}
    values.update(kwargs)
    return Stop(key=key, kind=StopKind.DELIVERY, position=position, **values)  # type: ignore[arg-type]


def collection(key: str, position: Point, **kwargs: object) -> Stop:
    values: dict[str, object] = {"demand_kg": 20.0, "demand_crates": 2, "service_seconds": 300}
    values.update(kwargs)
    return Stop(key=key, kind=StopKind.COLLECTION, position=position, **values)  # type: ignore[arg-type]


def window(start_hour: float, end_hour: float) -> TimeWindow:
    return TimeWindow(round(start_hour * HOUR), round(end_hour * HOUR))
