from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from streek.accounts.tests.factories import OfficerFactory, UserFactory
from streek.catalog.choices import EventKind
from streek.catalog.models import Event
from streek.catalog.services.events import event_create
from streek.catalog.tests.factories import OrganisationFactory, SalesPointFactory, municipality

pytestmark = pytest.mark.django_db

BRUSSELS = ZoneInfo("Europe/Brussels")


def when(day: int = 6, hour: int = 8) -> datetime:
    return datetime(2026, 6, day, hour, 0, tzinfo=BRUSSELS)


def test_event_at_a_sales_point_takes_its_place() -> None:
    # given
    organisation = OrganisationFactory()
    point = SalesPointFactory(
        operator=organisation, name="Hoevewinkel De Linde", street="Kerkstraat 2", lat=50.8, lon=5.2
    )

    # when
    event = event_create(
        actor=UserFactory(),
        organiser=organisation,
        sales_point=point,
        kind=EventKind.OPEN_FARM_DAY,
        title_nl="Opendeurdag",
        starts_at=when(hour=10),
        ends_at=when(hour=17),
    )

    # then
    event.refresh_from_db()
    assert event.sales_point == point
    assert event.organiser == organisation
    assert event.place_name == "Hoevewinkel De Linde"
    assert event.street == "Kerkstraat 2"
    assert event.municipality == point.municipality
    assert (event.lat, event.lon) == (50.8, 5.2)


def test_event_is_placed_by_its_postal_code() -> None:
    organisation = OrganisationFactory()

    event = event_create(
        actor=UserFactory(),
        organiser=organisation,
        postal_code="3500",
        kind=EventKind.TASTING,
        title_nl="Proeverij",
        place_name="Stadhuis",
        starts_at=when(hour=14),
        ends_at=when(hour=16),
    )

    hasselt = municipality("71072")
    assert event.municipality == hasselt
    assert (event.lat, event.lon) == (hasselt.lat, hasselt.lon)
    assert event.place_name == "Stadhuis"


def test_event_ending_before_it_starts_is_refused_and_nothing_is_written() -> None:
    organisation = OrganisationFactory()

    with pytest.raises(ValidationError) as error:
        event_create(
            actor=UserFactory(),
            organiser=organisation,
            postal_code="3800",
            kind=EventKind.MARKET_DAY,
            title_nl="Markt",
            starts_at=when(hour=12),
            ends_at=when(hour=12) - timedelta(hours=1),
        )

    assert "ends_at" in error.value.message_dict
    assert not Event.objects.exists()


def test_unknown_postal_code_without_position_is_refused() -> None:
    with pytest.raises(ValidationError) as error:
        event_create(
            actor=UserFactory(),
            organiser=OrganisationFactory(),
            postal_code="0000",
            kind=EventKind.MARKET_DAY,
            title_nl="Markt",
            starts_at=when(hour=8),
            ends_at=when(hour=12),
        )

    assert "postal_code" in error.value.message_dict
    assert not Event.objects.exists()


def test_officer_cannot_place_a_municipal_event_in_another_municipality() -> None:
    officer = OfficerFactory()

    with pytest.raises(ValidationError):
        event_create(
            actor=officer.user,
            postal_code="3500",
            kind=EventKind.MARKET_DAY,
            title_nl="Markt",
            starts_at=when(hour=8),
            ends_at=when(hour=12),
        )

    assert not Event.objects.exists()


def test_officer_adds_an_event_at_the_point_of_the_municipality() -> None:
    officer = OfficerFactory()

    event = event_create(
        actor=officer.user,
        municipality=officer.municipality,
        kind=EventKind.MARKET_DAY,
        title_nl="Boerenmarkt",
        starts_at=when(hour=8),
        ends_at=when(hour=12),
    )

    assert event.organiser is None
    assert event.municipality == officer.municipality
    assert (event.lat, event.lon) == (officer.municipality.lat, officer.municipality.lon)
