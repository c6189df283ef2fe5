import pytest
from django.urls import reverse

from streek.accounts.tests.factories import OfficerFactory
from streek.catalog.choices import ChangeReportKind, ChangeReportStatus, SalesPointStatus
from streek.catalog.models import ChangeReport, SalesPoint
from streek.catalog.tests.factories import ChangeReportFactory, SalesPointFactory, municipality

from .helpers import client_for

pytestmark = pytest.mark.django_db


def test_accept_applies_the_report_and_redirects_to_the_reports() -> None:
    officer = OfficerFactory().user
    point = SalesPointFactory(hours_note="")
    report = ChangeReportFactory(sales_point=point, proposed_changes={"hours_note": "Vrijdag 16-19"})

    response = client_for(officer).post(reverse("web:report_accept", args=[report.pk]), {"note": "Nagebeld"})

    assert response.status_code == 302
    assert response["Location"].endswith("?tab=reports")
    assert SalesPoint.objects.get(pk=point.pk).hours_note == "Vrijdag 16-19"
    report.refresh_from_db()
    assert (report.status, report.decided_by, report.decision_note) == (
        ChangeReportStatus.ACCEPTED,
        officer,
        "Nagebeld",
    )


def test_reject_needs_a_reason() -> None:
    report = ChangeReportFactory()
    client = client_for(OfficerFactory().user)

    client.post(reverse("web:report_reject", args=[report.pk]), {"note": ""})
    assert ChangeReport.objects.get(pk=report.pk).status == ChangeReportStatus.OPEN

    client.post(reverse("web:report_reject", args=[report.pk]), {"note": "Klopt niet"})
    assert ChangeReport.objects.get(pk=report.pk).status == ChangeReportStatus.REJECTED


def test_second_decision_is_refused_with_a_message_and_nothing_changes() -> None:
    point = SalesPointFactory(name="Hoeve")
    report = ChangeReportFactory(sales_point=point, proposed_changes={"name": "Anders"})
    client = client_for(OfficerFactory().user)
    client.post(reverse("web:report_reject", args=[report.pk]), {"note": "Nee"})

    response = client.post(reverse("web:report_accept", args=[report.pk]), follow=True)

    assert response.status_code == 200
    assert [m.level_tag for m in response.context["messages"]][-1] == "error"
    assert SalesPoint.objects.get(pk=point.pk).name == "Hoeve"
    assert ChangeReport.objects.get(pk=report.pk).status == ChangeReportStatus.REJECTED


def test_officer_of_another_municipality_gets_404_and_nothing_changes() -> None:
    report = ChangeReportFactory(proposed_changes={"name": "Anders"})
    officer = OfficerFactory(municipality=municipality("44021")).user

    response = client_for(officer).post(reverse("web:report_accept", args=[report.pk]))

    assert response.status_code == 404
    assert ChangeReport.objects.get(pk=report.pk).status == ChangeReportStatus.OPEN


def test_approve_and_reject_proposals() -> None:
    first = SalesPointFactory(status=SalesPointStatus.PROPOSED)
    second = SalesPointFactory(status=SalesPointStatus.PROPOSED)
    ChangeReportFactory(sales_point=first, kind=ChangeReportKind.NEW_POINT)
    client = client_for(OfficerFactory().user)

    assert client.post(reverse("web:inventory_approve", args=[first.pk])).status_code == 302
    client.post(reverse("web:inventory_reject", args=[second.pk]), {"note": ""})
    assert SalesPoint.objects.get(pk=second.pk).status == SalesPointStatus.PROPOSED
    client.post(reverse("web:inventory_reject", args=[second.pk]), {"note": "Geen verkooppunt"})

    assert SalesPoint.objects.get(pk=first.pk).status == SalesPointStatus.ACTIVE
    assert SalesPoint.objects.get(pk=second.pk).status == SalesPointStatus.REJECTED
    assert first.change_reports.get().status == ChangeReportStatus.ACCEPTED
