"""Cost of appending the facts of one new delivery, on the 10-million-line fact table and on an empty one.

What `sale_facts_append` writes after reading the order (a few indexed reads of the order itself, not timed
here because they do not touch the facts): one INSERT ... ON CONFLICT DO NOTHING of the order's sale facts
and the collaboration facts (one read of the pairs' earlier years, one insert). Each append runs in a
transaction that is rolled back, so the table does not grow during the measurement. Queries are counted too:
the same number whatever the size of the table is what O(1) means here.

    .venv/bin/python bench/monitor_append.py                      # streek_bench_monitor (10 M facts)
    DATABASE_URL=postgres://streek:streek@127.0.0.1:5432/streek_bench_monitor_empty \
        .venv/bin/python bench/monitor_append.py                  # an empty fact table (created and migrated)
"""

import os
import statistics
import sys
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.server import ensure_database, machine_line, require_bench_database, setup_django  # noqa: E402

FULL = "postgres://streek:streek@127.0.0.1:5432/streek_bench_monitor"
LINES = 5
RUNS = 200


def main() -> None:
    url = os.environ.get("DATABASE_URL", FULL)
    require_bench_database(url)
    ensure_database(url)
    setup_django(url)
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    call_command("migrate", verbosity=0)

    from streek.monitor.models import CollaborationFact, SaleFact
    from streek.monitor.services.facts import collaborations_append

    print(f"machine: {machine_line()}")

    def one_delivery(n: int) -> tuple[list[SaleFact], list[CollaborationFact]]:
        sales = [
            SaleFact(
                order_line_id=900_000_000 + n * LINES + i,
                delivered_on=date(2025, 6, 1),
                year=2025,
                quarter=2,
                producer_id=20_000_000 + i,
                producer_kind="producer",
                producer_municipality_id=1,
                hub_id=20_500_000,
                buyer_kind="household",
                buyer_municipality_id=1,
                channel="consumer",
                intermediaries=1,
                value=Decimal("12.50"),
                producer_value=Decimal("10.00"),
                weight_kg=Decimal("2.000"),
                distance_km=Decimal("8.00"),
            )
            for i in range(LINES)
        ]
        collaborations = [
            CollaborationFact(
                year=2025,
                kind="producer_hub",
                producer_id=20_000_000 + i,
                producer_municipality_id=1,
                partner_id=20_500_000,
                partner_municipality_id=1,
                source="order",
                first_on=date(2025, 6, 1),
            )
            for i in range(LINES)
        ]
        return sales, collaborations

    count = SaleFact.objects.count()
    timings = []
    queries = 0
    for n in range(RUNS):
        sales, collaborations = one_delivery(n)
        with transaction.atomic():
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                SaleFact.objects.bulk_create(sales, ignore_conflicts=True)
                collaborations_append(collaborations)
                timings.append(time.perf_counter() - started)
            queries = len(captured)
            transaction.set_rollback(True)
    print(
        f"table of {count:,} sale facts: append one delivery of {LINES} lines in "
        f"p50 {statistics.median(timings) * 1000:.2f} ms, p95 {sorted(timings)[int(RUNS * 0.95)] * 1000:.2f} ms "
        f"({queries} queries)"
    )


if __name__ == "__main__":
    main()
