"""Append the facts of everything already in the database: delivered orders, received donations, logged waste,
driven rounds and agreed matches. Idempotent: facts already there are left as they are."""

from collections.abc import Callable, Iterable
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db.models import Count, Q
from tqdm import tqdm

from streek.logistics.models import Route
from streek.market.models import Donation, Match, WasteRecord
from streek.orders.choices import OrderStatus
from streek.orders.models import Order

from ...services import (
    collaboration_from_match,
    donation_fact_append,
    route_fact_append,
    sale_facts_append,
    waste_fact_append,
)


class Command(BaseCommand):
    help = "Append monitor facts for past deliveries, donations, waste, rounds and matches (safe to run again)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-progress", action="store_true", help="Do not show the progress bars.")

    def handle(self, *args: Any, **options: Any) -> None:
        quiet = options["no_progress"]
        completed_routes = (
            Route.objects.annotate(total=Count("stops"), open=Count("stops", filter=Q(stops__done_at__isnull=True)))
            .filter(total__gt=0, open=0)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        steps: list[tuple[str, Iterable[int], Callable[[int], int]]] = [
            (
                "orders",
                Order.objects.filter(status=OrderStatus.DELIVERED)
                .order_by("delivered_at", "pk")
                .values_list("pk", flat=True),
                lambda pk: sale_facts_append(order_id=pk),
            ),
            (
                "matches",
                Match.objects.filter(agreed_at__isnull=False).order_by("agreed_at").values_list("pk", flat=True),
                lambda pk: collaboration_from_match(match_id=pk),
            ),
            (
                "donations",
                Donation.objects.filter(received_at__isnull=False).order_by("pk").values_list("pk", flat=True),
                lambda pk: donation_fact_append(donation_id=pk),
            ),
            (
                "waste",
                WasteRecord.objects.order_by("pk").values_list("pk", flat=True),
                lambda pk: waste_fact_append(waste_record_id=pk),
            ),
            ("routes", completed_routes, lambda pk: route_fact_append(route_id=pk)),
        ]
        for name, ids, append in steps:
            ids = list(ids)
            appended = 0
            for pk in tqdm(ids, desc=name, unit="row", disable=quiet, file=self.stderr):
                appended += append(pk)
            self.stdout.write(f"{name}: {len(ids)} read, {appended} facts appended")
        self.stdout.write(self.style.SUCCESS("Monitor facts are up to date."))
