"""Make the upcoming repetitions of every active cycle schedule (run daily; safe to run again)."""

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from streek.orders.models import OrderCycleSeries
from streek.orders.services.cycles import SERIES_HORIZON, order_cycle_series_generate


class Command(BaseCommand):
    help = "Make the repetitions of active cycle schedules that open within the horizon."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--horizon-weeks",
            type=int,
            default=SERIES_HORIZON.days // 7,
            help="Make the repetitions that open within this many weeks (default %(default)s).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        horizon = timedelta(weeks=options["horizon_weeks"])
        today = timezone.localdate()
        total = 0
        for series in OrderCycleSeries.objects.filter(is_active=True, repeat_until__gte=today).order_by("pk"):
            cycles = order_cycle_series_generate(series=series, horizon=horizon)
            total += len(cycles)
            for cycle in cycles:
                self.stdout.write(f"{series.hub_id}: {cycle.name} ({cycle.get_status_display()})")
        self.stdout.write(f"{total} cycles made.")
