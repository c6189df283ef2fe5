"""Distance and duration matrices between positions: pluggable backends, cached per set of locations.

Every backend returns whole metres and whole seconds (numpy int64, square, row = from, column = to).
- `HaversineBackend`: great-circle distance x a circuity factor, at an average speed (offline; the default).
- `OsrmBackend`: an OSRM server's table service (road distances and durations), URL from settings.
- `EuclideanBackend`: the benchmark convention of the literature: planar distances truncated to one decimal
  (DIMACS, PyVRP's round_func="dimacs": integers of 10x) or rounded to the nearest integer (CVRPLIB "round");
  the duration equals the distance. The integers are then read as "metres" and "seconds" by the planner.
"""

import hashlib
import json
import urllib.parse
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt
from django.conf import settings
from django.core.cache import caches

from streek.core.geo import EARTH_RADIUS_KM, Point

IntMatrix = npt.NDArray[np.int64]
# What an edge no vehicle can drive costs: large enough to be avoided, small enough not to overflow.
UNREACHABLE_M = 10**9
UNREACHABLE_S = 10**8
CACHE_SECONDS = 7 * 24 * 3600


@dataclass(frozen=True)
class Matrices:
    distance_m: IntMatrix
    duration_s: IntMatrix

    def __post_init__(self) -> None:
        n = len(self.distance_m)
        if self.distance_m.shape != (n, n) or self.duration_s.shape != (n, n):
            raise ValueError("distance and duration matrices must be square and of the same size")


class DistanceBackend(Protocol):
    @property
    def cache_id(self) -> str:
        """Identifies the backend and its parameters in a cache key; "" = do not cache."""
        ...

    def matrices(self, points: Sequence[Point]) -> Matrices: ...


def _setting(name: str, default: Any) -> Any:
    return getattr(settings, name, default) if settings.configured else default


@dataclass(frozen=True)
class HaversineBackend:
    circuity: float = 1.3
    speed_kmh: float = 50.0

    @property
    def cache_id(self) -> str:
        return f"haversine:{self.circuity}:{self.speed_kmh}"

    def matrices(self, points: Sequence[Point]) -> Matrices:
        lat = np.radians(np.array([p.lat for p in points], dtype=float))
        lon = np.radians(np.array([p.lon for p in points], dtype=float))
        dlat = lat[:, None] - lat[None, :]
        dlon = lon[:, None] - lon[None, :]
        h = np.sin(dlat / 2) ** 2 + np.cos(lat)[:, None] * np.cos(lat)[None, :] * np.sin(dlon / 2) ** 2
        km = 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(h))) * self.circuity
        distance = np.rint(km * 1000).astype(np.int64)
        duration = np.rint(km / self.speed_kmh * 3600).astype(np.int64)
        return Matrices(distance, duration)


@dataclass(frozen=True)
class EuclideanBackend:
    """Planar distances on (x = lon, y = lat). `convention`: "dimacs" (10x, truncated) or "round" (nearest)."""

    convention: str = "dimacs"
    cache_id: str = ""  # cheaper to compute than to fetch

    def matrices(self, points: Sequence[Point]) -> Matrices:
        xy = np.array([(p.lon, p.lat) for p in points], dtype=float)
        exact = np.sqrt(((xy[:, None, :] - xy[None, :, :]) ** 2).sum(axis=2))
        if self.convention == "dimacs":
            values = (10 * exact).astype(np.int64)  # truncation, as PyVRP's read(..., round_func="dimacs")
        elif self.convention == "round":
            values = np.round(exact).astype(np.int64)
        else:
            raise ValueError(f"unknown convention {self.convention!r}")
        return Matrices(values, values.copy())


class OsrmError(Exception):
    """The OSRM server did not answer with a table."""


@dataclass(frozen=True)
class OsrmBackend:
    """OSRM `table` service; blocks of at most `max_table_size` coordinates per request (osrm-routed's default)."""

    url: str
    profile: str = "driving"
    max_table_size: int = 100
    timeout_seconds: float = 30.0

    @property
    def cache_id(self) -> str:
        return f"osrm:{self.url}:{self.profile}"

    def matrices(self, points: Sequence[Point]) -> Matrices:
        n = len(points)
        distance = np.full((n, n), UNREACHABLE_M, dtype=np.int64)
        duration = np.full((n, n), UNREACHABLE_S, dtype=np.int64)
        block = max(1, self.max_table_size // 2)
        starts = range(0, n, block)
        for i0 in starts:
            sources = list(range(i0, min(n, i0 + block)))
            for j0 in starts:
                targets = list(range(j0, min(n, j0 + block)))
                self._fill(points, sources, targets, distance, duration)
        np.fill_diagonal(distance, 0)
        np.fill_diagonal(duration, 0)
        return Matrices(distance, duration)

    def _fill(
        self,
        points: Sequence[Point],
        sources: list[int],
        targets: list[int],
        distance: IntMatrix,
        duration: IntMatrix,
    ) -> None:
        nodes = sources + [t for t in targets if t not in sources]
        position = {node: k for k, node in enumerate(nodes)}
        coordinates = ";".join(f"{points[k].lon:.6f},{points[k].lat:.6f}" for k in nodes)
        query = urllib.parse.urlencode(
            {
                "sources": ";".join(str(position[s]) for s in sources),
                "destinations": ";".join(str(position[t]) for t in targets),
                "annotations": "duration,distance",
            }
        )
        url = f"{self.url.rstrip('/')}/table/v1/{self.profile}/{coordinates}?{query}"
        if not url.startswith(("http://", "https://")):
            raise OsrmError(f"not an http(s) URL: {self.url}")
        try:
            with urllib.request.urlopen(url, timeout=self.timeout_seconds) as response:  # noqa: S310 (checked above)
                body = json.loads(response.read().decode("utf-8"))
        except (OSError, ValueError) as error:
            raise OsrmError(f"OSRM table request failed: {error}") from error
        if body.get("code") != "Ok" or "durations" not in body or "distances" not in body:
            raise OsrmError(f"OSRM answered {body.get('code')!r}: {body.get('message', '')}")
        for a, row_d, row_t in zip(sources, body["distances"], body["durations"], strict=True):
            for b, d, t in zip(targets, row_d, row_t, strict=True):
                if d is not None and t is not None:
                    distance[a, b] = round(d)
                    duration[a, b] = round(t)


def default_backend(*, speed_kmh: float | None = None) -> DistanceBackend:
    """OSRM when settings.ROUTING_OSRM_URL is set, otherwise haversine x settings.ROUTING_CIRCUITY."""
    url = _setting("ROUTING_OSRM_URL", "")
    if url:
        return OsrmBackend(url=url)
    return HaversineBackend(
        circuity=float(_setting("ROUTING_CIRCUITY", 1.3)),
        speed_kmh=float(speed_kmh if speed_kmh is not None else _setting("ROUTING_SPEED_KMH", 50)),
    )


def matrix_cache_key(backend: DistanceBackend, points: Sequence[Point]) -> str:
    digest = hashlib.sha256(backend.cache_id.encode())
    for point in points:
        digest.update(f"{point.lat:.6f},{point.lon:.6f};".encode())
    return f"streek:routing:matrix:{digest.hexdigest()}"


def matrices_for(backend: DistanceBackend, points: Sequence[Point]) -> Matrices:
    """The backend's matrices over `points`, through Django's cache when the backend asks for it."""
    if not backend.cache_id or not settings.configured:
        return backend.matrices(points)
    cache = caches["default"]
    key = matrix_cache_key(backend, points)
    cached = cache.get(key)
    if isinstance(cached, Matrices) and len(cached.distance_m) == len(points):
        return cached
    result = backend.matrices(points)
    cache.set(key, result, CACHE_SECONDS)
    return result
