"""Writes on sales points. Every change is recorded as a SalesPointRevision with who, when and what."""

from collections.abc import Iterable
from datetime import date, time
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from streek.accounts.models import User
from streek.core.exceptions import ApplicationError

from ..choices import RevisionAction, SalesPointSource, SalesPointStatus
from ..directory_cache import directory_changed
from ..models import ClosurePeriod, Concept, OpeningRule, SalesPoint, SalesPointRevision

# Fields whose changes are written to the history (many-to-many fields are recorded by key).
TRACKED_FIELDS = (
    "name",
    "type",
    "status",
    "operator_id",
    "description_nl",
    "description_fr",
    "description_en",
    "street",
    "postal_code",
    "locality",
    "municipality_id",
    "lat",
    "lon",
    "position_exact",
    "phone",
    "email",
    "website",
    "payment_methods",
    "accessibility",
    "cooled",
    "hours_note",
)


def _json_value(value: Any) -> Any:
    if isinstance(value, (date, time)):
        return value.isoformat()
    return value


def unique_slug(name: str, *, exclude_pk: int | None = None) -> str:
    base = slugify(name)[:200] or "verkooppunt"
    slug, counter = base, 2
    qs = SalesPoint.objects.all()
    if exclude_pk is not None:
        qs = qs.exclude(pk=exclude_pk)
    while qs.filter(slug=slug).exists():
        slug, counter = f"{base}-{counter}", counter + 1
    return slug


def revision_record(
    *, sales_point: SalesPoint, actor: User | None, action: str, changes: dict[str, Any] | None = None, note: str = ""
) -> SalesPointRevision:
    return SalesPointRevision.objects.create(
        sales_point=sales_point, actor=actor, action=action, changes=changes or {}, note=note[:300]
    )


def _set_concepts(
    point: SalesPoint, *, categories: Iterable[str] | None, labels: Iterable[str] | None
) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    if categories is not None:
        old = sorted(point.categories.values_list("key", flat=True))
        concepts = list(Concept.objects.filter(scheme="product_type", key__in=list(categories)))
        point.categories.set(concepts)
        new = sorted(c.key for c in concepts)
        if old != new:
            changes["categories"] = [old, new]
    if labels is not None:
        old = sorted(point.labels.values_list("key", flat=True))
        concepts = list(Concept.objects.filter(scheme="facet", key__in=list(labels)))
        point.labels.set(concepts)
        new = sorted(c.key for c in concepts)
        if old != new:
            changes["labels"] = [old, new]
    return changes


@transaction.atomic
def sales_point_create(
    *,
    actor: User | None,
    source: str = SalesPointSource.MUNICIPALITY,
    status: str = SalesPointStatus.ACTIVE,
    categories: Iterable[str] = (),
    labels: Iterable[str] = (),
    verified: bool = False,
    action: str = RevisionAction.CREATED,
    **fields: Any,
) -> SalesPoint:
    """Create a point (fields as on the model); a municipality's own entry counts as verified when `verified`."""
    directory_changed()
    point = SalesPoint(source=source, status=status, **fields)
    point.slug = unique_slug(point.name)
    if verified:
        point.last_verified_at = timezone.now()
        point.last_verified_by = actor
    point.full_clean()
    point.save()
    _set_concepts(point, categories=categories, labels=labels)
    revision_record(
        sales_point=point,
        actor=actor,
        action=action,
        changes={name: [None, _json_value(getattr(point, name))] for name in TRACKED_FIELDS},
    )
    return point


@transaction.atomic
def sales_point_update(
    *,
    sales_point: SalesPoint,
    actor: User | None,
    categories: Iterable[str] | None = None,
    labels: Iterable[str] | None = None,
    action: str = RevisionAction.UPDATED,
    note: str = "",
    **fields: Any,
) -> SalesPoint:
    """Change fields of a point; records the differences. Refuses unknown fields."""
    directory_changed()
    unknown = set(fields) - set(TRACKED_FIELDS) - {"operator", "municipality"}
    if unknown:
        raise ApplicationError("unknown fields", extra={"fields": sorted(unknown)})
    point = SalesPoint.objects.select_for_update().get(pk=sales_point.pk)
    before = {name: _json_value(getattr(point, name)) for name in TRACKED_FIELDS}
    for name, value in fields.items():
        setattr(point, name, value)
    point.full_clean()
    changed = [name for name in TRACKED_FIELDS if _json_value(getattr(point, name)) != before[name]]
    if changed:
        point.save(update_fields=[name.removesuffix("_id") for name in changed] + ["updated_at"])
    changes = {name: [before[name], _json_value(getattr(point, name))] for name in changed}
    changes.update(_set_concepts(point, categories=categories, labels=labels))
    if changes or note:
        revision_record(sales_point=point, actor=actor, action=action, changes=changes, note=note)
    return point


@transaction.atomic
def sales_point_verify(*, sales_point: SalesPoint, actor: User, note: str = "") -> SalesPoint:
    """The municipality confirms the point is as listed today."""
    directory_changed()
    now = timezone.now()
    SalesPoint.objects.filter(pk=sales_point.pk).update(last_verified_at=now, last_verified_by=actor, updated_at=now)
    sales_point.last_verified_at, sales_point.last_verified_by = now, actor
    revision_record(sales_point=sales_point, actor=actor, action=RevisionAction.VERIFIED, note=note)
    return sales_point


@transaction.atomic
def sales_point_close(*, sales_point: SalesPoint, actor: User, temporarily: bool = False, note: str = "") -> SalesPoint:
    directory_changed()
    status = SalesPointStatus.TEMPORARILY_CLOSED if temporarily else SalesPointStatus.CLOSED
    return sales_point_update(
        sales_point=sales_point, actor=actor, status=status, action=RevisionAction.CLOSED, note=note
    )


@transaction.atomic
def sales_point_set_hours(
    *,
    sales_point: SalesPoint,
    actor: User | None,
    rules: Iterable[dict[str, Any]],
    closures: Iterable[dict[str, Any]] | None = None,
) -> SalesPoint:
    """Replace the weekly opening rules (and closures when given): dicts with the model's field names."""
    directory_changed()
    old_rules = [str(rule) for rule in sales_point.opening_rules.all()]
    new_rules = [OpeningRule(sales_point=sales_point, **rule) for rule in rules]
    for rule in new_rules:
        rule.full_clean(exclude=["sales_point"])
    sales_point.opening_rules.all().delete()
    OpeningRule.objects.bulk_create(new_rules)
    changes: dict[str, Any] = {"opening_rules": [old_rules, [str(rule) for rule in new_rules]]}
    if closures is not None:
        new_closures = [ClosurePeriod(sales_point=sales_point, **closure) for closure in closures]
        for closure in new_closures:
            closure.full_clean(exclude=["sales_point"])
        sales_point.closures.all().delete()
        ClosurePeriod.objects.bulk_create(new_closures)
        changes["closures"] = [None, [str(c) for c in new_closures]]
    revision_record(sales_point=sales_point, actor=actor, action=RevisionAction.UPDATED, changes=changes)
    return sales_point
