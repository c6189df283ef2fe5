"""The one door to each policy goal: guards that return the goal or refuse.

Editors of a goal are the officers of any of its municipalities (accounts.OfficerAssignment) and platform admins.
Published goals are public; drafts and archived goals exist only for their editors (404 for anyone else). A
visible goal that the actor may not change gives 403 on a write.
"""

from collections.abc import Iterable

from django.db.models import Model

from streek.accounts.selectors import Actor, is_platform_admin, officer_municipality_ids
from streek.core.exceptions import NotFound, PermissionRefused

from .choices import GoalStatus
from .models import GoalPartner, GoalResource, GoalVersion, Measure, Milestone, PolicyGoal

GOAL_ITEMS: dict[str, type[Model]] = {
    "partner": GoalPartner,
    "resource": GoalResource,
    "milestone": Milestone,
    "measure": Measure,
}


def is_goal_editor(*, actor: Actor, goal: PolicyGoal) -> bool:
    """Whether the actor may change the goal (uses the goal's prefetched municipalities when there)."""
    if is_platform_admin(actor=actor):
        return True
    mine = officer_municipality_ids(actor=actor)
    if not mine:
        return False
    return any(municipality.pk in mine for municipality in goal.municipalities.all())


def is_strategy_officer(*, actor: Actor) -> bool:
    """Whether the actor may write goals at all: an officer of some municipality, or an admin."""
    return is_platform_admin(actor=actor) or bool(officer_municipality_ids(actor=actor))


def access_goal(*, actor: Actor, goal_id: int, for_write: bool = False) -> PolicyGoal:
    """The goal when the actor may see it (published, or an editor), and change it when for_write (editors)."""
    goal = (
        PolicyGoal.objects.select_related("custom_region", "copied_from")
        .prefetch_related("municipalities")
        .filter(pk=goal_id)
        .first()
    )
    if goal is None:
        raise NotFound("goal")
    editor = is_goal_editor(actor=actor, goal=goal)
    if goal.status != GoalStatus.PUBLISHED and not editor:
        raise NotFound("goal")
    if for_write and not editor:
        raise PermissionRefused("goal")
    return goal


def access_goal_create(*, actor: Actor, municipality_ids: Iterable[int]) -> None:
    """An officer writes a goal for (at least one of) their own municipalities; admins for any."""
    if is_platform_admin(actor=actor):
        return
    mine = officer_municipality_ids(actor=actor)
    if not mine:
        raise PermissionRefused("goal")
    if not mine.intersection(municipality_ids):
        raise PermissionRefused("goal")


def access_goal_copy(*, actor: Actor, goal_id: int, municipality_ids: Iterable[int]) -> PolicyGoal:
    """The published goal to copy, for an officer writing a goal of their own municipalities."""
    source = access_goal(actor=actor, goal_id=goal_id)
    if source.status != GoalStatus.PUBLISHED:
        raise NotFound("goal")
    access_goal_create(actor=actor, municipality_ids=municipality_ids)
    return source


def access_goal_item(*, actor: Actor, goal_id: int, item: str, item_id: int) -> tuple[PolicyGoal, Model]:
    """A partner, resource, milestone or measure of a goal, for a write by an editor of the goal."""
    goal = access_goal(actor=actor, goal_id=goal_id, for_write=True)
    model = GOAL_ITEMS.get(item)
    if model is None:
        raise NotFound(item)
    found = model._default_manager.filter(goal_id=goal.pk, pk=item_id).first()
    if found is None:
        raise NotFound(item)
    return goal, found


def access_goal_version(*, actor: Actor, goal_id: int, number: int) -> tuple[PolicyGoal, GoalVersion]:
    """A recorded version of a goal the actor may see."""
    goal = access_goal(actor=actor, goal_id=goal_id)
    version = GoalVersion.objects.filter(goal_id=goal.pk, number=number).first()
    if version is None:
        raise NotFound("version")
    return goal, version
