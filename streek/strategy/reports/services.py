"""Request, build and keep the yearly report of an area; the build runs in the background (tasks.py)."""

import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from streek.accounts.models import User
from streek.accounts.selectors import Actor, is_platform_admin, officer_municipality_ids
from streek.core.exceptions import ApplicationError, PermissionRefused
from streek.monitor.areas import Area, area_from_slug

from ..choices import ReportStatus
from ..models import YearlyReport
from .data import report_data
from .render import report_body_html, report_pdf

logger = logging.getLogger(__name__)
FIRST_YEAR = 2000


@dataclass(frozen=True)
class BuiltReport:
    area: Area
    year: int
    html: str
    pdf: bytes
    data_hash: str


def can_request_report(*, actor: Actor, area: Area) -> bool:
    """Platform admins, and officers of at least one municipality of the area."""
    if not actor.is_authenticated:
        return False
    if is_platform_admin(actor=actor):
        return True
    return bool(set(area.municipality_ids) & set(officer_municipality_ids(actor=actor)))


def _check_year(year: int) -> None:
    if not FIRST_YEAR <= year <= timezone.localdate().year:
        raise ApplicationError(
            _("A report is made for a year from %(first)s to this year.") % {"first": FIRST_YEAR},
            extra={"field": "year"},
        )


def yearly_report_build(*, area_slug: str, year: int, progress: Callable[[int], None] | None = None) -> BuiltReport:
    """Gather the data, render the page body and the PDF. Pure: stores nothing."""
    area = area_from_slug(area_slug)
    step = progress or (lambda _percent: None)
    data = report_data(area=area, year=year, progress=step)
    body = report_body_html(data)
    step(85)
    pdf = report_pdf(body=body, data=data)
    step(95)
    return BuiltReport(area=area, year=year, html=body, pdf=pdf, data_hash=data.data_hash)


@transaction.atomic
def yearly_report_request(*, actor: Actor, area_slug: str, year: int) -> YearlyReport:
    """Queue the report of the area and year (again, when one exists and is not running)."""
    area = area_from_slug(area_slug)
    if not can_request_report(actor=actor, area=area):
        raise PermissionRefused(_("Only officers of the area's municipalities and administrators may make its report."))
    _check_year(year)
    user = actor if isinstance(actor, User) else None
    report, _created = YearlyReport.objects.select_for_update().get_or_create(
        area_slug=area.slug, year=year, defaults={"requested_by": user}
    )
    if report.status in (ReportStatus.QUEUED, ReportStatus.RUNNING) and not _created:
        return report
    report.status = ReportStatus.QUEUED
    report.progress = 0
    report.error = ""
    report.requested_by = user
    report.started_at = report.finished_at = None
    report.save()
    from .tasks import yearly_report_run_task

    report_id = report.pk
    transaction.on_commit(lambda: yearly_report_run_task.enqueue(report_id=report_id))
    return report


def _set_progress(report_id: int) -> Callable[[int], None]:
    def update(percent: int) -> None:
        YearlyReport.objects.filter(pk=report_id).update(progress=max(0, min(99, percent)))

    return update


def yearly_report_run(*, report_id: int) -> YearlyReport:
    """Build a queued report and keep its page and PDF; a failure is recorded on the report, not raised."""
    report = YearlyReport.objects.get(pk=report_id)
    YearlyReport.objects.filter(pk=report_id).update(
        status=ReportStatus.RUNNING, started_at=timezone.now(), progress=5, error=""
    )
    try:
        built = yearly_report_build(area_slug=report.area_slug, year=report.year, progress=_set_progress(report_id))
    except Exception as error:
        logger.exception("yearly report %s failed", report_id)
        YearlyReport.objects.filter(pk=report_id).update(
            status=ReportStatus.FAILED, error=str(error)[:2000], finished_at=timezone.now()
        )
        report.refresh_from_db()
        return report
    with transaction.atomic():
        report = YearlyReport.objects.select_for_update().get(pk=report_id)
        if report.pdf:
            report.pdf.delete(save=False)
        name = f"{slugify(built.area.name) or 'area'}-{built.year}-{built.data_hash[:12]}.pdf"
        report.pdf.save(name, ContentFile(built.pdf), save=False)
        report.html = built.html
        report.data_hash = built.data_hash
        report.status = ReportStatus.DONE
        report.progress = 100
        report.finished_at = timezone.now()
        report.save()
    return report
