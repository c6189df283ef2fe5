"""Write the OpenAPI schema of /api/v1/ to docs/api/openapi.json (the snapshot the tests compare with)."""

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.utils import translation

SCHEMA_PATH = Path(settings.BASE_DIR) / "docs" / "api" / "openapi.json"


def api_schema_text() -> str:
    """The OpenAPI schema as stable, reviewable JSON text."""
    from config.api import api

    with translation.override("en"):
        schema = api.get_openapi_schema()
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


class Command(BaseCommand):
    help = "Write the OpenAPI schema of the API to docs/api/openapi.json, or check that it is up to date."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", default=str(SCHEMA_PATH), help="File to write (default: %(default)s).")
        parser.add_argument("--check", action="store_true", help="Exit with an error when the file is out of date.")

    def handle(self, *args: Any, **options: Any) -> None:
        output = Path(options["output"])
        text = api_schema_text()
        if options["check"]:
            if not output.exists() or output.read_text(encoding="utf-8") != text:
                self.stderr.write(f"{output} is out of date: run `python manage.py api_schema`.")
                raise SystemExit(1)
            self.stdout.write(f"{output} is up to date.")
            return
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
        self.stdout.write(f"Wrote {output}.")
