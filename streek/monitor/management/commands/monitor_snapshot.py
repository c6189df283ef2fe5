"""Record the inventory as it stands, for K1-K3 of that year (run on 31 December, e.g. from cron)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from ...services import sales_point_snapshot_take


class Command(BaseCommand):
    help = "Take the year-end snapshot of the sales points (replaces that year's snapshot)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, default=None, help="The year (default: the current year).")

    def handle(self, *args: Any, **options: Any) -> None:
        year = options["year"] or timezone.localdate().year
        count = sales_point_snapshot_take(year=year)
        self.stdout.write(self.style.SUCCESS(f"Snapshot of {year}: {count} sales points."))
