"""Where a hub's buyers get their goods: its pickup points and its home delivery zones."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from streek.catalog.models import Organisation
from streek.core.exceptions import ApplicationError
from streek.orders.access import is_editor
from streek.orders.models import DeliveryZone, PickupPoint
from streek.orders.services.outgoing import delivery_zone_save, pickup_point_save

from ..inventory.http import refusals_as_http, signed_in_user
from .http import hub_get, show_service_error
from .outgoing_forms import DeliveryZoneForm, PickupPointForm
from .reads import hub_pickup_points, hub_zones


@require_GET
@login_required
@refusals_as_http
def outgoing_list(request: HttpRequest, hub_id: int) -> HttpResponse:
    hub = hub_get(request, hub_id)
    return render(
        request,
        "web/hub/outgoing_list.html",
        {
            "hub": hub,
            "points": hub_pickup_points(hub=hub),
            "zones": hub_zones(hub=hub),
            "can_edit": is_editor(actor=request.user, organisation_id=hub.pk),
        },
    )


def _point_form(request: HttpRequest, hub: Organisation, point: PickupPoint | None) -> HttpResponse:
    bound = request.method == "POST"
    form = PickupPointForm(
        request.POST if bound else None, hub=hub, initial=PickupPointForm.initial_from(point) if point else None
    )
    if bound and form.is_valid():
        try:
            saved = pickup_point_save(
                actor=signed_in_user(request), hub=hub, pickup_point=point, **form.service_fields()
            )
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            messages.success(request, _("The pickup point '%(name)s' is saved.") % {"name": saved.name})
            return redirect("web:hub_outgoing", hub_id=hub.pk)
    return render(
        request,
        "web/hub/pickup_point_form.html",
        {"hub": hub, "point": point, "form": form},
        status=400 if bound else 200,
    )


@require_http_methods(["GET", "POST"])
@login_required
@refusals_as_http
def pickup_point_create(request: HttpRequest, hub_id: int) -> HttpResponse:
    return _point_form(request, hub_get(request, hub_id, for_write=True), None)


@require_http_methods(["GET", "POST"])
@login_required
@refusals_as_http
def pickup_point_edit(request: HttpRequest, hub_id: int, point_id: int) -> HttpResponse:
    hub = hub_get(request, hub_id, for_write=True)
    point = PickupPoint.objects.filter(pk=point_id, hub=hub).first()
    if point is None:
        raise Http404("pickup point")
    return _point_form(request, hub, point)


def _zone_form(request: HttpRequest, hub: Organisation, zone: DeliveryZone | None) -> HttpResponse:
    bound = request.method == "POST"
    form = DeliveryZoneForm(
        request.POST if bound else None, initial=DeliveryZoneForm.initial_from(zone) if zone else None
    )
    if bound and form.is_valid():
        try:
            saved = delivery_zone_save(actor=signed_in_user(request), hub=hub, zone=zone, **form.service_fields())
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            messages.success(request, _("The delivery zone '%(name)s' is saved.") % {"name": saved.name})
            return redirect("web:hub_outgoing", hub_id=hub.pk)
    return render(
        request,
        "web/hub/zone_form.html",
        {"hub": hub, "zone": zone, "form": form},
        status=400 if bound else 200,
    )


@require_http_methods(["GET", "POST"])
@login_required
@refusals_as_http
def zone_create(request: HttpRequest, hub_id: int) -> HttpResponse:
    return _zone_form(request, hub_get(request, hub_id, for_write=True), None)


@require_http_methods(["GET", "POST"])
@login_required
@refusals_as_http
def zone_edit(request: HttpRequest, hub_id: int, zone_id: int) -> HttpResponse:
    hub = hub_get(request, hub_id, for_write=True)
    zone = DeliveryZone.objects.filter(pk=zone_id, hub=hub).first()
    if zone is None:
        raise Http404("zone")
    return _zone_form(request, hub, zone)
