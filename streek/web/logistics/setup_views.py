"""The logistics home of a hub: its depots, vehicles, drivers and plans, and the forms to set the fleet up."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from streek.core.exceptions import ApplicationError
from streek.logistics.access import access_depot, access_logistics_hub, access_vehicle
from streek.logistics.selectors.fleet import depot_list, driver_list, logistics_hub_list, vehicle_list
from streek.logistics.selectors.plans import driver_route_list, plan_list
from streek.logistics.services.fleet import depot_save, driver_save, vehicle_save
from streek.orders.access import is_editor

from ..hub.http import show_service_error
from ..inventory.http import refusals_as_http, signed_in_user
from .forms import DepotForm, DriverForm, VehicleForm

PLANS_SHOWN = 30


@require_GET
@login_required
def logistics_index(request: HttpRequest) -> HttpResponse:
    """The hubs whose rounds the user plans, and the routes the user drives."""
    return render(
        request,
        "web/logistics/index.html",
        {"hubs": list(logistics_hub_list(actor=request.user)), "routes": list(driver_route_list(actor=request.user))},
    )


@require_GET
@login_required
@refusals_as_http
def logistics_hub(request: HttpRequest, hub_id: int) -> HttpResponse:
    hub = access_logistics_hub(actor=request.user, hub_id=hub_id)
    return render(
        request,
        "web/logistics/hub.html",
        {
            "hub": hub,
            "can_edit": is_editor(actor=request.user, organisation_id=hub.pk),
            "depots": list(depot_list(hub=hub)),
            "vehicles": list(vehicle_list(hub=hub)),
            "drivers": list(driver_list(hub=hub)),
            "plans": list(plan_list(hub=hub)[:PLANS_SHOWN]),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
@refusals_as_http
def depot_edit(request: HttpRequest, hub_id: int, depot_id: int | None = None) -> HttpResponse:
    hub = access_logistics_hub(actor=request.user, hub_id=hub_id, for_write=True)
    depot = access_depot(actor=request.user, depot_id=depot_id, for_write=True) if depot_id else None
    if depot is not None and depot.hub_id != hub.pk:
        return redirect("web:logistics_hub", hub_id=hub.pk)
    form = DepotForm(request.POST or None, instance=depot)
    if request.method == "POST" and form.is_valid():
        try:
            depot_save(actor=signed_in_user(request), hub=hub, depot=depot, **form.cleaned_data)
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            messages.success(request, _("The depot is saved."))
            return redirect("web:logistics_hub", hub_id=hub.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "web/logistics/depot_form.html", {"hub": hub, "depot": depot, "form": form}, status=status)


@require_http_methods(["GET", "POST"])
@login_required
@refusals_as_http
def vehicle_edit(request: HttpRequest, hub_id: int, vehicle_id: int | None = None) -> HttpResponse:
    hub = access_logistics_hub(actor=request.user, hub_id=hub_id, for_write=True)
    vehicle = access_vehicle(actor=request.user, vehicle_id=vehicle_id, for_write=True) if vehicle_id else None
    if vehicle is not None and vehicle.hub_id != hub.pk:
        return redirect("web:logistics_hub", hub_id=hub.pk)
    form = VehicleForm(request.POST or None, instance=vehicle, hub=hub)
    if request.method == "POST" and form.is_valid():
        try:
            vehicle_save(actor=signed_in_user(request), hub=hub, vehicle=vehicle, **form.cleaned_data)
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            messages.success(request, _("The vehicle is saved."))
            return redirect("web:logistics_hub", hub_id=hub.pk)
    status = 400 if request.method == "POST" else 200
    context = {"hub": hub, "vehicle": vehicle, "form": form}
    return render(request, "web/logistics/vehicle_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
@login_required
@refusals_as_http
def driver_add(request: HttpRequest, hub_id: int) -> HttpResponse:
    hub = access_logistics_hub(actor=request.user, hub_id=hub_id, for_write=True)
    form = DriverForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            driver_save(
                actor=signed_in_user(request),
                hub=hub,
                user=form.cleaned_data["email"],
                phone=form.cleaned_data["phone"],
            )
        except ApplicationError as error:
            show_service_error(form, error, field_map={"user": "email"})
        else:
            messages.success(request, _("The driver is added."))
            return redirect("web:logistics_hub", hub_id=hub.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "web/logistics/driver_form.html", {"hub": hub, "form": form}, status=status)
