from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from streek.accounts.tests.factories import UserFactory
from streek.catalog.choices import EventKind
from streek.catalog.models import Event
from streek.catalog.services.events import event_create_series
from streek.catalog.tests.factories import OrganisationFactory, SalesPointFactory

pytestmark = pytest.mark.django_db

BRUSSELS = ZoneInfo("Europe/Brussels")


def test_series_of_eight_weekly_market_days_keeps_weekday_and_local_time() -> None:
    # given: a Saturday market from 8:00 to 12:00, across the end of daylight saving time (25 October 2026)
    organisation = OrganisationFactory()
    point = SalesPointFactory(operator=organisation)

    # when
    events = event_create_series(
        actor=UserFactory(),
        count=8,
        organiser=organisation,
        sales_point=point,
        kind=EventKind.MARKET_DAY,
        title_nl="Boerenmarkt",
        starts_at=datetime(2026, 10, 3, 8, 0, tzinfo=BRUSSELS),
        ends_at=datetime(2026, 10, 3, 12, 0, tzinfo=BRUSSELS),
    )

    # then
    assert len(events) == 8
    stored = list(Event.objects.order_by("starts_at"))
    assert len(stored) == 8
    local = [(event.starts_at.astimezone(BRUSSELS), event.ends_at.astimezone(BRUSSELS)) for event in stored]
    assert all(start.weekday() == 5 and start.hour == 8 and end.hour == 12 for start, end in local)
    assert [start.day for start, _ in local] == [3, 10, 17, 24, 31, 7, 14, 21]
    assert all(event.sales_point == point for event in stored)


def test_series_longer_than_52_weeks_is_refused() -> None:
    with pytest.raises(ValidationError):
        event_create_series(
            actor=UserFactory(),
            count=53,
            organiser=OrganisationFactory(),
            postal_code="3800",
            kind=EventKind.MARKET_DAY,
            title_nl="Boerenmarkt",
            starts_at=datetime(2026, 10, 3, 8, 0, tzinfo=BRUSSELS),
            ends_at=datetime(2026, 10, 3, 12, 0, tzinfo=BRUSSELS),
        )

    assert not Event.objects.exists()


def test_series_with_an_invalid_event_writes_nothing() -> None:
    with pytest.raises(ValidationError):
        event_create_series(
            actor=UserFactory(),
            count=4,
            organiser=OrganisationFactory(),
            postal_code="3800",
            kind=EventKind.MARKET_DAY,
            title_nl="",
            starts_at=datetime(2026, 10, 3, 8, 0, tzinfo=BRUSSELS),
            ends_at=datetime(2026, 10, 3, 12, 0, tzinfo=BRUSSELS),
        )

    assert not Event.objects.exists()
