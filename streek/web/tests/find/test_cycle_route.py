from datetime import date, time

import pytest
from django.test import Client
from django.urls import reverse

from streek.catalog.models import SalesPoint
from streek.catalog.tests.factories import OpeningRuleFactory, SalesPointFactory, municipality

pytestmark = pytest.mark.django_db

SATURDAY = date(2026, 11, 28)


def open_point(name: str, lat: float, lon: float, *, weekday: int = 5) -> SalesPoint:
    point: SalesPoint = SalesPointFactory(name=name, lat=lat, lon=lon, municipality=municipality())
    OpeningRuleFactory(sales_point=point, weekday=weekday, opens=time(9), closes=time(18))
    return point


def test_the_form_is_shown_without_a_route(client: Client) -> None:
    response = client.get(reverse("web:cycle_route"), HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    assert 'name="start"' in response.content.decode()
    assert "route-map" not in response.content.decode()


def test_a_round_trip_passes_the_points_open_that_day_and_returns_to_the_start(client: Client) -> None:
    open_point("Hoeve Noord", 50.84, 5.19)
    open_point("Hoeve Oost", 50.82, 5.22)
    open_point("Gesloten op zaterdag", 50.81, 5.18, weekday=0)

    response = client.get(
        reverse("web:cycle_route"),
        {"start": "3800", "day": SATURDAY.isoformat(), "radius_km": "10", "max_stops": "6"},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Hoeve Noord" in html and "Hoeve Oost" in html
    assert "Gesloten op zaterdag" not in html
    assert "2 stops" in html
    assert '"lines"' in html


def test_ticked_points_are_the_only_stops(client: Client) -> None:
    north = open_point("Hoeve Noord", 50.84, 5.19)
    open_point("Hoeve Oost", 50.82, 5.22)

    response = client.get(
        reverse("web:cycle_route"),
        {"start": "3800", "day": SATURDAY.isoformat(), "radius_km": "10", "max_stops": "6", "p": [north.slug]},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 200
    assert "1 stop," in response.content.decode()


def test_the_route_downloads_as_gpx(client: Client) -> None:
    open_point("Hoeve Noord", 50.84, 5.19)

    response = client.get(
        reverse("web:cycle_route"),
        {"start": "3800", "day": SATURDAY.isoformat(), "radius_km": "10", "max_stops": "6", "format": "gpx"},
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "application/gpx+xml"
    body = response.content.decode()
    assert "<rtept" in body and "Hoeve Noord" in body


def test_an_unknown_start_is_named_on_the_form(client: Client) -> None:
    response = client.get(
        reverse("web:cycle_route"),
        {"start": "Atlantis", "radius_km": "10", "max_stops": "6"},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 400
    assert "We do not know the place or postal code" in response.content.decode()


def test_no_open_point_in_reach_says_so(client: Client) -> None:
    response = client.get(
        reverse("web:cycle_route"),
        {"start": "3800", "day": SATURDAY.isoformat(), "radius_km": "5", "max_stops": "6"},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 200
    assert "No sales point is open that day" in response.content.decode()
