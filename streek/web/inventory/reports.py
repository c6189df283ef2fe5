"""Deciding change reports from the public and producers."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from streek.catalog.access import access_change_report
from streek.catalog.models import ChangeReport
from streek.catalog.services.inventory import change_report_accept, change_report_reject
from streek.core.exceptions import ApplicationError

from .forms import DecisionForm, RejectForm
from .http import redirect_back, refusals_as_http, signed_in_user


def _reports_url(report: ChangeReport) -> str:
    return reverse("web:inventory_dashboard", args=[report.municipality.code]) + "?tab=reports"


@require_POST
@login_required
@refusals_as_http
def report_accept(request: HttpRequest, change_report_id: int) -> HttpResponse:
    report = access_change_report(actor=request.user, change_report_id=change_report_id)
    form = DecisionForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        change_report_accept(change_report=report, actor=signed_in_user(request), note=note)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The report on '%(name)s' is accepted.") % {"name": report.sales_point.name})
    return redirect_back(request, _reports_url(report))


@require_POST
@login_required
@refusals_as_http
def report_reject(request: HttpRequest, change_report_id: int) -> HttpResponse:
    report = access_change_report(actor=request.user, change_report_id=change_report_id)
    form = RejectForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please give a reason for rejecting the report."))
        return redirect_back(request, _reports_url(report))
    try:
        change_report_reject(change_report=report, actor=signed_in_user(request), note=form.cleaned_data["note"])
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The report on '%(name)s' is rejected.") % {"name": report.sales_point.name})
    return redirect_back(request, _reports_url(report))
