"""The yearly impact report of an area: its page (status while it is made, the report when done), the request to
make it again (officers of the area and administrators), and the PDF."""

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from streek.core.exceptions import ApplicationError, NotFound, PermissionRefused
from streek.monitor.areas import Area
from streek.strategy.choices import ReportStatus
from streek.strategy.models import YearlyReport
from streek.strategy.reports.selectors import yearly_report_get, yearly_report_list
from streek.strategy.reports.services import can_request_report, yearly_report_request

from ..monitor.areas import area_from_url, area_url_key


def _area(area_slug: str) -> Area:
    """The area in the URL (`municipality-71053`, as on the monitor's pages; `municipality:71053` too)."""
    try:
        return area_from_url(area_slug)
    except NotFound as error:
        raise Http404(error.message) from error


def _context(request: HttpRequest, area: Area, year: int, report: YearlyReport | None) -> dict[str, object]:
    return {
        "area": area,
        "area_key": area_url_key(area),
        "year": year,
        "report": report,
        "can_request": can_request_report(actor=request.user, area=area),
        "is_active": report is not None and report.status in (ReportStatus.QUEUED, ReportStatus.RUNNING),
    }


@require_http_methods(["GET", "POST"])
def report_detail(request: HttpRequest, area_slug: str, year: int) -> HttpResponse:
    area = _area(area_slug)
    if request.method == "POST":
        try:
            yearly_report_request(actor=request.user, area_slug=area.slug, year=year)
        except PermissionRefused as error:
            return HttpResponse(error.message, status=403, content_type="text/plain; charset=utf-8")
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The report is being made; this page shows how far it is."))
        return redirect("web:report_detail", area_slug=area_url_key(area), year=year)
    report = yearly_report_get(area_slug=area.slug, year=year)
    context = _context(request, area, year, report)
    context["other_reports"] = [r for r in yearly_report_list(area_slug=area.slug) if r.year != year]
    return render(request, "web/reports/detail.html", context)


@require_GET
def report_status(request: HttpRequest, area_slug: str, year: int) -> HttpResponse:
    """The status block alone (polled by htmx while the report is made)."""
    area = _area(area_slug)
    report = yearly_report_get(area_slug=area.slug, year=year)
    return render(request, "web/reports/_status.html", _context(request, area, year, report))


@require_GET
def report_download(request: HttpRequest, area_slug: str, year: int) -> FileResponse:
    area = _area(area_slug)
    report = yearly_report_get(area_slug=area.slug, year=year)
    if report is None or report.status != ReportStatus.DONE or not report.pdf:
        raise Http404("report")
    name = f"{slugify(area.name)}-{year}.pdf"
    return FileResponse(report.pdf.open("rb"), content_type="application/pdf", as_attachment=True, filename=name)
