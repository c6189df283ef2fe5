"""The compact opening-hours syntax of inventory files: parse it into rules and write rules back.

    di-za 09:00-12:00,14:00-18:00; zo 10:00-12:00
    [05-01/09-30] za 09:00-12:00

Rules are separated by ';'. A rule is a day list (days or ranges, joined by ','), a space and one or more time
ranges (joined by ','). An optional season in brackets (month-day to month-day, may wrap over new year) limits
the rule to part of the year. Days in Dutch (ma di wo do vr za zo), English (mo tu we th fr sa su, or mon..sun)
or French (lun mar mer jeu ven sam dim), or written out in full. The same syntax as OpenStreetMap's
opening_hours for the simple cases ("Tu-Sa 09:00-12:00,14:00-18:00; Su 10:00-12:00").
"""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import time
from functools import lru_cache

from django.utils.translation import gettext as _

DAY_NAMES: dict[str, int] = {}
for _index, _names in enumerate(
    (
        ("ma", "maandag", "mo", "mon", "monday", "lun", "lundi"),
        ("di", "dinsdag", "tu", "tue", "tuesday", "mar", "mardi"),
        ("wo", "woensdag", "we", "wed", "wednesday", "mer", "mercredi"),
        ("do", "donderdag", "th", "thu", "thursday", "jeu", "jeudi"),
        ("vr", "vrijdag", "fr", "fri", "friday", "ven", "vendredi"),
        ("za", "zaterdag", "sa", "sat", "saturday", "sam", "samedi"),
        ("zo", "zondag", "su", "sun", "sunday", "dim", "dimanche"),
    )
):
    for _name in _names:
        DAY_NAMES[_name] = _index

# How days are written back (Dutch, the first language of the platform).
DAY_OUTPUT = ("ma", "di", "wo", "do", "vr", "za", "zo")

TIME_PATTERN = re.compile(r"^(\d{1,2})[:hu.](\d{2})$")
SEASON_PATTERN = re.compile(r"^\[\s*(\d{1,2})-(\d{1,2})\s*/\s*(\d{1,2})-(\d{1,2})\s*\]\s*")
DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


class HoursSyntaxError(ValueError):
    """The text is not in the hours syntax; the message is translated and says what is wrong."""


@dataclass(frozen=True)
class HoursRule:
    """One weekly opening: the fields of OpeningRule."""

    season_start: int | None
    season_end: int | None
    weekday: int
    opens: time
    closes: time

    def as_fields(self) -> dict[str, object]:
        return {
            "weekday": self.weekday,
            "opens": self.opens,
            "closes": self.closes,
            "season_start": self.season_start,
            "season_end": self.season_end,
        }


def _plain(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.strip().lower().rstrip("."))
    return "".join(c for c in text if not unicodedata.combining(c))


def _day(text: str) -> int:
    day = DAY_NAMES.get(_plain(text))
    if day is None:
        raise HoursSyntaxError(_("Unknown day '%(value)s'.") % {"value": text.strip()})
    return day


def _days(text: str) -> list[int]:
    days: list[int] = []
    for part in text.split(","):
        if not part.strip():
            raise HoursSyntaxError(_("A day is missing in '%(value)s'.") % {"value": text})
        if "-" in part:
            first_text, _sep, last_text = part.partition("-")
            first, last = _day(first_text), _day(last_text)
            day = first
            days.append(day)
            while day != last:
                day = (day + 1) % 7
                days.append(day)
        else:
            days.append(_day(part))
    return days


def _time(text: str) -> time:
    match = TIME_PATTERN.match(text.strip())
    if match is None:
        raise HoursSyntaxError(_("'%(value)s' is not a time (expected HH:MM).") % {"value": text.strip()})
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23 or minute > 59:
        raise HoursSyntaxError(_("'%(value)s' is not a time of day.") % {"value": text.strip()})
    return time(hour, minute)


def _ranges(text: str) -> list[tuple[time, time]]:
    ranges: list[tuple[time, time]] = []
    for part in text.split(","):
        opens_text, dash, closes_text = part.strip().partition("-")
        if not dash:
            raise HoursSyntaxError(
                _("'%(value)s' is not a time range (expected 09:00-12:00).") % {"value": part.strip()}
            )
        opens, closes = _time(opens_text), _time(closes_text)
        if closes <= opens:
            raise HoursSyntaxError(
                _("In '%(value)s' the closing time is not after the opening time.") % {"value": part}
            )
        ranges.append((opens, closes))
    return ranges


def _month_day(month: int, day: int) -> int:
    if not 1 <= month <= 12 or not 1 <= day <= DAYS_IN_MONTH[month - 1]:
        raise HoursSyntaxError(_("'%(month)s-%(day)s' is not a date (expected MM-DD).") % {"month": month, "day": day})
    return month * 100 + day


def parse_hours(text: str) -> tuple[HoursRule, ...]:
    """Rules in a stable order; raises HoursSyntaxError (in the active language). Empty text: no opening hours."""
    return _parse_cached(text)


@lru_cache(maxsize=4096)
def _parse_cached(text: str) -> tuple[HoursRule, ...]:
    # Files repeat the same few schedules: each text is parsed once (errors are raised again, never cached).
    rules: set[HoursRule] = set()
    for chunk in text.split(";"):
        chunk = chunk.strip()
        if not chunk:
            continue
        season_start = season_end = None
        if chunk.startswith("["):
            season = SEASON_PATTERN.match(chunk)
            if season is None:
                raise HoursSyntaxError(_("'%(value)s' is not a season (expected [MM-DD/MM-DD]).") % {"value": chunk})
            month1, day1, month2, day2 = (int(g) for g in season.groups())
            season_start, season_end = _month_day(month1, day1), _month_day(month2, day2)
            chunk = chunk[season.end() :]
        days_text, _space, times_text = chunk.partition(" ")
        if not times_text.strip():
            raise HoursSyntaxError(_("'%(value)s' needs days and times, e.g. 'ma-vr 09:00-18:00'.") % {"value": chunk})
        days = _days(days_text)
        for opens, closes in _ranges(times_text.replace(" ", "")):
            for day in days:
                rules.add(HoursRule(season_start, season_end, day, opens, closes))
    return tuple(sorted(rules, key=rule_sort_key))


def rule_sort_key(rule: HoursRule) -> tuple[int, int, int, time, time]:
    return (rule.season_start or 0, rule.season_end or 0, rule.weekday, rule.opens, rule.closes)


def _day_groups(days: list[int], day_names: tuple[str, ...]) -> str:
    """Consecutive days as ranges: [1, 2, 3, 4, 5] -> 'di-za'; [0, 2] -> 'ma,wo'."""
    groups: list[list[int]] = []
    for day in sorted(days):
        if groups and groups[-1][-1] == day - 1:
            groups[-1].append(day)
        else:
            groups.append([day])
    parts = []
    for group in groups:
        if len(group) >= 3:
            parts.append(f"{day_names[group[0]]}-{day_names[group[-1]]}")
        else:
            parts.extend(day_names[d] for d in group)
    return ",".join(parts)


def format_hours(rules: Iterable[HoursRule], *, day_names: tuple[str, ...] = DAY_OUTPUT) -> str:
    """The canonical text of a set of rules: days with the same times grouped, seasons first by start.

    With other day_names (e.g. localised abbreviations) it is a summary for people rather than the file syntax.
    """
    return _format_cached(frozenset(rules), day_names)


@lru_cache(maxsize=4096)
def _format_cached(rules: frozenset[HoursRule], day_names: tuple[str, ...]) -> str:
    by_season: dict[tuple[int | None, int | None], dict[int, list[tuple[time, time]]]] = {}
    for rule in sorted(rules, key=rule_sort_key):
        by_season.setdefault((rule.season_start, rule.season_end), {}).setdefault(rule.weekday, []).append(
            (rule.opens, rule.closes)
        )
    chunks: list[str] = []
    for (start, end), week in sorted(by_season.items(), key=lambda item: (item[0][0] or 0, item[0][1] or 0)):
        by_times: dict[tuple[tuple[time, time], ...], list[int]] = {}
        for weekday, day_ranges in sorted(week.items()):
            by_times.setdefault(tuple(sorted(day_ranges)), []).append(weekday)
        prefix = f"[{start // 100:02d}-{start % 100:02d}/{end // 100:02d}-{end % 100:02d}] " if start and end else ""
        for ranges, days in sorted(by_times.items(), key=lambda item: item[1][0]):
            times = ",".join(f"{o:%H:%M}-{c:%H:%M}" for o, c in ranges)
            chunks.append(f"{prefix}{_day_groups(days, day_names)} {times}")
    return "; ".join(chunks)
