"""A public round trip by bike: from a start, through chosen points (or every candidate within reach), back.

Distances come from the distance backend (OSRM when configured, else haversine x circuity); the duration is
that distance at cycling speed (settings.ROUTING_BIKE_SPEED_KMH) plus an optional stop at each point. The
ordered coordinates feed a map line or `gpx.gpx_document`.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings

from streek.core.geo import Point

from .distances import DistanceBackend, default_backend, matrices_for
from .tour import closed_tour


@dataclass(frozen=True)
class RoundTripPoint:
    key: str
    position: Point
    name: str = ""


@dataclass(frozen=True)
class RoundTrip:
    start: Point
    points: tuple[RoundTripPoint, ...]  # in riding order
    left_out: tuple[RoundTripPoint, ...]  # candidates beyond the maximum distance
    legs_m: tuple[int, ...]  # start -> first, ..., last -> start
    distance_m: int
    duration_s: int

    @property
    def km(self) -> float:
        return self.distance_m / 1000

    @property
    def hours(self) -> float:
        return self.duration_s / 3600

    def coordinates(self) -> list[Point]:
        """Start, the points in order, and the start again."""
        return [self.start, *(point.position for point in self.points), self.start]


def round_trip_plan(
    *,
    start: Point,
    points: Sequence[RoundTripPoint],
    max_distance_km: float | None = None,
    backend: DistanceBackend | None = None,
    speed_kmh: float | None = None,
    stop_minutes: float = 0,
) -> RoundTrip:
    """Order `points` (those within `max_distance_km` of the start along the backend's distances, if given)."""
    speed = speed_kmh if speed_kmh is not None else float(getattr(settings, "ROUTING_BIKE_SPEED_KMH", 15))
    if speed <= 0:
        raise ValueError("speed must be positive")
    backend = backend or default_backend(speed_kmh=speed)
    matrices = matrices_for(backend, [start, *(point.position for point in points)])
    distance = matrices.distance_m
    chosen = [k for k in range(1, len(distance))]
    if max_distance_km is not None:
        chosen = [k for k in chosen if distance[0, k] <= max_distance_km * 1000]
    left_out = tuple(points[k - 1] for k in range(1, len(distance)) if k not in chosen)
    nodes = [0, *chosen]
    sub = distance[nodes][:, nodes]
    order = [nodes[k] for k in closed_tour(sub)]
    path = [0, *order, 0]
    legs = tuple(int(distance[a, b]) for a, b in zip(path, path[1:], strict=False))
    total = sum(legs)
    duration = round(total / 1000 / speed * 3600 + stop_minutes * 60 * len(order))
    return RoundTrip(
        start=start,
        points=tuple(points[k - 1] for k in order),
        left_out=left_out,
        legs_m=legs,
        distance_m=total,
        duration_s=duration,
    )
