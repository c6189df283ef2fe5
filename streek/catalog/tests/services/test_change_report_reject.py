import pytest

from streek.accounts.tests.factories import UserFactory
from streek.catalog.choices import ChangeReportKind, ChangeReportStatus, SalesPointStatus
from streek.catalog.models import SalesPoint
from streek.catalog.services.inventory import change_report_reject
from streek.catalog.tests.factories import ChangeReportFactory, SalesPointFactory
from streek.core.exceptions import ApplicationError

pytestmark = pytest.mark.django_db


def test_rejecting_keeps_the_point_and_records_the_decision() -> None:
    point = SalesPointFactory(name="Hoeve")
    report = ChangeReportFactory(sales_point=point, proposed_changes={"name": "Anders"})
    officer = UserFactory()

    change_report_reject(change_report=report, actor=officer, note="Naam klopt wel")
    report.refresh_from_db()

    assert SalesPoint.objects.get(pk=point.pk).name == "Hoeve"
    assert report.status == ChangeReportStatus.REJECTED
    assert report.decided_by == officer
    assert report.decision_note == "Naam klopt wel"
    assert not point.revisions.exists()


def test_rejecting_needs_a_reason_and_changes_nothing() -> None:
    report = ChangeReportFactory()

    with pytest.raises(ApplicationError):
        change_report_reject(change_report=report, actor=UserFactory(), note="  ")

    report.refresh_from_db()
    assert report.status == ChangeReportStatus.OPEN
    assert report.decided_by is None


def test_a_decided_report_cannot_be_rejected_again() -> None:
    officer = UserFactory()
    report = ChangeReportFactory(status=ChangeReportStatus.ACCEPTED, decided_by=officer, decision_note="ok")

    with pytest.raises(ApplicationError):
        change_report_reject(change_report=report, actor=UserFactory(), note="Toch niet")

    report.refresh_from_db()
    assert report.status == ChangeReportStatus.ACCEPTED
    assert report.decided_by == officer
    assert report.decision_note == "ok"


def test_rejecting_a_new_point_report_rejects_the_proposed_point() -> None:
    point = SalesPointFactory(status=SalesPointStatus.PROPOSED)
    report = ChangeReportFactory(sales_point=point, kind=ChangeReportKind.NEW_POINT)

    change_report_reject(change_report=report, actor=UserFactory(), note="Geen korte keten")
    report.refresh_from_db()

    assert SalesPoint.objects.get(pk=point.pk).status == SalesPointStatus.REJECTED
    assert report.status == ChangeReportStatus.REJECTED
