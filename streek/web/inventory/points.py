"""Officers' work on one sales point: verify, close or reopen, edit, create, approve a proposal, read its history."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from streek.catalog.access import access_municipality_inventory, access_sales_point
from streek.catalog.choices import SalesPointSource, SalesPointStatus
from streek.catalog.models import SalesPoint
from streek.catalog.selectors.inventory import is_stale, keeper_municipalities, sales_point_history
from streek.catalog.services.inventory import sales_point_approve, sales_point_reject, sales_point_reopen
from streek.catalog.services.sales_points import (
    sales_point_close,
    sales_point_create,
    sales_point_update,
    sales_point_verify,
)
from streek.core.exceptions import ApplicationError, NotFound
from streek.territory.selectors import geocode, municipality_get

from .forms import DecisionForm, RejectForm, SalesPointForm, location_context, operator_choices
from .http import add_validation_errors, redirect_back, refusals_as_http, signed_in_user


def dashboard_url(point: SalesPoint) -> str:
    return reverse("web:inventory_dashboard", args=[point.municipality.code])


@require_POST
@login_required
@refusals_as_http
def inventory_verify(request: HttpRequest, sales_point_id: int) -> HttpResponse:
    point = access_sales_point(actor=request.user, sales_point_id=sales_point_id, for_write=True)
    form = DecisionForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    sales_point_verify(sales_point=point, actor=signed_in_user(request), note=note)
    messages.success(request, _("'%(name)s' is marked as verified today.") % {"name": point.name})
    return redirect_back(request, dashboard_url(point))


CLOSE_ACTIONS = ("close", "temporarily_close", "reopen")


@require_POST
@login_required
@refusals_as_http
def inventory_close(request: HttpRequest, sales_point_id: int) -> HttpResponse:
    """Close for good, close for a while, or reopen (the posted `action`)."""
    point = access_sales_point(actor=request.user, sales_point_id=sales_point_id, for_write=True)
    action = request.POST.get("action", "")
    form = DecisionForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        if action == "close":
            sales_point_close(sales_point=point, actor=signed_in_user(request), note=note)
            messages.success(request, _("'%(name)s' is closed.") % {"name": point.name})
        elif action == "temporarily_close":
            sales_point_close(sales_point=point, actor=signed_in_user(request), temporarily=True, note=note)
            messages.success(request, _("'%(name)s' is temporarily closed.") % {"name": point.name})
        elif action == "reopen":
            sales_point_reopen(sales_point=point, actor=signed_in_user(request), note=note)
            messages.success(request, _("'%(name)s' is open again.") % {"name": point.name})
        else:
            messages.error(request, _("Unknown action."))
    except ApplicationError as error:
        messages.error(request, error.message)
    return redirect_back(request, dashboard_url(point))


@require_http_methods(["GET", "POST"])
@login_required
@refusals_as_http
def inventory_edit(request: HttpRequest, sales_point_id: int) -> HttpResponse:
    point = access_sales_point(actor=request.user, sales_point_id=sales_point_id, for_write=True)
    form_kwargs = {
        "municipalities": keeper_municipalities(actor=request.user, include_id=point.municipality_id),
        "operators": operator_choices(municipality_id=point.municipality_id, current_id=point.operator_id),
        "sales_point": point,
        "initial": SalesPointForm.initial_from(point),
    }
    form = SalesPointForm(request.POST or None, **form_kwargs)  # type: ignore[arg-type]
    if request.method == "POST" and form.is_valid():
        try:
            sales_point_update(
                sales_point=point,
                actor=signed_in_user(request),
                categories=form.cleaned_data["categories"],
                labels=form.cleaned_data["labels"],
                **form.service_fields(),
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The changes to '%(name)s' are saved.") % {"name": form.cleaned_data["name"]})
            return redirect_back(request, dashboard_url(point))
    return render(
        request,
        "web/inventory/point_form.html",
        {
            "form": form,
            "point": point,
            "municipality": point.municipality,
            "stale": is_stale(point),
            **location_context(lat=point.lat, lon=point.lon),
        },
        status=400 if form.is_bound else 200,
    )


@require_http_methods(["GET", "POST"])
@login_required
@refusals_as_http
def inventory_create(request: HttpRequest, municipality_code: str) -> HttpResponse:
    """An officer adds a point in its municipality; the municipality's own entry counts as verified."""
    found = municipality_get(code=municipality_code)
    municipality = access_municipality_inventory(actor=request.user, municipality_id=found.pk)
    initial = {
        "municipality": municipality.pk,
        "country": found.country.code,
        "locality": municipality.name,
        "status": SalesPointStatus.ACTIVE,
        "lat": municipality.lat,
        "lon": municipality.lon,
        "position_exact": "0",
    }
    form = SalesPointForm(
        request.POST or None,
        municipalities=keeper_municipalities(actor=request.user, include_id=municipality.pk),
        operators=operator_choices(municipality_id=municipality.pk),
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            point = sales_point_create(
                actor=signed_in_user(request),
                source=SalesPointSource.MUNICIPALITY,
                verified=True,
                categories=form.cleaned_data["categories"],
                labels=form.cleaned_data["labels"],
                **form.service_fields(),
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("'%(name)s' is added to the inventory.") % {"name": point.name})
            return redirect("web:inventory_hours", sales_point_id=point.pk)
    return render(
        request,
        "web/inventory/point_form.html",
        {
            "form": form,
            "point": None,
            "municipality": municipality,
            **location_context(lat=municipality.lat, lon=municipality.lon),
        },
        status=400 if form.is_bound else 200,
    )


@require_GET
@login_required
@refusals_as_http
def inventory_history(request: HttpRequest, sales_point_id: int) -> HttpResponse:
    point = access_sales_point(actor=request.user, sales_point_id=sales_point_id, for_write=True)
    return render(
        request,
        "web/inventory/history.html",
        {"point": point, "municipality": point.municipality, "entries": sales_point_history(sales_point=point)},
    )


@require_POST
@login_required
@refusals_as_http
def inventory_approve(request: HttpRequest, sales_point_id: int) -> HttpResponse:
    point = access_sales_point(actor=request.user, sales_point_id=sales_point_id, for_write=True)
    form = DecisionForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        sales_point_approve(sales_point=point, actor=signed_in_user(request), note=note)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("'%(name)s' is approved and now on the map.") % {"name": point.name})
    return redirect_back(request, dashboard_url(point))


@require_POST
@login_required
@refusals_as_http
def inventory_reject(request: HttpRequest, sales_point_id: int) -> HttpResponse:
    point = access_sales_point(actor=request.user, sales_point_id=sales_point_id, for_write=True)
    form = RejectForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please give a reason for rejecting the proposal."))
        return redirect_back(request, dashboard_url(point))
    try:
        sales_point_reject(sales_point=point, actor=signed_in_user(request), note=form.cleaned_data["note"])
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The proposal '%(name)s' is rejected.") % {"name": point.name})
    return redirect_back(request, dashboard_url(point))


@require_GET
@login_required
def geocode_lookup(request: HttpRequest) -> JsonResponse:
    """Offline geocoding for the position buttons: the municipality and its representative point."""
    country = (request.GET.get("country") or "BE").upper()
    postal_code = request.GET.get("postal_code", "")[:10]
    locality = request.GET.get("locality", "")[:120]
    try:
        found = geocode(country_code=country, postal_code=postal_code, locality=locality)
    except NotFound:
        return JsonResponse({"error": _("We do not know this postal code or locality.")}, status=404)
    return JsonResponse(
        {
            "lat": found.point.lat,
            "lon": found.point.lon,
            "precision": found.precision,
            "municipality": {
                "id": found.municipality.pk,
                "code": found.municipality.code,
                "name": found.municipality.name,
            },
        }
    )
