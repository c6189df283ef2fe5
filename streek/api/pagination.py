"""Cursor (keyset) pagination for every list endpoint.

The cursor is opaque to clients: URL-safe base64 of JSON [sort field, sort value, id] of the last item served.
The next page is `WHERE (sort, id) > (value, id)`, so a page costs the same whatever its depth, and walking
`next` links visits every item exactly once even while rows are added. `count` is optional (?count=true)
because counting a large filtered set costs a query of its own.
"""

import base64
import binascii
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Generic, TypeVar

from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Schema

from streek.core.exceptions import ApplicationError

DEFAULT_LIMIT = 50
MAX_LIMIT = 200

T = TypeVar("T")


class PageParams(Schema):
    """Query parameters of every paginated list."""

    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Items per page (1-200).")
    cursor: str | None = Field(None, description="Opaque cursor from the `next` link of the previous page.")
    count: bool = Field(False, description="Also return the total number of matching items (one more query).")


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    next: str | None
    count: int | None


def encode_cursor(field: str, value: Any, pk: int) -> str:
    if isinstance(value, datetime | date):
        value = value.isoformat()  # the database parses it back when filtering
    raw = json.dumps([field, value, pk], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, field: str) -> tuple[Any, int]:
    """The (sort value, id) of a cursor made for `field`; ApplicationError naming `cursor` when it is not one."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        cursor_field, value, pk = json.loads(raw)
        valid = cursor_field == field and isinstance(pk, int) and isinstance(value, str | int | float)
    except (ValueError, TypeError, binascii.Error):
        valid = False
    if not valid:
        raise ApplicationError(
            _("This cursor is not valid for this list."), extra={"errors": {"cursor": _("Invalid cursor.")}}
        )
    return value, pk


def decode_datetime_cursor(cursor: str, field: str) -> tuple[datetime, int]:
    """The (sort time, id) of a cursor made for a date-time `field`; ApplicationError naming `cursor` otherwise."""
    value, pk = decode_cursor(cursor, field)
    try:
        moment = datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise ApplicationError(
            _("This cursor is not valid for this list."), extra={"errors": {"cursor": _("Invalid cursor.")}}
        )
    return moment, pk


def next_page_url(request: HttpRequest, *, sort: str, value: Any, pk: int) -> str:
    """The `next` link of a page whose last item has `value` in `sort` and id `pk` (for pages a selector cut)."""
    return _next_url(request, encode_cursor(sort, value, pk))


def _next_url(request: HttpRequest, cursor: str) -> str:
    query = request.GET.copy()
    query["cursor"] = cursor
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def _value(item: Any, name: str) -> Any:
    return item[name] if isinstance(item, dict) else getattr(item, name)


def paginate(
    request: HttpRequest, qs: QuerySet[Any, T], *, sort: str, params: PageParams, descending: bool = False
) -> Page[T]:
    """One page of qs (model instances or value rows) ordered by (sort, id), or newest first with `descending`;
    `sort` values are never NULL."""
    ordered = qs.order_by(f"-{sort}", "-id") if descending else qs.order_by(sort, "id")
    count = ordered.count() if params.count else None
    if params.cursor:
        value, pk = decode_cursor(params.cursor, sort)
        # (sort, id) > (value, pk), written so that an index on (sort, id) can seek to `value`; < when descending
        if descending:
            ordered = ordered.filter(Q(**{f"{sort}__lte": value}), Q(**{f"{sort}__lt": value}) | Q(id__lt=pk))
        else:
            ordered = ordered.filter(Q(**{f"{sort}__gte": value}), Q(**{f"{sort}__gt": value}) | Q(id__gt=pk))
    rows = list(ordered[: params.limit + 1])
    items, more = rows[: params.limit], len(rows) > params.limit
    next_url = None
    if more and items:
        last = items[-1]
        next_url = _next_url(request, encode_cursor(sort, _value(last, sort), _value(last, "id")))
    return Page(items=items, next=next_url, count=count)


def _comparable(value: Any, sample: Any) -> Any:
    """A cursor's sort value in the type of the rows' values (cursors carry dates and times as ISO text)."""
    if isinstance(value, str) and isinstance(sample, datetime):
        return datetime.fromisoformat(value)
    if isinstance(value, str) and isinstance(sample, date):
        return date.fromisoformat(value)
    return value


def paginate_rows(
    request: HttpRequest, rows: Sequence[T], *, sort: str, params: PageParams, descending: bool = False
) -> Page[T]:
    """`paginate` for rows a selector already loaded, sorted by (sort, id) (descending: newest first).

    The same cursors and links as `paginate`; use it when the domain hands over a list, not a queryset.
    """
    count = len(rows) if params.count else None
    remaining: Sequence[T] = rows
    if params.cursor and rows:
        value, pk = decode_cursor(params.cursor, sort)
        value = _comparable(value, _value(rows[0], sort))
        try:
            if descending:
                remaining = [row for row in rows if (_value(row, sort), _value(row, "id")) < (value, pk)]
            else:
                remaining = [row for row in rows if (_value(row, sort), _value(row, "id")) > (value, pk)]
        except (TypeError, ValueError) as error:
            raise ApplicationError(
                _("This cursor is not valid for this list."), extra={"errors": {"cursor": _("Invalid cursor.")}}
            ) from error
    items, more = list(remaining[: params.limit]), len(remaining) > params.limit
    next_url = None
    if more and items:
        last = items[-1]
        next_url = _next_url(request, encode_cursor(sort, _value(last, sort), _value(last, "id")))
    return Page(items=items, next=next_url, count=count)
