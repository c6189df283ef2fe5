"""The goal workspace page: every section of the method with its form (bound when a post failed)."""

from typing import Any, cast

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from streek.monitor.selectors import Audience
from streek.strategy.amore import amore_check
from streek.strategy.models import PolicyGoal
from streek.strategy.selectors.goals import goal_get
from streek.strategy.selectors.partners import partner_suggestions
from streek.strategy.services.goals import goal_publish_problems
from streek.territory.models import Municipality

from .forms import (
    AmoreForm,
    GoalBasicsForm,
    IcebergForm,
    MeasureForm,
    MilestoneForm,
    PartnerForm,
    PublishForm,
    ResourceForm,
    StatementForm,
    VisionForm,
)
from .progress import progress_rows


def own_municipalities(request: HttpRequest) -> Any:
    user = request.user
    if not user.is_authenticated:
        return Municipality.objects.none()
    return Municipality.objects.filter(officer_assignments__user_id=user.pk).order_by("name_nl").distinct()


def basics_initial(goal: PolicyGoal, own: Any) -> dict[str, Any]:
    own_ids = {m.pk for m in own}
    mine = [m for m in goal.municipalities.all() if m.pk in own_ids]
    others = [m.code for m in goal.municipalities.all() if m.pk not in own_ids]
    return {
        "title": goal.title,
        "theme": goal.theme,
        "municipalities": mine,
        "other_codes": ", ".join(others),
        "custom_region": str(goal.custom_region_id or ""),
    }


def _amore_initial(goal: PolicyGoal) -> dict[str, Any]:
    initial: dict[str, Any] = {}
    for score in goal.amore_scores.all():
        initial[f"score_{score.criterion}"] = str(score.score)
        initial[f"justification_{score.criterion}"] = score.justification
    return initial


def workspace_response(
    request: HttpRequest, goal_id: int, *, bound: dict[str, forms.Form] | None = None, status: int = 200
) -> HttpResponse:
    goal = goal_get(goal_id=goal_id)
    own = own_municipalities(request)
    bound = bound or {}
    amore_form = cast(AmoreForm, bound.get("amore") or AmoreForm(initial=_amore_initial(goal)))
    scores = {s.criterion: (s.score, s.justification) for s in goal.amore_scores.all()}
    amore_rows = [
        {"row": row, "score": amore_form.field_pair(row.criterion)[0], "why": amore_form.field_pair(row.criterion)[1]}
        for row in amore_check(scores=scores)
    ]
    context = {
        "goal": goal,
        "basics_form": bound.get("basics") or GoalBasicsForm(own=own, initial=basics_initial(goal, own)),
        "iceberg_form": bound.get("iceberg")
        or IcebergForm(
            initial={
                "iceberg_trends": goal.iceberg_trends,
                "iceberg_influences": goal.iceberg_influences,
                "iceberg_assumptions": goal.iceberg_assumptions,
            }
        ),
        "vision_form": bound.get("vision") or VisionForm(initial={"vision_2050": goal.vision_2050}),
        "statement_form": bound.get("statement") or StatementForm(initial={"statement": goal.statement}),
        "amore_form": amore_form,
        "amore_rows": amore_rows,
        "partner_form": bound.get("partner") or PartnerForm(),
        "suggestions": partner_suggestions(goal=goal),
        "resource_form": bound.get("resource") or ResourceForm(),
        "milestone_form": bound.get("milestone") or MilestoneForm(),
        "measure_form": bound.get("measure") or MeasureForm(),
        "publish_form": bound.get("publish") or PublishForm(),
        "problems": goal_publish_problems(goal=goal),
        "progress": progress_rows(goal=goal, audience=Audience.for_user(request.user)),
    }
    return render(request, "web/strategy/workspace.html", context, status=status)
