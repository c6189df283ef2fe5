import pytest
from django.test import Client
from django.urls import reverse

from streek.accounts.tests.factories import OfficerFactory
from streek.catalog.choices import ImportStatus
from streek.catalog.services.inventory_import import inventory_import_create, inventory_import_validate
from streek.catalog.tests.factories import municipality

pytestmark = pytest.mark.django_db

BROKEN = "name,type,postal_code\nHoeve Goed,farm_shop,3800\n,farm_shop,3800\nHoeve Fout,boerderij,3800\n"


def _job(officer, content: str = BROKEN, *, validate: bool = True):
    job = inventory_import_create(
        actor=officer,
        file_name="punten.csv",
        data=content.encode(),
        municipality=municipality("71053"),
        run_in_background=False,
    )
    return inventory_import_validate(job_id=job.pk) if validate else job


def test_running_import_polls_every_second_with_a_progress_bar() -> None:
    # given
    officer = OfficerFactory().user
    job = _job(officer, validate=False)
    client = Client()
    client.force_login(officer)

    # when
    page = client.get(reverse("web:import_detail", args=[job.pk]))
    partial = client.get(reverse("web:import_detail", args=[job.pk]), headers={"HX-Request": "true"})

    # then
    html = page.content.decode()
    assert page.status_code == 200
    assert 'role="status"' in html and 'aria-live="polite"' in html
    assert "<progress" in html
    assert 'hx-trigger="every 1s"' in html
    assert partial.status_code == 200
    assert partial.content.decode().lstrip().startswith('<div id="import-status"')
    assert "<html" not in partial.content.decode()


def test_finished_check_stops_polling_and_lists_errors_by_row_and_column() -> None:
    officer = OfficerFactory().user
    job = _job(officer)
    client = Client()
    client.force_login(officer)

    response = client.get(reverse("web:import_detail", args=[job.pk]), headers={"HX-Request": "true"})

    html = response.content.decode()
    assert job.status == ImportStatus.INVALID
    assert "hx-trigger" not in html
    assert "<td>3</td><td><code>name</code></td>" in html
    assert "<td>4</td><td><code>type</code></td>" in html


def test_dry_run_shows_what_would_change_and_an_apply_button() -> None:
    officer = OfficerFactory().user
    job = _job(officer, "name,type,postal_code\nHoeve Nieuw,farm_shop,3800\n")
    client = Client()
    client.force_login(officer)

    response = client.get(reverse("web:import_detail", args=[job.pk]))

    html = response.content.decode()
    assert job.status == ImportStatus.VALIDATED
    assert "Hoeve Nieuw" in html
    assert reverse("web:import_apply", args=[job.pk]) in html


def test_officer_of_another_municipality_gets_404() -> None:
    job = _job(OfficerFactory().user)
    other = OfficerFactory(municipality=municipality("21004")).user
    client = Client()
    client.force_login(other)

    response = client.get(reverse("web:import_detail", args=[job.pk]))

    assert response.status_code == 404


def test_colleague_of_the_same_municipality_sees_it() -> None:
    job = _job(OfficerFactory().user)
    colleague = OfficerFactory().user
    client = Client()
    client.force_login(colleague)

    response = client.get(reverse("web:import_detail", args=[job.pk]))

    assert response.status_code == 200
