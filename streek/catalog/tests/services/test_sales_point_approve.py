import pytest

from streek.accounts.tests.factories import UserFactory
from streek.catalog.choices import ChangeReportKind, ChangeReportStatus, RevisionAction, SalesPointStatus
from streek.catalog.models import SalesPoint
from streek.catalog.services.inventory import sales_point_approve, sales_point_reject
from streek.catalog.tests.factories import ChangeReportFactory, SalesPointFactory
from streek.core.exceptions import ApplicationError

pytestmark = pytest.mark.django_db


def test_approve_makes_a_proposed_point_active_and_verified() -> None:
    # given
    point = SalesPointFactory(status=SalesPointStatus.PROPOSED, last_verified_at=None)
    report = ChangeReportFactory(sales_point=point, kind=ChangeReportKind.NEW_POINT)
    officer = UserFactory()

    # when
    sales_point_approve(sales_point=point, actor=officer, note="Bezocht")

    # then
    point.refresh_from_db()
    assert point.status == SalesPointStatus.ACTIVE
    assert point.last_verified_at is not None
    assert point.last_verified_by == officer
    revision = point.revisions.get()
    assert revision.action == RevisionAction.APPROVED
    assert revision.changes == {"status": ["proposed", "active"]}
    report.refresh_from_db()
    assert report.status == ChangeReportStatus.ACCEPTED
    assert report.decided_by == officer


def test_approve_of_a_point_that_is_not_proposed_is_refused_and_changes_nothing() -> None:
    point = SalesPointFactory(status=SalesPointStatus.CLOSED, last_verified_at=None)

    with pytest.raises(ApplicationError):
        sales_point_approve(sales_point=point, actor=UserFactory())

    point.refresh_from_db()
    assert point.status == SalesPointStatus.CLOSED
    assert point.last_verified_at is None
    assert not point.revisions.exists()


def test_reject_turns_a_proposal_down() -> None:
    point = SalesPointFactory(status=SalesPointStatus.PROPOSED)
    report = ChangeReportFactory(sales_point=point, kind=ChangeReportKind.NEW_POINT)
    officer = UserFactory()

    sales_point_reject(sales_point=point, actor=officer, note="Dubbel")

    assert SalesPoint.objects.get(pk=point.pk).status == SalesPointStatus.REJECTED
    assert point.revisions.get().action == RevisionAction.REJECTED
    report.refresh_from_db()
    assert report.status == ChangeReportStatus.REJECTED
    assert report.decision_note == "Dubbel"


def test_a_rejected_proposal_cannot_be_approved_later() -> None:
    point = SalesPointFactory(status=SalesPointStatus.PROPOSED)
    officer = UserFactory()
    sales_point_reject(sales_point=point, actor=officer, note="Dubbel")

    with pytest.raises(ApplicationError):
        sales_point_approve(sales_point=point, actor=officer)

    assert SalesPoint.objects.get(pk=point.pk).status == SalesPointStatus.REJECTED
    assert point.revisions.count() == 1
