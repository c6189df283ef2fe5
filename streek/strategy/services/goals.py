"""Writes on a goal itself: create, update, publish (records a version), archive.

The interfaces guard first (access.py); these functions trust the goal they are given.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from streek.accounts.models import User
from streek.territory.models import CustomRegion, Municipality

from ..choices import AmoreCriterion, GoalStatus
from ..goal_cache import goals_changed
from ..models import GoalVersion, PolicyGoal
from .snapshot import goal_snapshot

GOAL_TEXT_FIELDS = (
    "title",
    "theme",
    "vision_2050",
    "statement",
    "iceberg_trends",
    "iceberg_influences",
    "iceberg_assumptions",
)


def _municipalities(municipality_ids: list[int]) -> list[Municipality]:
    found = list(Municipality.objects.filter(pk__in=set(municipality_ids)))
    if not found or len(found) != len(set(municipality_ids)):
        raise ValidationError({"municipalities": _("Choose one or more existing municipalities.")})
    return found


def _custom_region(custom_region_id: int | None) -> CustomRegion | None:
    if custom_region_id is None:
        return None
    region = CustomRegion.objects.filter(pk=custom_region_id).first()
    if region is None:
        raise ValidationError({"custom_region": _("This region does not exist.")})
    return region


@transaction.atomic
def goal_create(
    *,
    actor: User,
    title: str,
    municipality_ids: list[int],
    theme: str = "short_chain_share",
    custom_region_id: int | None = None,
    copied_from: PolicyGoal | None = None,
    **fields: Any,
) -> PolicyGoal:
    """A new draft goal of one or several municipalities."""
    goals_changed()
    unknown = set(fields) - set(GOAL_TEXT_FIELDS)
    if unknown:
        raise TypeError(f"goal_create got unexpected fields {sorted(unknown)}")
    municipalities = _municipalities(municipality_ids)
    goal = PolicyGoal(
        title=title.strip(),
        theme=theme,
        custom_region=_custom_region(custom_region_id),
        copied_from=copied_from,
        created_by=actor,
        status=GoalStatus.DRAFT,
        **fields,
    )
    goal.full_clean()
    goal.save()
    goal.municipalities.set(municipalities)
    return goal


@transaction.atomic
def goal_update(
    *,
    goal: PolicyGoal,
    actor: User,
    municipality_ids: list[int] | None = None,
    custom_region_id: int | None | str = "",
    **fields: Any,
) -> PolicyGoal:
    """Change the goal's texts, theme, municipalities or region (`custom_region_id=""` leaves the region as is)."""
    goals_changed()
    unknown = set(fields) - set(GOAL_TEXT_FIELDS)
    if unknown:
        raise TypeError(f"goal_update got unexpected fields {sorted(unknown)}")
    for name, value in fields.items():
        setattr(goal, name, value.strip() if isinstance(value, str) and name == "title" else value)
    if custom_region_id != "":
        goal.custom_region = _custom_region(custom_region_id if isinstance(custom_region_id, int) else None)
    goal.full_clean()
    goal.save()
    if municipality_ids is not None:
        goal.municipalities.set(_municipalities(municipality_ids))
    return goal


def goal_publish_problems(*, goal: PolicyGoal) -> list[str]:
    """What keeps the goal from being published (empty when it can be)."""
    problems: list[str] = []
    if not goal.statement.strip():
        problems.append(_("Write the goal statement."))
    if not goal.measures.exists():
        problems.append(_("Add at least one measure: an indicator with a baseline and a target."))
    scored = set(goal.amore_scores.values_list("criterion", flat=True))
    missing = [str(c.label) for c in AmoreCriterion if c.value not in scored]
    if missing:
        problems.append(_("Score every AMORE criterion; missing: %(criteria)s.") % {"criteria": ", ".join(missing)})
    return problems


@transaction.atomic
def goal_publish(*, goal: PolicyGoal, actor: User, summary: str = "") -> PolicyGoal:
    """Publish the goal (or publish its changes again): the next version number and a snapshot of the whole goal."""
    goals_changed()
    goal = PolicyGoal.objects.select_for_update().get(pk=goal.pk)
    problems = goal_publish_problems(goal=goal)
    if problems:
        raise ValidationError(problems)
    goal.status = GoalStatus.PUBLISHED
    goal.version += 1
    goal.published_at = timezone.now()
    goal.full_clean()
    goal.save()
    version = GoalVersion(
        goal=goal,
        number=goal.version,
        snapshot=goal_snapshot(goal=goal),
        summary=summary.strip()[:300],
        created_by=actor,
    )
    version.full_clean()
    version.save()
    return goal


@transaction.atomic
def goal_archive(*, goal: PolicyGoal, actor: User) -> PolicyGoal:
    """Take the goal out of the library; its versions stay."""
    goals_changed()
    goal.status = GoalStatus.ARCHIVED
    goal.full_clean()
    goal.save(update_fields=["status", "updated_at"])
    return goal
