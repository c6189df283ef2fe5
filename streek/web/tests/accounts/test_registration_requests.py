from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from streek.accounts.choices import MembershipRole
from streek.accounts.models import Membership, User
from streek.accounts.tests.factories import AdminUserFactory, OfficerFactory, UserFactory
from streek.catalog.choices import RegistrationStatus
from streek.catalog.models import Organisation
from streek.catalog.tests.factories import REGISTRATION_PASSWORD, RegistrationRequestFactory, municipality

pytestmark = pytest.mark.django_db

LIST_URL = reverse("web:registration_requests")
CaptureOnCommit = Callable[..., Any]


def approve_url(registration_id: int) -> str:
    return reverse("web:registration_approve", args=[registration_id])


def reject_url(registration_id: int) -> str:
    return reverse("web:registration_reject", args=[registration_id])


def signed_in(client: Client, user: User) -> Client:
    client.force_login(user)
    return client


def test_anonymous_visitors_are_sent_to_the_login(client: Client) -> None:
    response = client.get(LIST_URL)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:login"))


def test_a_plain_user_may_not_see_the_list(client: Client) -> None:
    response = signed_in(client, UserFactory()).get(LIST_URL)

    assert response.status_code == 403


def test_an_officer_sees_the_pending_requests_of_their_municipality_only(client: Client) -> None:
    officer = OfficerFactory().user
    RegistrationRequestFactory(organisation_name="Voedselbank Sint-Truiden")
    RegistrationRequestFactory(organisation_name="Voedselbank Antwerpen", municipality=municipality("11002"))
    RegistrationRequestFactory(organisation_name="Al beslist", status=RegistrationStatus.REJECTED)

    html = signed_in(client, officer).get(LIST_URL).content.decode()

    assert "Voedselbank Sint-Truiden" in html
    assert "Voedselbank Antwerpen" not in html
    assert "Al beslist" not in html
    assert 'name="csrfmiddlewaretoken"' in html


def test_the_dashboard_links_reviewers_to_the_list_with_the_number_pending(client: Client) -> None:
    RegistrationRequestFactory.create_batch(2)

    html = signed_in(client, OfficerFactory().user).get(reverse("web:dashboard")).content.decode()

    assert f'href="{LIST_URL}"' in html
    assert "2 organisations are waiting for approval." in html


def test_the_dashboard_has_no_link_for_a_plain_user(client: Client) -> None:
    html = signed_in(client, UserFactory()).get(reverse("web:dashboard")).content.decode()

    assert LIST_URL not in html


def test_the_list_reads_in_a_number_of_queries_that_does_not_grow(
    client: Client, django_assert_max_num_queries: Any
) -> None:
    signed_in(client, OfficerFactory().user)
    RegistrationRequestFactory.create_batch(2)
    with CaptureQueriesContext(connection) as two:
        assert client.get(LIST_URL).status_code == 200
    RegistrationRequestFactory.create_batch(8)

    with django_assert_max_num_queries(len(two.captured_queries)):
        response = client.get(LIST_URL)

    assert response.content.decode().count('<article class="card"') == 10


def test_an_officer_approves_and_the_applicant_logs_in_as_owner(
    client: Client, django_capture_on_commit_callbacks: CaptureOnCommit
) -> None:
    registration = RegistrationRequestFactory(applicant_email="an@kruidenier.example")
    signed_in(client, OfficerFactory().user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(approve_url(registration.pk), follow=True)

    assert response.redirect_chain[-1][0] == LIST_URL
    assert "can log in now" in response.content.decode()
    organisation = Organisation.objects.get()
    membership = Membership.objects.get(organisation=organisation)
    assert membership.role == MembershipRole.OWNER
    assert membership.user.email == "an@kruidenier.example"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["an@kruidenier.example"]
    applicant = Client()
    assert applicant.login(username="an@kruidenier.example", password=REGISTRATION_PASSWORD)


def test_approving_twice_shows_a_message_and_creates_nothing_more(client: Client) -> None:
    registration = RegistrationRequestFactory()
    signed_in(client, AdminUserFactory())
    client.post(approve_url(registration.pk))

    response = client.post(approve_url(registration.pk), follow=True)

    assert "already been decided" in response.content.decode()
    assert Organisation.objects.count() == 1


@pytest.mark.parametrize("who", ["plain user", "officer elsewhere"])
def test_others_may_not_decide(client: Client, who: str) -> None:
    actor = UserFactory() if who == "plain user" else OfficerFactory(municipality=municipality("11002")).user
    registration = RegistrationRequestFactory()
    signed_in(client, actor)

    approved = client.post(approve_url(registration.pk))
    rejected = client.post(reject_url(registration.pk), {"reason": "Nee"})

    assert (approved.status_code, rejected.status_code) == (403, 403)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.PENDING
    assert not Organisation.objects.exists()


def test_deciding_needs_a_post(client: Client) -> None:
    registration = RegistrationRequestFactory()

    response = signed_in(client, AdminUserFactory()).get(approve_url(registration.pk))

    assert response.status_code == 405


def test_an_officer_rejects_with_a_reason_that_is_mailed(
    client: Client, django_capture_on_commit_callbacks: CaptureOnCommit
) -> None:
    registration = RegistrationRequestFactory(applicant_email="an@kruidenier.example")
    signed_in(client, OfficerFactory().user)
    users = User.objects.count()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reject_url(registration.pk), {"reason": "Buiten onze gemeente"})

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.REJECTED
    assert "Buiten onze gemeente" in mail.outbox[0].body
    assert User.objects.count() == users
    assert not Organisation.objects.exists()


def test_rejecting_without_a_reason_changes_nothing(client: Client) -> None:
    registration = RegistrationRequestFactory()

    response = signed_in(client, AdminUserFactory()).post(reject_url(registration.pk), {"reason": ""}, follow=True)

    assert "give a reason" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.PENDING
