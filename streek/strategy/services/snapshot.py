"""The whole goal as plain JSON, recorded in a GoalVersion on each publication."""

from typing import Any

from ..models import PolicyGoal


def _decimal(value: Any) -> str | None:
    return None if value is None else str(value)


def _date(value: Any) -> str | None:
    return None if value is None else value.isoformat()


def goal_snapshot(*, goal: PolicyGoal) -> dict[str, Any]:
    """Everything a reader of a past version needs, without references that could later change meaning."""
    return {
        "title": goal.title,
        "theme": goal.theme,
        "version": goal.version,
        "published_at": _date(goal.published_at),
        "municipalities": [
            {"id": m.pk, "code": m.code, "name": m.name_nl} for m in goal.municipalities.order_by("code")
        ],
        "custom_region": (
            {"id": goal.custom_region.pk, "slug": goal.custom_region.slug, "name": goal.custom_region.name}
            if goal.custom_region is not None
            else None
        ),
        "iceberg": {
            "trends": goal.iceberg_trends,
            "influences": goal.iceberg_influences,
            "assumptions": goal.iceberg_assumptions,
        },
        "vision_2050": goal.vision_2050,
        "statement": goal.statement,
        "amore": [
            {"criterion": s.criterion, "score": s.score, "justification": s.justification}
            for s in goal.amore_scores.order_by("criterion")
        ],
        "partners": [
            {
                "kind": p.kind,
                "policy_domain": p.policy_domain,
                "organisation_id": p.organisation_id,
                "municipality_id": p.municipality_id,
                "name": p.name,
                "role": p.role,
            }
            for p in goal.partners.order_by("kind", "id")
        ],
        "resources": [
            {"kind": r.kind, "description": r.description, "amount": _decimal(r.amount)}
            for r in goal.resources.order_by("kind", "id")
        ],
        "milestones": [
            {"title": m.title, "due_on": _date(m.due_on), "owner": m.owner, "done_on": _date(m.done_on)}
            for m in goal.milestones.order_by("due_on", "id")
        ],
        "measures": [
            {
                "figure_key": m.figure_key,
                "baseline_year": m.baseline_year,
                "baseline_value": _decimal(m.baseline_value),
                "target_year": m.target_year,
                "target_value": _decimal(m.target_value),
                "note": m.note,
            }
            for m in goal.measures.order_by("id")
        ],
    }
