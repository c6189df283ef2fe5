"""A cycle's set-up page and its life: create, edit, publish, cancel, copy, repeat on a schedule.

Each view: parse -> guard (hub_get / hub_cycle_get, over streek/orders/access.py) -> service -> render.
Refusals of the services are shown on the field they name; nothing is saved then.
"""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from streek.core.exceptions import ApplicationError
from streek.orders.access import is_editor
from streek.orders.choices import CycleStatus
from streek.orders.models import OrderCycle
from streek.orders.services.cycles import (
    order_cycle_cancel,
    order_cycle_clone,
    order_cycle_create,
    order_cycle_publish,
    order_cycle_series_create,
    order_cycle_update,
    publish_problem,
)

from ..inventory.http import refusals_as_http, signed_in_user
from .cycle_forms import (
    CloneForm,
    CycleForm,
    HubFeeForm,
    PickupSlotForm,
    ProducerAddForm,
    SeriesForm,
)
from .http import hub_cycle_get, hub_get, refusal_message, show_service_error
from .reads import cycle_exchanges, cycle_fees, cycle_slots, live_order_count

EDITABLE = (CycleStatus.DRAFT, CycleStatus.PUBLISHED)


def cycle_redirect(cycle: OrderCycle) -> HttpResponse:
    return redirect("web:hub_cycle", cycle_id=cycle.pk)


@require_http_methods(["GET", "POST"])
@login_required
@refusals_as_http
def cycle_create(request: HttpRequest, hub_id: int) -> HttpResponse:
    hub = hub_get(request, hub_id, for_write=True)
    bound = request.method == "POST"
    form = CycleForm(request.POST if bound else None, hub=hub)
    if bound and form.is_valid():
        try:
            cycle = order_cycle_create(actor=signed_in_user(request), hub=hub, **form.service_fields())
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            messages.success(
                request,
                _("The cycle '%(name)s' is drafted. Add producers, their offers and pickup slots, then publish it.")
                % {"name": cycle.name},
            )
            return cycle_redirect(cycle)
    return render(
        request,
        "web/hub/cycle_form.html",
        {"hub": hub, "form": form, "cycle": None},
        status=400 if bound else 200,
    )


@require_http_methods(["GET", "POST"])
@login_required
@refusals_as_http
def cycle_edit(request: HttpRequest, cycle_id: int) -> HttpResponse:
    cycle = hub_cycle_get(request, cycle_id, for_write=True)
    bound = request.method == "POST"
    form = CycleForm(request.POST if bound else None, hub=cycle.hub, initial=CycleForm.initial_from(cycle))
    if bound and form.is_valid():
        try:
            order_cycle_update(actor=signed_in_user(request), cycle=cycle, **form.service_fields())
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            messages.success(request, _("The cycle '%(name)s' is saved.") % {"name": form.cleaned_data["name"]})
            return cycle_redirect(cycle)
    return render(
        request,
        "web/hub/cycle_form.html",
        {"hub": cycle.hub, "form": form, "cycle": cycle},
        status=400 if bound else 200,
    )


def render_cycle_detail(
    request: HttpRequest,
    cycle: OrderCycle,
    *,
    producer_form: ProducerAddForm | None = None,
    fee_form: HubFeeForm | None = None,
    slot_form: PickupSlotForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """The set-up page, with a bound form that was refused (status 400) or fresh forms."""
    hub = cycle.hub
    can_edit = is_editor(actor=request.user, organisation_id=hub.pk)
    editable = can_edit and cycle.status in EDITABLE
    return render(
        request,
        "web/hub/cycle_detail.html",
        {
            "hub": hub,
            "cycle": cycle,
            "can_edit": can_edit,
            "editable": editable,
            "exchanges": cycle_exchanges(cycle=cycle),
            "fees": cycle_fees(cycle=cycle),
            "slots": cycle_slots(cycle=cycle),
            "channels": list(cycle.channels.all()),
            "zones": list(cycle.delivery_zones.all()),
            "orders": live_order_count(cycle=cycle),
            "publish_problem": publish_problem(cycle) if cycle.status == CycleStatus.DRAFT else None,
            "producer_form": (producer_form or ProducerAddForm(hub=hub)) if editable else None,
            "fee_form": (fee_form or HubFeeForm()) if editable else None,
            "slot_form": (slot_form or PickupSlotForm(hub=hub)) if editable else None,
        },
        status=status,
    )


@require_GET
@login_required
@refusals_as_http
def cycle_detail(request: HttpRequest, cycle_id: int) -> HttpResponse:
    """The set-up of a cycle on one page: producers and offers, fees, pickup slots, and what to do next."""
    return render_cycle_detail(request, hub_cycle_get(request, cycle_id))


@require_POST
@login_required
@refusals_as_http
def cycle_publish(request: HttpRequest, cycle_id: int) -> HttpResponse:
    cycle = hub_cycle_get(request, cycle_id, for_write=True)
    try:
        order_cycle_publish(actor=signed_in_user(request), cycle=cycle)
    except ApplicationError as error:
        messages.error(request, refusal_message(error))
    else:
        messages.success(request, _("The cycle '%(name)s' is published.") % {"name": cycle.name})
    return cycle_redirect(cycle)


@require_POST
@login_required
@refusals_as_http
def cycle_cancel(request: HttpRequest, cycle_id: int) -> HttpResponse:
    cycle = hub_cycle_get(request, cycle_id, for_write=True)
    try:
        order_cycle_cancel(actor=signed_in_user(request), cycle=cycle)
    except ApplicationError as error:
        messages.error(request, refusal_message(error))
    else:
        messages.success(request, _("The cycle '%(name)s' is cancelled.") % {"name": cycle.name})
    return cycle_redirect(cycle)


@require_http_methods(["GET", "POST"])
@login_required
@refusals_as_http
def cycle_clone(request: HttpRequest, cycle_id: int) -> HttpResponse:
    cycle = hub_cycle_get(request, cycle_id, for_write=True)
    bound = request.method == "POST"
    form = CloneForm(request.POST if bound else None)
    if bound and form.is_valid():
        try:
            copy = order_cycle_clone(
                actor=signed_in_user(request),
                cycle=cycle,
                shift=timedelta(weeks=form.cleaned_data["weeks"]),
                name=form.cleaned_data["name"] or None,
            )
        except ApplicationError as error:
            show_service_error(form, error, field_map={"shift": "weeks"})
        else:
            messages.success(
                request,
                _("The copy '%(name)s' is drafted: check it, then publish it.") % {"name": copy.name},
            )
            return cycle_redirect(copy)
    return render(
        request,
        "web/hub/cycle_clone.html",
        {"hub": cycle.hub, "cycle": cycle, "form": form},
        status=400 if bound else 200,
    )


@require_http_methods(["GET", "POST"])
@login_required
@refusals_as_http
def cycle_series(request: HttpRequest, cycle_id: int) -> HttpResponse:
    cycle = hub_cycle_get(request, cycle_id, for_write=True)
    bound = request.method == "POST"
    form = SeriesForm(request.POST if bound else None)
    if bound and form.is_valid():
        try:
            order_cycle_series_create(actor=signed_in_user(request), cycle=cycle, **form.cleaned_data)
        except ApplicationError as error:
            show_service_error(form, error, field_map={"cycle": "interval_weeks"})
        else:
            messages.success(
                request,
                _(
                    "The cycle '%(name)s' now repeats every %(weeks)s weeks until %(until)s; "
                    "the repetitions appear here a few weeks before they open."
                )
                % {
                    "name": cycle.name,
                    "weeks": form.cleaned_data["interval_weeks"],
                    "until": form.cleaned_data["repeat_until"].strftime("%d/%m/%Y"),
                },
            )
            return cycle_redirect(cycle)
    return render(
        request,
        "web/hub/cycle_series.html",
        {"hub": cycle.hub, "cycle": cycle, "form": form},
        status=400 if bound else 200,
    )
