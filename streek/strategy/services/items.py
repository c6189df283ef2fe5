"""Writes on the parts of a goal: AMORE scores, partners, resources, milestones and measures.

The interfaces guard first (access.py: the actor edits the goal, the item belongs to it).
"""

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from streek.accounts.models import User
from streek.catalog.models import Organisation
from streek.territory.models import Municipality

from ..choices import PartnerKind
from ..goal_cache import goals_changed
from ..models import AmoreScore, GoalPartner, GoalResource, Measure, Milestone, PolicyGoal
from ..selectors.figures import figure_option


@transaction.atomic
def amore_score_save(
    *, goal: PolicyGoal, actor: User, criterion: str, score: int, justification: str = ""
) -> AmoreScore:
    """Score the goal on one AMORE criterion (replaces an earlier score of that criterion)."""
    goals_changed()
    amore = AmoreScore.objects.filter(goal=goal, criterion=criterion).first() or AmoreScore(
        goal=goal, criterion=criterion
    )
    amore.score = score
    amore.justification = justification.strip()
    amore.full_clean()
    amore.save()
    return amore


@transaction.atomic
def partner_add(
    *,
    goal: PolicyGoal,
    actor: User,
    kind: str,
    policy_domain: str = "",
    organisation_id: int | None = None,
    municipality_id: int | None = None,
    name: str = "",
    role: str = "",
) -> GoalPartner:
    """An internal policy domain, a food actor (an organisation on the platform or a name) or a municipality."""
    goals_changed()
    partner = GoalPartner(goal=goal, kind=kind, name=name.strip(), role=role.strip())
    if kind == PartnerKind.INTERNAL_DOMAIN:
        if not policy_domain:
            raise ValidationError({"policy_domain": _("Choose the policy domain.")})
        partner.policy_domain = policy_domain
    elif kind == PartnerKind.FOOD_ACTOR:
        if organisation_id is not None:
            organisation = Organisation.objects.filter(pk=organisation_id).first()
            if organisation is None:
                raise ValidationError({"organisation": _("This organisation does not exist.")})
            if goal.partners.filter(organisation_id=organisation.pk).exists():
                raise ValidationError({"organisation": _("This organisation is already a partner.")})
            partner.organisation = organisation
            partner.name = partner.name or organisation.name
        elif not partner.name:
            raise ValidationError({"name": _("Name the food actor or choose an organisation.")})
    elif kind == PartnerKind.MUNICIPALITY:
        municipality = Municipality.objects.filter(pk=municipality_id).first() if municipality_id else None
        if municipality is None:
            raise ValidationError({"municipality": _("Choose the municipality.")})
        if goal.partners.filter(municipality_id=municipality.pk).exists():
            raise ValidationError({"municipality": _("This municipality is already a partner.")})
        partner.municipality = municipality
        partner.name = partner.name or municipality.name
    partner.full_clean()
    partner.save()
    return partner


@transaction.atomic
def partner_remove(*, partner: GoalPartner, actor: User) -> None:
    goals_changed()
    partner.delete()


@transaction.atomic
def resource_add(
    *, goal: PolicyGoal, actor: User, kind: str, description: str, amount: Decimal | None = None
) -> GoalResource:
    goals_changed()
    resource = GoalResource(goal=goal, kind=kind, description=description.strip(), amount=amount)
    resource.full_clean()
    resource.save()
    return resource


@transaction.atomic
def resource_update(
    *, resource: GoalResource, actor: User, kind: str, description: str, amount: Decimal | None = None
) -> GoalResource:
    goals_changed()
    resource.kind = kind
    resource.description = description.strip()
    resource.amount = amount
    resource.full_clean()
    resource.save()
    return resource


@transaction.atomic
def resource_remove(*, resource: GoalResource, actor: User) -> None:
    goals_changed()
    resource.delete()


@transaction.atomic
def milestone_add(
    *,
    goal: PolicyGoal,
    actor: User,
    title: str,
    due_on: date | None = None,
    owner: str = "",
    done_on: date | None = None,
) -> Milestone:
    goals_changed()
    milestone = Milestone(goal=goal, title=title.strip(), due_on=due_on, owner=owner.strip(), done_on=done_on)
    milestone.full_clean()
    milestone.save()
    return milestone


@transaction.atomic
def milestone_update(
    *,
    milestone: Milestone,
    actor: User,
    title: str,
    due_on: date | None = None,
    owner: str = "",
    done_on: date | None = None,
) -> Milestone:
    goals_changed()
    milestone.title = title.strip()
    milestone.due_on = due_on
    milestone.owner = owner.strip()
    milestone.done_on = done_on
    milestone.full_clean()
    milestone.save()
    return milestone


@transaction.atomic
def milestone_remove(*, milestone: Milestone, actor: User) -> None:
    goals_changed()
    milestone.delete()


def _measure_check(measure: Measure) -> None:
    errors: dict[str, Any] = {}
    if figure_option(figure_key=measure.figure_key) is None:
        errors["figure_key"] = _("The monitor has no figure '%(key)s'.") % {"key": measure.figure_key}
    if (
        measure.baseline_year is not None
        and measure.target_year is not None
        and measure.target_year <= measure.baseline_year
    ):
        errors["target_year"] = _("The target year must come after the baseline year.")
    if errors:
        raise ValidationError(errors)
    measure.full_clean()


MEASURE_FIELDS = ("figure_key", "baseline_year", "baseline_value", "target_year", "target_value", "note")


@transaction.atomic
def measure_add(
    *,
    goal: PolicyGoal,
    actor: User,
    figure_key: str,
    baseline_year: int,
    baseline_value: Decimal,
    target_year: int,
    target_value: Decimal,
    note: str = "",
) -> Measure:
    """A monitor figure the goal is measured by, with its baseline and target."""
    goals_changed()
    measure = Measure(
        goal=goal,
        figure_key=figure_key,
        baseline_year=baseline_year,
        baseline_value=baseline_value,
        target_year=target_year,
        target_value=target_value,
        note=note.strip(),
    )
    _measure_check(measure)
    measure.save()
    return measure


@transaction.atomic
def measure_update(
    *,
    measure: Measure,
    actor: User,
    figure_key: str,
    baseline_year: int,
    baseline_value: Decimal,
    target_year: int,
    target_value: Decimal,
    note: str = "",
) -> Measure:
    goals_changed()
    measure.figure_key = figure_key
    measure.baseline_year = baseline_year
    measure.baseline_value = baseline_value
    measure.target_year = target_year
    measure.target_value = target_value
    measure.note = note.strip()
    _measure_check(measure)
    measure.save()
    return measure


@transaction.atomic
def measure_remove(*, measure: Measure, actor: User) -> None:
    goals_changed()
    measure.delete()
