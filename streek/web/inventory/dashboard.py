"""The inventory dashboard of a municipality: figures, then one work list at a time (tabs)."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from streek.catalog.access import access_municipality_inventory
from streek.catalog.selectors.inventory import (
    change_report_list,
    inventory_counts,
    inventory_point_list,
    inventory_stale_list,
    proposed_point_list,
    report_change_rows,
    stale_cutoff,
)
from streek.territory.selectors import municipality_get

from .forms import InventoryFilterForm
from .http import refusals_as_http

PAGE_SIZE = 50
TABS = ("all", "stale", "reports", "proposed")


@require_GET
@login_required
@refusals_as_http
def inventory_dashboard(request: HttpRequest, municipality_code: str) -> HttpResponse:
    found = municipality_get(code=municipality_code)
    municipality = access_municipality_inventory(actor=request.user, municipality_id=found.pk)
    tab = request.GET.get("tab", "all")
    if tab not in TABS:
        tab = "all"
    context = {
        "municipality": municipality,
        "counts": inventory_counts(municipality=municipality),
        "tab": tab,
        "stale_cutoff": stale_cutoff(),
    }
    if tab == "all":
        filters = InventoryFilterForm(request.GET or None)
        data = filters.cleaned_data if filters.is_valid() else {}
        points = inventory_point_list(
            municipality=municipality,
            status=data.get("status", ""),
            type=data.get("type", ""),
            stale=bool(data.get("stale")),
            search=data.get("q", ""),
        )
        query = request.GET.copy()
        query.pop("page", None)
        context.update(
            filters=filters,
            page=Paginator(points, PAGE_SIZE).get_page(request.GET.get("page")),
            query=query.urlencode(),
        )
    elif tab == "stale":
        context["page"] = Paginator(inventory_stale_list(municipality=municipality), PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        context["query"] = "tab=stale"
    elif tab == "reports":
        reports = list(change_report_list(municipality=municipality)[:PAGE_SIZE])
        context["reports"] = [(report, report_change_rows(report=report)) for report in reports]
    else:
        context["proposals"] = list(proposed_point_list(municipality=municipality)[:PAGE_SIZE])
    return render(request, "web/inventory/dashboard.html", context)
