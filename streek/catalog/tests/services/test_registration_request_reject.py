from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail

from streek.accounts.models import User
from streek.accounts.tests.factories import AdminUserFactory, OfficerFactory, UserFactory
from streek.catalog.choices import RegistrationStatus
from streek.catalog.exceptions import InvalidTransition
from streek.catalog.models import Organisation
from streek.catalog.services.registrations import registration_request_reject
from streek.catalog.tests.factories import RegistrationRequestFactory
from streek.core.exceptions import ApplicationError, PermissionRefused

pytestmark = pytest.mark.django_db

CaptureOnCommit = Callable[..., Any]


def test_rejecting_mails_the_reason_and_creates_nothing(django_capture_on_commit_callbacks: CaptureOnCommit) -> None:
    officer = OfficerFactory().user
    registration = RegistrationRequestFactory(applicant_email="an@voedselbank.example")
    users = User.objects.count()

    with django_capture_on_commit_callbacks(execute=True):
        rejected = registration_request_reject(request=registration, actor=officer, reason=" Geen adres in de regio ")

    assert rejected.status == RegistrationStatus.REJECTED
    assert rejected.rejection_reason == "Geen adres in de regio"
    assert rejected.decided_by == officer
    assert rejected.user is None and rejected.organisation is None
    assert User.objects.count() == users
    assert not Organisation.objects.exists()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["an@voedselbank.example"]
    assert "Geen adres in de regio" in mail.outbox[0].body


def test_a_reason_is_needed() -> None:
    registration = RegistrationRequestFactory()

    with pytest.raises(ApplicationError):
        registration_request_reject(request=registration, actor=AdminUserFactory(), reason="  ")

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.PENDING


def test_a_plain_user_is_refused() -> None:
    registration = RegistrationRequestFactory()

    with pytest.raises(PermissionRefused):
        registration_request_reject(request=registration, actor=UserFactory(), reason="Nee")

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.PENDING


def test_a_decided_request_cannot_be_rejected() -> None:
    registration = RegistrationRequestFactory(status=RegistrationStatus.APPROVED)

    with pytest.raises(InvalidTransition):
        registration_request_reject(request=registration, actor=AdminUserFactory(), reason="Toch niet")

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.APPROVED
