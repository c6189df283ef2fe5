from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from streek.catalog.models import ClosurePeriod, OpeningRule, SalesPoint
from streek.catalog.opening_hours import opening_status, weekly_schedule
from streek.territory.models import Municipality

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Europe/Brussels")


def make_point(name: str = "Hoevewinkel") -> SalesPoint:
    municipality = Municipality.objects.get(code="71053")
    return SalesPoint.objects.create(
        name=name, slug=name.lower(), type="farm_shop", municipality=municipality, lat=50.81, lon=5.19
    )


def test_open_during_a_rule_until_its_closing_time() -> None:
    point = make_point()
    OpeningRule.objects.create(sales_point=point, weekday=1, opens=time(9), closes=time(12))
    tuesday_10 = datetime(2026, 11, 24, 10, 0, tzinfo=TZ)

    status = opening_status(point, tuesday_10)

    assert status.is_open
    assert status.closes_at == datetime(2026, 11, 24, 12, 0, tzinfo=TZ)


def test_closed_point_gives_the_next_opening() -> None:
    point = make_point()
    OpeningRule.objects.create(sales_point=point, weekday=1, opens=time(9), closes=time(12))
    OpeningRule.objects.create(sales_point=point, weekday=1, opens=time(14), closes=time(18))
    tuesday_13 = datetime(2026, 11, 24, 13, 0, tzinfo=TZ)

    status = opening_status(point, tuesday_13)

    assert not status.is_open
    assert status.next_opening == datetime(2026, 11, 24, 14, 0, tzinfo=TZ)


def test_exceptional_closure_skips_the_closed_days() -> None:
    point = make_point()
    OpeningRule.objects.create(sales_point=point, weekday=1, opens=time(9), closes=time(12))
    ClosurePeriod.objects.create(sales_point=point, start_date=date(2026, 11, 24), end_date=date(2026, 11, 30))

    status = opening_status(point, datetime(2026, 11, 24, 10, 0, tzinfo=TZ))

    assert not status.is_open
    assert status.next_opening == datetime(2026, 12, 1, 9, 0, tzinfo=TZ)


def test_seasonal_rule_wrapping_new_year() -> None:
    point = make_point()
    OpeningRule.objects.create(
        sales_point=point, weekday=5, opens=time(10), closes=time(16), season_start=1101, season_end=228
    )

    in_winter = opening_status(point, datetime(2027, 1, 2, 11, 0, tzinfo=TZ))
    in_summer = opening_status(point, datetime(2027, 7, 3, 11, 0, tzinfo=TZ))

    assert in_winter.is_open
    assert not in_summer.is_open
    assert in_summer.next_opening is None  # the season starts beyond the 60-day horizon


def test_weekly_schedule_shows_the_rules_of_the_season() -> None:
    point = make_point()
    OpeningRule.objects.create(
        sales_point=point, weekday=2, opens=time(9), closes=time(12), season_start=501, season_end=930
    )
    OpeningRule.objects.create(sales_point=point, weekday=2, opens=time(14), closes=time(17))

    summer = dict(weekly_schedule(point, date(2026, 6, 1)))
    winter = dict(weekly_schedule(point, date(2026, 12, 1)))

    assert [r.opens for r in summer[2]] == [time(9), time(14)]
    assert [r.opens for r in winter[2]] == [time(14)]
