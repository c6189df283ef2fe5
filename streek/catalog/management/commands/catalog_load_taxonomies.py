from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from streek.catalog.taxonomy_loading import load_taxonomies


class Command(BaseCommand):
    help = "Load or refresh the DFC product types, facets and measures (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            counts = load_taxonomies(lambda name: apps.get_model("catalog", name))
        self.stdout.write(", ".join(f"{key}: {value}" for key, value in counts.items()))
