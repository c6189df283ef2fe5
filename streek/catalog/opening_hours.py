"""Opening hours: is a point open at a moment, when does it open next, and the query for 'open on a day'.

Rules are weekly (weekday, opens, closes), optionally limited to a yearly season (MMDD to MMDD, may wrap
over new year); closure periods override them. All times are local to settings.TIME_ZONE.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone

from .models import ClosurePeriod, OpeningRule, SalesPoint
from .models.sales_point import month_day


@dataclass(frozen=True)
class OpeningStatus:
    is_open: bool
    closes_at: datetime | None
    next_opening: datetime | None


def local_now() -> datetime:
    return timezone.now().astimezone(ZoneInfo(settings.TIME_ZONE))


def season_q(mmdd: int) -> Q:
    """Opening rules with no season, or whose season (possibly wrapping over new year) holds mmdd."""
    no_season = Q(season_start__isnull=True)
    plain = Q(season_start__lte=F("season_end")) & Q(season_start__lte=mmdd, season_end__gte=mmdd)
    wrapping = Q(season_start__gt=F("season_end")) & (Q(season_start__lte=mmdd) | Q(season_end__gte=mmdd))
    return no_season | plain | wrapping


def open_on_q(day: date, at: time | None = None) -> Q:
    """A filter on SalesPoint: open at some time on `day` (or at the time `at` on that day)."""
    rules = OpeningRule.objects.filter(sales_point=OuterRef("pk"), weekday=day.weekday()).filter(
        season_q(month_day(day.month, day.day))
    )
    if at is not None:
        rules = rules.filter(opens__lte=at, closes__gt=at)
    closed = ClosurePeriod.objects.filter(sales_point=OuterRef("pk"), start_date__lte=day, end_date__gte=day)
    return Q(Exists(rules)) & ~Q(Exists(closed))


def _closed_on(closures: Iterable[ClosurePeriod], day: date) -> bool:
    return any(c.start_date <= day <= c.end_date for c in closures)


def opening_status(point: SalesPoint, at: datetime | None = None, horizon_days: int = 60) -> OpeningStatus:
    """Open now? Until when? Otherwise the next opening within horizon_days.

    Uses point.opening_rules.all() and point.closures.all(): prefetch them on lists to keep the query count flat.
    """
    tz = ZoneInfo(settings.TIME_ZONE)
    at = (at or timezone.now()).astimezone(tz)
    rules = list(point.opening_rules.all())
    closures = list(point.closures.all())
    for offset in range(horizon_days + 1):
        day = at.date() + timedelta(days=offset)
        if _closed_on(closures, day):
            continue
        mmdd = month_day(day.month, day.day)
        todays = sorted((r for r in rules if r.weekday == day.weekday() and r.in_season(mmdd)), key=lambda r: r.opens)
        for rule in todays:
            opens = datetime.combine(day, rule.opens, tzinfo=tz)
            closes = datetime.combine(day, rule.closes, tzinfo=tz)
            if offset == 0 and opens <= at < closes:
                return OpeningStatus(is_open=True, closes_at=closes, next_opening=None)
            if opens > at:
                return OpeningStatus(is_open=False, closes_at=None, next_opening=opens)
    return OpeningStatus(is_open=False, closes_at=None, next_opening=None)


def weekly_schedule(point: SalesPoint, day: date | None = None) -> list[tuple[int, list[OpeningRule]]]:
    """For each weekday (0=Monday) the rules in force in the season of `day` (today by default)."""
    day = day or local_now().date()
    mmdd = month_day(day.month, day.day)
    rules = [r for r in point.opening_rules.all() if r.in_season(mmdd)]
    return [
        (weekday, sorted((r for r in rules if r.weekday == weekday), key=lambda r: r.opens)) for weekday in range(7)
    ]
