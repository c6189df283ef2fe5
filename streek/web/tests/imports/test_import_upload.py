import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from streek.accounts.tests.factories import AdminUserFactory, OfficerFactory, UserFactory
from streek.catalog.choices import ImportStatus
from streek.catalog.models import InventoryImport, SalesPoint
from streek.catalog.tests.factories import municipality

pytestmark = pytest.mark.django_db

URL = reverse("web:import_upload")
CSV = "name,type,postal_code,lat,lon,hours\nHoeve Web,farm_shop,3800,50.82,5.19,za 09:00-12:00\n"


def _upload(content: str = CSV, name: str = "punten.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content.encode(), content_type="text/csv")


def test_officer_uploads_a_file_and_the_dry_run_runs_in_the_background(django_capture_on_commit_callbacks) -> None:
    # given
    officer = OfficerFactory().user
    client = Client()
    client.force_login(officer)

    # when
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(URL, {"file": _upload(), "municipality": municipality("71053").pk})

    # then
    job = InventoryImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("web:import_detail", args=[job.pk])
    assert len(callbacks) == 1
    assert job.status == ImportStatus.VALIDATED
    assert (job.created_by, job.municipality, job.language) == (officer, municipality("71053"), "nl")
    assert job.summary["create"] == 1
    assert SalesPoint.objects.count() == 0


def test_upload_page_lists_only_the_officers_municipalities() -> None:
    officer = OfficerFactory().user
    client = Client()
    client.force_login(officer)

    response = client.get(URL)

    assert response.status_code == 200
    choices = list(response.context["form"].fields["municipality"].queryset)
    assert choices == [municipality("71053")]


def test_officer_cannot_import_into_another_municipality() -> None:
    officer = OfficerFactory().user
    client = Client()
    client.force_login(officer)

    response = client.post(URL, {"file": _upload(), "municipality": municipality("21004").pk})

    assert response.status_code == 200
    assert "municipality" in response.context["form"].errors
    assert InventoryImport.objects.count() == 0


def test_someone_who_is_not_an_officer_gets_404() -> None:
    client = Client()
    client.force_login(UserFactory())

    response = client.post(URL, {"file": _upload(), "municipality": municipality("71053").pk})

    assert response.status_code == 404
    assert InventoryImport.objects.count() == 0


def test_anonymous_visitor_is_sent_to_login() -> None:
    response = Client().get(URL)

    assert response.status_code == 302
    assert reverse("web:login") in response["Location"]


def test_platform_admin_may_import_without_a_municipality(django_capture_on_commit_callbacks) -> None:
    client = Client()
    client.force_login(AdminUserFactory())

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {"file": _upload(), "municipality": ""})

    job = InventoryImport.objects.get()
    assert response.status_code == 302
    assert job.municipality is None
    assert job.status == ImportStatus.VALIDATED


def test_file_that_is_not_utf8_is_refused_on_the_form() -> None:
    officer = OfficerFactory().user
    client = Client()
    client.force_login(officer)
    upload = SimpleUploadedFile("x.csv", "naam\nHoeve Été\n".encode("latin-1"))

    response = client.post(URL, {"file": upload, "municipality": municipality("71053").pk})

    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert InventoryImport.objects.count() == 0
