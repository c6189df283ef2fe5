"""Place the orders of standing orders and subscription boxes in every published cycle still taking orders.

Safe to run again (each standing order has one order per cycle); run it after cycles are published.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from streek.orders.choices import CycleStatus
from streek.orders.models import OrderCycle
from streek.orders.services.standing import standing_orders_generate


class Command(BaseCommand):
    help = "Place this cycle's order of every standing order and subscription box (published cycles not yet closed)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--cycle", type=int, help="Only this cycle (its id).")

    def handle(self, *args: Any, **options: Any) -> None:
        cycles = OrderCycle.objects.filter(status=CycleStatus.PUBLISHED, closes_at__gt=timezone.now())
        if options.get("cycle"):
            cycles = cycles.filter(pk=options["cycle"])
        placed = skipped = 0
        for cycle in cycles.order_by("closes_at", "pk"):
            result = standing_orders_generate(cycle=cycle)
            placed += len(result)
            skipped += len(result.skipped)
            for order in result:
                self.stdout.write(f"{cycle.pk}: {order.reference}")
            for skip in result.skipped:
                what = f"{skip.quantity} x {skip.description}" if skip.description else "-"
                self.stdout.write(f"{cycle.pk}: standing order {skip.standing_order_id} skipped {what}: {skip.reason}")
        self.stdout.write(f"{placed} orders placed, {skipped} skipped.")
