from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from streek.accounts.tests.factories import AdminUserFactory, MembershipFactory, OfficerFactory, UserFactory
from streek.monitor.models import ExternalFigure
from streek.monitor.tests.factories import ExternalFigureFactory
from streek.territory.models import Municipality, MunicipalityFusion

from .helpers import client_for

pytestmark = pytest.mark.django_db

LIST = "/monitor/cijfers/"
IMPORT = "/monitor/cijfers/import/"


def _post(code: str = "71053", **overrides: str) -> dict[str, str]:
    data = {
        "municipality_code": code,
        "year": "2024",
        "kind": "population",
        "value": "41234",
        "source": "Statbel",
        "source_date": "2024-01-01",
        "note": "",
    }
    data.update(overrides)
    return data


def test_an_officer_enters_a_figure_for_their_municipality() -> None:
    officer = OfficerFactory().user

    response = client_for(officer).post(LIST, _post())

    assert response.status_code == 302
    figure = ExternalFigure.objects.get()
    assert figure.municipality.code == "71053"
    assert figure.value == Decimal("41234")
    assert figure.entered_by == officer


def test_errors_are_shown_next_to_their_field_and_nothing_is_written() -> None:
    officer = OfficerFactory().user

    response = client_for(officer).post(LIST, _post(value="-3", source_date="tomorrow"))

    assert response.status_code == 400
    body = response.content.decode()
    assert 'id="id_value_error"' in body
    assert 'id="id_source_date_error"' in body
    assert not ExternalFigure.objects.exists()


def test_an_officer_cannot_enter_a_figure_for_another_municipality() -> None:
    officer = OfficerFactory().user

    response = client_for(officer).post(LIST, _post(code="24062"))

    assert response.status_code == 404
    assert not ExternalFigure.objects.exists()


def test_the_figures_pages_are_404_for_anyone_but_officers_and_admins() -> None:
    member = MembershipFactory().user
    for user in (UserFactory(), member):
        assert client_for(user).get(LIST).status_code == 404
        assert client_for(user).post(LIST, _post()).status_code == 404
    assert client_for().get(LIST).status_code == 302  # to the login page
    assert not ExternalFigure.objects.exists()


def test_an_admin_enters_for_any_municipality_and_a_former_code_maps_onto_the_merged_one() -> None:
    admin = AdminUserFactory()
    fusion = MunicipalityFusion.objects.select_related("municipality").first()
    assert fusion is not None

    response = client_for(admin).post(LIST, _post(code=fusion.old_code, year="2023"))

    assert response.status_code == 302
    figure = ExternalFigure.objects.get()
    assert figure.municipality == fusion.municipality
    assert figure.original_code == fusion.old_code


def test_an_officer_lists_only_the_figures_of_their_municipalities(django_assert_max_num_queries: Any) -> None:
    officer = OfficerFactory().user
    for year in (2021, 2022, 2023, 2024):
        ExternalFigureFactory(year=year)
    ExternalFigureFactory(municipality=Municipality.objects.get(code="24062"), source="Leuven-bron")
    client = client_for(officer)
    client.get(LIST)

    with django_assert_max_num_queries(10):
        response = client.get(LIST)

    body = response.content.decode()
    assert body.count("Statbel") >= 4
    assert "Leuven-bron" not in body


def test_an_officer_deletes_their_figure_but_not_another_municipalitys() -> None:
    officer = OfficerFactory().user
    own = ExternalFigureFactory()
    other = ExternalFigureFactory(municipality=Municipality.objects.get(code="24062"))
    client = client_for(officer)

    assert client.post(f"/monitor/cijfers/{other.pk}/verwijderen/").status_code == 404
    assert client.post(f"/monitor/cijfers/{own.pk}/verwijderen/").status_code == 302

    assert list(ExternalFigure.objects.all()) == [other]


def test_a_csv_import_saves_every_row() -> None:
    officer = OfficerFactory().user
    content = (
        "municipality_code,year,kind,value,source,source_date\n"
        "71053,2024,population,41000,Statbel,2024-01-01\n"
        "71053,2024,farms,210,Landbouwtelling,2024-05-01\n"
    )
    upload = SimpleUploadedFile("figures.csv", content.encode(), content_type="text/csv")

    response = client_for(officer).post(IMPORT, {"file": upload})

    assert response.status_code == 302
    assert ExternalFigure.objects.count() == 2


def test_a_csv_import_with_errors_names_row_and_column_and_writes_nothing() -> None:
    officer = OfficerFactory().user
    content = (
        "municipality_code,year,kind,value,source,source_date\n"
        "71053,2024,population,41000,Statbel,2024-01-01\n"
        "71053,2024,cows,12,Statbel,2024-01-01\n"
        "24062,2024,population,100000,Statbel,2024-01-01\n"
    )
    upload = SimpleUploadedFile("figures.csv", content.encode(), content_type="text/csv")

    response = client_for(officer).post(IMPORT, {"file": upload})

    assert response.status_code == 400
    body = response.content.decode()
    assert "<td>3</td><td><code>kind</code></td>" in body
    assert "nothing was saved" in body
    assert not ExternalFigure.objects.exists()
