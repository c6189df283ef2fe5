from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from streek.accounts.tests.factories import MembershipFactory, OfficerFactory
from streek.catalog.choices import RevisionAction, SalesPointSource, SalesPointStatus
from streek.catalog.models import SalesPoint
from streek.catalog.tests.factories import SalesPointFactory, municipality

from .helpers import client_for, edit_data

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("web:inventory_dashboard", args=["71053"])


def test_verify_marks_the_point_and_redirects() -> None:
    officer = OfficerFactory().user
    point = SalesPointFactory(last_verified_at=timezone.now() - timedelta(days=400))

    response = client_for(officer).post(
        reverse("web:inventory_verify", args=[point.pk]), {"next": DASHBOARD + "?tab=stale"}
    )

    assert response.status_code == 302
    assert response["Location"] == DASHBOARD + "?tab=stale"
    point.refresh_from_db()
    assert point.last_verified_by == officer
    assert point.last_verified_at is not None and point.last_verified_at > timezone.now() - timedelta(minutes=1)


def test_verify_by_get_is_not_allowed() -> None:
    point = SalesPointFactory()

    response = client_for(OfficerFactory().user).get(reverse("web:inventory_verify", args=[point.pk]))

    assert response.status_code == 405


def test_verify_ignores_an_outside_next_url() -> None:
    point = SalesPointFactory()

    response = client_for(OfficerFactory().user).post(
        reverse("web:inventory_verify", args=[point.pk]), {"next": "https://evil.example/"}
    )

    assert response["Location"] == DASHBOARD


def test_officer_of_another_municipality_cannot_verify_and_nothing_changes() -> None:
    officer = OfficerFactory(municipality=municipality("44021")).user
    point = SalesPointFactory(last_verified_at=None)

    response = client_for(officer).post(reverse("web:inventory_verify", args=[point.pk]))

    assert response.status_code == 403
    point.refresh_from_db()
    assert point.last_verified_at is None
    assert not point.revisions.exists()


def test_producer_cannot_verify_a_proposed_point_of_another_and_gets_404() -> None:
    point = SalesPointFactory(status=SalesPointStatus.PROPOSED)

    response = client_for(MembershipFactory().user).post(reverse("web:inventory_verify", args=[point.pk]))

    assert response.status_code == 404


@pytest.mark.parametrize(
    ("start", "action", "end"),
    [
        (SalesPointStatus.ACTIVE, "close", SalesPointStatus.CLOSED),
        (SalesPointStatus.ACTIVE, "temporarily_close", SalesPointStatus.TEMPORARILY_CLOSED),
        (SalesPointStatus.TEMPORARILY_CLOSED, "reopen", SalesPointStatus.ACTIVE),
        (SalesPointStatus.CLOSED, "reopen", SalesPointStatus.ACTIVE),
    ],
)
def test_close_and_reopen(start: str, action: str, end: str) -> None:
    point = SalesPointFactory(status=start)

    response = client_for(OfficerFactory().user).post(
        reverse("web:inventory_close", args=[point.pk]), {"action": action}
    )

    assert response.status_code == 302
    point.refresh_from_db()
    assert point.status == end


def test_edit_page_shows_the_form_and_the_map() -> None:
    point = SalesPointFactory(name="Hoeve Bos")

    response = client_for(OfficerFactory().user).get(reverse("web:inventory_edit", args=[point.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="Hoeve Bos"' in html
    assert 'id="location-map"' in html
    assert 'name="lat"' in html and 'type="hidden"' in html


def test_edit_saves_the_changes_with_a_revision() -> None:
    officer = OfficerFactory().user
    point = SalesPointFactory(name="Hoeve Bos", phone="")

    response = client_for(officer).post(
        reverse("web:inventory_edit", args=[point.pk]),
        edit_data(
            point, name="Hoeve Bos & Zonen", phone="011 22 33 44", categories=["fruit"], payment_methods=["cash"]
        ),
    )

    assert response.status_code == 302
    point.refresh_from_db()
    assert point.name == "Hoeve Bos & Zonen"
    assert point.payment_methods == ["cash"]
    assert list(point.categories.values_list("key", flat=True)) == ["fruit"]
    revision = point.revisions.get()
    assert revision.actor == officer
    assert revision.changes["name"] == ["Hoeve Bos", "Hoeve Bos & Zonen"]
    assert revision.changes["categories"] == [[], ["fruit"]]


def test_dragged_marker_coordinates_are_saved_as_exact() -> None:
    point = SalesPointFactory(lat=50.8168, lon=5.1865, position_exact=False)

    client_for(OfficerFactory().user).post(
        reverse("web:inventory_edit", args=[point.pk]),
        edit_data(point, lat="50.823456", lon="5.201234", position_exact="1"),
    )

    point.refresh_from_db()
    assert (point.lat, point.lon, point.position_exact) == (50.823456, 5.201234, True)
    assert point.revisions.get().changes == {
        "lat": [50.8168, 50.823456],
        "lon": [5.1865, 5.201234],
        "position_exact": [False, True],
    }


def test_edit_with_bad_data_shows_errors_and_changes_nothing() -> None:
    point = SalesPointFactory(name="Hoeve Bos", email="")

    response = client_for(OfficerFactory().user).post(
        reverse("web:inventory_edit", args=[point.pk]),
        edit_data(point, name="", email="geen-adres", lat="500", type="ruimteschip"),
    )

    assert response.status_code == 400
    form = response.context["form"]
    assert set(form.errors) == {"name", "email", "lat", "type"}
    with translation.override("nl"):
        expected = gettext("Please correct the fields marked below. Nothing was saved.")
    assert expected in response.content.decode()
    point.refresh_from_db()
    assert point.name == "Hoeve Bos"
    assert point.email == ""
    assert not point.revisions.exists()


def test_edit_refuses_a_municipality_the_officer_does_not_keep() -> None:
    point = SalesPointFactory()
    gent = municipality("44021")

    response = client_for(OfficerFactory().user).post(
        reverse("web:inventory_edit", args=[point.pk]), edit_data(point, municipality=gent.pk)
    )

    assert response.status_code == 400
    assert "municipality" in response.context["form"].errors
    assert SalesPoint.objects.get(pk=point.pk).municipality.code == "71053"


def test_edit_without_position_takes_the_postal_code_point() -> None:
    point = SalesPointFactory(postal_code="3800", lat=51.0, lon=4.0, position_exact=True)

    client_for(OfficerFactory().user).post(
        reverse("web:inventory_edit", args=[point.pk]), edit_data(point, lat="", lon="", position_exact="1")
    )

    point.refresh_from_db()
    assert point.lat == pytest.approx(50.8168, abs=0.01)
    assert point.position_exact is False


def test_officer_creates_a_verified_point() -> None:
    officer = OfficerFactory().user
    st = municipality()
    data = {
        "name": "Zelfoogst Velm",
        "type": "self_harvest",
        "status": "active",
        "postal_code": "3806",
        "locality": "Velm",
        "country": "BE",
        "municipality": st.pk,
        "lat": "50.78",
        "lon": "5.11",
        "position_exact": "1",
        "categories": ["vegetable"],
    }

    response = client_for(officer).post(reverse("web:inventory_create", args=["71053"]), data)

    point = SalesPoint.objects.get(name="Zelfoogst Velm")
    assert response.status_code == 302
    assert response["Location"] == reverse("web:inventory_hours", args=[point.pk])
    assert point.source == SalesPointSource.MUNICIPALITY
    assert point.last_verified_by == officer
    assert point.position_exact is True
    assert point.revisions.get().action == RevisionAction.CREATED


def test_create_page_is_404_for_an_officer_of_another_municipality() -> None:
    officer = OfficerFactory(municipality=municipality("44021")).user

    assert client_for(officer).get(reverse("web:inventory_create", args=["71053"])).status_code == 404


def test_history_shows_readable_field_labels() -> None:
    officer = OfficerFactory(user__first_name="An", user__last_name="Peeters").user
    point = SalesPointFactory(hours_note="", status=SalesPointStatus.ACTIVE)
    client = client_for(officer)
    client.post(reverse("web:inventory_edit", args=[point.pk]), edit_data(point, hours_note="Enkel zaterdag"))
    client.post(reverse("web:inventory_close", args=[point.pk]), {"action": "temporarily_close"})

    response = client.get(reverse("web:inventory_history", args=[point.pk]))

    assert response.status_code == 200
    entries = response.context["entries"]
    assert [e.action_label for e in entries] == [str(RevisionAction.CLOSED.label), str(RevisionAction.UPDATED.label)]
    closed = entries[0].changes[0]
    assert (closed.old, closed.new) == (
        str(SalesPointStatus.ACTIVE.label),
        str(SalesPointStatus.TEMPORARILY_CLOSED.label),
    )
    note = entries[1].changes[0]
    assert note.new == "Enkel zaterdag"
    assert note.label == str(SalesPoint._meta.get_field("hours_note").verbose_name)
    assert "An Peeters" in response.content.decode()
    assert "hours_note" not in response.content.decode()


def test_geocode_returns_the_municipality_point() -> None:
    response = client_for(OfficerFactory().user).get(
        reverse("web:geocode"), {"postal_code": "3800", "locality": "", "country": "BE"}
    )

    assert response.status_code == 200
    body = response.json()
    assert body["municipality"]["code"] == "71053"
    assert body["lat"] == pytest.approx(50.8168, abs=0.01)


def test_geocode_unknown_postal_code_is_404_with_a_message() -> None:
    response = client_for(OfficerFactory().user).get(reverse("web:geocode"), {"postal_code": "0000"})

    assert response.status_code == 404
    assert response.json()["error"]
