from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from streek.catalog.tests.factories import EventFactory, SalesPointFactory, municipality

pytestmark = pytest.mark.django_db
URL = reverse("web:event_list")
TZ = ZoneInfo("Europe/Brussels")


def titles(response) -> list[str]:  # type: ignore[no-untyped-def]
    return [event.title for _day, events in response.context["days"] for event in events]


def test_lists_upcoming_events_grouped_by_day_with_a_map(client: Client) -> None:
    EventFactory(title_nl="Boerenmarkt", starts_at=timezone.now() + timedelta(days=2))
    EventFactory(title_nl="Volgend jaar", starts_at=timezone.now() + timedelta(days=200))
    EventFactory(title_nl="Voorbij", starts_at=timezone.now() - timedelta(days=5))

    response = client.get(URL)

    assert response.status_code == 200
    assert titles(response) == ["Boerenmarkt"]
    assert response.context["map_config"]["points"][0]["name"] == "Boerenmarkt"


def test_filters_by_kind_and_municipality(client: Client) -> None:
    EventFactory(title_nl="Markt", kind="market_day")
    EventFactory(title_nl="Proeverij", kind="tasting")
    EventFactory(title_nl="Venlo", kind="tasting", municipality=municipality("GM0983"))

    response = client.get(URL, {"kind": "tasting", "area": "municipality:71053"})

    assert titles(response) == ["Proeverij"]


def test_month_navigation_shows_that_month(client: Client) -> None:
    next_year = timezone.localdate().year + 1
    EventFactory(title_nl="Maart", starts_at=datetime(next_year, 3, 14, 10, tzinfo=TZ))
    EventFactory(title_nl="April", starts_at=datetime(next_year, 4, 1, 10, tzinfo=TZ))

    response = client.get(URL, {"month": f"{next_year}-03"})

    assert titles(response) == ["Maart"]
    assert f"month={next_year}-04" in response.context["next_query"]
    assert f"month={next_year}-02" in response.context["previous_query"]


def test_bad_filters_are_shown_not_a_crash(client: Client) -> None:
    response = client.get(URL, {"kind": "party", "month": "2025-13", "area": "region:nowhere"})

    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()


def test_event_page(client: Client) -> None:
    point = SalesPointFactory(name="Hoevewinkel")
    event = EventFactory(title_nl="Opendeurdag", sales_point=point, description_nl="Kom kijken.")

    response = client.get(reverse("web:event_detail", args=[event.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Opendeurdag" in html
    assert "Kom kijken." in html
    assert reverse("web:sales_point_detail", args=[point.slug]) in html


def test_events_of_hidden_points_are_not_found(client: Client) -> None:
    event = EventFactory(sales_point=SalesPointFactory(status="proposed"))

    assert client.get(reverse("web:event_detail", args=[event.pk])).status_code == 404
    assert client.get(URL).context["event_count"] == 0
