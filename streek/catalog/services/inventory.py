"""Decisions that keep the inventory true: change reports accepted or rejected, proposed points approved or not.

Producers propose points for their organisation; the municipality of the point decides. Every decision is
recorded on the report (who, when, note) and in the point's history.
"""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from streek.accounts.models import User
from streek.core.exceptions import ApplicationError

from ..choices import ChangeReportKind, ChangeReportStatus, RevisionAction, SalesPointSource, SalesPointStatus
from ..directory_cache import directory_changed
from ..models import ChangeReport, Organisation, SalesPoint
from .change_reports import change_report_submit
from .sales_points import TRACKED_FIELDS, sales_point_close, sales_point_create, sales_point_update

# Fields an accepted report may change (status, operator and municipality are the officers' own decisions).
APPLICABLE_FIELDS = frozenset(TRACKED_FIELDS) - {"status", "operator_id", "municipality_id"}


def _lock_open_report(change_report: ChangeReport) -> ChangeReport:
    report = ChangeReport.objects.select_for_update().select_related("sales_point").get(pk=change_report.pk)
    if report.status != ChangeReportStatus.OPEN:
        raise ApplicationError(
            _("This report has already been decided (%(status)s).") % {"status": report.get_status_display()}
        )
    return report


def _decide(report: ChangeReport, *, actor: User, status: str, note: str) -> ChangeReport:
    report.status = status
    report.decided_by = actor
    report.decided_at = timezone.now()
    report.decision_note = note[:300]
    report.full_clean()
    report.save(update_fields=["status", "decided_by", "decided_at", "decision_note", "updated_at"])
    return report


def _decide_new_point_reports(point: SalesPoint, *, actor: User, status: str, note: str) -> None:
    reports = ChangeReport.objects.select_for_update().filter(
        sales_point=point, kind=ChangeReportKind.NEW_POINT, status=ChangeReportStatus.OPEN
    )
    for report in reports:
        _decide(report, actor=actor, status=status, note=note)


def _lock_proposed_point(sales_point: SalesPoint) -> SalesPoint:
    point = SalesPoint.objects.select_for_update().get(pk=sales_point.pk)
    if point.status != SalesPointStatus.PROPOSED:
        raise ApplicationError(
            _("This point is not awaiting approval (%(status)s).") % {"status": point.get_status_display()}
        )
    return point


@transaction.atomic
def sales_point_approve(*, sales_point: SalesPoint, actor: User, note: str = "") -> SalesPoint:
    """A proposed point becomes active and verified; its open 'new point' reports are accepted."""
    directory_changed()
    point = _lock_proposed_point(sales_point)
    point = sales_point_update(
        sales_point=point, actor=actor, status=SalesPointStatus.ACTIVE, action=RevisionAction.APPROVED, note=note
    )
    now = timezone.now()
    SalesPoint.objects.filter(pk=point.pk).update(last_verified_at=now, last_verified_by=actor, updated_at=now)
    point.last_verified_at, point.last_verified_by = now, actor
    _decide_new_point_reports(point, actor=actor, status=ChangeReportStatus.ACCEPTED, note=note)
    return point


@transaction.atomic
def sales_point_reject(*, sales_point: SalesPoint, actor: User, note: str = "") -> SalesPoint:
    """A proposed point is rejected (kept for the record, never shown); its open 'new point' reports too."""
    directory_changed()
    point = _lock_proposed_point(sales_point)
    point = sales_point_update(
        sales_point=point, actor=actor, status=SalesPointStatus.REJECTED, action=RevisionAction.REJECTED, note=note
    )
    _decide_new_point_reports(point, actor=actor, status=ChangeReportStatus.REJECTED, note=note)
    return point


@transaction.atomic
def sales_point_reopen(*, sales_point: SalesPoint, actor: User, note: str = "") -> SalesPoint:
    """A closed or temporarily closed point is active again."""
    directory_changed()
    if sales_point.status not in (SalesPointStatus.CLOSED, SalesPointStatus.TEMPORARILY_CLOSED):
        raise ApplicationError(_("Only a closed point can be reopened."))
    return sales_point_update(sales_point=sales_point, actor=actor, status=SalesPointStatus.ACTIVE, note=note)


@transaction.atomic
def change_report_accept(*, change_report: ChangeReport, actor: User, note: str = "") -> ChangeReport:
    """Apply the report: its proposed changes, the closure of the point, or the approval of a proposed point."""
    directory_changed()
    report = _lock_open_report(change_report)
    point = report.sales_point
    if report.kind == ChangeReportKind.NEW_POINT:
        if point.status == SalesPointStatus.PROPOSED:
            sales_point_approve(sales_point=point, actor=actor, note=note)
            report.refresh_from_db()
            return report
    elif report.kind == ChangeReportKind.CLOSED:
        if point.status != SalesPointStatus.CLOSED:
            sales_point_close(sales_point=point, actor=actor, note=note or report.message[:300])
    else:
        changes = {k: v for k, v in report.proposed_changes.items() if k in APPLICABLE_FIELDS}
        try:
            sales_point_update(
                sales_point=point, actor=actor, action=RevisionAction.REPORT_ACCEPTED, note=note, **changes
            )
        except ValidationError as error:
            raise ApplicationError(
                _("The proposed changes are not valid; edit the point yourself instead."),
                extra={"errors": error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}},
            ) from error
    return _decide(report, actor=actor, status=ChangeReportStatus.ACCEPTED, note=note)


@transaction.atomic
def change_report_reject(*, change_report: ChangeReport, actor: User, note: str) -> ChangeReport:
    """Turn the report down, with a reason; a rejected 'new point' report also rejects the proposed point."""
    directory_changed()
    if not note.strip():
        raise ApplicationError(
            _("Please give a reason for rejecting the report."),
            extra={"errors": {"note": _("This field is required.")}},
        )
    report = _lock_open_report(change_report)
    if report.kind == ChangeReportKind.NEW_POINT and report.sales_point.status == SalesPointStatus.PROPOSED:
        sales_point_reject(sales_point=report.sales_point, actor=actor, note=note)
        report.refresh_from_db()
        return report
    return _decide(report, actor=actor, status=ChangeReportStatus.REJECTED, note=note.strip())


@transaction.atomic
def sales_point_propose(
    *,
    actor: User,
    organisation: Organisation,
    categories: Iterable[str] = (),
    labels: Iterable[str] = (),
    message: str = "",
    **fields: Any,
) -> SalesPoint:
    """A producer proposes a new point run by its organisation; the municipality approves it before it is shown."""
    directory_changed()
    point = sales_point_create(
        actor=actor,
        source=SalesPointSource.PRODUCER,
        status=SalesPointStatus.PROPOSED,
        operator=organisation,
        categories=categories,
        labels=labels,
        **fields,
    )
    change_report_submit(
        sales_point=point,
        kind=ChangeReportKind.NEW_POINT,
        message=message,
        reporter=actor,
        reporter_name=str(actor)[:120],
        reporter_email=actor.email,
    )
    return point
