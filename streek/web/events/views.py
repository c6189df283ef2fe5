"""Organisers and municipal officers keep their events: list, add (once or weekly), change, cancel."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from streek.catalog.access import access_event, access_municipality_inventory, access_organisation
from streek.catalog.models import Organisation
from streek.catalog.selectors.managed_events import event_manage_list, event_sales_point_choices, event_scopes
from streek.catalog.services.events import (
    event_cancel,
    event_create,
    event_create_series,
    event_delete,
    event_restore,
    event_update,
)
from streek.core.exceptions import NotFound
from streek.territory.models import Municipality
from streek.territory.selectors import municipality_get
from streek.web.inventory.http import add_validation_errors, refusals_as_http, signed_in_user

from .forms import EventForm

FIELD_MAP = {
    "starts_at": "start_time",
    "ends_at": "end_time",
    "municipality": "postal_code",
    "lat": "postal_code",
    "lon": "postal_code",
    "count": "repeat_weeks",
}


@require_GET
@login_required
def event_manage_list_page(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    upcoming, past = event_manage_list(actor=user)
    return render(
        request,
        "web/events/manage_list.html",
        {"upcoming": upcoming, "past": past, "scopes": event_scopes(actor=user)},
    )


def _create_scope(request: HttpRequest) -> tuple[Organisation | None, Municipality | None]:
    """?organisation=<id> for its editors, ?municipality=<code> for its officers; refuses anything else."""
    organisation_id = request.GET.get("organisation", "")
    if organisation_id:
        if not organisation_id.isdigit():
            raise NotFound("organisation")
        organisation = access_organisation(actor=request.user, organisation_id=int(organisation_id), for_write=True)
        return organisation, None
    code = request.GET.get("municipality", "")
    if code:
        found = municipality_get(code=code)
        return None, access_municipality_inventory(actor=request.user, municipality_id=found.pk)
    raise NotFound("scope")


@require_http_methods(["GET", "POST"])
@login_required
@refusals_as_http
def event_create_page(request: HttpRequest) -> HttpResponse:
    organisation, municipality = _create_scope(request)
    bound = request.method == "POST"
    form = EventForm(
        request.POST if bound else None,
        sales_points=event_sales_point_choices(organisation=organisation, municipality=municipality),
    )
    if bound and form.is_valid():
        fields = form.service_fields()
        if municipality is not None:
            fields["municipality"] = municipality
        user = signed_in_user(request)
        try:
            count = form.series_count()
            if count:
                events = event_create_series(actor=user, count=count, organiser=organisation, **fields)
            else:
                events = [event_create(actor=user, organiser=organisation, **fields)]
        except ValidationError as error:
            add_validation_errors(form, error, field_map=FIELD_MAP)
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)d event '%(title)s' is added.",
                    "%(count)d events '%(title)s' are added.",
                    len(events),
                )
                % {"title": events[0].title, "count": len(events)},
            )
            return redirect("web:event_manage_list")
    return render(
        request,
        "web/events/event_form.html",
        {"form": form, "organisation": organisation, "municipality": municipality, "event": None},
        status=400 if bound else 200,
    )


@require_http_methods(["GET", "POST"])
@login_required
@refusals_as_http
def event_edit_page(request: HttpRequest, event_id: int) -> HttpResponse:
    event = access_event(actor=request.user, event_id=event_id, for_write=True)
    bound = request.method == "POST"
    sales_points = event_sales_point_choices(
        organisation=event.organiser, municipality=None if event.organiser else event.municipality
    )
    form = EventForm(
        request.POST if bound else None,
        sales_points=sales_points,
        series=False,
        initial=EventForm.initial_from(event),
    )
    if bound and form.is_valid():
        try:
            event_update(event=event, actor=signed_in_user(request), **form.service_fields())
        except ValidationError as error:
            event.refresh_from_db()
            add_validation_errors(form, error, field_map=FIELD_MAP)
        else:
            messages.success(request, _("The event '%(title)s' is saved.") % {"title": event.title})
            return redirect("web:event_manage_list")
    return render(
        request,
        "web/events/event_form.html",
        {"form": form, "organisation": event.organiser, "municipality": event.municipality, "event": event},
        status=400 if bound else 200,
    )


@require_POST
@login_required
@refusals_as_http
def event_cancel_page(request: HttpRequest, event_id: int) -> HttpResponse:
    event = access_event(actor=request.user, event_id=event_id, for_write=True)
    event_cancel(event=event, actor=signed_in_user(request), note=request.POST.get("note", "")[:300])
    messages.success(
        request,
        _("The event '%(title)s' is cancelled; it stays in the calendar marked as cancelled.") % {"title": event.title},
    )
    return redirect("web:event_manage_list")


@require_POST
@login_required
@refusals_as_http
def event_restore_page(request: HttpRequest, event_id: int) -> HttpResponse:
    event = access_event(actor=request.user, event_id=event_id, for_write=True)
    event_restore(event=event, actor=signed_in_user(request))
    messages.success(request, _("The event '%(title)s' takes place again.") % {"title": event.title})
    return redirect("web:event_manage_list")


@require_POST
@login_required
@refusals_as_http
def event_delete_page(request: HttpRequest, event_id: int) -> HttpResponse:
    event = access_event(actor=request.user, event_id=event_id, for_write=True)
    title = event.title
    event_delete(event=event, actor=signed_in_user(request))
    messages.success(request, _("The event '%(title)s' is deleted.") % {"title": title})
    return redirect("web:event_manage_list")
