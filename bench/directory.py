"""Benchmark of the public directory (map, list, point page; web and API) on PostgreSQL. Not a test.

    .venv/bin/python bench/directory.py --points 100000

Steps: migrate the bench database, generate N sales points over all Belgian and Dutch municipalities, count the
SQL queries per request in-process on a small and on the large database (they must be equal), start gunicorn
(production settings) on a free loopback port, and load it with concurrent loopback clients per scenario.
See bench/README.md; results go to docs/performance.md.
"""

import argparse
import functools
import json
import os
import random
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.loadgen import ScenarioResult, fetch  # noqa: E402
from bench.server import (  # noqa: E402
    DEFAULT_LOADGEN,
    HOST,
    ResponseCacheLog,
    ensure_database,
    measure_load,
    print_cache_pictures,
    print_results,
    require_bench_database,
    server_env,
    setup_django,
    small_database_url,
    start_gunicorn,
    stop_gunicorn,
)

DEFAULT_DATABASE_URL = "postgres://streek:streek@127.0.0.1:5432/streek_bench"
LIST_QUERY = "type=farm_shop&near=3800&radius_km=25"
# (name, kind of URL, p95 target in ms)
SCENARIOS = [
    ("api map", "api_map", 50.0),
    ("web map data", "web_map", 50.0),
    ("web list page", "web_list", 100.0),
    ("api list", "api_list", 100.0),
    ("web point page", "web_point", 50.0),
    ("api point", "api_point", 50.0),
]
VIEWPORT_PX = (1280, 800)
# In-process requests per sample path for the median Python CPU time of one request (no HTTP, no concurrency).
CPU_SAMPLES = 15


# --- URLs per scenario ----------------------------------------------------------------------------------------------


class Urls:
    """Random request paths for each scenario, drawn from the data in the database."""

    def __init__(self, *, seed: int) -> None:
        from streek.catalog.choices import PUBLIC_STATUSES
        from streek.catalog.models import SalesPoint
        from streek.territory.models import Municipality

        self.rng = random.Random(seed)
        self.centres = [
            (lat, lon)
            for lat, lon in Municipality.objects.filter(lat__isnull=False).values_list("lat", "lon")
            if lat is not None and lon is not None
        ]
        public = SalesPoint.objects.filter(status__in=PUBLIC_STATUSES).order_by("id").values_list("slug", flat=True)
        ids = list(public)
        self.slugs = self.rng.sample(ids, min(len(ids), 5000)) if ids else ["none"]

    def viewport(self, zoom: int | None = None) -> str:
        """A 1280 x 800 pixel viewport at zoom 8..14 around a random municipality."""
        import math

        zoom = zoom if zoom is not None else self.rng.randint(8, 14)
        lat, lon = self.rng.choice(self.centres)
        lat += self.rng.uniform(-0.05, 0.05)
        lon += self.rng.uniform(-0.05, 0.05)
        degrees_per_px = 360.0 / (256 * 2**zoom)
        half_w = VIEWPORT_PX[0] / 2 * degrees_per_px
        half_h = VIEWPORT_PX[1] / 2 * degrees_per_px * math.cos(math.radians(lat))
        bbox = f"{lon - half_w:.5f},{lat - half_h:.5f},{lon + half_w:.5f},{lat + half_h:.5f}"
        return urlencode({"bbox": bbox, "zoom": zoom})

    def path(self, kind: str) -> str:
        slug = self.rng.choice(self.slugs)
        return {
            "api_map": lambda: f"/api/v1/sales-points/map?{self.viewport()}",
            "web_map": lambda: f"/kaart/data.json?{self.viewport()}",
            "web_list": lambda: f"/verkooppunten/?{LIST_QUERY}",
            "api_list": lambda: f"/api/v1/sales-points?{LIST_QUERY}",
            "web_point": lambda: f"/verkooppunt/{slug}/",
            "api_point": lambda: f"/api/v1/sales-points/{slug}",
        }[kind]()

    def fixed_paths(self, kind: str) -> list[str]:
        """Deterministic sample requests for counting queries (same on small and large data)."""
        slug = self.slugs[0]
        return {
            "api_map": [
                "/api/v1/sales-points/map?bbox=2.5,49.5,7.2,53.6&zoom=8",
                "/api/v1/sales-points/map?bbox=5.15,50.80,5.22,50.83&zoom=14",
            ],
            "web_map": [
                "/kaart/data.json?bbox=2.5,49.5,7.2,53.6&zoom=8",
                "/kaart/data.json?bbox=5.15,50.80,5.22,50.83&zoom=14",
            ],
            "web_list": [f"/verkooppunten/?{LIST_QUERY}"],
            "api_list": [f"/api/v1/sales-points?{LIST_QUERY}"],
            "web_point": [f"/verkooppunt/{slug}/"],
            "api_point": [f"/api/v1/sales-points/{slug}"],
        }[kind]


# --- query counts (in-process) --------------------------------------------------------------------------------------


def count_queries(seed: int) -> dict[str, Any]:
    """SQL queries per request for each scenario's sample requests, with the number of public points.

    Counted with the map grid cache and the response cache off, so that every request does its full work; the map
    with a warm grid cache is counted apart (`cached`), and so is every sample answered from a warm response cache
    (`response_cache`; the production default, see streek.core.response_cache).
    """
    from django.conf import settings
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    from streek.catalog.choices import PUBLIC_STATUSES
    from streek.catalog.models import SalesPoint

    client = Client(HTTP_HOST=HOST)
    urls = Urls(seed=seed)

    def measure(path: str) -> dict[str, Any]:
        client.get(path)  # warm caches (taxonomy, translations) so that only per-request queries count
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        queries = len(captured)  # now: the next request resets connection.queries
        cpu, wall = [], []
        for _ in range(CPU_SAMPLES):
            started_cpu, started = time.process_time(), time.perf_counter()
            client.get(path)
            cpu.append((time.process_time() - started_cpu) * 1000)
            wall.append((time.perf_counter() - started) * 1000)
        return {
            "path": path,
            "status": response.status_code,
            "queries": queries,
            "cpu_ms": statistics.median(cpu),
            "wall_ms": statistics.median(wall),
        }

    counts: dict[str, Any] = {}
    with override_settings(STREEK_MAP_GRID_CACHE_SECONDS=0, STREEK_RESPONSE_CACHE_SECONDS=0):
        for _name, kind, _target in SCENARIOS:
            counts[kind] = [measure(path) for path in urls.fixed_paths(kind)]
    cache.clear()
    with override_settings(STREEK_RESPONSE_CACHE_SECONDS=0):
        cached = [measure(path) for path in urls.fixed_paths("api_map")]
    with override_settings(
        CACHES={**settings.CACHES, "directory": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}},
        STREEK_RESPONSE_CACHE_SECONDS=60,
    ):
        hits = [measure(path) for _name, kind, _target in SCENARIOS for path in urls.fixed_paths(kind)]
    return {
        "points": SalesPoint.objects.filter(status__in=PUBLIC_STATUSES).count(),
        "counts": counts,
        "cached": cached,
        "response_cache": hits,
    }


def small_data_counts(args: argparse.Namespace) -> dict[str, Any]:
    """Run this script on a second, small database and return its query counts."""
    url = small_database_url(args.database_url)
    ensure_database(url)
    command = [sys.executable, str(Path(__file__).resolve()), "--database-url", url, "--points", str(args.small_points)]
    command += ["--query-counts-only", "--seed", str(args.seed)]
    output = subprocess.run(command, check=True, capture_output=True, text=True, cwd=ROOT).stdout  # noqa: S603
    return dict(json.loads(output.strip().splitlines()[-1]))


# --- main -------------------------------------------------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--points", type=int, default=100_000, help="sales points to generate (default 100000)")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("STREEK_BENCH_DATABASE_URL", DEFAULT_DATABASE_URL),
        help="PostgreSQL database for the benchmark; its sales points are replaced (default: "
        "$STREEK_BENCH_DATABASE_URL or %(default)s)",
    )
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (default 4)")
    parser.add_argument("--clients", type=int, default=16, help="concurrent loopback clients (default 16)")
    parser.add_argument("--duration", type=float, default=20.0, help="seconds per scenario (default 20)")
    parser.add_argument("--max-requests", type=int, default=20_000, help="request cap per scenario (default 20000)")
    parser.add_argument("--skip-generate", action="store_true", help="reuse the data already in the database")
    parser.add_argument("--small-points", type=int, default=1000, help="points in the small database for query counts")
    parser.add_argument("--scenario", action="append", help="only these scenarios (api_map, web_list, ...)")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--json", type=Path, help="also write the results to this JSON file")
    parser.add_argument(
        "--loadgen",
        choices=["python", "wrk"],
        default=DEFAULT_LOADGEN,
        help="load generator: wrk (2 threads, needs `apt-get install wrk`; --max-requests does not apply) or "
        "python threads (default: wrk when /usr/bin/wrk exists, else python; here %(default)s)",
    )
    parser.add_argument(
        "--response-cache-seconds",
        type=int,
        default=60,
        help="lifetime of the shared response cache of anonymous answers in the server (0: off, every request "
        "cold; default %(default)s, the production default). It starts empty in a fresh directory on each run",
    )
    parser.add_argument("--query-counts-only", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def prepare(args: argparse.Namespace) -> None:
    from django.core.management import call_command

    require_bench_database(args.database_url)
    call_command("migrate", verbosity=0, interactive=False)
    if not args.skip_generate:
        from bench.directory_data import generate_directory

        started = time.perf_counter()
        generate_directory(points=args.points, seed=args.seed)
        print(f"generated {args.points} points in {time.perf_counter() - started:.0f} s", file=sys.stderr)


def print_counts(large: dict[str, Any], small: dict[str, Any]) -> bool:
    print(f"\nSQL queries per request (in-process): {small['points']} vs {large['points']} public points")
    print("  (cpu / wall: median per request in-process on the large data, one at a time)")
    equal = True
    for kind, samples in large["counts"].items():
        for sample, small_sample in zip(samples, small["counts"][kind], strict=True):
            same = sample["queries"] == small_sample["queries"]
            equal &= same or sample["status"] == 404
            note = "" if sample["status"] == 200 else f"  (HTTP {sample['status']})"
            print(
                f"  {kind:10} {small_sample['queries']:>3} vs {sample['queries']:>3} "
                f"{'equal' if same else 'DIFFERENT':9}  cpu {sample['cpu_ms']:5.1f} ms  wall {sample['wall_ms']:5.1f} ms"
                f"  {sample['path']}{note}"
            )
    print("  with the map grid cache warm (large data):")
    for sample in large.get("cached", []):
        print(
            f"  {'api_map':10} {'':>3}    {sample['queries']:>3} {'':9}  cpu {sample['cpu_ms']:5.1f} ms  "
            f"wall {sample['wall_ms']:5.1f} ms  {sample['path']}"
        )
    print("  answered from a warm response cache (large data, anonymous, in-process local-memory cache):")
    for sample in large.get("response_cache", []):
        print(
            f"  {'':10} {'':>3}    {sample['queries']:>3} {'':9}  cpu {sample['cpu_ms']:5.1f} ms  "
            f"wall {sample['wall_ms']:5.1f} ms  {sample['path']}"
        )
    return equal


def measure_scenario(args: argparse.Namespace, urls: Urls, *, name: str, kind: str, port: int) -> ScenarioResult:
    """Warm up every worker (imports, connections, caches), then measure with the chosen load generator."""
    return measure_load(
        name,
        port=port,
        next_path=functools.partial(urls.path, kind),
        loadgen=args.loadgen,
        clients=args.clients,
        duration=args.duration,
        max_requests=args.max_requests,
    )


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    ensure_database(args.database_url)
    setup_django(args.database_url)
    prepare(args)
    if args.query_counts_only:
        print(json.dumps(count_queries(args.seed)))
        return

    large = count_queries(args.seed)
    small = small_data_counts(args)
    counts_equal = print_counts(large, small)

    from django.db import connections

    urls = Urls(seed=args.seed)
    connections.close_all()
    cache_log = ResponseCacheLog(args.response_cache_seconds)
    process, port = start_gunicorn(
        args.database_url, args.workers, env=server_env(args.database_url, **cache_log.env())
    )
    results: list[tuple[ScenarioResult, float]] = []
    pictures: dict[str, Counter[str]] = {}
    skipped: list[str] = []
    try:
        for name, kind, target in SCENARIOS:
            if args.scenario and kind not in args.scenario:
                continue
            status, _ = fetch(HOST, port, urls.path(kind))
            if status == 404 and kind.startswith("web"):
                skipped.append(f"{name}: HTTP 404 - the page does not exist yet, skipped (see its API equivalent)")
                continue
            cache_log.picture()
            result = measure_scenario(args, urls, name=name, kind=kind, port=port)
            pictures[name] = cache_log.picture()
            results.append((result, target))
            print(f"  done: {name} ({result.requests} requests)", file=sys.stderr)
    finally:
        stop_gunicorn(process)
        cache_log.close()

    print(
        f"\n{large['points']} public points of {args.points} generated; gunicorn {args.workers} workers, "
        f"{args.clients} clients, {args.duration:.0f} s per scenario, load generator {args.loadgen}"
    )
    print_results(results)
    print_cache_pictures(pictures, seconds=args.response_cache_seconds)
    for line in skipped:
        print(f"skipped {line}")
    if not counts_equal:
        print("\nWARNING: query counts differ between small and large data")
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "points": args.points,
                    "public_points": large["points"],
                    "workers": args.workers,
                    "clients": args.clients,
                    "duration": args.duration,
                    "loadgen": args.loadgen,
                    "response_cache_seconds": args.response_cache_seconds,
                    "response_cache": {name: dict(picture) for name, picture in pictures.items()},
                    "query_counts": {"small": small, "large": large},
                    "scenarios": [
                        {
                            "name": r.name,
                            "requests": r.requests,
                            "errors": r.errors,
                            "p50_ms": r.percentile(50),
                            "p95_ms": r.percentile(95),
                            "p99_ms": r.percentile(99),
                            "req_per_s": r.rate,
                            "target_p95_ms": target,
                        }
                        for r, target in results
                    ],
                    "skipped": skipped,
                },
                indent=2,
            )
            + "\n"
        )


if __name__ == "__main__":
    main()
