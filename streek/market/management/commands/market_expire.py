"""Take offers and requests past their expiry date or period off the board (run it daily)."""

from typing import Any

from django.core.management.base import BaseCommand

from streek.market.services.posts import posts_expire


class Command(BaseCommand):
    help = "Mark offers and requests past their expiry date or period as expired and clear their new matches."

    def handle(self, *args: Any, **options: Any) -> None:
        counts = posts_expire()
        self.stdout.write(f"{counts['offer']} offer(s) and {counts['request']} request(s) expired.")
