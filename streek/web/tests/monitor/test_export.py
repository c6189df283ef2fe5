import csv
import io
import json

import pytest

from streek.accounts.tests.factories import OfficerFactory
from streek.web.monitor.export import COLUMNS

from .helpers import client_for, sales_by

pytestmark = pytest.mark.django_db


def test_the_csv_export_parses_back_with_one_record_per_period_and_figure() -> None:
    # given three producers selling in Sint-Truiden
    sales_by(3)

    # when the CSV export is downloaded
    response = client_for().get("/monitor/export/municipality-71053/2025.csv", {"lang": "en"})

    # then it parses back with the documented header, a record per figure of the year and per quarter
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))
    assert tuple(rows[0].keys()) == COLUMNS
    turnover = [r for r in rows if r["figure_key"] == "K6.turnover"]
    assert [r["quarter"] for r in turnover] == ["", "1", "2", "3", "4"]
    year = turnover[0]
    assert year["value"] == "300.00"
    assert year["organisations"] == "3"
    assert year["suppressed"] == "false"
    assert year["area_kind"] == "municipality"
    assert year["area_code"] == "71053"
    assert year["unit"] == "eur"
    assert year["label"] == "Short-chain turnover"
    assert all(r["method_version"] for r in rows)


def test_the_json_export_marks_suppressed_figures_for_the_public_only() -> None:
    # given two producers
    sales_by(2)

    # when the public and an officer of the municipality download the JSON
    public = json.loads(client_for().get("/monitor/export/municipality-71053/2025.json").content)
    officer = json.loads(client_for(OfficerFactory().user).get("/monitor/export/municipality-71053/2025.json").content)

    # then the public record is suppressed without value, the officer's has it
    def turnover(document: dict) -> dict:  # type: ignore[type-arg]
        return next(r for r in document["records"] if r["figure_key"] == "K6.turnover" and r["quarter"] is None)

    assert turnover(public)["suppressed"] is True
    assert turnover(public)["value"] is None
    assert turnover(officer)["suppressed"] is False
    assert turnover(officer)["value"] == "200.00"
    assert public["area"] == {"kind": "municipality", "code": "71053", "name": "Sint-Truiden"}


def test_exports_of_unknown_areas_are_404() -> None:
    assert client_for().get("/monitor/export/municipality-00000/2025.csv").status_code == 404
