"""Send the webhook deliveries that are due (new ones a worker missed and retries); run it every minute."""

from typing import Any

from django.core.management.base import BaseCommand

from streek.interop.choices import DeliveryStatus
from streek.interop.services.webhooks import webhook_deliveries_due, webhook_delivery_attempt


class Command(BaseCommand):
    help = "Attempt every pending or retrying webhook delivery whose next attempt is due (from cron, every minute)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--limit", type=int, default=500, help="At most this many deliveries per run.")

    def handle(self, *args: Any, limit: int = 500, **options: Any) -> None:
        counts = {status: 0 for status in DeliveryStatus.values}
        for delivery_id in webhook_deliveries_due(limit=limit):
            delivery = webhook_delivery_attempt(delivery_id=delivery_id)
            if delivery is not None:
                counts[delivery.status] += 1
        self.stdout.write(
            f"{counts[DeliveryStatus.SUCCEEDED]} delivered, {counts[DeliveryStatus.RETRYING]} to retry, "
            f"{counts[DeliveryStatus.FAILED]} failed."
        )
