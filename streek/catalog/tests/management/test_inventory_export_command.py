import csv
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from streek.catalog.tests.factories import SalesPointFactory, municipality

pytestmark = pytest.mark.django_db


def test_csv_to_a_file(tmp_path: Path) -> None:
    SalesPointFactory(name="Hoeve Export")
    SalesPointFactory(name="Brussel Export", municipality=municipality("21004"))
    output = tmp_path / "export.csv"

    call_command("inventory_export", "--format", "csv", "--municipality", "71053", "-o", str(output))

    rows = list(csv.DictReader(output.open(encoding="utf-8")))
    assert [row["name"] for row in rows] == ["Hoeve Export"]


def test_geojson_to_standard_output_for_a_province(capsys: pytest.CaptureFixture[str]) -> None:
    SalesPointFactory(name="Hoeve Limburg")

    call_command("inventory_export", "--format", "geojson", "--region", "70000")

    document = json.loads(capsys.readouterr().out)
    assert document["count"] == 1
    assert document["licence"]
    assert document["features"][0]["properties"]["name"] == "Hoeve Limburg"


def test_unknown_area_is_refused() -> None:
    with pytest.raises(CommandError):
        call_command("inventory_export", "--municipality", "00000", stdout=StringIO())
    with pytest.raises(CommandError):
        call_command("inventory_export", "--region", "nergens", stdout=StringIO())
