"""Reads of events for the calendar, the map and the sales point page."""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Q, QuerySet

from streek.core.exceptions import NotFound
from streek.territory.selectors import region_municipality_ids

from ..choices import PUBLIC_STATUSES
from ..models import Event

DEFAULT_WINDOW_DAYS = 60


def _visible() -> QuerySet[Event]:
    """Events not tied to a point, or tied to a point the public may see."""
    return Event.objects.filter(Q(sales_point__isnull=True) | Q(sales_point__status__in=PUBLIC_STATUSES))


def local_day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=ZoneInfo(settings.TIME_ZONE))


def event_list(
    *,
    start: datetime,
    end: datetime,
    kind: str = "",
    municipality: str = "",
    region: str = "",
    sales_point_id: int | None = None,
) -> QuerySet[Event]:
    """Events that run at some moment in [start, end), earliest first.

    `municipality` is a NIS/CBS code, `region` a custom region slug or province code (raises NotFound when unknown).
    """
    qs = (
        _visible()
        .filter(ends_at__gte=start, starts_at__lt=end)
        .select_related("municipality", "sales_point", "organiser")
        .order_by("starts_at", "id")
    )
    if kind:
        qs = qs.filter(kind=kind)
    if municipality:
        qs = qs.filter(municipality__code=municipality)
    if region:
        qs = qs.filter(municipality_id__in=region_municipality_ids(region=region))
    if sales_point_id is not None:
        qs = qs.filter(sales_point_id=sales_point_id)
    return qs


def event_get(*, event_id: int) -> Event:
    try:
        return _visible().select_related("municipality", "sales_point", "organiser").get(pk=event_id)
    except Event.DoesNotExist as error:
        raise NotFound("event") from error


def events_by_day(events: Iterable[Event], *, first_day: date | None = None) -> list[tuple[date, list[Event]]]:
    """Group events by their local start day; an event that began before first_day is listed on first_day."""
    tz = ZoneInfo(settings.TIME_ZONE)
    days: dict[date, list[Event]] = defaultdict(list)
    for event in events:
        day = event.starts_at.astimezone(tz).date()
        if first_day is not None and day < first_day:
            day = first_day
        days[day].append(event)
    return sorted(days.items())


def default_window(today: date) -> tuple[datetime, datetime]:
    """The calendar's default period: from the start of today for DEFAULT_WINDOW_DAYS days."""
    return local_day_start(today), local_day_start(today + timedelta(days=DEFAULT_WINDOW_DAYS))
