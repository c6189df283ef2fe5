"""Reads for the officers who keep a municipality's inventory: counts, work lists, history, reminders.

Every function runs a fixed number of queries whatever the number of points.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from streek.accounts.models import OfficerAssignment, User
from streek.accounts.selectors import Actor, is_platform_admin, officer_municipality_ids
from streek.territory.models import Municipality

from ..choices import (
    PUBLIC_STATUSES,
    Accessibility,
    ChangeReportKind,
    ChangeReportStatus,
    PaymentMethod,
    SalesPointStatus,
    SalesPointType,
)
from ..models import ChangeReport, ClosurePeriod, Concept, OpeningRule, Organisation, SalesPoint, SalesPointRevision

# Labels a sales point may carry: the certification facets of the DFC taxonomy.
LABEL_FACET_ROOT = "Certification"


def stale_cutoff(now: datetime | None = None) -> datetime:
    return (now or timezone.now()) - timedelta(days=settings.STREEK_STALE_AFTER_DAYS)


def stale_q(now: datetime | None = None) -> Q:
    """Points shown to the public that were never verified, or not within STREEK_STALE_AFTER_DAYS."""
    never_or_old = Q(last_verified_at__isnull=True) | Q(last_verified_at__lt=stale_cutoff(now))
    return Q(status__in=PUBLIC_STATUSES) & never_or_old


def is_stale(point: SalesPoint, now: datetime | None = None) -> bool:
    if point.status not in PUBLIC_STATUSES:
        return False
    return point.last_verified_at is None or point.last_verified_at < stale_cutoff(now)


@dataclass(frozen=True)
class InventoryCounts:
    active: int
    stale: int
    open_reports: int
    proposals: int


def inventory_counts(*, municipality: Municipality) -> InventoryCounts:
    """The figures at the top of the dashboard, in two queries."""
    points = SalesPoint.objects.filter(municipality=municipality).aggregate(
        active=Count("id", filter=Q(status=SalesPointStatus.ACTIVE)),
        stale=Count("id", filter=stale_q()),
        proposals=Count("id", filter=Q(status=SalesPointStatus.PROPOSED)),
    )
    open_reports = (
        ChangeReport.objects.filter(municipality=municipality, status=ChangeReportStatus.OPEN)
        .exclude(kind=ChangeReportKind.NEW_POINT)
        .count()
    )
    return InventoryCounts(
        active=points["active"], stale=points["stale"], open_reports=open_reports, proposals=points["proposals"]
    )


def inventory_point_list(
    *, municipality: Municipality, status: str = "", type: str = "", stale: bool = False, search: str = ""
) -> QuerySet[SalesPoint]:
    """All points of a municipality (any status) for the officers' list, filtered."""
    qs = SalesPoint.objects.filter(municipality=municipality).select_related("operator", "last_verified_by")
    if status:
        qs = qs.filter(status=status)
    if type:
        qs = qs.filter(type=type)
    if stale:
        qs = qs.filter(stale_q())
    if search:
        qs = qs.filter(
            Q(name__icontains=search)
            | Q(locality__icontains=search)
            | Q(street__icontains=search)
            | Q(operator__name__icontains=search)
        )
    return qs.order_by("name", "id")


def inventory_stale_list(*, municipality: Municipality) -> QuerySet[SalesPoint]:
    """Stale points, the longest unverified first (never verified before all others)."""
    qs = SalesPoint.objects.filter(municipality=municipality).filter(stale_q())
    qs = qs.select_related("operator", "last_verified_by")
    return qs.order_by(F("last_verified_at").asc(nulls_first=True), "name", "id")


def change_report_list(*, municipality: Municipality, status: str = ChangeReportStatus.OPEN) -> QuerySet[ChangeReport]:
    """Reports on existing points (new point proposals have their own list)."""
    return (
        ChangeReport.objects.filter(municipality=municipality, status=status)
        .exclude(kind=ChangeReportKind.NEW_POINT)
        .select_related("sales_point", "reporter")
        .order_by("created_at", "id")
    )


def proposed_point_list(*, municipality: Municipality) -> QuerySet[SalesPoint]:
    """Points proposed by producers, awaiting the municipality, with the message of their proposal."""
    reports = ChangeReport.objects.filter(kind=ChangeReportKind.NEW_POINT, status=ChangeReportStatus.OPEN)
    return (
        SalesPoint.objects.filter(municipality=municipality, status=SalesPointStatus.PROPOSED)
        .select_related("operator")
        .prefetch_related(Prefetch("change_reports", queryset=reports.select_related("reporter"), to_attr="proposals"))
        .order_by("created_at", "id")
    )


def keeper_municipalities(*, actor: Actor, include_id: int | None = None) -> QuerySet[Municipality]:
    """Municipalities whose inventory the actor keeps (all for platform admins), plus include_id when given."""
    qs = Municipality.objects.select_related("country")
    if is_platform_admin(actor=actor):
        return qs.order_by("name_nl")
    condition = Q(pk__in=officer_municipality_ids(actor=actor))
    if include_id is not None:
        condition |= Q(pk=include_id)
    return qs.filter(condition).order_by("name_nl")


@dataclass(frozen=True)
class ConceptGroup:
    label: str
    choices: list[tuple[str, str]]


def category_choice_groups(*, extra_keys: Iterable[str] = ()) -> list[ConceptGroup]:
    """Product categories to pick for a point: the two top levels, grouped by top concept (plus keys in use)."""
    extra = list(extra_keys)
    concepts = list(
        Concept.objects.filter(scheme="product_type").filter(Q(depth__lte=1) | Q(key__in=extra)).order_by("path")
    )
    groups: dict[str, ConceptGroup] = {}
    for concept in concepts:
        top = concept.path.split("/")[0]
        if concept.depth == 0:
            groups[top] = ConceptGroup(label=concept.label, choices=[(concept.key, concept.label)])
        elif top in groups:
            groups[top].choices.append((concept.key, concept.label))
    return list(groups.values())


def label_choices() -> list[tuple[str, str]]:
    """Labels a point may carry (organic, local, ethical...)."""
    concepts = Concept.objects.filter(scheme="facet", path__startswith=f"{LABEL_FACET_ROOT}/").order_by("path")
    return [(c.key, c.label) for c in concepts]


# ---- history -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class HistoryEntry:
    revision: SalesPointRevision
    actor_name: str
    action_label: str
    changes: list[FieldChange] = field(default_factory=list)


EMPTY = "—"
_CHOICE_FIELDS: dict[str, dict[str, Any]] = {
    "type": dict(SalesPointType.choices),
    "status": dict(SalesPointStatus.choices),
    "payment_methods": dict(PaymentMethod.choices),
    "accessibility": dict(Accessibility.choices),
}


def _field_label(name: str) -> str:
    if name == "opening_rules":
        return str(OpeningRule._meta.verbose_name_plural)
    if name == "closures":
        return str(ClosurePeriod._meta.verbose_name_plural)
    try:
        return str(getattr(SalesPoint._meta.get_field(name.removesuffix("_id")), "verbose_name", name))
    except Exception:  # an old revision may name a field that no longer exists
        return name


def _format(name: str, value: Any, names: dict[str, dict[Any, str]]) -> str:
    if value is None or value == "" or value == []:
        return EMPTY
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if name in ("operator_id", "municipality_id"):
        return names[name].get(value, f"#{value}")
    if name in ("categories", "labels"):
        return ", ".join(names["concepts"].get(key, key) for key in value)
    if name in _CHOICE_FIELDS:
        labels = _CHOICE_FIELDS[name]
        values = value if isinstance(value, list) else [value]
        return ", ".join(str(labels.get(v, v)) for v in values)
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)


def sales_point_history(*, sales_point: SalesPoint) -> list[HistoryEntry]:
    """Every revision of a point, newest first, with readable field names and values (at most four queries)."""
    revisions = list(SalesPointRevision.objects.filter(sales_point=sales_point).select_related("actor"))
    wanted: dict[str, set[Any]] = {"operator_id": set(), "municipality_id": set(), "concepts": set()}
    for revision in revisions:
        for name, pair in revision.changes.items():
            if name in ("operator_id", "municipality_id"):
                wanted[name].update(v for v in pair if v is not None)
            elif name in ("categories", "labels"):
                wanted["concepts"].update(key for side in pair if side for key in side)
    names: dict[str, dict[Any, str]] = {"operator_id": {}, "municipality_id": {}, "concepts": {}}
    if wanted["operator_id"]:
        names["operator_id"] = dict(Organisation.objects.filter(pk__in=wanted["operator_id"]).values_list("pk", "name"))
    if wanted["municipality_id"]:
        names["municipality_id"] = {m.pk: m.name for m in Municipality.objects.filter(pk__in=wanted["municipality_id"])}
    if wanted["concepts"]:
        names["concepts"] = {c.key: c.label for c in Concept.objects.filter(key__in=wanted["concepts"])}
    entries = []
    for revision in revisions:
        changes = []
        for name, pair in revision.changes.items():
            old, new = (pair + [None, None])[:2] if isinstance(pair, list) else (None, pair)
            if old == new:
                continue
            changes.append(
                FieldChange(label=_field_label(name), old=_format(name, old, names), new=_format(name, new, names))
            )
        entries.append(
            HistoryEntry(
                revision=revision,
                actor_name=str(revision.actor) if revision.actor else str(_("the platform")),
                action_label=revision.get_action_display(),
                changes=changes,
            )
        )
    return entries


def report_change_rows(*, report: ChangeReport) -> list[FieldChange]:
    """What a report proposes next to what the point shows now (report.sales_point must be loaded)."""
    point = report.sales_point
    names: dict[str, dict[Any, str]] = {"operator_id": {}, "municipality_id": {}, "concepts": {}}
    return [
        FieldChange(
            label=_field_label(name),
            old=_format(name, getattr(point, name, None), names),
            new=_format(name, value, names),
        )
        for name, value in report.proposed_changes.items()
    ]


# ---- reminders ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StaleReminder:
    user: User
    points: list[SalesPoint]


def stale_reminders() -> list[StaleReminder]:
    """For each active officer, the stale points of the municipalities it keeps (officers with none are left out)."""
    assignments = list(OfficerAssignment.objects.filter(user__is_active=True).select_related("user"))
    municipality_ids = {a.municipality_id for a in assignments}
    by_municipality: dict[int, list[SalesPoint]] = {}
    points = (
        SalesPoint.objects.filter(municipality_id__in=municipality_ids)
        .filter(stale_q())
        .select_related("municipality")
        .order_by("municipality_id", "name", "id")
    )
    for point in points:
        by_municipality.setdefault(point.municipality_id, []).append(point)
    users: dict[int, User] = {}
    per_user: dict[int, list[SalesPoint]] = {}
    for assignment in assignments:
        users[assignment.user_id] = assignment.user
        per_user.setdefault(assignment.user_id, []).extend(by_municipality.get(assignment.municipality_id, []))
    return [StaleReminder(user=users[uid], points=pts) for uid, pts in per_user.items() if pts]
