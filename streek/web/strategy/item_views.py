"""The parts of a goal in its workspace: AMORE scores, partners, resources, milestones, measures."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from streek.strategy.access import access_goal, access_goal_item
from streek.strategy.services.items import (
    amore_score_save,
    measure_add,
    measure_remove,
    measure_update,
    milestone_add,
    milestone_remove,
    milestone_update,
    partner_add,
    partner_remove,
    resource_add,
    resource_remove,
)
from streek.web.inventory.http import refusals_as_http, signed_in_user

from .forms import AmoreForm, MeasureForm, MilestoneForm, PartnerForm, ResourceForm
from .goal_views import try_save, workspace_url
from .workspace import workspace_response


@require_POST
@login_required
@refusals_as_http
def amore_save(request: HttpRequest, goal_id: int) -> HttpResponse:
    actor = signed_in_user(request)
    goal = access_goal(actor=actor, goal_id=goal_id, for_write=True)
    form = AmoreForm(request.POST)
    if form.is_valid():

        def save_all() -> bool:
            with transaction.atomic():
                for criterion, score, justification in form.scores():
                    amore_score_save(
                        goal=goal, actor=actor, criterion=criterion, score=score, justification=justification
                    )
            return True

        if try_save(form, save_all):
            messages.success(request, _("The AMORE check is saved."))
            return redirect(workspace_url(goal.pk, "amore"))
    return workspace_response(request, goal.pk, bound={"amore": form}, status=400)


@require_POST
@login_required
@refusals_as_http
def partner_add_view(request: HttpRequest, goal_id: int) -> HttpResponse:
    actor = signed_in_user(request)
    goal = access_goal(actor=actor, goal_id=goal_id, for_write=True)
    form = PartnerForm(request.POST)
    if form.is_valid():
        fields = form.service_fields()
        partner = try_save(
            form,
            lambda: partner_add(goal=goal, actor=actor, **fields),
            field_map={"municipality": "municipality_code", "organisation": "name"},
        )
        if partner is not None:
            messages.success(request, _("%(name)s is added as a partner.") % {"name": str(partner)})
            return redirect(workspace_url(goal.pk, "partners"))
    return workspace_response(request, goal.pk, bound={"partner": form}, status=400)


@require_POST
@login_required
@refusals_as_http
def item_remove(request: HttpRequest, goal_id: int, item: str, item_id: int) -> HttpResponse:
    actor = signed_in_user(request)
    goal, found = access_goal_item(actor=actor, goal_id=goal_id, item=item, item_id=item_id)
    remove: dict[str, Any] = {
        "partner": lambda: partner_remove(partner=found, actor=actor),  # type: ignore[arg-type]
        "resource": lambda: resource_remove(resource=found, actor=actor),  # type: ignore[arg-type]
        "milestone": lambda: milestone_remove(milestone=found, actor=actor),  # type: ignore[arg-type]
        "measure": lambda: measure_remove(measure=found, actor=actor),  # type: ignore[arg-type]
    }
    remove[item]()
    messages.success(request, _("Removed."))
    return redirect(workspace_url(goal.pk, f"{item}s"))


@require_POST
@login_required
@refusals_as_http
def resource_add_view(request: HttpRequest, goal_id: int) -> HttpResponse:
    actor = signed_in_user(request)
    goal = access_goal(actor=actor, goal_id=goal_id, for_write=True)
    form = ResourceForm(request.POST)
    if form.is_valid() and try_save(form, lambda: resource_add(goal=goal, actor=actor, **form.cleaned_data)):
        messages.success(request, _("The resource is added."))
        return redirect(workspace_url(goal.pk, "resources"))
    return workspace_response(request, goal.pk, bound={"resource": form}, status=400)


@require_POST
@login_required
@refusals_as_http
def milestone_add_view(request: HttpRequest, goal_id: int) -> HttpResponse:
    actor = signed_in_user(request)
    goal = access_goal(actor=actor, goal_id=goal_id, for_write=True)
    form = MilestoneForm(request.POST)
    if form.is_valid() and try_save(form, lambda: milestone_add(goal=goal, actor=actor, **form.cleaned_data)):
        messages.success(request, _("The milestone is added."))
        return redirect(workspace_url(goal.pk, "milestones"))
    return workspace_response(request, goal.pk, bound={"milestone": form}, status=400)


@require_POST
@login_required
@refusals_as_http
def milestone_done(request: HttpRequest, goal_id: int, item_id: int) -> HttpResponse:
    """Tick a milestone done today, or untick it."""
    actor = signed_in_user(request)
    goal, milestone = access_goal_item(actor=actor, goal_id=goal_id, item="milestone", item_id=item_id)
    done_on = None if milestone.done_on else timezone.localdate()  # type: ignore[attr-defined]
    milestone_update(
        milestone=milestone,  # type: ignore[arg-type]
        actor=actor,
        title=milestone.title,  # type: ignore[attr-defined]
        due_on=milestone.due_on,  # type: ignore[attr-defined]
        owner=milestone.owner,  # type: ignore[attr-defined]
        done_on=done_on,
    )
    return redirect(workspace_url(goal.pk, "milestones"))


@require_POST
@login_required
@refusals_as_http
def measure_add_view(request: HttpRequest, goal_id: int) -> HttpResponse:
    actor = signed_in_user(request)
    goal = access_goal(actor=actor, goal_id=goal_id, for_write=True)
    form = MeasureForm(request.POST)
    if form.is_valid() and try_save(form, lambda: measure_add(goal=goal, actor=actor, **form.cleaned_data)):
        messages.success(request, _("The measure is added."))
        return redirect(workspace_url(goal.pk, "measures"))
    return workspace_response(request, goal.pk, bound={"measure": form}, status=400)


@require_http_methods(["GET", "POST"])
@login_required
@refusals_as_http
def measure_edit(request: HttpRequest, goal_id: int, item_id: int) -> HttpResponse:
    actor = signed_in_user(request)
    goal, measure = access_goal_item(actor=actor, goal_id=goal_id, item="measure", item_id=item_id)
    bound = request.method == "POST"
    initial = {name: getattr(measure, name) for name in MeasureForm.base_fields}
    form = MeasureForm(request.POST if bound else None, initial=initial)
    if (
        bound
        and form.is_valid()
        and try_save(form, lambda: measure_update(measure=measure, actor=actor, **form.cleaned_data))  # type: ignore[arg-type]
    ):
        messages.success(request, _("The measure is saved."))
        return redirect(workspace_url(goal.pk, "measures"))
    return render(
        request,
        "web/strategy/measure_form.html",
        {"goal": goal, "measure": measure, "form": form},
        status=400 if bound else 200,
    )
