import pytest
from django.test import Client
from django.urls import reverse

from streek.accounts.tests.factories import OfficerFactory
from streek.catalog.choices import ImportStatus, RevisionAction
from streek.catalog.models import InventoryImport, SalesPoint, SalesPointRevision
from streek.catalog.services.inventory_import import inventory_import_create, inventory_import_validate
from streek.catalog.tests.factories import municipality

pytestmark = pytest.mark.django_db

CSV = "external_ref,name,type,postal_code,categories\nW1,Hoeve Een,farm_shop,3800,egg\nW2,Hoeve Twee,csa,3800,\n"


def _validated(officer) -> InventoryImport:
    job = inventory_import_create(
        actor=officer, file_name="p.csv", data=CSV.encode(), municipality=municipality("71053"), run_in_background=False
    )
    return inventory_import_validate(job_id=job.pk)


def test_apply_writes_everything_in_the_background(django_capture_on_commit_callbacks) -> None:
    # given
    officer = OfficerFactory().user
    job = _validated(officer)
    client = Client()
    client.force_login(officer)

    # when
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("web:import_apply", args=[job.pk]))

    # then
    job.refresh_from_db()
    assert response.status_code == 302
    assert job.status == ImportStatus.DONE
    assert job.processed_rows == job.total_rows == 2
    assert sorted(SalesPoint.objects.values_list("external_ref", flat=True)) == ["W1", "W2"]
    assert set(SalesPointRevision.objects.values_list("action", "actor")) == {(RevisionAction.IMPORTED, officer.pk)}
    page = client.get(reverse("web:import_detail", args=[job.pk]))
    assert "Hoeve Een" in page.content.decode()


def test_apply_twice_writes_once(django_capture_on_commit_callbacks) -> None:
    officer = OfficerFactory().user
    job = _validated(officer)
    client = Client()
    client.force_login(officer)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("web:import_apply", args=[job.pk]))
        response = client.post(reverse("web:import_apply", args=[job.pk]), follow=True)

    assert SalesPoint.objects.count() == 2
    assert response.status_code == 200
    assert "message-error" in response.content.decode()


def test_officer_of_another_municipality_cannot_apply(django_capture_on_commit_callbacks) -> None:
    job = _validated(OfficerFactory().user)
    other = OfficerFactory(municipality=municipality("21004")).user
    client = Client()
    client.force_login(other)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("web:import_apply", args=[job.pk]))

    job.refresh_from_db()
    assert response.status_code == 404
    assert job.status == ImportStatus.VALIDATED
    assert SalesPoint.objects.count() == 0


def test_apply_needs_post() -> None:
    officer = OfficerFactory().user
    job = _validated(officer)
    client = Client()
    client.force_login(officer)

    response = client.get(reverse("web:import_apply", args=[job.pk]))

    assert response.status_code == 405
    assert SalesPoint.objects.count() == 0
