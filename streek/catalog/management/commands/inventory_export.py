"""Export the public sales points as CSV (the import format) or GeoJSON.

manage.py inventory_export --format csv|geojson [--municipality CODE | --region SLUG] [-o FILE]
"""

import sys
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from streek.catalog.inventory_formats import csv_chunks, geojson_chunks
from streek.catalog.selectors.open_data import open_data_count, open_data_metadata, open_data_rows
from streek.catalog.selectors.sales_points import SalesPointFilters
from streek.core.exceptions import NotFound
from streek.territory.models import Municipality


class Command(BaseCommand):
    help = "Export the public sales points as CSV or GeoJSON (the same columns as the import)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=["csv", "geojson"], default="csv")
        area = parser.add_mutually_exclusive_group()
        area.add_argument("--municipality", help="NIS or CBS code")
        area.add_argument("--region", help="custom region slug or province code")
        parser.add_argument("-o", "--output", help="file to write (default: standard output)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["municipality"] and not Municipality.objects.filter(code=options["municipality"]).exists():
            raise CommandError(f"Unknown municipality code: {options['municipality']}")
        filters = SalesPointFilters(municipality=options["municipality"] or "", region=options["region"] or "")
        try:
            if options["format"] == "geojson":
                metadata = open_data_metadata(count=open_data_count(filters), source_url=settings.STREEK_PUBLIC_URL)
                chunks = geojson_chunks(open_data_rows(filters), metadata=metadata)
            else:
                open_data_count(filters)  # refuses an unknown region before anything is written
                chunks = csv_chunks(open_data_rows(filters))
            if options["output"]:
                with open(options["output"], "w", encoding="utf-8", newline="") as output:
                    for chunk in chunks:
                        output.write(chunk)
            else:
                for chunk in chunks:
                    sys.stdout.write(chunk)
        except NotFound as error:
            raise CommandError(f"Unknown region: {options['region']}") from error
