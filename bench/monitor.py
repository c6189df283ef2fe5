"""Time the monitor on PostgreSQL: 10 million delivered order lines over 5 years across every Belgian and Dutch
municipality (bench/monitor_data.py), then

1. all indicators of one municipality and one year (`indicator_results`), for --samples municipalities: p50/max
   (target under 1 s);
2. every figure of every municipality for one year (`figure_by_municipality` per figure key, the path of the
   choropleth map and the exports): total (target under 60 s);
3. the yearly report of a region (a province) from data to PDF (target under 30 s), when the report service exists;
4. appending the facts of one new delivery (`sale_facts_append` of a real order of 5 lines), on the full fact
   table and on an empty one: the cost must not grow with the table (O(1)).

    DATABASE_URL=postgres://streek:streek@127.0.0.1:5432/streek_bench_monitor .venv/bin/python bench/monitor.py
    ... --skip-generate        # reuse the facts already generated
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.server import ensure_database, machine_line, require_bench_database, setup_django  # noqa: E402

DEFAULT_URL = "postgres://streek:streek@127.0.0.1:5432/streek_bench_monitor"


def _timed(function, *args, **kwargs):  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    result = function(*args, **kwargs)
    return time.perf_counter() - started, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lines", type=int, default=10_000_000)
    parser.add_argument("--year", type=int, default=2024)
    parser.add_argument("--samples", type=int, default=20, help="municipalities timed one by one")
    parser.add_argument("--skip-generate", action="store_true")
    parser.add_argument("--generate-only", action="store_true")
    parser.add_argument("--region", default="10000", help="province code of the region whose report is timed")
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", DEFAULT_URL)
    require_bench_database(url)
    ensure_database(url)
    setup_django(url)

    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    from bench import monitor_data
    from streek.monitor.models import SaleFact

    print(f"machine: {machine_line()}")
    if not args.skip_generate:
        seconds, _ = _timed(monitor_data.generate, lines=args.lines)
        print(f"generated {args.lines:,} sale facts and the rest in {seconds:.0f} s")
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM monitor_salefact")
        facts = cursor.fetchone()[0]
        cursor.execute("SELECT pg_size_pretty(pg_total_relation_size('monitor_salefact'))")
        size = cursor.fetchone()[0]
    print(f"sale facts: {facts:,} ({size} with indexes)")
    if args.generate_only:
        return

    from streek.monitor.areas import area_resolve
    from streek.monitor.selectors import (
        Audience,
        figure_by_municipality,
        figures_by_municipality,
        indicator_definitions,
        indicator_results,
    )
    from streek.territory.models import Municipality

    audience = Audience.public()
    codes = list(Municipality.objects.order_by("code").values_list("code", flat=True))
    step = max(1, len(codes) // args.samples)
    sample = codes[::step][: args.samples]
    timings = []
    for code in sample:
        area = area_resolve(kind="municipality", key=code)
        seconds, _ = _timed(indicator_results, area=area, year=args.year, audience=audience)
        timings.append(seconds)
    print(
        f"1. all indicators, one municipality, {args.year}: p50 {statistics.median(timings) * 1000:.0f} ms, "
        f"max {max(timings) * 1000:.0f} ms over {len(timings)} municipalities (target < 1000 ms)"
    )

    keys = [figure.key for definition in indicator_definitions() for figure in definition.figures]
    started = time.perf_counter()
    table = figures_by_municipality(year=args.year, municipality_ids=None, audience=audience)
    total = time.perf_counter() - started
    shown = sum(1 for figures in table.values() for f in figures.values() if f.value is not None)
    print(
        f"2. every figure ({len(keys)}) of every municipality ({len(table)}), {args.year}, in one pass per fact "
        f"table: {total:.1f} s (target < 60 s); {shown:,} values known and shown"
    )
    started = time.perf_counter()
    figure_by_municipality(figure_key="K6.turnover", year=args.year, municipality_ids=None, audience=audience)
    print(f"   one figure (K6.turnover) of every municipality (the map): {time.perf_counter() - started:.1f} s")

    try:
        from streek.strategy.reports.services import yearly_report_build
    except ImportError:
        print("3. yearly report: SKIPPED (no report service)")
    else:
        steps: list[tuple[int, float]] = []
        started = time.perf_counter()
        built = yearly_report_build(
            area_slug=f"province:{args.region}",
            year=args.year,
            progress=lambda percent: steps.append((percent, time.perf_counter() - started)),
        )
        seconds = time.perf_counter() - started
        split = ", ".join(f"{percent} % at {at:.1f} s" for percent, at in steps)
        print(
            f"3. yearly report of province {args.region} ({len(built.area.municipality_ids)} municipalities), "
            f"{args.year}: {seconds:.1f} s (target < 30 s); PDF {len(built.pdf) / 1024:.0f} KiB; steps: {split}"
        )

    print(f"4. append: see bench/monitor_append.py (facts now: {SaleFact.objects.count():,})")


if __name__ == "__main__":
    main()
