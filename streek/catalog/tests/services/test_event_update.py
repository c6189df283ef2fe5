from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from streek.accounts.tests.factories import UserFactory
from streek.catalog.models import Event
from streek.catalog.services.events import event_delete, event_update
from streek.catalog.tests.factories import EventFactory, OrganisationFactory, municipality

pytestmark = pytest.mark.django_db


def test_update_keeps_the_place_without_a_new_address() -> None:
    event = EventFactory(organiser=OrganisationFactory(), title_nl="Oud", lat=50.81, lon=5.18)

    event_update(event=event, actor=UserFactory(), title_nl="Nieuw", postal_code="", locality="")

    event.refresh_from_db()
    assert event.title_nl == "Nieuw"
    assert (event.lat, event.lon) == (50.81, 5.18)


def test_update_moves_the_event_to_a_new_postal_code() -> None:
    event = EventFactory(organiser=OrganisationFactory())

    event_update(event=event, actor=UserFactory(), postal_code="3500")

    event.refresh_from_db()
    assert event.municipality == municipality("71072")


def test_update_ending_before_start_changes_nothing() -> None:
    event = EventFactory(organiser=OrganisationFactory(), title_nl="Oud")
    ends_at = event.ends_at

    with pytest.raises(ValidationError):
        event_update(event=event, actor=UserFactory(), title_nl="Nieuw", ends_at=event.starts_at - timedelta(hours=1))

    event.refresh_from_db()
    assert event.title_nl == "Oud"
    assert event.ends_at == ends_at


def test_delete_removes_the_event() -> None:
    event = EventFactory()

    event_delete(event=event, actor=UserFactory())

    assert not Event.objects.exists()
