"""A CSV of figures is imported all or nothing; errors name the row and the column."""

import io

import pytest
from django.utils import translation

from streek.accounts.tests.factories import AdminUserFactory, OfficerFactory
from streek.monitor.models import ExternalFigure
from streek.monitor.services import external_figures_import_csv

pytestmark = pytest.mark.django_db
HEADER = "municipality_code,year,kind,value,source,source_date\n"


def _import(text: str, actor=None):  # noqa: ANN001, ANN202
    with translation.override("en"):
        return external_figures_import_csv(actor=actor or AdminUserFactory(), file=io.BytesIO(text.encode()))


def test_a_valid_file_is_imported():
    result = _import(
        HEADER + "71053,2024,population,41000,Statbel,2024-01-01\n71053,2024,farms,350,Landbouwtelling,2024-05-01\n"
    )

    assert (result.ok, result.created, result.updated) == (True, 2, 0)
    assert ExternalFigure.objects.count() == 2


def test_semicolons_and_decimal_commas_are_accepted():
    result = _import(
        "municipality_code;year;kind;value;source;source_date\n71053;2024;farm_output_eur;12,5;X;2024-01-01\n"
    )

    assert result.ok
    assert str(ExternalFigure.objects.get().value) == "12.50"


def test_errors_name_row_and_column_and_nothing_is_written():
    result = _import(
        HEADER
        + "71053,2024,population,41000,Statbel,2024-01-01\n"
        + "71053,20x4,population,41000,Statbel,2024-01-01\n"
        + "71053,2024,people,-5,Statbel,01/01/2024\n"
    )

    assert not result.ok
    assert {(e["row"], e["column"]) for e in result.errors} == {
        (3, "year"),
        (4, "kind"),
        (4, "value"),
        (4, "source_date"),
    }
    assert not ExternalFigure.objects.exists()


def test_a_row_for_a_municipality_the_officer_does_not_keep_rolls_back_the_whole_file():
    officer = OfficerFactory().user  # Sint-Truiden

    result = _import(
        HEADER + "71053,2024,population,41000,Statbel,2024-01-01\n71072,2024,population,80000,Statbel,2024-01-01\n",
        actor=officer,
    )

    assert [(e["row"], e["column"]) for e in result.errors] == [(3, "municipality_code")]
    assert (result.created, result.updated) == (0, 0)
    assert not ExternalFigure.objects.exists()


def test_a_missing_column_is_reported_on_the_header():
    result = _import("municipality_code,year,value\n71053,2024,1\n")

    assert result.errors[0]["row"] == 1
    assert "kind" in result.errors[0]["column"]
    assert not ExternalFigure.objects.exists()
