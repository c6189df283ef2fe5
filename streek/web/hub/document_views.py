"""A cycle's totals and its documents: the cycle report, pick lists per producer, packing lists per pickup
point or delivery zone (CSV and PDF), and closing the cycle.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from streek.catalog.models import Organisation
from streek.core.exceptions import ApplicationError
from streek.orders.access import is_editor
from streek.orders.choices import CycleStatus
from streek.orders.documents.csv_export import cycle_report_csv, packing_list_csv, pick_list_csv
from streek.orders.documents.pdf import cycle_report_pdf, packing_list_pdf, pick_list_pdf
from streek.orders.models import DeliveryZone, OrderCycle, PickupPoint
from streek.orders.selectors.reports import cycle_report, packing_list, pick_list
from streek.orders.services.cycle_close import order_cycle_close

from ..inventory.http import refusals_as_http, signed_in_user
from .cycle_forms import CycleCloseForm
from .http import hub_cycle_get, show_service_error
from .reads import cycle_pickup_points, cycle_producers, cycle_zones, live_order_count

FORMATS = ("csv", "pdf")


def download(content: bytes | str, *, filename: str, fmt: str) -> HttpResponse:
    """A CSV (UTF-8 with a byte order mark, so spreadsheets read the accents) or PDF attachment."""
    if fmt == "csv":
        body = content.encode("utf-8-sig") if isinstance(content, str) else content
        response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


def _name(*parts: object) -> str:
    return slugify("-".join(str(part) for part in parts))[:120] or "streek"


def _format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise Http404("format")
    return fmt


@require_GET
@login_required
@refusals_as_http
def cycle_report_view(request: HttpRequest, cycle_id: int) -> HttpResponse:
    """Totals per producer, pickup point, delivery zone and channel, with the downloads of the cycle."""
    cycle = hub_cycle_get(request, cycle_id)
    return render(
        request,
        "web/hub/cycle_report.html",
        {
            "hub": cycle.hub,
            "cycle": cycle,
            "report": cycle_report(cycle=cycle),
            "producers": cycle_producers(cycle=cycle),
            "points": cycle_pickup_points(cycle=cycle),
            "zones": cycle_zones(cycle=cycle),
        },
    )


@require_GET
@login_required
@refusals_as_http
def cycle_report_download(request: HttpRequest, cycle_id: int, fmt: str) -> HttpResponse:
    fmt = _format(fmt)
    cycle = hub_cycle_get(request, cycle_id)
    report = cycle_report(cycle=cycle)
    content = cycle_report_csv(report=report) if fmt == "csv" else cycle_report_pdf(report=report)
    return download(content, filename=_name(_("report"), cycle.name), fmt=fmt)


def _producer_of(cycle: OrderCycle, producer_id: int) -> Organisation:
    producer = Organisation.objects.filter(pk=producer_id, cycle_exchanges__cycle=cycle).first()
    if producer is None:
        raise Http404("producer")
    return producer


@require_GET
@login_required
@refusals_as_http
def pick_list_download(request: HttpRequest, cycle_id: int, producer_id: int, fmt: str) -> HttpResponse:
    fmt = _format(fmt)
    cycle = hub_cycle_get(request, cycle_id)
    listing = pick_list(cycle=cycle, producer=_producer_of(cycle, producer_id))
    content = pick_list_csv(pick_list=listing) if fmt == "csv" else pick_list_pdf(pick_list=listing)
    return download(content, filename=_name(_("pick list"), cycle.name, listing.producer.name), fmt=fmt)


@require_GET
@login_required
@refusals_as_http
def packing_list_download(request: HttpRequest, cycle_id: int, fmt: str) -> HttpResponse:
    """?afhaalpunt=<id> or ?zone=<id>; neither: every order of the cycle."""
    fmt = _format(fmt)
    cycle = hub_cycle_get(request, cycle_id)
    point: PickupPoint | None = None
    zone: DeliveryZone | None = None
    point_id, zone_id = request.GET.get("afhaalpunt", ""), request.GET.get("zone", "")
    if point_id:
        point = PickupPoint.objects.filter(pk=int(point_id) if point_id.isdigit() else 0, hub=cycle.hub).first()
        if point is None:
            raise Http404("pickup point")
    elif zone_id:
        zone = DeliveryZone.objects.filter(pk=int(zone_id) if zone_id.isdigit() else 0, hub=cycle.hub).first()
        if zone is None:
            raise Http404("zone")
    listing = packing_list(cycle=cycle, pickup_point=point, zone=zone)
    content = packing_list_csv(packing_list=listing) if fmt == "csv" else packing_list_pdf(packing_list=listing)
    return download(content, filename=_name(_("packing list"), cycle.name, point or zone or ""), fmt=fmt)


@require_http_methods(["GET", "POST"])
@login_required
@refusals_as_http
def cycle_close_view(request: HttpRequest, cycle_id: int) -> HttpResponse:
    """Close a published cycle: orders confirmed and invoiced, unsold stock recorded as surplus if asked."""
    cycle = hub_cycle_get(request, cycle_id, for_write=True)
    bound = request.method == "POST"
    form = CycleCloseForm(request.POST if bound else None)
    if bound and form.is_valid():
        try:
            result = order_cycle_close(
                actor=signed_in_user(request), cycle=cycle, offer_surplus=form.cleaned_data["offer_surplus"]
            )
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            if result.closed:
                messages.success(
                    request,
                    _(
                        "The cycle '%(name)s' is closed: %(orders)s orders confirmed, %(invoices)s invoices issued, "
                        "%(surplus)s unsold variants recorded as surplus. The invoice PDFs are being made."
                    )
                    % {
                        "name": cycle.name,
                        "orders": result.orders_confirmed,
                        "invoices": result.invoices_issued,
                        "surplus": result.surplus_recorded,
                    },
                )
            else:
                messages.info(request, _("The cycle '%(name)s' was already closed.") % {"name": cycle.name})
            return redirect("web:hub_cycle_invoices", cycle_id=cycle.pk)
    return render(
        request,
        "web/hub/cycle_close.html",
        {
            "hub": cycle.hub,
            "cycle": cycle,
            "form": form,
            "orders": live_order_count(cycle=cycle),
            "closable": cycle.status == CycleStatus.PUBLISHED,
            "now": timezone.now(),
            "can_edit": is_editor(actor=request.user, organisation_id=cycle.hub_id),
        },
        status=400 if bound else 200,
    )
