"""Policy goals: the public library of published goals with their measures and progress (read-only)."""

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router
from ninja.decorators import decorate_view

from streek.catalog.directory_cache import DIRECTORY
from streek.core.response_cache import cache_anonymous_get
from streek.monitor.selectors import Audience
from streek.strategy.access import access_goal
from streek.strategy.amore import amore_check
from streek.strategy.goal_cache import GOALS
from streek.strategy.models import Measure, PolicyGoal
from streek.strategy.selectors.goals import GoalFilters, goal_cards, goal_get
from streek.strategy.selectors.progress import MeasureProgress, goal_progress

from .pagination import PageParams, paginate
from .responses import json_response, url_builder
from .schemas.common import Problem
from .schemas.strategy import GoalDetail, GoalFilterParams, GoalPage

router = Router(tags=["strategy"])


def _measure(measure: Measure) -> dict[str, Any]:
    return {
        "id": measure.pk,
        "figure_key": measure.figure_key,
        "baseline_year": measure.baseline_year,
        "baseline_value": measure.baseline_value,
        "target_year": measure.target_year,
        "target_value": measure.target_value,
        "note": measure.note,
    }


def goal_item(
    request: HttpRequest,
    goal: PolicyGoal,
    urls: tuple[Callable[[int | str], str], Callable[[int | str], str]] | None = None,
) -> dict[str, Any]:
    """A goal as GoalItem; `urls` (api, page) builds the two links of many goals at once."""
    api_url, page_url = urls or _goal_urls(request)
    region = goal.custom_region
    milestones = list(goal.milestones.all()) if not hasattr(goal, "milestones_total") else None
    return {
        "id": goal.pk,
        "title": goal.title,
        "theme": goal.theme,
        "theme_label": goal.get_theme_display(),
        "status": goal.status,
        "version": goal.version,
        "published_at": goal.published_at,
        "municipalities": [{"code": m.code, "name": m.name} for m in goal.municipalities.all()],
        "custom_region": {"slug": region.slug, "name": region.name} if region else None,
        "statement": goal.statement,
        "measures": [_measure(m) for m in goal.measures.all()],
        "milestones_total": len(milestones) if milestones is not None else goal.milestones_total,  # type: ignore[attr-defined]
        "milestones_done": (
            sum(1 for m in milestones if m.done_on) if milestones is not None else goal.milestones_done  # type: ignore[attr-defined]
        ),
        "url": api_url(goal.pk),
        "page_url": page_url(goal.pk),
    }


def _goal_urls(request: HttpRequest) -> tuple[Callable[[int | str], str], Callable[[int | str], str]]:
    return url_builder(request, "api-1:goal_detail", "goal_id"), url_builder(request, "web:strategy_goal", "goal_id")


def _path(points: Any) -> list[dict[str, Any]]:
    return [{"year": year, "value": value} for year, value in points]


def _progress(row: MeasureProgress) -> dict[str, Any]:
    path = row.trajectory
    return {
        "measure": _measure(row.measure),
        "figure_label": str(row.option.figure.label) if row.option else row.measure.figure_key,
        "unit": row.unit,
        "area": row.area.slug,
        "observed": [
            {"year": year, "value": f.value, "suppressed": f.suppressed, "missing": str(f.missing)}
            for year, f in row.observed
        ],
        "straight_path": _path(path.straight_path),
        "required_path": _path(row.required_path),
        "planned_growth": path.planned_growth,
        "required_growth": path.required_growth,
        "on_track": path.on_track,
    }


@router.get(
    "/goals",
    response={200: GoalPage, 422: Problem},
    url_name="goal_list",
    summary="List published policy goals",
)
@decorate_view(cache_anonymous_get(GOALS, DIRECTORY))
def list_goals(request: HttpRequest, filters: Query[GoalFilterParams], page: Query[PageParams]) -> HttpResponse:
    """Published goals of municipalities and regions, newest publication first, with their measures."""
    qs = goal_cards(
        filters=GoalFilters(
            theme=filters.theme or "",
            municipality=filters.municipality or "",
            country=filters.country or "",
            region=filters.region or "",
            text=filters.q or "",
        )
    )
    result = paginate(request, qs, sort="published_at", params=page, descending=True)
    urls = _goal_urls(request)
    items = [goal_item(request, goal, urls) for goal in result.items]
    return json_response(GoalPage, {"items": items, "next": result.next, "count": result.count})


@router.get(
    "/goals/{goal_id}",
    response={200: GoalDetail, 404: Problem},
    url_name="goal_detail",
    summary="One policy goal with its progress",
)
def get_goal(request: HttpRequest, goal_id: int) -> dict[str, Any]:
    """A published goal (a draft only for its editors) with its method, partners, resources, milestones and the
    progress of each measure: observed values in the goal's area against the straight and the required path."""
    access_goal(actor=request.user, goal_id=goal_id)  # type: ignore[arg-type]
    goal = goal_get(goal_id=goal_id)
    scores = {s.criterion: (s.score, s.justification) for s in goal.amore_scores.all()}
    return {
        **goal_item(request, goal),
        "vision_2050": goal.vision_2050,
        "iceberg_trends": goal.iceberg_trends,
        "iceberg_influences": goal.iceberg_influences,
        "iceberg_assumptions": goal.iceberg_assumptions,
        "copied_from": goal.copied_from_id,
        "amore": [
            {
                "criterion": row.criterion,
                "label": row.label,
                "score": row.score,
                "justification": row.justification,
                "hints": list(row.hints),
            }
            for row in amore_check(scores=scores)
        ],
        "partners": [
            {
                "kind": p.kind,
                "policy_domain": p.policy_domain,
                "name": p.name,
                "role": p.role,
                "organisation_slug": p.organisation.slug if p.organisation else None,
                "municipality": {"code": p.municipality.code, "name": p.municipality.name} if p.municipality else None,
            }
            for p in goal.partners.all()
        ],
        "resources": [{"kind": r.kind, "description": r.description, "amount": r.amount} for r in goal.resources.all()],
        "milestones": [
            {"title": m.title, "due_on": m.due_on, "owner": m.owner, "done_on": m.done_on}
            for m in goal.milestones.all()
        ],
        "progress": [_progress(row) for row in goal_progress(goal=goal, audience=Audience.for_user(request.user))],
    }
