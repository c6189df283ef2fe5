from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth import authenticate
from django.core import mail
from django.utils import translation

from streek.accounts.choices import MembershipRole
from streek.accounts.models import Membership, User
from streek.accounts.tests.factories import AdminUserFactory, OfficerFactory, UserFactory
from streek.catalog.choices import OrganisationKind, RegistrationStatus
from streek.catalog.exceptions import InvalidTransition
from streek.catalog.models import Organisation
from streek.catalog.services.registrations import registration_request_approve
from streek.catalog.tests.factories import (
    REGISTRATION_PASSWORD,
    OrganisationFactory,
    RegistrationRequestFactory,
    municipality,
)
from streek.core.exceptions import ApplicationError, PermissionRefused

pytestmark = pytest.mark.django_db

CaptureOnCommit = Callable[..., Any]


def test_an_officer_of_the_municipality_approves_and_the_applicant_can_log_in(
    django_capture_on_commit_callbacks: CaptureOnCommit,
) -> None:
    officer = OfficerFactory().user
    registration = RegistrationRequestFactory(
        applicant_name="An Peeters", applicant_email="An@Voedselbank.example", language="fr"
    )

    with django_capture_on_commit_callbacks(execute=True):
        approved = registration_request_approve(request=registration, actor=officer)

    user = User.objects.get(username="an@voedselbank.example")
    organisation = Organisation.objects.get()
    assert authenticate(username="an@voedselbank.example", password=REGISTRATION_PASSWORD) == user
    assert (user.first_name, user.last_name, user.language) == ("An", "Peeters", "fr")
    assert organisation.kind == OrganisationKind.FOOD_BANK
    assert organisation.municipality == registration.municipality
    assert organisation.created_by == user
    assert Membership.objects.get(user=user).organisation == organisation
    assert Membership.objects.get(user=user).role == MembershipRole.OWNER
    assert approved.status == RegistrationStatus.APPROVED
    assert (approved.user, approved.organisation, approved.decided_by) == (user, organisation, officer)
    assert approved.decided_at is not None
    assert approved.password_hash == ""
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["An@Voedselbank.example"]
    assert f"{settings.STREEK_PUBLIC_URL}/inloggen/" in mail.outbox[0].body
    assert "an@voedselbank.example" in mail.outbox[0].body.lower()
    assert registration.organisation_name in mail.outbox[0].subject


def test_the_slug_of_the_new_organisation_is_unique() -> None:
    OrganisationFactory(slug="voedselbank-haspengouw")
    registration = RegistrationRequestFactory(organisation_name="Voedselbank Haspengouw")

    approved = registration_request_approve(request=registration, actor=AdminUserFactory())

    assert approved.organisation is not None
    assert approved.organisation.slug == "voedselbank-haspengouw-2"


@pytest.mark.parametrize("who", ["plain user", "officer elsewhere"])
def test_others_are_refused_and_nothing_changes(who: str) -> None:
    actor = UserFactory() if who == "plain user" else OfficerFactory(municipality=municipality("11002")).user
    registration = RegistrationRequestFactory()
    users = User.objects.count()

    with pytest.raises(PermissionRefused):
        registration_request_approve(request=registration, actor=actor)

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.PENDING
    assert User.objects.count() == users
    assert not Organisation.objects.exists()


def test_approving_twice_is_refused(django_capture_on_commit_callbacks: CaptureOnCommit) -> None:
    admin = AdminUserFactory()
    registration = RegistrationRequestFactory()
    with django_capture_on_commit_callbacks(execute=True):
        registration_request_approve(request=registration, actor=admin)

    with translation.override("en"), pytest.raises(InvalidTransition, match="already been decided"):
        registration_request_approve(request=registration, actor=admin)

    assert Organisation.objects.count() == 1
    assert len(mail.outbox) == 1


def test_an_email_address_taken_since_the_request_is_refused() -> None:
    registration = RegistrationRequestFactory(applicant_email="an@voedselbank.example")
    UserFactory(username="an", email="an@voedselbank.example")

    with pytest.raises(ApplicationError):
        registration_request_approve(request=registration, actor=AdminUserFactory())

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.PENDING
    assert not Organisation.objects.exists()
