"""Market scan pages: upload a demand profile, see what local producers could supply, export it as CSV and PDF."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.dates import MONTHS_3
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from streek.catalog.models import Organisation
from streek.core.exceptions import PermissionRefused
from streek.core.pdf import pdf_from_html
from streek.market.access import access_acting_organisation, access_scan
from streek.market.choices import SCANNING_KINDS, SpecOption
from streek.market.models import ProcurementScan
from streek.market.selectors.scans import (
    lot_labels,
    procurement_scan_csv,
    procurement_scan_get,
    procurement_scan_list,
)
from streek.market.services.scans import procurement_scan_compute, procurement_scan_create

from ..inventory.http import refusals_as_http, signed_in_user
from .forms import RadiusForm, ScanUploadForm

TEMPLATE_CSV = (
    "product,yearly_quantity,unit,delivery_frequency,spec\r\n"
    "carrot,1200,kg,weekly,washed\r\n"
    "potato,5000,kg,weekly,washed|peeled\r\n"
    "pear,800,kg,weekly,\r\n"
    "milk,3000,l,weekly,chilled\r\n"
)


def _buyer(request: HttpRequest, organisation_id: int) -> Organisation:
    organisation = access_acting_organisation(actor=request.user, organisation_id=organisation_id)
    if organisation.kind not in SCANNING_KINDS:
        raise PermissionRefused("scan")
    return organisation


def _month_names() -> list[str]:
    return [str(MONTHS_3[month]) for month in range(1, 13)]


def _scan_context(scan: ProcurementScan) -> dict[str, Any]:
    names = lot_labels(scan=scan)
    lines = list(scan.lines.all())
    spec_labels = dict(SpecOption.choices)
    rows = [
        {
            "line": line,
            "spec": [str(spec_labels.get(key, key)) for key in line.spec],
            "months": [{**entry, "name": str(MONTHS_3[entry["month"]])} for entry in line.monthly],
            "suppliers": [
                {**supplier, "month_names": [str(MONTHS_3[m]) for m in supplier.get("months", [])]}
                for supplier in line.suppliers
            ],
        }
        for line in lines
    ]
    by_row = {line.row_number: line for line in lines}
    lots = [
        {
            **lot,
            "label": names.get(lot["key"], lot["key"]),
            "products": [by_row[row].product_text for row in lot["rows"] if row in by_row],
        }
        for lot in scan.lots
    ]
    return {"scan": scan, "rows": rows, "lots": lots, "month_names": _month_names()}


@require_http_methods(["GET", "POST"])
@login_required
@refusals_as_http
def scan_list(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = _buyer(request, organisation_id)
    form = ScanUploadForm(request.POST or None, request.FILES or None)
    csv_errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            scan = procurement_scan_create(
                organisation=organisation,
                actor=signed_in_user(request),
                name=form.cleaned_data["name"],
                csv_text=form.cleaned_data["file"],
                radius_km=form.cleaned_data["radius_km"],
                file_name=getattr(request.FILES.get("file"), "name", "") or "",
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, field_messages in error.message_dict.items():
                    for message in field_messages:
                        form.add_error(field if field in form.fields else None, message)
            else:
                csv_errors = list(error.messages)
        else:
            messages.success(request, _("The market scan is ready."))
            return redirect("web:procurement_scan_detail", scan_id=scan.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "web/procurement/scan_list.html",
        {
            "organisation": organisation,
            "form": form,
            "csv_errors": csv_errors,
            "scans": procurement_scan_list(organisation_id=organisation.pk),
        },
        status=status,
    )


@require_GET
def scan_template_csv(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(TEMPLATE_CSV, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="demand-profile.csv"'
    return response


def _scan(request: HttpRequest, scan_id: int) -> ProcurementScan:
    access_scan(actor=request.user, scan_id=scan_id)
    scan = procurement_scan_get(scan_id=scan_id)
    if scan is None:  # pragma: no cover - the guard found it
        raise Http404("scan")
    return scan


@require_GET
@login_required
@refusals_as_http
def scan_detail(request: HttpRequest, scan_id: int) -> HttpResponse:
    scan = _scan(request, scan_id)
    context = _scan_context(scan)
    context["radius_form"] = RadiusForm(initial={"radius_km": scan.radius_km})
    return render(request, "web/procurement/scan_detail.html", context)


@require_POST
@login_required
@refusals_as_http
def scan_recompute(request: HttpRequest, scan_id: int) -> HttpResponse:
    scan = access_scan(actor=request.user, scan_id=scan_id, for_write=True)
    form = RadiusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a radius between 1 and 250 km."))
    else:
        procurement_scan_compute(scan=scan, radius_km=form.cleaned_data["radius_km"])
        messages.success(request, _("The market scan was computed again."))
    return redirect("web:procurement_scan_detail", scan_id=scan.pk)


def _file_name(scan: ProcurementScan, extension: str) -> str:
    return f"{slugify(scan.name)[:60] or 'scan'}.{extension}"


@require_GET
@login_required
@refusals_as_http
def scan_csv(request: HttpRequest, scan_id: int) -> HttpResponse:
    scan = access_scan(actor=request.user, scan_id=scan_id)
    response = HttpResponse(procurement_scan_csv(scan=scan), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_file_name(scan, "csv")}"'
    return response


@require_GET
@login_required
@refusals_as_http
def scan_pdf(request: HttpRequest, scan_id: int) -> HttpResponse:
    scan = _scan(request, scan_id)
    context = _scan_context(scan)
    context.update({"site_name": settings.STREEK_SITE_NAME, "language": get_language()})
    html = render_to_string("web/procurement/scan_pdf.html", context)
    if request.GET.get("format") == "html":
        return HttpResponse(html)
    response = HttpResponse(pdf_from_html(html), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{_file_name(scan, "pdf")}"'
    return response
