"""Benchmark of trade (issue 3) on PostgreSQL: the shop page, a checkout rush, and closing a big cycle. Not a test.

    .venv/bin/python bench/trade.py                      # generate + measure everything
    .venv/bin/python bench/trade.py --skip-generate      # reuse the data

Steps: migrate the bench database and generate a hub whose cycle offers 10,000 variants from 200 producers
(bench/trade_data.py), then
1. count the SQL queries of the shop page in-process on a small cycle (50 offers) and on the large one:
   they must be equal;
2. load the shop page through gunicorn (production settings) with concurrent loopback clients browsing
   pages, searching and filtering like shoppers: p50/p95/p99 and requests per second;
3. the rush: 500 buyers with baskets of 1-3 lines on 100 scarce offers check out at once from worker
   processes (each its own database connection) through the checkout service `basket_checkout`, every buyer
   submitting twice with the same idempotency key; then verify in SQL that nothing was oversold, lost or
   duplicated and that every refusal was a CheckoutRefused;
4. close a cycle with 20,000 order lines (`order_cycle_close`) and time its report, its CSV, and the pick and
   packing lists (CSV).
See bench/README.md; results go to docs/performance.md.
"""

import argparse
import json
import math
import os
import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.loadgen import ScenarioResult  # noqa: E402
from bench.server import (  # noqa: E402
    DEFAULT_LOADGEN,
    HOST,
    ResponseCacheLog,
    ensure_database,
    machine_line,
    measure_load,
    print_cache_pictures,
    print_results,
    require_bench_database,
    server_env,
    setup_django,
    start_gunicorn,
    stop_gunicorn,
)

DEFAULT_DATABASE_URL = "postgres://streek:streek@127.0.0.1:5432/streek_bench_trade"
SHOP_P95_TARGET_MS = 150.0
REPORT_TARGET_S = 5.0
PARTS = ("counts", "shop", "rush", "close")
# In-process requests per sample path for the median time of one request (no HTTP, no concurrency).
CPU_SAMPLES = 10
# Mails are rendered as in production but kept in memory (no mail server on a bench machine).
MAIL_ENV = {"STREEK_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--database-url",
        default=os.environ.get("STREEK_BENCH_TRADE_DATABASE_URL", DEFAULT_DATABASE_URL),
        help="PostgreSQL database of the benchmark; its organisations and users are replaced (default: "
        "$STREEK_BENCH_TRADE_DATABASE_URL or %(default)s)",
    )
    parser.add_argument("--skip-generate", action="store_true", help="reuse the data already in the database")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--variants", type=int, default=10_000, help="variants in the shop cycle (default 10000)")
    parser.add_argument("--producers", type=int, default=200, help="producers in the shop cycle (default 200)")
    parser.add_argument("--buyers", type=int, default=500, help="buyers in the rush (default 500)")
    parser.add_argument("--rush-offers", type=int, default=100, help="scarce offers in the rush (default 100)")
    parser.add_argument("--close-lines", type=int, default=20_000, help="order lines of the closed cycle (20000)")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (default 4)")
    parser.add_argument("--clients", type=int, default=16, help="concurrent loopback clients (default 16)")
    parser.add_argument("--duration", type=float, default=20.0, help="seconds of shop page load (default 20)")
    parser.add_argument("--max-requests", type=int, default=20_000, help="request cap, Python generator (20000)")
    parser.add_argument(
        "--loadgen",
        choices=["python", "wrk"],
        default=DEFAULT_LOADGEN,
        help="load generator for the shop page (default: wrk when /usr/bin/wrk exists, else python; here %(default)s)",
    )
    parser.add_argument(
        "--rush-workers", type=int, default=16, help="processes checking out at once in the rush (default 16)"
    )
    parser.add_argument("--part", action="append", choices=PARTS, help="only these parts (repeatable)")
    parser.add_argument("--json", type=Path, help="also write the results to this JSON file")
    parser.add_argument(
        "--signed-in",
        type=int,
        default=0,
        metavar="N",
        help="load the shop page as N signed-in buyers in turn (wrk only; a session each, never served from the "
        "response cache); 0 (the default): visitors without a session",
    )
    parser.add_argument(
        "--response-cache-seconds",
        type=int,
        default=60,
        help="lifetime of the shop page in the response cache under load (60, the production default; 0: every "
        "request is rendered)",
    )
    return parser.parse_args(argv)


def prepare(args: argparse.Namespace) -> None:
    from django.core.management import call_command

    from bench.trade_data import cycles_refresh, generate_trade

    require_bench_database(args.database_url)
    call_command("migrate", verbosity=0, interactive=False)
    if not args.skip_generate:
        started = time.perf_counter()
        generate_trade(
            variants=args.variants,
            producers=args.producers,
            buyers=args.buyers,
            rush_offers=args.rush_offers,
            close_lines=args.close_lines,
            seed=args.seed,
        )
        print(f"generated the trade data in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    cycles_refresh()


# --- shop page: request paths -----------------------------------------------------------------------------------------


class ShopPaths:
    """Shop page requests like a shopper's: pages (mostly the first ones), searches, a producer, a product type."""

    PER_PAGE = 24

    def __init__(self, *, slug: str, cycle_id: int, seed: int) -> None:
        from streek.catalog.models import Concept
        from streek.orders.models import CycleOffer, CycleProducer

        self.rng = random.Random(seed)
        self.base = f"/winkel/{slug}/"
        offers = CycleOffer.objects.filter(cycle_id=cycle_id)
        self.pages = max(1, math.ceil(offers.count() / self.PER_PAGE))
        names = offers.values_list("variant__product__name_nl", flat=True).distinct()
        self.words = sorted(
            {word.lower() for name in names for word in name.split() if len(word) >= 4 and word.isalpha()}
        )
        self.producers = list(
            CycleProducer.objects.filter(cycle_id=cycle_id)
            .order_by("producer_id")
            .values_list("producer_id", flat=True)
        )
        self.types = list(
            Concept.objects.filter(scheme="product_type", depth=0).exclude(key="inedible").values_list("key", flat=True)
        )

    def path(self) -> str:
        draw = self.rng.random()
        if draw < 0.25:
            return f"{self.base}?page={self.rng.randint(1, 5)}"
        if draw < 0.45:
            return f"{self.base}?page={self.rng.randint(1, self.pages)}"
        if draw < 0.70:
            return f"{self.base}?q={self.rng.choice(self.words)}"
        if draw < 0.85:
            return f"{self.base}?producer={self.rng.choice(self.producers)}&page={self.rng.randint(1, 2)}"
        return f"{self.base}?type={self.rng.choice(self.types)}&page={self.rng.randint(1, 3)}"

    def samples(self) -> list[tuple[str, str]]:
        """Fixed requests for the query counts: (kind, path)."""
        return [
            ("first page", self.base),
            ("page 2", f"{self.base}?page=2"),
            ("search", f"{self.base}?q={self.words[0]}"),
            ("producer", f"{self.base}?producer={self.producers[0]}"),
            ("product type", f"{self.base}?type=vegetable"),
        ]


def count_queries(*, slug: str, cycle_id: int, seed: int) -> list[dict[str, Any]]:
    """SQL queries, offers shown, and the median in-process Python CPU and wall time of the sample shop requests
    of one hub (one request at a time, no HTTP), with the response cache off: the work of a page rendered."""
    from django.test.utils import override_settings

    with override_settings(STREEK_RESPONSE_CACHE_SECONDS=0):
        return _count_queries(slug=slug, cycle_id=cycle_id, seed=seed)


def _count_queries(*, slug: str, cycle_id: int, seed: int) -> list[dict[str, Any]]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST=HOST)
    paths = ShopPaths(slug=slug, cycle_id=cycle_id, seed=seed)
    rows = []
    for kind, path in paths.samples():
        client.get(path)  # warm caches (taxonomy, translations) so that only per-request queries count
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        queries = len(captured)
        cpu, wall = [], []
        for _ in range(CPU_SAMPLES):
            started_cpu, started = time.process_time(), time.perf_counter()
            client.get(path)
            cpu.append((time.process_time() - started_cpu) * 1000)
            wall.append((time.perf_counter() - started) * 1000)
        rows.append(
            {
                "kind": kind,
                "path": path,
                "status": response.status_code,
                "queries": queries,
                "offers_shown": response.content.count(b'class="offer-row'),
                "cpu_ms": statistics.median(cpu),
                "wall_ms": statistics.median(wall),
            }
        )
    return rows


def print_counts(small: list[dict[str, Any]], large: list[dict[str, Any]], sizes: tuple[int, int]) -> bool:
    print(f"\nShop page SQL queries per request (in-process): {sizes[0]} vs {sizes[1]} offers in the cycle")
    equal = True
    for one, other in zip(small, large, strict=True):
        same = one["queries"] == other["queries"] and one["status"] == other["status"] == 200
        equal &= same
        print(
            f"  {one['kind']:13} {one['queries']:>3} vs {other['queries']:>3} {'equal' if same else 'DIFFERENT':9}"
            f"  HTTP {one['status']}/{other['status']}  offers shown {one['offers_shown']:>2}/{other['offers_shown']:>2}"
            f"  median in-process CPU {one['cpu_ms']:5.1f} / {other['cpu_ms']:5.1f} ms, wall {one['wall_ms']:6.1f} / "
            f"{other['wall_ms']:6.1f} ms  {other['path']}"
        )
    return equal


def buyer_sessions(count: int) -> list[str]:
    """Cookie headers of `count` signed-in bench buyers: a session each, made in the bench database as a login
    would make it."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from bench.trade_data import BUYER_PREFIX
    from streek.accounts.models import User

    buyers = list(User.objects.filter(username__startswith=BUYER_PREFIX).order_by("pk")[:count])
    if len(buyers) < count:
        raise SystemExit(f"only {len(buyers)} bench buyers to sign in (--buyers when generating)")
    cookies = []
    for user in buyers:
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        cookies.append(f"{settings.SESSION_COOKIE_NAME}={session.session_key}")
    return cookies


def shop_load(args: argparse.Namespace, *, slug: str, cycle_id: int) -> tuple[ScenarioResult, Counter[str]]:
    """The shop page under load, and how many of its requests the response cache answered."""
    from django.db import connections

    paths = ShopPaths(slug=slug, cycle_id=cycle_id, seed=args.seed)
    cookies = buyer_sessions(args.signed_in) if args.signed_in else None
    connections.close_all()
    cache_log = ResponseCacheLog(args.response_cache_seconds)
    # a busy small machine needs a while to boot the workers; the warm-up then loads the shop page in each
    process, port = start_gunicorn(
        args.database_url,
        args.workers,
        ready_timeout=180,
        env=server_env(args.database_url, **MAIL_ENV, **cache_log.env()),
    )
    try:
        cache_log.picture()
        result = measure_load(
            "shop page",
            port=port,
            next_path=paths.path,
            loadgen=args.loadgen,
            clients=args.clients,
            duration=args.duration,
            max_requests=args.max_requests,
            cookies=cookies,
        )
        picture = cache_log.picture()
    finally:
        stop_gunicorn(process)
        cache_log.close()
    return result, picture


# --- closing a cycle ----------------------------------------------------------------------------------------------


def close_cycle() -> dict[str, Any]:
    """Close the generated cycle (reset first), then time the report, its CSV, pick lists and packing lists."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bench.trade_close import close_reset
    from bench.trade_data import trade_cycles
    from streek.orders.documents.csv_export import cycle_report_csv, packing_list_csv, pick_list_csv
    from streek.orders.models import CycleProducer, OrderLine, PickupPoint
    from streek.orders.selectors.reports import cycle_report, packing_list, pick_list
    from streek.orders.services.cycle_close import order_cycle_close

    handles = trade_cycles()
    cycle = handles.close
    close_reset(cycle=cycle)
    cycle.refresh_from_db()
    lines = OrderLine.objects.filter(order__cycle=cycle).count()
    orders = cycle.orders.count()
    timings: dict[str, Any] = {"lines": lines, "orders": orders}

    def timed(name: str, work: Any) -> Any:
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            value = work()
            timings[name] = time.perf_counter() - started
        timings[f"{name}_queries"] = len(captured)
        return value

    result = timed("close", lambda: order_cycle_close(actor=handles.owner, cycle=cycle))
    timings["invoices"] = result.invoices_issued
    timings["surplus"] = result.surplus_recorded
    report = timed("report", lambda: cycle_report(cycle=cycle))
    csv_text = timed("report_csv", lambda: cycle_report_csv(report=report))
    timings["report_csv_bytes"] = len(csv_text)
    producers = [row.producer for row in CycleProducer.objects.filter(cycle=cycle).select_related("producer")]
    timings["producers"] = len(producers)
    timed("pick_lists", lambda: [pick_list_csv(pick_list=pick_list(cycle=cycle, producer=p)) for p in producers])
    points = list(PickupPoint.objects.filter(hub=cycle.hub))
    zones = list(cycle.delivery_zones.all())
    timings["places"] = len(points) + len(zones)
    timed(
        "packing_lists",
        lambda: (
            [packing_list_csv(packing_list=packing_list(cycle=cycle, pickup_point=p)) for p in points]
            + [packing_list_csv(packing_list=packing_list(cycle=cycle, zone=z)) for z in zones]
        ),
    )
    timings["report_total"] = timings["report"] + timings["report_csv"]
    return timings


def print_close(timings: dict[str, Any]) -> None:
    print(f"\nClosing a cycle of {timings['orders']} orders, {timings['lines']} order lines (one at a time)")
    print(
        f"  order_cycle_close          {timings['close']:7.2f} s  {timings['close_queries']:>5} queries  "
        f"({timings['invoices']} invoices, {timings['surplus']} surplus rows)"
    )
    print(f"  cycle_report               {timings['report']:7.2f} s  {timings['report_queries']:>5} queries")
    print(f"  cycle_report_csv           {timings['report_csv']:7.2f} s  ({timings['report_csv_bytes']} bytes)")
    print(
        f"  pick lists (CSV)           {timings['pick_lists']:7.2f} s  {timings['pick_lists_queries']:>5} queries  "
        f"({timings['producers']} producers)"
    )
    print(
        f"  packing lists (CSV)        {timings['packing_lists']:7.2f} s  {timings['packing_lists_queries']:>5} "
        f"queries  ({timings['places']} pickup points and zones)"
    )
    verdict = "met" if timings["report_total"] < REPORT_TARGET_S else "NOT met"
    print(f"  report + CSV {timings['report_total']:.2f} s: target < {REPORT_TARGET_S:.0f} s {verdict}")


# --- main -------------------------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> None:  # noqa: C901 - one step after another
    args = parse_args(argv)
    parts = set(args.part or PARTS)
    ensure_database(args.database_url)
    setup_django(args.database_url, **MAIL_ENV)
    prepare(args)

    from bench.trade_data import trade_cycles
    from bench.trade_rush import RushSummary, print_rush, run_rush
    from streek.orders.models import CycleOffer

    handles = trade_cycles()
    print(f"\n{machine_line()}", file=sys.stderr)
    output: dict[str, Any] = {"machine": machine_line(), "seed": args.seed}
    counts_equal = True
    if "counts" in parts:
        sizes = (
            CycleOffer.objects.filter(cycle=handles.small).count(),
            CycleOffer.objects.filter(cycle=handles.shop).count(),
        )
        small = count_queries(slug=handles.small_hub.slug, cycle_id=handles.small.pk, seed=args.seed)
        large = count_queries(slug=handles.hub.slug, cycle_id=handles.shop.pk, seed=args.seed)
        counts_equal = print_counts(small, large, sizes)
        output["query_counts"] = {"offers": sizes, "small": small, "large": large}
    shop: ScenarioResult | None = None
    if "shop" in parts:
        shop, picture = shop_load(args, slug=handles.hub.slug, cycle_id=handles.shop.pk)
        print(
            f"\nShop page of {CycleOffer.objects.filter(cycle=handles.shop).count()} offers: gunicorn {args.workers} "
            f"workers, {args.clients} clients, {args.duration:.0f} s, load generator {args.loadgen}, "
            + (f"{args.signed_in} signed-in buyers in turn" if args.signed_in else "visitors without a session")
        )
        print_results([(shop, SHOP_P95_TARGET_MS)])
        print_cache_pictures({"shop page": picture}, seconds=args.response_cache_seconds)
        output["shop"] = {
            "requests": shop.requests,
            "errors": shop.errors,
            "p50_ms": shop.percentile(50),
            "p95_ms": shop.percentile(95),
            "p99_ms": shop.percentile(99),
            "req_per_s": shop.rate,
            "target_p95_ms": SHOP_P95_TARGET_MS,
            "response_cache_seconds": args.response_cache_seconds,
            "response_cache": dict(picture),
            "signed_in": args.signed_in,
        }
    rush: RushSummary | None = None
    if "rush" in parts:
        rush = run_rush(cycle=handles.rush, workers=args.rush_workers, seed=args.seed)
        print_rush(rush)
        output["rush"] = rush.as_json()
    close: dict[str, Any] | None = None
    if "close" in parts:
        close = close_cycle()
        print_close(close)
        output["close"] = close

    print(f"\n{machine_line()}")
    if not counts_equal:
        print("WARNING: the shop page's query count differs between the small and the large cycle")
    if args.json:
        args.json.write_text(json.dumps(output, indent=2, default=str) + "\n")


if __name__ == "__main__":
    main()
