"""Import an inventory file (CSV or GeoJSON) from the command line: check every row, then write all or nothing.

    manage.py inventory_import punten.csv [--municipality 71053] [--dry-run] [--user jan] [--language nl]

Errors are printed as "row N, column C: message" and the command exits with status 1; nothing is written then.
"""

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from streek.accounts.models import User
from streek.catalog.choices import ImportStatus
from streek.catalog.inventory_formats import FileFormatError, read_table
from streek.catalog.models import InventoryImport
from streek.catalog.services.inventory_import import (
    inventory_import_apply,
    inventory_import_create,
    inventory_import_validate,
)
from streek.core.exceptions import ApplicationError
from streek.territory.models import Municipality


class Command(BaseCommand):
    help = "Import sales points from a CSV or GeoJSON file (see docs/inventory-format.md)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the CSV or GeoJSON file")
        parser.add_argument("--municipality", help="NIS or CBS code: every row must lie in this municipality")
        parser.add_argument("--dry-run", action="store_true", help="check and show what would change; write nothing")
        parser.add_argument("--user", help="username recorded as the author of the changes")
        parser.add_argument("--language", default="nl", choices=["nl", "fr", "en"], help="language of the messages")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        municipality = None
        if options["municipality"]:
            municipality = Municipality.objects.filter(code=options["municipality"]).first()
            if municipality is None:
                raise CommandError(f"Unknown municipality code: {options['municipality']}")
        user = None
        if options["user"]:
            user = User.objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"Unknown user: {options['user']}")
        data = path.read_bytes()
        try:
            job = inventory_import_create(
                actor=user,
                file_name=path.name,
                data=data,
                municipality=municipality,
                language=options["language"],
                run_in_background=False,
            )
        except ApplicationError as error:
            raise CommandError(error.message) from error

        try:
            total = read_table(job.content, job.file_format).total
        except FileFormatError:
            total = 0
        with tqdm(total=total, unit="rows", file=sys.stderr, disable=options["verbosity"] == 0) as bar:

            def progress(done: int) -> None:
                bar.update(max(0, min(done, total) - bar.n))

            if options["dry_run"]:
                job = inventory_import_validate(job_id=job.pk, progress=progress)
            else:
                job = inventory_import_apply(job_id=job.pk, progress=progress)
        self._report(job, dry_run=options["dry_run"], verbosity=options["verbosity"])

    def _report(self, job: InventoryImport, *, dry_run: bool, verbosity: int) -> None:
        if job.status == ImportStatus.INVALID:
            for error in job.errors:
                self.stderr.write(f"row {error['row']}, column {error['column'] or '-'}: {error['message']}")
            if job.summary.get("errors_truncated"):
                self.stderr.write(f"... more errors not shown (the first {len(job.errors)} are listed)")
            raise CommandError(f"{len(job.errors)} error(s): nothing was written.")
        summary = job.summary
        if verbosity >= 2:
            for row in summary.get("rows", []):
                changes = "; ".join(f"{name}: {old!s} -> {new!s}" for name, old, new in row["changes"])
                self.stdout.write(f"row {row['row']} {row['action']} {row['name']}: {changes}")
        verb = "would" if dry_run else "did"
        self.stdout.write(
            f"{job.total_rows} rows: {verb} create {summary['create']}, update {summary['update']}, "
            f"leave {summary['unchanged']} unchanged ({summary['matched_by_name']} matched by name and position)."
        )
        if dry_run:
            self.stdout.write("Dry run: nothing was written.")
        else:
            self.stdout.write(self.style.SUCCESS(f"Import {job.pk} done."))
