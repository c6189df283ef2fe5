"""Time the matching on the current DATABASE_URL: a full re-match of N offers x N requests, then one new post.

    createdb ...; DATABASE_URL=postgres://streek:streek@127.0.0.1:5432/streek_bench_market \\
        .venv/bin/python manage.py migrate
    DATABASE_URL=... .venv/bin/python bench/matching.py --offers 100000 --requests 100000
    DATABASE_URL=... .venv/bin/python bench/matching.py --skip-generate      # reuse the posts
    DATABASE_URL=... .venv/bin/python bench/matching.py --skip-generate --single-only   # steps (4) only
    DATABASE_URL=... .venv/bin/python bench/matching.py --skip-generate --single-only --per-type 8  # and per type

Steps: (1) generate the posts (unless --skip-generate), (2) full re-match with no stored matches (every
match inserted), (3) the same again (nothing changed: compute + compare only), (4) match single new posts
(offers and requests, --single times each) through the create services, and print p50/p95/max.
The CPU seconds of the database backend count this connection's backend only (not parallel index-build
workers). Peak memory: tracemalloc's peak of Python allocations during the re-match (numpy arrays included) and the
process's maximum resident set size (resource.getrusage), which includes Django and the driver.
"""

import argparse
import os
import platform
import random
import resource
import statistics
import sys
import time
import tracemalloc
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench import matching_data  # noqa: E402
from streek.catalog.models import Organisation  # noqa: E402
from streek.market.matching.engine import rematch_all  # noqa: E402
from streek.market.models import Match, Offer, Request, Thread  # noqa: E402
from streek.market.services.posts import offer_create, request_create  # noqa: E402


def _backend_cpu() -> float:
    """CPU seconds used so far by this connection's PostgreSQL backend process (0 on SQLite or when unreadable)."""
    if connection.vendor != "postgresql":
        return 0.0
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _rematch(label: str, trace: bool) -> None:
    if trace:
        tracemalloc.start()
    backend = _backend_cpu()
    started, cpu = time.perf_counter(), time.process_time()
    result = rematch_all()
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    backend = _backend_cpu() - backend
    peak = tracemalloc.get_traced_memory()[1] if trace else 0
    if trace:
        tracemalloc.stop()
    seconds = ", ".join(f"{k} {v:.1f} s" for k, v in result.seconds.items())
    print(
        f"{label}: {elapsed:.1f} s wall, {cpu:.1f} s CPU in this process + {backend:.1f} s in the database "
        f"backend ({seconds}); {result.offers} offers x {result.requests} requests; "
        f"{result.scored:,} candidate pairs scored; {result.kept:,} kept; inserted {result.write.inserted:,}, "
        f"updated {result.write.updated:,}, deleted {result.write.deleted:,}, unchanged {result.write.unchanged:,}; "
        + (f"tracemalloc peak {peak / 2**20:.0f} MiB; " if trace else "")
        + f"max RSS so far {_rss_mb():.0f} MiB"
    )


SINGLE_KEYS = ["carrot", "apples", "potato", "vegetable", "fruit", "milk", "leek", "pear", "beef", "egg"]


def _new_post(service: Any, owner: Organisation, key: str, rng: random.Random) -> Any:
    today = timezone.localdate()
    return service(
        organisation=owner,
        actor=None,
        product_type=key,
        unit="Kilogram",
        title="bench single",
        quantity=Decimal(rng.randint(10, 500)),
        starts_on=today,
        ends_on=today + timedelta(days=60),
    )


def _per_type(count: int, seed: int) -> None:
    """`count` new offers of each product type in SINGLE_KEYS: create + match time and matches written, per type
    (a broad type such as "vegetable" has every request for a narrower one as a candidate)."""
    rng = random.Random(seed)
    sellers = list(Organisation.objects.filter(slug__startswith="bench-market-s-", kind="producer")[:200])
    for key in SINGLE_KEYS:
        timings, written = [], []
        for _ in range(count):
            started = time.perf_counter()
            offer = _new_post(offer_create, rng.choice(sellers), key, rng)
            timings.append((time.perf_counter() - started) * 1000)
            written.append(Match.objects.filter(offer=offer).count())
        print(
            f"new {key} offers ({count}): {min(timings):.1f}-{max(timings):.1f} ms, median "
            f"{statistics.median(timings):.1f} ms; matches written {min(written)}-{max(written)}"
        )


def _single(count: int, seed: int) -> None:
    rng = random.Random(seed)
    sellers = list(Organisation.objects.filter(slug__startswith="bench-market-s-", kind="producer")[:200])
    buyers = list(Organisation.objects.filter(slug__startswith="bench-market-b-")[:200])
    for kind, owners, service in (("offer", sellers, offer_create), ("request", buyers, request_create)):
        timings, cpu_times, backend_times = [], [], []
        for _ in range(count):
            owner = rng.choice(owners)
            backend = _backend_cpu()
            started, cpu = time.perf_counter(), time.process_time()
            _new_post(service, owner, rng.choice(SINGLE_KEYS), rng)
            timings.append((time.perf_counter() - started) * 1000)
            cpu_times.append((time.process_time() - cpu) * 1000)
            backend_times.append((_backend_cpu() - backend) * 1000)
        timings.sort()
        p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
        print(
            f"one new {kind} (create + match, {count} runs): p50 {statistics.median(timings):.1f} ms, "
            f"p95 {p95:.1f} ms, max {timings[-1]:.1f} ms; CPU p50 {statistics.median(cpu_times):.1f} ms in this "
            f"process + {statistics.median(backend_times):.0f} ms in the database backend (10 ms ticks)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--offers", type=int, default=100000)
    parser.add_argument("--requests", type=int, default=100000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--skip-generate", action="store_true")
    parser.add_argument("--single", type=int, default=50, help="new posts of each kind to time")
    parser.add_argument("--tracemalloc", action="store_true", help="trace Python allocations (slows the run)")
    parser.add_argument("--rematch-only", action="store_true", help="skip the single-post timings")
    parser.add_argument(
        "--single-only", action="store_true", help="only the single-post timings, on the matches already stored"
    )
    parser.add_argument(
        "--per-type", type=int, default=0, metavar="N", help="also time N new offers of each product type, per type"
    )
    args = parser.parse_args()
    print(
        f"database {connection.vendor} {connection.settings_dict['NAME']}; {os.cpu_count()} CPUs; "
        f"Python {platform.python_version()}; load average {os.getloadavg()}"
    )
    if not args.skip_generate:
        started = time.perf_counter()
        matching_data.clear()
        matching_data.generate(offers=args.offers, requests=args.requests, seed=args.seed)
        print(f"generated in {time.perf_counter() - started:.0f} s")
    else:
        Offer.objects.filter(title="bench single").delete()
        Request.objects.filter(title="bench single").delete()
    if args.single_only:
        print(
            f"offers {Offer.objects.count():,}, requests {Request.objects.count():,}, matches {Match.objects.count():,}"
        )
        _single(args.single, args.seed)
        if args.per_type:
            _per_type(args.per_type, args.seed)
        print(f"max RSS {_rss_mb():.0f} MiB; load average {os.getloadavg()}")
        return
    if connection.vendor == "postgresql" and not Thread.objects.exists():
        with connection.cursor() as cursor:
            # no thread points at a match (checked above), so CASCADE empties only empty tables
            cursor.execute(f"TRUNCATE {Match._meta.db_table} CASCADE")  # noqa: S608 - constant name
    else:
        Match.objects.all()._raw_delete(Match.objects.db)
    print(f"offers {Offer.objects.count():,}, requests {Request.objects.count():,}")
    _rematch("full re-match, empty match table", args.tracemalloc)
    _rematch("full re-match again, nothing changed", args.tracemalloc)
    if not args.rematch_only:
        _single(args.single, args.seed)
    print(f"matches stored {Match.objects.count():,}; max RSS {_rss_mb():.0f} MiB; load average {os.getloadavg()}")


if __name__ == "__main__":
    main()
