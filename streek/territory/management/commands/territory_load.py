from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from streek.territory.loading import load_territory


class Command(BaseCommand):
    help = "Load or refresh the shipped countries, provinces, municipalities and postal codes (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            counts = load_territory(lambda name: apps.get_model("territory", name))
        self.stdout.write(", ".join(f"{key}: {value}" for key, value in counts.items()))
