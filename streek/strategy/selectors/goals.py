"""Reads of goals: the public library, an officer's own goals, one goal, its versions."""

from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from streek.accounts.selectors import Actor, is_platform_admin, officer_municipality_ids
from streek.territory.models import CustomRegion, Municipality

from ..choices import GoalStatus
from ..models import GoalVersion, Measure, Milestone, PolicyGoal

LIBRARY_PAGE_SIZE = 20


@dataclass(frozen=True)
class GoalFilters:
    """What a visitor filters the library on."""

    theme: str = ""
    country: str = ""  # country code: BE, NL
    region: str = ""  # custom region slug or province code
    municipality: str = ""  # NIS or CBS code
    text: str = ""


def _milestone_count(done: bool | None = None) -> Coalesce:
    rows = Milestone.objects.filter(goal_id=OuterRef("pk"))
    if done:
        rows = rows.filter(done_on__isnull=False)
    counted = rows.order_by().values("goal_id").annotate(n=Count("id")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def _with_cards(qs: QuerySet[PolicyGoal]) -> QuerySet[PolicyGoal]:
    """What a card shows: municipalities, region, measures and milestones done (three queries for any page)."""
    return (
        qs.select_related("custom_region")
        .prefetch_related(
            Prefetch("municipalities", queryset=Municipality.objects.order_by("name_nl")),
            Prefetch("measures", queryset=Measure.objects.order_by("id")),
        )
        .annotate(milestones_total=_milestone_count(), milestones_done=_milestone_count(done=True))
    )


def _in_municipalities(ids: Any) -> Exists:
    through = PolicyGoal.municipalities.through
    return Exists(through.objects.filter(policygoal_id=OuterRef("pk"), municipality_id__in=ids))


def goal_filter(*, filters: GoalFilters, statuses: tuple[str, ...] = (GoalStatus.PUBLISHED,)) -> QuerySet[PolicyGoal]:
    """Goals with one of the statuses passing the filters (no duplicates, whatever the number of municipalities)."""
    qs = PolicyGoal.objects.filter(status__in=statuses)
    if filters.theme:
        qs = qs.filter(theme=filters.theme)
    if filters.country:
        qs = qs.filter(
            _in_municipalities(Municipality.objects.filter(country__code=filters.country.upper()).values("pk"))
        )
    if filters.region:
        region = CustomRegion.objects.filter(slug=filters.region).first()
        if region is not None:
            ids = region.municipalities.values("pk")
            qs = qs.filter(Q(custom_region=region) | _in_municipalities(ids))
        else:
            qs = qs.filter(_in_municipalities(Municipality.objects.filter(province__code=filters.region).values("pk")))
    if filters.municipality:
        qs = qs.filter(_in_municipalities(Municipality.objects.filter(code=filters.municipality).values("pk")))
    if filters.text:
        qs = qs.filter(
            Q(title__icontains=filters.text)
            | Q(statement__icontains=filters.text)
            | Q(vision_2050__icontains=filters.text)
        )
    return qs


def goal_cards(*, filters: GoalFilters) -> QuerySet[PolicyGoal]:
    """Published goals passing the filters with what a card or an API item shows (unordered: the caller orders)."""
    return _with_cards(goal_filter(filters=filters))


def goal_list(*, filters: GoalFilters, page: int | str = 1, per_page: int = LIBRARY_PAGE_SIZE) -> Page:
    """The public library: published goals passing the filters, newest publication first; five queries a page."""
    qs = _with_cards(goal_filter(filters=filters)).order_by("-published_at", "-id")
    return Paginator(qs, per_page).get_page(page)


def goal_list_for_editor(*, actor: Actor) -> list[PolicyGoal]:
    """The goals the actor edits (all for a platform admin), drafts first, then by last change."""
    qs = PolicyGoal.objects.all()
    if not is_platform_admin(actor=actor):
        qs = qs.filter(_in_municipalities(list(officer_municipality_ids(actor=actor))))
    return list(_with_cards(qs).order_by("status", "-updated_at", "-id")[:200])


def goal_get(*, goal_id: int) -> PolicyGoal:
    """One goal with everything its workspace and public page show (the caller guarded it)."""
    return (
        PolicyGoal.objects.select_related("custom_region", "copied_from", "created_by")
        .prefetch_related(
            Prefetch("municipalities", queryset=Municipality.objects.order_by("name_nl")),
            "amore_scores",
            "partners__organisation",
            "partners__municipality",
            "resources",
            Prefetch("milestones", queryset=Milestone.objects.order_by("due_on", "id")),
            Prefetch("measures", queryset=Measure.objects.order_by("id")),
        )
        .get(pk=goal_id)
    )


def goal_versions(*, goal: PolicyGoal) -> list[GoalVersion]:
    """The recorded versions of a goal, newest first (without their snapshots)."""
    return list(goal.versions.select_related("created_by").defer("snapshot").order_by("-number"))
