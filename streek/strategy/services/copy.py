"""Start a goal from a copy of another municipality's published goal (the library's knowledge exchange)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from streek.accounts.models import User
from streek.monitor.selectors import Audience, figure_value

from ..choices import GoalStatus, PartnerKind
from ..goal_cache import goals_changed
from ..models import AmoreScore, GoalPartner, GoalResource, Measure, Milestone, PolicyGoal
from ..selectors.areas import goal_area
from .goals import goal_create


@transaction.atomic
def goal_copy(
    *,
    source: PolicyGoal,
    actor: User,
    municipality_ids: list[int],
    custom_region_id: int | None = None,
    title: str = "",
) -> PolicyGoal:
    """A new draft for the actor's municipalities with the source's texts, AMORE scores, resources, milestones
    (without dates), measures (the baseline taken again for the new area where the monitor knows it) and internal
    policy-domain partners. Food actors and municipalities are local: they are not copied."""
    goals_changed()
    if source.status != GoalStatus.PUBLISHED:
        raise ValidationError(_("Only a published goal can be copied."))
    goal = goal_create(
        actor=actor,
        title=title.strip() or source.title,
        theme=source.theme,
        municipality_ids=municipality_ids,
        custom_region_id=custom_region_id,
        copied_from=source,
        vision_2050=source.vision_2050,
        statement=source.statement,
        iceberg_trends=source.iceberg_trends,
        iceberg_influences=source.iceberg_influences,
        iceberg_assumptions=source.iceberg_assumptions,
    )
    AmoreScore.objects.bulk_create(
        AmoreScore(goal=goal, criterion=s.criterion, score=s.score, justification=s.justification)
        for s in source.amore_scores.all()
    )
    GoalResource.objects.bulk_create(
        GoalResource(goal=goal, kind=r.kind, description=r.description, amount=r.amount) for r in source.resources.all()
    )
    Milestone.objects.bulk_create(
        Milestone(goal=goal, title=m.title, owner=m.owner, due_on=None, done_on=None) for m in source.milestones.all()
    )
    GoalPartner.objects.bulk_create(
        GoalPartner(goal=goal, kind=p.kind, policy_domain=p.policy_domain, name=p.name, role=p.role)
        for p in source.partners.filter(kind=PartnerKind.INTERNAL_DOMAIN)
    )
    area = goal_area(goal=goal)
    audience = Audience.for_user(actor)
    measures = []
    for m in source.measures.all():
        baseline = figure_value(area=area, figure_key=m.figure_key, year=m.baseline_year, audience=audience).value
        measures.append(
            Measure(
                goal=goal,
                figure_key=m.figure_key,
                baseline_year=m.baseline_year,
                baseline_value=baseline if baseline is not None else m.baseline_value,
                target_year=m.target_year,
                target_value=m.target_value,
                note=m.note,
            )
        )
    Measure.objects.bulk_create(measures)
    return goal
