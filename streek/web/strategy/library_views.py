"""Public pages: the library of published goals, a goal's page, its versions."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from streek.monitor.selectors import Audience
from streek.strategy.access import access_goal, access_goal_version, is_goal_editor, is_strategy_officer
from streek.strategy.amore import amore_check
from streek.strategy.selectors.goals import GoalFilters, goal_get, goal_list, goal_versions
from streek.web.inventory.http import refusals_as_http

from .forms import LibraryFilterForm
from .progress import progress_rows


@require_GET
def library(request: HttpRequest) -> HttpResponse:
    form = LibraryFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    filters = GoalFilters(
        theme=data.get("theme") or "",
        country=data.get("country") or "",
        region=(data.get("region") or "").strip(),
        municipality=(data.get("municipality") or "").strip(),
        text=(data.get("q") or "").strip(),
    )
    page = goal_list(filters=filters, page=request.GET.get("page") or 1)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "web/strategy/library.html",
        {
            "form": form,
            "page": page,
            "goals": page.object_list,
            "querystring": query.urlencode(),
            "can_copy": is_strategy_officer(actor=request.user),
        },
    )


@require_GET
@refusals_as_http
def goal_detail(request: HttpRequest, goal_id: int) -> HttpResponse:
    access_goal(actor=request.user, goal_id=goal_id)
    goal = goal_get(goal_id=goal_id)
    scores = {s.criterion: (s.score, s.justification) for s in goal.amore_scores.all()}
    return render(
        request,
        "web/strategy/goal_detail.html",
        {
            "goal": goal,
            "amore_rows": amore_check(scores=scores),
            "progress": progress_rows(goal=goal, audience=Audience.for_user(request.user)),
            "is_editor": is_goal_editor(actor=request.user, goal=goal),
            "can_copy": is_strategy_officer(actor=request.user),
        },
    )


@require_GET
@refusals_as_http
def version_list(request: HttpRequest, goal_id: int) -> HttpResponse:
    goal = access_goal(actor=request.user, goal_id=goal_id)
    return render(request, "web/strategy/versions.html", {"goal": goal, "versions": goal_versions(goal=goal)})


@require_GET
@refusals_as_http
def version_detail(request: HttpRequest, goal_id: int, number: int) -> HttpResponse:
    goal, version = access_goal_version(actor=request.user, goal_id=goal_id, number=number)
    return render(
        request,
        "web/strategy/version_detail.html",
        {"goal": goal, "version": version, "snapshot": version.snapshot},
    )
