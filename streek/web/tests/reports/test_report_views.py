import pytest
from django.urls import reverse

from streek.accounts.tests.factories import OfficerFactory, UserFactory
from streek.strategy.choices import ReportStatus
from streek.strategy.models import YearlyReport
from streek.strategy.tests.reports.helpers import sale_facts

pytestmark = pytest.mark.django_db
AREA = "municipality-71053"
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def _url(name: str, year: int = 2025) -> str:
    return reverse(f"web:{name}", args=[AREA, year])


def test_anonymous_visitor_sees_that_the_report_is_not_made_and_cannot_ask_for_it(client):
    response = client.get(_url("report_detail"), **EN)
    assert response.status_code == 200
    assert b"has not been made yet" in response.content
    assert b"Make the report" not in response.content
    refused = client.post(_url("report_detail"))
    assert refused.status_code == 403
    assert not YearlyReport.objects.exists()


def test_officer_makes_the_report_and_anyone_reads_it_and_downloads_the_pdf(client, django_capture_on_commit_callbacks):
    # given an officer of Sint-Truiden and sales there
    sale_facts(municipality_code="71053", year=2025, producers=3)
    client.force_login(OfficerFactory().user)
    # when the officer asks for the report (made at once by the test task backend)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("report_detail"), **EN)
    assert response.status_code == 302
    report = YearlyReport.objects.get()
    assert report.status == ReportStatus.DONE
    # then anyone sees the report and downloads its PDF
    client.logout()
    page = client.get(_url("report_detail"), **EN)
    assert b"Annex: methods and sources" in page.content
    pdf = client.get(_url("report_pdf"))
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")


def test_status_block_polls_while_the_report_is_made(client):
    YearlyReport.objects.create(area_slug="municipality:71053", year=2025, status=ReportStatus.RUNNING, progress=40)
    response = client.get(_url("report_status"), **EN)
    assert b'hx-trigger="every 2s"' in response.content
    assert b"40 %" in response.content


def test_pdf_of_a_report_not_made_is_not_found(client):
    assert client.get(_url("report_pdf")).status_code == 404


def test_unknown_area_is_not_found(client):
    assert client.get(reverse("web:report_detail", args=["municipality-00000", 2025])).status_code == 404


def test_officer_of_another_municipality_is_refused(client):
    client.force_login(UserFactory())
    assert client.post(_url("report_detail")).status_code == 403
    assert not YearlyReport.objects.exists()
