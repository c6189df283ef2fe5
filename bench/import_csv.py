"""Time the inventory import on the current DATABASE_URL: generate a CSV of N rows across Belgian and Dutch
municipalities, run the dry run, then the import (check again + write in one transaction), and print the figures.

    .venv/bin/python bench/import_csv.py --rows 100000            # deletes the points afterwards
    .venv/bin/python bench/import_csv.py --rows 100000 --keep     # keeps them
    DATABASE_URL=postgres://... .venv/bin/python bench/import_csv.py --rows 100000

Peak memory is the resident set size of the process (resource.getrusage), which includes Django and the data.
"""

import argparse
import csv
import io
import os
import random
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402

from streek.catalog.inventory_formats import COLUMNS  # noqa: E402
from streek.catalog.models import InventoryImport, SalesPoint, SalesPointRevision  # noqa: E402
from streek.catalog.services.inventory_import import (  # noqa: E402
    inventory_import_apply,
    inventory_import_create,
    inventory_import_validate,
)
from streek.territory.models import Municipality  # noqa: E402

TYPES = ["farm_shop", "vending_machine", "honesty_stall", "farmers_market", "self_harvest", "csa"]
CATEGORIES = ["vegetable", "fruit", "egg", "potato", "apples", "cow-dairy-product", "beef", "bread", "herb"]
HOURS = ["di-za 09:00-12:00,14:00-18:00; zo 10:00-12:00", "ma-zo 07:00-21:00", "za 08:00-13:00", "", "vr 14:00-19:00"]
WORDS = ["Hoeve", "Boerderij", "Ferme", "Hof", "Melkautomaat", "Pluktuin", "Zelfoogst", "Markt", "Fruitbedrijf"]


def generate(rows: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    municipalities = list(
        Municipality.objects.exclude(lat=None).values_list("code", "lat", "lon", "name_nl", "country__code")
    )
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for n in range(rows):
        code, lat, lon, name, country = rng.choice(municipalities)
        exact = rng.random() < 0.8
        writer.writerow(
            [
                f"bench-{n}",
                f"{rng.choice(WORDS)} {name} {n}",
                rng.choice(TYPES),
                "active",
                f"Dorpsstraat {n % 300 + 1}",
                "",
                name,
                code,
                repr(round(float(lat or 0) + rng.uniform(-0.02, 0.02), 6)) if exact else "",
                repr(round(float(lon or 0) + rng.uniform(-0.02, 0.02), 6)) if exact else "",
                "yes" if exact else "no",
                "011 12 34 56" if n % 3 == 0 else "",
                f"info{n}@example.org" if n % 4 == 0 else "",
                f"https://hoeve{n}.example.org" if n % 5 == 0 else "",
                "|".join(rng.sample(CATEGORIES, rng.randint(0, 3))),
                "",
                "cash|card" if n % 2 else "cash",
                "yes" if n % 3 == 0 else "no",
                rng.choice(HOURS),
            ]
        )
    return buffer.getvalue()


def _timed(label: str, rows: int, run: Callable[[], InventoryImport]) -> InventoryImport:
    started, cpu = time.perf_counter(), time.process_time()
    job = run()
    wall, used = time.perf_counter() - started, time.process_time() - cpu
    summary = ", ".join(f"{key}={job.summary.get(key)}" for key in ("create", "update", "unchanged"))
    print(f"{label:<10} {wall:6.1f} s ({used:5.1f} s CPU in this process) {rows / wall:7.0f} rows/s  {summary}")
    return job


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--keep", action="store_true", help="keep the imported points (default: delete them after)")
    options = parser.parse_args()

    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    started = time.perf_counter()
    content = generate(options.rows)
    print(f"generated {options.rows} rows ({len(content) / 1e6:.1f} MB) in {time.perf_counter() - started:.1f} s")
    points_before = SalesPoint.objects.count()
    job = inventory_import_create(actor=None, file_name="bench.csv", data=content.encode(), run_in_background=False)
    try:
        job = _timed("dry run", options.rows, lambda: inventory_import_validate(job_id=job.pk))
        assert job.status == "validated", job.errors[:5]
        # The import as the command line runs it: check every row again, then write in one committed transaction.
        InventoryImport.objects.filter(pk=job.pk).update(status="pending")
        job = _timed("import", options.rows, lambda: inventory_import_apply(job_id=job.pk))
        assert job.status == "done", job.errors[:5]
        print(
            f"created {SalesPoint.objects.count() - points_before} points, {SalesPointRevision.objects.count()} revisions"
        )
        InventoryImport.objects.filter(pk=job.pk).update(status="pending")
        job = _timed("re-import", options.rows, lambda: inventory_import_apply(job_id=job.pk))
    finally:
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak memory (RSS of this process): {peak_mb:.0f} MB")
        if not options.keep:
            started = time.perf_counter()
            with transaction.atomic():
                SalesPoint.objects.filter(external_ref__startswith="bench-").delete()
                InventoryImport.objects.filter(pk=job.pk).delete()
            print(f"cleaned up in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
