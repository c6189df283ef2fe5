"""An officer's goals: list, create, the workspace and its sections, publish, archive, copy."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from streek.core.exceptions import ApplicationError, PermissionRefused
from streek.strategy.access import access_goal, access_goal_copy, access_goal_create, is_strategy_officer
from streek.strategy.selectors.goals import goal_list_for_editor
from streek.strategy.services.copy import goal_copy
from streek.strategy.services.goals import goal_archive, goal_create, goal_publish, goal_update
from streek.web.inventory.http import add_validation_errors, refusals_as_http, signed_in_user

from .forms import CopyForm, GoalBasicsForm, IcebergForm, PublishForm, StatementForm, VisionForm
from .workspace import own_municipalities, workspace_response

SECTIONS: dict[str, tuple[str, type[forms.Form]]] = {
    "basis": ("basics", GoalBasicsForm),
    "ijsberg": ("iceberg", IcebergForm),
    "visie": ("vision", VisionForm),
    "doel": ("statement", StatementForm),
}
SECTION_ANCHORS = {"basics": "basics", "iceberg": "iceberg", "vision": "vision", "statement": "statement"}


def workspace_url(goal_id: int, anchor: str = "") -> str:
    url = reverse("web:strategy_workspace", args=[goal_id])
    return f"{url}#{anchor}" if anchor else url


def try_save(form: forms.Form, save: Callable[[], Any], *, field_map: dict[str, str] | None = None) -> Any:
    """Run a service; a ValidationError or refusal lands on the form and gives None."""
    try:
        return save()
    except ValidationError as error:
        add_validation_errors(form, error, field_map=field_map)
    except ApplicationError as error:
        form.add_error(None, error.message)
    return None


@require_GET
@login_required
def my_goals(request: HttpRequest) -> HttpResponse:
    actor = signed_in_user(request)
    return render(
        request,
        "web/strategy/my_goals.html",
        {"goals": goal_list_for_editor(actor=actor), "is_officer": is_strategy_officer(actor=actor)},
    )


@require_http_methods(["GET", "POST"])
@login_required
@refusals_as_http
def goal_create_view(request: HttpRequest) -> HttpResponse:
    actor = signed_in_user(request)
    if not is_strategy_officer(actor=actor):
        raise PermissionRefused("goal")
    own = own_municipalities(request)
    bound = request.method == "POST"
    form = GoalBasicsForm(request.POST if bound else None, own=own, initial={"municipalities": list(own)})
    if bound and form.is_valid():
        data = form.cleaned_data
        access_goal_create(actor=actor, municipality_ids=data["municipality_ids"])
        goal = try_save(
            form,
            lambda: goal_create(
                actor=actor,
                title=data["title"],
                theme=data["theme"],
                municipality_ids=data["municipality_ids"],
                custom_region_id=data["custom_region_id"],
            ),
            field_map={"custom_region": "custom_region"},
        )
        if goal is not None:
            messages.success(request, _("The goal '%(title)s' is created as a draft.") % {"title": goal.title})
            return redirect(workspace_url(goal.pk))
    return render(request, "web/strategy/goal_form.html", {"form": form}, status=400 if bound else 200)


@require_GET
@login_required
@refusals_as_http
def workspace(request: HttpRequest, goal_id: int) -> HttpResponse:
    access_goal(actor=request.user, goal_id=goal_id, for_write=True)
    return workspace_response(request, goal_id)


@require_POST
@login_required
@refusals_as_http
def goal_section(request: HttpRequest, goal_id: int, section: str) -> HttpResponse:
    actor = signed_in_user(request)
    goal = access_goal(actor=actor, goal_id=goal_id, for_write=True)
    if section not in SECTIONS:
        raise Http404(section)
    key, form_class = SECTIONS[section]
    form = (
        GoalBasicsForm(request.POST, own=own_municipalities(request))
        if form_class is GoalBasicsForm
        else form_class(request.POST)
    )
    if form.is_valid():
        data = dict(form.cleaned_data)
        if key == "basics":
            # an officer keeps at least one of their own municipalities: no handing a goal over to others
            access_goal_create(actor=actor, municipality_ids=data["municipality_ids"])
            fields: dict[str, Any] = {
                "title": data["title"],
                "theme": data["theme"],
                "municipality_ids": data["municipality_ids"],
                "custom_region_id": data["custom_region_id"],
            }
        else:
            fields = data
        saved = try_save(form, lambda: goal_update(goal=goal, actor=actor, **fields))
        if saved is not None:
            messages.success(request, _("Saved."))
            return redirect(workspace_url(goal.pk, SECTION_ANCHORS[key]))
    return workspace_response(request, goal.pk, bound={key: form}, status=400)


@require_POST
@login_required
@refusals_as_http
def goal_publish_view(request: HttpRequest, goal_id: int) -> HttpResponse:
    actor = signed_in_user(request)
    goal = access_goal(actor=actor, goal_id=goal_id, for_write=True)
    form = PublishForm(request.POST)
    if form.is_valid():
        published = try_save(form, lambda: goal_publish(goal=goal, actor=actor, summary=form.cleaned_data["summary"]))
        if published is not None:
            messages.success(
                request,
                _("Version %(number)s is published in the library.") % {"number": published.version},
            )
            return redirect("web:strategy_goal", goal_id=goal.pk)
    return workspace_response(request, goal.pk, bound={"publish": form}, status=400)


@require_POST
@login_required
@refusals_as_http
def goal_archive_view(request: HttpRequest, goal_id: int) -> HttpResponse:
    actor = signed_in_user(request)
    goal = access_goal(actor=actor, goal_id=goal_id, for_write=True)
    goal_archive(goal=goal, actor=actor)
    messages.success(request, _("The goal is archived: it no longer shows in the library."))
    return redirect("web:strategy_mine")


@require_http_methods(["GET", "POST"])
@login_required
@refusals_as_http
def goal_copy_view(request: HttpRequest, goal_id: int) -> HttpResponse:
    actor = signed_in_user(request)
    source = access_goal(actor=actor, goal_id=goal_id)
    if not is_strategy_officer(actor=actor):
        raise PermissionRefused("goal")
    own = own_municipalities(request)
    bound = request.method == "POST"
    form = CopyForm(
        request.POST if bound else None,
        own=own,
        initial={"title": source.title, "municipalities": list(own)},
    )
    if bound and form.is_valid():
        ids = [m.pk for m in form.cleaned_data["municipalities"]]
        source = access_goal_copy(actor=actor, goal_id=goal_id, municipality_ids=ids)
        goal = try_save(
            form,
            lambda: goal_copy(source=source, actor=actor, municipality_ids=ids, title=form.cleaned_data["title"]),
        )
        if goal is not None:
            messages.success(
                request,
                _("Your draft starts from a copy of '%(title)s'. Check the baselines.") % {"title": source.title},
            )
            return redirect(workspace_url(goal.pk))
    return render(
        request, "web/strategy/copy_form.html", {"form": form, "source": source}, status=400 if bound else 200
    )
