from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from streek.catalog.selectors.events import event_get, event_list, events_by_day
from streek.catalog.tests.factories import EventFactory, SalesPointFactory, municipality
from streek.core.exceptions import NotFound
from streek.territory.models import CustomRegion

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Europe/Brussels")
START = datetime(2031, 5, 1, tzinfo=TZ)
END = datetime(2031, 6, 1, tzinfo=TZ)


def at(day: int, hour: int = 10) -> datetime:
    return datetime(2031, 5, day, hour, tzinfo=TZ)


def test_events_running_in_the_period_earliest_first() -> None:
    EventFactory(title_nl="Later", starts_at=at(20))
    EventFactory(title_nl="Eerst", starts_at=at(2))
    EventFactory(title_nl="Loopt nog", starts_at=START - timedelta(days=1), ends_at=START + timedelta(hours=2))
    EventFactory(title_nl="Voorbij", starts_at=START - timedelta(days=3))
    EventFactory(title_nl="Juni", starts_at=END + timedelta(hours=1))

    titles = [e.title for e in event_list(start=START, end=END)]

    assert titles == ["Loopt nog", "Eerst", "Later"]


def test_filters_kind_municipality_region_and_point() -> None:
    point = SalesPointFactory()
    EventFactory(title_nl="Markt", kind="market_day", starts_at=at(3))
    EventFactory(title_nl="Proeverij", kind="tasting", starts_at=at(4), sales_point=point)
    EventFactory(title_nl="Venlo", kind="tasting", starts_at=at(5), municipality=municipality("GM0983"))
    region = CustomRegion.objects.create(name="Noord-Limburg", slug="noord-limburg")
    region.municipalities.add(municipality("GM0983"))

    assert [e.title for e in event_list(start=START, end=END, kind="tasting")] == ["Proeverij", "Venlo"]
    assert [e.title for e in event_list(start=START, end=END, municipality="GM0983")] == ["Venlo"]
    assert [e.title for e in event_list(start=START, end=END, region="noord-limburg")] == ["Venlo"]
    assert [e.title for e in event_list(start=START, end=END, sales_point_id=point.pk)] == ["Proeverij"]
    with pytest.raises(NotFound):
        list(event_list(start=START, end=END, region="nowhere"))


def test_events_of_hidden_points_are_left_out() -> None:
    hidden = EventFactory(starts_at=at(3), sales_point=SalesPointFactory(status="closed"))

    assert list(event_list(start=START, end=END)) == []
    with pytest.raises(NotFound):
        event_get(event_id=hidden.pk)


def test_events_by_local_day() -> None:
    late = EventFactory(title_nl="Laat", starts_at=datetime(2031, 5, 2, 23, 30, tzinfo=TZ))
    early = EventFactory(title_nl="Vroeg", starts_at=datetime(2031, 5, 3, 0, 30, tzinfo=TZ))
    ongoing = EventFactory(title_nl="Al bezig", starts_at=datetime(2031, 4, 30, 10, tzinfo=TZ))

    days = events_by_day([ongoing, late, early], first_day=date(2031, 5, 1))

    assert [(day, [e.title for e in events]) for day, events in days] == [
        (date(2031, 5, 1), ["Al bezig"]),
        (date(2031, 5, 2), ["Laat"]),
        (date(2031, 5, 3), ["Vroeg"]),
    ]
