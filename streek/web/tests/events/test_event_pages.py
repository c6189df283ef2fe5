from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from streek.accounts.choices import MembershipRole
from streek.accounts.models import User
from streek.accounts.tests.factories import MembershipFactory, OfficerFactory, UserFactory
from streek.catalog.models import Event
from streek.catalog.tests.factories import EventFactory, OrganisationFactory, SalesPointFactory, municipality

pytestmark = pytest.mark.django_db


def client_for(user: User) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def create_url(**params: Any) -> str:
    query = "&".join(f"{name}={value}" for name, value in params.items())
    return f"{reverse('web:event_create')}?{query}"


def event_data(**overrides: Any) -> dict[str, Any]:
    day = timezone.localdate() + timedelta(days=3)
    data: dict[str, Any] = {
        "kind": "market_day",
        "title_nl": "Boerenmarkt op het plein",
        "title_fr": "",
        "title_en": "",
        "description_nl": "",
        "description_fr": "",
        "description_en": "",
        "day": day.isoformat(),
        "start_time": "08:00",
        "end_time": "12:00",
        "sales_point": "",
        "place_name": "Grote Markt",
        "street": "",
        "postal_code": "3800",
        "locality": "",
        "repeat_weeks": "0",
    }
    data.update(overrides)
    return data


def test_manage_list_shows_the_events_of_the_user(django_assert_num_queries: Any) -> None:
    # given
    membership = MembershipFactory(role=MembershipRole.MANAGER)
    EventFactory(organiser=membership.organisation, title_nl="Onze markt")
    EventFactory(organiser=OrganisationFactory(), title_nl="Andere markt", municipality=municipality("71072"))
    client = client_for(membership.user)
    client.get(reverse("web:event_manage_list"))  # warm the session

    # when
    with django_assert_num_queries(9):
        response = client.get(reverse("web:event_manage_list"))

    # then
    assert response.status_code == 200
    assert b"Onze markt" in response.content
    assert b"Andere markt" not in response.content


def test_create_page_is_shown_to_an_editor() -> None:
    membership = MembershipFactory()

    response = client_for(membership.user).get(create_url(organisation=membership.organisation_id))

    assert response.status_code == 200
    assert b"repeat_weeks" in response.content


def test_editor_adds_an_event_that_shows_on_the_agenda() -> None:
    # given
    membership = MembershipFactory()
    client = client_for(membership.user)

    # when
    response = client.post(create_url(organisation=membership.organisation_id), event_data())

    # then
    assert response.status_code == 302
    event = Event.objects.get()
    assert event.organiser == membership.organisation
    assert event.starts_at.astimezone(timezone.get_current_timezone()).hour == 8
    agenda = Client(HTTP_ACCEPT_LANGUAGE="en").get(reverse("web:event_list"))
    assert "Boerenmarkt op het plein" in agenda.content.decode()


def test_editor_adds_weekly_market_days_at_a_sales_point() -> None:
    membership = MembershipFactory()
    point = SalesPointFactory(operator=membership.organisation)

    response = client_for(membership.user).post(
        create_url(organisation=membership.organisation_id),
        event_data(sales_point=str(point.pk), postal_code="", place_name="", repeat_weeks="8"),
    )

    assert response.status_code == 302
    assert Event.objects.filter(sales_point=point).count() == 8


def test_officer_adds_an_event_in_the_municipality() -> None:
    officer = OfficerFactory()

    response = client_for(officer.user).post(
        create_url(municipality=officer.municipality.code), event_data(postal_code="")
    )

    assert response.status_code == 302
    event = Event.objects.get()
    assert event.organiser is None
    assert event.municipality == officer.municipality


def test_bad_post_is_refused_and_nothing_is_created() -> None:
    membership = MembershipFactory()

    response = client_for(membership.user).post(
        create_url(organisation=membership.organisation_id), event_data(start_time="12:00", end_time="08:00")
    )

    assert response.status_code == 400
    assert b"Please correct the fields marked below. Nothing was saved." in response.content
    assert not Event.objects.exists()


def test_other_organisation_is_refused() -> None:
    membership = MembershipFactory()
    other = OrganisationFactory()

    response = client_for(membership.user).post(create_url(organisation=other.pk), event_data())

    assert response.status_code == 403
    assert not Event.objects.exists()


def test_edit_changes_the_event() -> None:
    membership = MembershipFactory()
    event = EventFactory(organiser=membership.organisation, title_nl="Oud")
    client = client_for(membership.user)

    assert client.get(reverse("web:event_edit", args=[event.pk])).status_code == 200
    response = client.post(reverse("web:event_edit", args=[event.pk]), event_data(title_nl="Nieuw", postal_code=""))

    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title_nl == "Nieuw"


def test_edit_of_an_event_of_another_organisation_is_refused() -> None:
    event = EventFactory(organiser=OrganisationFactory(), title_nl="Oud")

    response = client_for(UserFactory()).post(reverse("web:event_edit", args=[event.pk]), event_data())

    assert response.status_code == 403
    event.refresh_from_db()
    assert event.title_nl == "Oud"


def test_cancel_keeps_the_event_marked_with_its_reason() -> None:
    officer = OfficerFactory()
    event = EventFactory(municipality=officer.municipality)

    response = client_for(officer.user).post(reverse("web:event_cancel", args=[event.pk]), {"note": "Storm"})

    assert response.status_code == 302
    event.refresh_from_db()
    assert event.is_cancelled
    assert event.cancellation_note == "Storm"


def test_a_cancelled_event_is_marked_in_the_calendar_and_on_its_page_but_not_on_the_map(client: Client) -> None:
    event = EventFactory(cancelled_at=timezone.now(), cancellation_note="Storm")

    listing = client.get(reverse("web:event_list"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    detail = client.get(reverse("web:event_detail", args=[event.pk]), HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert f"<s>{event.title}</s>" in listing
    assert 'id="events-map"' not in listing
    assert "This event is cancelled." in detail and "Storm" in detail


def test_restore_undoes_a_cancellation() -> None:
    officer = OfficerFactory()
    event = EventFactory(municipality=officer.municipality, cancelled_at=timezone.now(), cancellation_note="Storm")

    client_for(officer.user).post(reverse("web:event_restore", args=[event.pk]))

    event.refresh_from_db()
    assert not event.is_cancelled and event.cancellation_note == ""


def test_delete_removes_an_event_entered_by_mistake() -> None:
    officer = OfficerFactory()
    event = EventFactory(municipality=officer.municipality)

    response = client_for(officer.user).post(reverse("web:event_delete", args=[event.pk]))

    assert response.status_code == 302
    assert not Event.objects.exists()


@pytest.mark.parametrize("action", ["web:event_cancel", "web:event_restore", "web:event_delete"])
def test_cancel_restore_and_delete_by_a_stranger_are_refused(action: str) -> None:
    event = EventFactory()

    response = client_for(UserFactory()).post(reverse(action, args=[event.pk]))

    assert response.status_code == 403
    event.refresh_from_db()
    assert not event.is_cancelled


def test_unknown_event_is_not_found() -> None:
    response = client_for(UserFactory()).get(reverse("web:event_edit", args=[999_999]))

    assert response.status_code == 404
