import pytest

from streek.accounts.tests.factories import UserFactory
from streek.catalog.choices import ChangeReportKind, ChangeReportStatus, RevisionAction, SalesPointStatus
from streek.catalog.models import ChangeReport, SalesPoint
from streek.catalog.services.inventory import change_report_accept
from streek.catalog.tests.factories import ChangeReportFactory, SalesPointFactory
from streek.core.exceptions import ApplicationError

pytestmark = pytest.mark.django_db


def test_accepting_a_change_applies_the_proposed_values() -> None:
    # given
    point = SalesPointFactory(name="Hoeve", hours_note="")
    report = ChangeReportFactory(
        sales_point=point, proposed_changes={"hours_note": "Zaterdag 9-12", "name": "Hoeve Bos"}
    )
    officer = UserFactory()

    # when
    change_report_accept(change_report=report, actor=officer, note="Klopt")
    report.refresh_from_db()

    # then
    point.refresh_from_db()
    assert point.hours_note == "Zaterdag 9-12"
    assert point.name == "Hoeve Bos"
    assert report.status == ChangeReportStatus.ACCEPTED
    assert report.decided_by == officer
    assert report.decided_at is not None
    assert report.decision_note == "Klopt"
    revision = point.revisions.get()
    assert revision.action == RevisionAction.REPORT_ACCEPTED
    assert revision.changes == {"name": ["Hoeve", "Hoeve Bos"], "hours_note": ["", "Zaterdag 9-12"]}


def test_accepting_a_closed_report_closes_the_point() -> None:
    point = SalesPointFactory()
    report = ChangeReportFactory(sales_point=point, kind=ChangeReportKind.CLOSED)

    change_report_accept(change_report=report, actor=UserFactory())

    point.refresh_from_db()
    assert point.status == SalesPointStatus.CLOSED
    assert point.revisions.get().action == RevisionAction.CLOSED
    assert ChangeReport.objects.get(pk=report.pk).status == ChangeReportStatus.ACCEPTED


def test_accepting_a_new_point_report_approves_the_point() -> None:
    point = SalesPointFactory(status=SalesPointStatus.PROPOSED)
    report = ChangeReportFactory(sales_point=point, kind=ChangeReportKind.NEW_POINT)
    officer = UserFactory()

    change_report_accept(change_report=report, actor=officer)
    report.refresh_from_db()

    point.refresh_from_db()
    assert point.status == SalesPointStatus.ACTIVE
    assert point.last_verified_by == officer
    assert report.status == ChangeReportStatus.ACCEPTED


def test_a_decided_report_cannot_be_accepted_again_and_nothing_changes() -> None:
    # given
    point = SalesPointFactory(name="Hoeve")
    officer = UserFactory()
    report = ChangeReportFactory(
        sales_point=point, status=ChangeReportStatus.REJECTED, decided_by=officer, proposed_changes={"name": "Anders"}
    )

    # when
    with pytest.raises(ApplicationError):
        change_report_accept(change_report=report, actor=UserFactory())

    # then
    assert SalesPoint.objects.get(pk=point.pk).name == "Hoeve"
    report_after = ChangeReport.objects.get(pk=report.pk)
    assert report_after.status == ChangeReportStatus.REJECTED
    assert report_after.decided_by == officer
    assert not point.revisions.exists()


def test_invalid_proposed_values_are_refused_and_nothing_changes() -> None:
    point = SalesPointFactory(type="farm_shop")
    report = ChangeReportFactory(sales_point=point, proposed_changes={"type": "spaceship"})

    with pytest.raises(ApplicationError):
        change_report_accept(change_report=report, actor=UserFactory())

    assert SalesPoint.objects.get(pk=point.pk).type == "farm_shop"
    assert ChangeReport.objects.get(pk=report.pk).status == ChangeReportStatus.OPEN
