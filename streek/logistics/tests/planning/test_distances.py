import json
import math
import threading
from collections.abc import Iterator, Sequence
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs, urlsplit

import numpy as np
import pytest
from django.test import override_settings

from streek.core.geo import Point, haversine_km
from streek.logistics.planning import EuclideanBackend, HaversineBackend, Matrices, OsrmBackend, matrices_for
from streek.logistics.planning.distances import UNREACHABLE_M, OsrmError, default_backend

LEUVEN = Point(50.8798, 4.7005)
BRUSSEL = Point(50.8467, 4.3525)
GENT = Point(51.0543, 3.7174)
LOCMEM = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "routing-tests"}}


def test_haversine_backend_applies_circuity_and_speed():
    matrices = HaversineBackend(circuity=1.3, speed_kmh=50).matrices([LEUVEN, BRUSSEL])
    km = haversine_km(LEUVEN, BRUSSEL) * 1.3
    assert 24 < haversine_km(LEUVEN, BRUSSEL) < 26
    assert matrices.distance_m[0, 1] == round(km * 1000) == matrices.distance_m[1, 0]
    assert matrices.duration_s[0, 1] == round(km / 50 * 3600)
    assert matrices.distance_m[0, 0] == 0 and matrices.distance_m.dtype == np.int64


def test_euclidean_backend_truncates_to_one_decimal_or_rounds():
    points = [Point(lat=0, lon=0), Point(lat=1, lon=1), Point(lat=3, lon=4)]
    dimacs = EuclideanBackend("dimacs").matrices(points)
    assert dimacs.distance_m[0, 1] == 14  # sqrt(2) = 1.414 -> 1.4
    assert dimacs.distance_m[0, 2] == 50
    assert dimacs.duration_s[1, 2] == math.floor(10 * math.sqrt(13))
    rounded = EuclideanBackend("round").matrices(points)
    assert rounded.distance_m[0, 1] == 1 and rounded.distance_m[1, 2] == 4  # sqrt(13) = 3.6


def test_default_backend_follows_the_settings():
    with override_settings(ROUTING_OSRM_URL="", ROUTING_CIRCUITY=1.2, ROUTING_SPEED_KMH=40):
        assert default_backend() == HaversineBackend(circuity=1.2, speed_kmh=40)
    with override_settings(ROUTING_OSRM_URL="http://127.0.0.1:5000"):
        assert default_backend() == OsrmBackend(url="http://127.0.0.1:5000")


class FakeOsrm(BaseHTTPRequestHandler):
    """Answers the table service: distance = 1000 x |i - j| between coordinates' longitudes, one pair unroutable."""

    requests: list[str] = []

    def do_GET(self) -> None:  # noqa: N802
        FakeOsrm.requests.append(self.path)
        parts = urlsplit(self.path)
        coordinates = parts.path.split("/table/v1/driving/")[1].split(";")
        lons = [float(c.split(",")[0]) for c in coordinates]
        query = parse_qs(parts.query)
        sources = [int(s) for s in query["sources"][0].split(";")]
        targets = [int(t) for t in query["destinations"][0].split(";")]
        distances = [[round(1000 * abs(lons[s] - lons[t]), 1) for t in targets] for s in sources]
        durations = [[d / 10 for d in row] for row in distances]
        for a, s in enumerate(sources):
            for b, t in enumerate(targets):
                if lons[s] == 9 and lons[t] == 1:
                    distances[a][b] = durations[a][b] = None  # type: ignore[call-overload]
        body = json.dumps({"code": "Ok", "distances": distances, "durations": durations}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def osrm_url() -> Iterator[str]:
    server = HTTPServer(("127.0.0.1", 0), FakeOsrm)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    FakeOsrm.requests = []
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_osrm_backend_reads_the_table_service_in_blocks(osrm_url):
    # given five points and a server limited to tables of four coordinates
    points = [Point(lat=50.0, lon=float(lon)) for lon in (1, 3, 4, 7, 9)]
    backend = OsrmBackend(url=osrm_url, max_table_size=4)
    # when
    matrices = backend.matrices(points)
    # then the blocks cover the whole matrix, metres and seconds rounded, unroutable pairs prohibitive
    assert len(FakeOsrm.requests) == 9  # blocks of 2: 3 x 3
    assert all("annotations=duration%2Cdistance" in path for path in FakeOsrm.requests)
    assert matrices.distance_m[0, 3] == 6000 and matrices.duration_s[0, 3] == 600
    assert matrices.distance_m[3, 1] == 4000
    assert matrices.distance_m[4, 0] == UNREACHABLE_M
    assert np.all(np.diag(matrices.distance_m) == 0)


def test_osrm_backend_raises_on_a_refusal():
    with pytest.raises(OsrmError):
        OsrmBackend(url="http://127.0.0.1:9", timeout_seconds=1).matrices([LEUVEN, GENT])


class CountingBackend:
    cache_id = "counting"

    def __init__(self) -> None:
        self.calls = 0

    def matrices(self, points: Sequence[Point]) -> Matrices:
        self.calls += 1
        return HaversineBackend().matrices(points)


def test_matrices_are_cached_per_set_of_locations():
    backend = CountingBackend()
    with override_settings(CACHES=LOCMEM):
        first = matrices_for(backend, [LEUVEN, BRUSSEL, GENT])
        again = matrices_for(backend, [LEUVEN, BRUSSEL, GENT])
        assert backend.calls == 1
        assert np.array_equal(first.distance_m, again.distance_m)
        matrices_for(backend, [LEUVEN, GENT])
        assert backend.calls == 2


def test_without_a_cache_every_call_computes():
    backend = CountingBackend()
    matrices_for(backend, [LEUVEN, BRUSSEL])
    matrices_for(backend, [LEUVEN, BRUSSEL])
    assert backend.calls == 2
