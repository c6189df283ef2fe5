"""In-process CPU time of map answers that are not in the response cache (issue #2). Not a test.

    DATABASE_URL=... .venv/bin/python bench/map_miss.py [--samples 140] [--database-url postgres://.../streek_bench]

Draws random viewports like bench/directory.py (1280 x 800 px, zoom 8..14 around random municipalities), per
filter set and endpoint, and calls the views in-process through the test client with the production settings and
a fresh shared response cache in a temporary directory: every viewport is new, so every answer is a miss. Prints
the median and 95th percentile of the CPU time (time.process_time) per request, and the SQL queries per request.
The first requests of each filter set (which build the worker's map index, see streek.catalog.selectors.map_index)
are warm-up and not counted.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.server import HOST, setup_django  # noqa: E402

DEFAULT_DATABASE_URL = "postgres://streek:streek@127.0.0.1:5432/streek_bench"
FILTERS = {
    "none": "",
    "type": "type=farm_shop",
    "category": "category=vegetable",
    "label": "label=Demeter",
    "municipality": "municipality=71053",
    "region": "region=70000",
    "open_now": "open_now=true",
}
ENDPOINTS = {"api": "/api/v1/sales-points/map", "web": "/kaart/data.json"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL))
    parser.add_argument("--samples", type=int, default=140, help="viewports per filter set and endpoint")
    parser.add_argument("--warmup", type=int, default=10, help="uncounted viewports first")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--filters", default=",".join(FILTERS), help="comma separated: " + ",".join(FILTERS))
    args = parser.parse_args()
    workdir = tempfile.mkdtemp(prefix="streek-map-miss-")
    setup_django(args.database_url, STREEK_RESPONSE_CACHE_LOCATION=workdir, STREEK_RESPONSE_CACHE_SECONDS="60")

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench.directory import Urls

    urls = Urls(seed=args.seed)
    client = Client(HTTP_HOST=HOST)
    print(f"{'endpoint':8} {'filter':13} {'cpu p50':>8} {'cpu p95':>8} {'cpu max':>8} {'queries':>8}  misses")
    for endpoint, base in ENDPOINTS.items():
        for name in args.filters.split(","):
            extra = FILTERS[name]
            cpu: list[float] = []
            queries: list[int] = []
            answers: dict[str, int] = {}
            for n in range(args.warmup + args.samples):
                path = f"{base}?{urls.viewport()}" + (f"&{extra}" if extra else "")
                with CaptureQueriesContext(connection) as captured:
                    started = time.process_time()
                    response = client.get(path)
                    elapsed = (time.process_time() - started) * 1000
                assert response.status_code == 200, (path, response.status_code)
                if n < args.warmup:
                    continue
                cpu.append(elapsed)
                queries.append(len(captured))
                answer = response.get("X-Streek-Cache", "-")
                answers[answer] = answers.get(answer, 0) + 1
            cpu.sort()
            p95 = cpu[int(0.95 * (len(cpu) - 1))]
            print(
                f"{endpoint:8} {name:13} {statistics.median(cpu):7.2f}  {p95:7.2f}  {cpu[-1]:7.2f}  "
                f"{statistics.mean(queries):7.2f}  {answers}"
            )


if __name__ == "__main__":
    main()
