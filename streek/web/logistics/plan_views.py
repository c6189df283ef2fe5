"""Planning rounds: ask for a plan, follow its progress, read it on a map, dispatch stops and re-plan."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from streek.accounts.selectors import organisation_ids
from streek.core.exceptions import ApplicationError
from streek.logistics.access import (
    access_logistics_hub,
    access_plan,
    access_route,
    access_stop,
    is_plan_editor,
    plan_hub_ids,
)
from streek.logistics.choices import PlanStatus
from streek.logistics.models import Driver, Plan, Route
from streek.logistics.selectors.fleet import logistics_hub_list
from streek.logistics.selectors.plan_check import plan_detail_check
from streek.logistics.selectors.plans import plan_detail, plannable_cycle_list
from streek.logistics.services.dispatch import plan_stop_lock, plan_stop_move, route_driver_assign
from streek.logistics.services.plans import default_time_limit, plan_create, plan_replan

from ..hub.http import refusal_message, show_service_error
from ..inventory.http import refusals_as_http, signed_in_user
from .forms import PlanForm, ReplanForm, RouteDriverForm, StopMoveForm
from .maps import plan_map_config


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


@require_http_methods(["GET", "POST"])
@login_required
@refusals_as_http
def plan_new(request: HttpRequest, hub_id: int) -> HttpResponse:
    """Choose the day, the cycles (and partner hubs) and the time limit; the plan then runs in the background."""
    hub = access_logistics_hub(actor=request.user, hub_id=hub_id, for_write=True)
    editor_hubs = organisation_ids(actor=request.user, editors_only=True)
    partners = logistics_hub_list(actor=request.user).exclude(pk=hub.pk)
    if not request.user.is_superuser:
        partners = partners.filter(pk__in=editor_hubs)
    day = _day(request.GET.get("day"))
    cycles = plannable_cycle_list(hubs=[hub, *partners], day=day)
    first = cycles.filter(fulfilment_date__gte=timezone.localdate()).first() or cycles.first()
    form = PlanForm(
        request.POST or None,
        cycles=cycles,
        partners=partners,
        default_day=day or (first.fulfilment_date if first else None),
        time_limit=default_time_limit(),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            plan = plan_create(
                actor=signed_in_user(request),
                hub=hub,
                day=data["day"],
                cycles=list(data["cycles"]),
                partner_hubs=list(data["partner_hubs"]),
                time_limit_seconds=data["time_limit_seconds"],
                collection_minutes=data["collection_minutes"],
                delivery_minutes=data["delivery_minutes"],
            )
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            return redirect("web:logistics_plan", plan_id=plan.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "web/logistics/plan_form.html", {"hub": hub, "form": form, "day": day}, status=status)


@require_GET
@login_required
@refusals_as_http
def plan_view(request: HttpRequest, plan_id: int) -> HttpResponse:
    """The plan: its progress while it runs (polled with htmx), then its routes, stops, map and savings."""
    plan = access_plan(actor=request.user, plan_id=plan_id)
    if request.headers.get("HX-Request") == "true":
        response = render(request, "web/logistics/_plan_status.html", {"plan": plan})
        if not plan.is_active:
            response["HX-Refresh"] = "true"  # the finished plan needs the whole page (map, routes)
        return response
    context: dict[str, object] = {"plan": plan, "can_edit": is_plan_editor(actor=request.user, plan=plan)}
    if plan.status == PlanStatus.DONE:
        detail = plan_detail(plan=plan)
        check = plan_detail_check(plan=plan, routes=detail.routes, unplanned=detail.unplanned)
        drivers = Driver.objects.filter(hub_id__in=plan_hub_ids(plan=plan), is_active=True).order_by("name")
        routes = Route.objects.filter(plan=plan).order_by("number")
        context.update(
            {
                "detail": detail,
                "warning_count": len(check.warnings) if check is not None else 0,
                "map_config": plan_map_config(detail),
                "move_form": StopMoveForm(routes=routes),
                "driver_form": RouteDriverForm(drivers=drivers),
                "drivers": list(drivers),
            }
        )
    context["replan_form"] = ReplanForm(initial={"time_limit_seconds": plan.time_limit_seconds})
    return render(request, "web/logistics/plan.html", context)


@require_POST
@login_required
@refusals_as_http
def plan_replan_view(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(actor=request.user, plan_id=plan_id, for_write=True)
    form = ReplanForm(request.POST)
    limit = form.cleaned_data["time_limit_seconds"] if form.is_valid() else None
    try:
        child = plan_replan(actor=signed_in_user(request), plan=plan, time_limit_seconds=limit)
    except ApplicationError as error:
        messages.error(request, refusal_message(error))
        return redirect("web:logistics_plan", plan_id=plan.pk)
    messages.success(request, _("A new version is being planned; locked and moved stops stay on their vehicle."))
    return redirect("web:logistics_plan", plan_id=child.pk)


def _plan_anchor(plan: Plan, fragment: str = "") -> HttpResponse:
    response = redirect("web:logistics_plan", plan_id=plan.pk)
    if fragment:
        response["Location"] += f"#{fragment}"
    return response


@require_POST
@login_required
@refusals_as_http
def stop_move_view(request: HttpRequest, stop_id: int) -> HttpResponse:
    stop = access_stop(actor=request.user, stop_id=stop_id, for_write=True)
    form = StopMoveForm(request.POST, routes=Route.objects.filter(plan_id=stop.plan_id))
    if not form.is_valid():
        messages.error(request, _("Choose a route of this plan."))
        return _plan_anchor(stop.plan)
    try:
        moved = plan_stop_move(actor=signed_in_user(request), stop=stop, route=form.cleaned_data["route"])
    except ApplicationError as error:
        messages.error(request, refusal_message(error))
    else:
        messages.success(
            request,
            _("%(name)s is moved and locked to that vehicle; the times of the changed routes are indicative.")
            % {"name": stop.name},
        )
        if moved.warnings:
            count = len(moved.warnings)
            messages.warning(
                request,
                ngettext(
                    "The move is made, but the plan now breaks %(count)s rule: re-plan, or move the stop back.",
                    "The move is made, but the plan now breaks %(count)s rules: re-plan, or move the stop back.",
                    count,
                )
                % {"count": count},
            )
        for warning in moved.warnings:
            messages.warning(request, _("Warning: %(message)s") % {"message": warning.message})
    return _plan_anchor(stop.plan, f"route-{form.cleaned_data['route'].number}")


@require_POST
@login_required
@refusals_as_http
def stop_lock_view(request: HttpRequest, stop_id: int) -> HttpResponse:
    stop = access_stop(actor=request.user, stop_id=stop_id, for_write=True)
    locked = request.POST.get("locked") == "1"
    try:
        plan_stop_lock(actor=signed_in_user(request), stop=stop, locked=locked)
    except ApplicationError as error:
        messages.error(request, refusal_message(error))
    else:
        message = _("%(name)s is locked to its vehicle.") if locked else _("%(name)s is no longer locked.")
        messages.success(request, message % {"name": stop.name})
    return _plan_anchor(stop.plan, f"stop-{stop.pk}")


@require_POST
@login_required
@refusals_as_http
def route_driver_view(request: HttpRequest, route_id: int) -> HttpResponse:
    route = access_route(actor=request.user, route_id=route_id, for_write=True)
    drivers = Driver.objects.filter(hub_id__in=plan_hub_ids(plan=route.plan), is_active=True)
    form = RouteDriverForm(request.POST, drivers=drivers)
    if not form.is_valid():
        raise Http404("driver")
    try:
        route_driver_assign(actor=signed_in_user(request), route=route, driver=form.cleaned_data["driver"])
    except ApplicationError as error:
        messages.error(request, refusal_message(error))
    else:
        messages.success(request, _("The driver of route %(number)s is saved.") % {"number": route.number})
    return _plan_anchor(route.plan, f"route-{route.number}")
