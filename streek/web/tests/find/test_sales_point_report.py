import pytest
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import reverse

from streek.catalog.models import ChangeReport
from streek.catalog.tests.factories import SalesPointFactory

pytestmark = pytest.mark.django_db


def url(slug: str) -> str:
    return reverse("web:sales_point_report", args=[slug])


def test_form_is_shown(client: Client) -> None:
    point = SalesPointFactory()

    response = client.get(url(point.slug))

    assert response.status_code == 200
    assert 'name="reporter_email"' in response.content.decode()


def test_report_creates_a_change_report_for_the_municipality(client: Client) -> None:
    point = SalesPointFactory()

    response = client.post(
        url(point.slug),
        {
            "kind": "change",
            "message": "Nu ook open op vrijdag.",
            "hours_note": "vrijdag 14:00-18:00",
            "phone": "011 99 88 77",
            "reporter_name": "An",
            "reporter_email": "an@example.org",
        },
        follow=True,
    )

    report = ChangeReport.objects.get()
    assert report.sales_point == point
    assert report.municipality_id == point.municipality_id
    assert report.kind == "change"
    assert report.proposed_changes == {"hours_note": "vrijdag 14:00-18:00", "phone": "011 99 88 77"}
    assert report.reporter_email == "an@example.org"
    assert response.redirect_chain[-1][0] == reverse("web:sales_point_detail", args=[point.slug])
    assert "Thank you" in response.content.decode()


def test_a_closed_report_needs_no_message(client: Client) -> None:
    point = SalesPointFactory()

    client.post(url(point.slug), {"kind": "closed"})

    assert ChangeReport.objects.get().kind == "closed"


def test_bad_email_shows_an_error_and_creates_nothing(client: Client) -> None:
    point = SalesPointFactory()

    response = client.post(url(point.slug), {"kind": "change", "message": "Dicht", "reporter_email": "not-an-email"})

    assert response.status_code == 200
    assert response.context["form"].errors["reporter_email"]
    assert 'role="alert"' in response.content.decode()
    assert ChangeReport.objects.count() == 0


def test_an_empty_change_report_is_refused(client: Client) -> None:
    point = SalesPointFactory()

    response = client.post(url(point.slug), {"kind": "change"})

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert ChangeReport.objects.count() == 0


def test_non_public_points_cannot_be_reported(client: Client) -> None:
    point = SalesPointFactory(status="proposed")

    response = client.post(url(point.slug), {"kind": "closed"})

    assert response.status_code == 404
    assert ChangeReport.objects.count() == 0


def test_a_filled_spam_trap_is_thanked_and_nothing_is_kept(client: Client) -> None:
    point = SalesPointFactory()

    response = client.post(
        url(point.slug),
        {"kind": "change", "message": "Cheap watches", "contact_fax": "+32 000 00 00"},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("web:sales_point_detail", args=[point.slug])
    assert ChangeReport.objects.count() == 0


def test_the_spam_trap_is_hidden_from_people_and_screen_readers(client: Client) -> None:
    point = SalesPointFactory()

    html = client.get(url(point.slug)).content.decode()

    assert '<div class="trap" aria-hidden="true">' in html
    assert 'name="contact_fax"' in html
    assert 'tabindex="-1"' in html


LOCAL_CACHE = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "rate-test"}}


@override_settings(CACHES=LOCAL_CACHE, STREEK_CHANGE_REPORT_RATE="2/h")
def test_a_flood_of_reports_from_one_address_is_refused_and_nothing_more_is_kept(client: Client) -> None:
    cache.clear()
    point = SalesPointFactory()
    data = {"kind": "change", "message": "De openingsuren zijn veranderd."}
    client.post(url(point.slug), data, REMOTE_ADDR="192.0.2.7")
    client.post(url(point.slug), data, REMOTE_ADDR="192.0.2.7")

    response = client.post(url(point.slug), data, REMOTE_ADDR="192.0.2.7", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 429
    assert "try again later" in response.content.decode()
    assert ChangeReport.objects.count() == 2


@override_settings(CACHES=LOCAL_CACHE, STREEK_CHANGE_REPORT_RATE="1/h", STREEK_TRUSTED_PROXY_COUNT=1)
def test_behind_a_trusted_proxy_each_client_address_has_its_own_limit(client: Client) -> None:
    cache.clear()
    point = SalesPointFactory()
    data = {"kind": "change", "message": "Gesloten op maandag."}

    first = client.post(url(point.slug), data, HTTP_X_FORWARDED_FOR="198.51.100.1")
    second = client.post(url(point.slug), data, HTTP_X_FORWARDED_FOR="198.51.100.2")

    assert (first.status_code, second.status_code) == (302, 302)
    assert ChangeReport.objects.count() == 2
