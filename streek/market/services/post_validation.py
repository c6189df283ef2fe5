"""Validation of an offer or request before it is saved, with as few queries as the data allows.

Posting is on the path of matching one new post, which has a time budget (issue #4), so:

- foreign keys whose related object the service already holds, loaded from the database (the organisation, the
  actor, concepts from the matching context), are not looked up again;
- the model's check constraints are evaluated in Python when their conditions are plain comparisons of the
  post's own fields (SQL's three-valued logic: a condition that is unknown because of a NULL passes, as in the
  database); anything else goes to the database in one query for all of them;
- a conditional unique constraint whose condition is false for the post (e.g. no source reference) cannot be
  broken and is not looked up.

The database still enforces every constraint on INSERT; this only decides how the errors are found first.
"""

import operator
from collections.abc import Callable
from typing import Any

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import DatabaseError, models, router, transaction
from django.db.models import BooleanField, CheckConstraint, F, Q, Value
from django.db.models.functions import Coalesce
from django.db.models.sql import Query
from django.db.models.sql.constants import SINGLE

from ..models import Offer, Request

Post = Offer | Request
COMPARISONS: dict[str, Callable[[Any, Any], bool]] = {
    "exact": operator.eq,
    "gt": operator.gt,
    "gte": operator.ge,
    "lt": operator.lt,
    "lte": operator.le,
}
PLAIN_TYPES = (int, float, str, bool)


class _Unsupported(Exception):
    """A condition the Python evaluation does not handle: the database decides."""


def _field_value(post: Post, name: str) -> Any:
    meta = post._meta
    if name == "pk":
        return post.pk
    try:
        field = meta.get_field(name)
    except FieldDoesNotExist as error:
        raise _Unsupported(name) from error
    if not getattr(field, "concrete", False) or field.model is not type(post) or getattr(field, "generated", False):
        raise _Unsupported(name)
    return getattr(post, field.attname)  # type: ignore[union-attr] # a concrete field (checked above)


def _operand(post: Post, value: Any) -> Any:
    if isinstance(value, F):
        return _field_value(post, value.name)
    if value is None or isinstance(value, PLAIN_TYPES) or type(value).__module__ in ("decimal", "datetime"):
        return value
    raise _Unsupported(repr(value))


def _lookup(post: Post, key: str, value: Any) -> bool | None:
    name, _, lookup = key.partition("__")
    lookup = lookup or "exact"
    left = _field_value(post, name)
    if lookup == "isnull":
        if not isinstance(value, bool):
            raise _Unsupported(key)
        return (left is None) is value
    compare = COMPARISONS.get(lookup)
    if compare is None:
        raise _Unsupported(key)
    right = _operand(post, value)
    if left is None or right is None:
        return None  # NULL compared: unknown
    if isinstance(left, bool | str) != isinstance(right, bool | str):
        raise _Unsupported(key)
    try:
        return bool(compare(left, right))
    except TypeError as error:
        raise _Unsupported(key) from error


def evaluate(post: Post, condition: Q) -> bool | None:
    """The condition for the post's field values: True, False, or None when SQL would find it unknown (NULL).
    Raises _Unsupported for what it does not handle (joins, functions, other lookups)."""
    results: list[bool | None] = []
    for child in condition.children:
        if isinstance(child, Q):
            results.append(evaluate(post, child))
        elif isinstance(child, tuple) and len(child) == 2 and isinstance(child[0], str):
            results.append(_lookup(post, child[0], child[1]))
        else:
            raise _Unsupported(repr(child))
    result: bool | None
    if condition.connector == Q.AND:
        result = False if False in results else (None if None in results else True)
    elif condition.connector == Q.OR:
        result = True if True in results else (None if None in results else False)
    else:
        raise _Unsupported(condition.connector)
    if condition.negated:
        return None if result is None else not result
    return result


def _checks_in_database(post: Post, checks: list[CheckConstraint]) -> list[bool] | None:
    """Every check constraint's condition for the post, evaluated in one query; None when that query fails."""
    model = type(post)
    using = router.db_for_write(model, instance=post)
    query = Query(None)
    against = post._get_field_expression_map(meta=model._meta)  # type: ignore[union-attr] # what Q.check uses
    for name, value in against.items():
        query.add_annotation(value if hasattr(value, "resolve_expression") else Value(value), name, select=False)
    for number, check in enumerate(checks):
        query.add_annotation(Coalesce(check.condition, True, output_field=BooleanField()), f"_check_{number}")
    try:
        with transaction.atomic(using=using):
            row = query.get_compiler(using=using).execute_sql(SINGLE)
    except DatabaseError:
        return None
    return [bool(value) for value in row or ()]


def _checks_passed(post: Post, checks: list[CheckConstraint]) -> list[bool] | None:
    try:
        return [evaluate(post, check.condition) is not False for check in checks]  # type: ignore[arg-type]
    except _Unsupported:
        return _checks_in_database(post, checks)


def _unique_cannot_clash(post: Post, constraint: models.BaseConstraint) -> bool:
    condition = getattr(constraint, "condition", None)
    if not isinstance(constraint, models.UniqueConstraint) or not isinstance(condition, Q):
        return False
    try:
        return evaluate(post, condition) is not True
    except _Unsupported:
        return False


def _within_choices(field: models.ForeignKey, related: models.Model) -> bool:  # type: ignore[type-arg]
    limit = field.remote_field.limit_choices_to
    if not limit:
        return True
    if not isinstance(limit, dict) or not all(isinstance(v, PLAIN_TYPES) for v in limit.values()):
        return False
    return all(getattr(related, name, None) == value for name, value in limit.items())


def _known_foreign_keys(post: Post) -> list[str]:
    """Foreign keys of the post whose related object is in hand, was loaded from the database (its row exists:
    looking it up again proves nothing) and fits the field's choices; and the municipality when it is the
    organisation's own."""
    known = []
    for field in post._meta.concrete_fields:
        if not isinstance(field, models.ForeignKey) or not field.is_cached(post):
            continue
        related = field.get_cached_value(post)
        if (
            related is not None
            and not related._state.adding
            and related.pk == getattr(post, field.attname)
            and _within_choices(field, related)
        ):
            known.append(field.name)
    if "organisation" in known and "municipality" not in known and post.municipality_id is not None:
        if post.municipality_id == post.organisation.municipality_id:
            known.append("municipality")
    return known


def validate_post(post: Post) -> None:
    """full_clean of the post (fields, then constraints), raising one ValidationError with every problem."""
    post.full_clean(exclude=_known_foreign_keys(post), validate_constraints=False)
    model = type(post)
    checks = [c for c in model._meta.constraints if isinstance(c, CheckConstraint)]
    others = [c for c in model._meta.constraints if not isinstance(c, CheckConstraint)]
    passed = _checks_passed(post, checks)
    if passed is None:
        post.validate_constraints()  # Django's way, one query per constraint
        return
    errors: dict[str, Any] = {}
    for check, ok in zip(checks, passed, strict=True):
        if not ok:
            errors = ValidationError(
                check.get_violation_error_message(), code=check.violation_error_code
            ).update_error_dict(errors)
    using = router.db_for_write(model, instance=post)
    for constraint in others:
        if _unique_cannot_clash(post, constraint):
            continue
        try:
            constraint.validate(model, post, using=using)  # type: ignore[attr-defined]
        except ValidationError as error:
            errors = error.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)
