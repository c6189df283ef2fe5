import pytest
from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError

from streek.accounts.models import User
from streek.accounts.tests.factories import UserFactory
from streek.catalog.choices import OrganisationKind, RegistrationStatus
from streek.catalog.models import Organisation, RegistrationRequest
from streek.catalog.services.registrations import registration_request_submit
from streek.catalog.tests.factories import (
    REGISTRATION_PASSWORD,
    SINT_TRUIDEN,
    OrganisationFactory,
    RegistrationRequestFactory,
)

pytestmark = pytest.mark.django_db


def submit(**overrides: str) -> RegistrationRequest:
    fields = {
        "applicant_name": "An Peeters",
        "applicant_email": "an@voedselbank.example",
        "password": REGISTRATION_PASSWORD,
        "language": "fr",
        "kind": OrganisationKind.FOOD_BANK,
        "organisation_name": "Voedselbank Haspengouw",
        "country_code": "BE",
        "enterprise_number": "0123456749",
        "street": "Stationsstraat 1",
        "postal_code": "3800",
        **overrides,
    }
    return registration_request_submit(**fields)


def test_a_valid_request_waits_for_review_and_creates_nothing() -> None:
    users = User.objects.count()

    registration = submit()

    assert registration.status == RegistrationStatus.PENDING
    assert registration.municipality.code == SINT_TRUIDEN
    assert registration.enterprise_number == "0123.456.749"
    assert registration.language == "fr"
    assert check_password(REGISTRATION_PASSWORD, registration.password_hash)
    assert REGISTRATION_PASSWORD not in registration.password_hash
    assert registration.user is None and registration.organisation is None
    assert User.objects.count() == users
    assert not Organisation.objects.exists()


def test_a_dutch_organisation_is_located_by_its_locality() -> None:
    registration = submit(country_code="NL", enterprise_number="12345678", postal_code="5911 AA", locality="Venlo")

    assert registration.municipality.name_nl == "Venlo"
    assert registration.enterprise_number == "12345678"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"enterprise_number": "0123.456.789"}, "enterprise_number"),
        ({"postal_code": "0000"}, "postal_code"),
        ({"password": "12345678"}, "password"),
        ({"kind": OrganisationKind.MUNICIPALITY}, "kind"),
        ({"applicant_email": "not an address"}, "applicant_email"),
        ({"organisation_name": ""}, "organisation_name"),
    ],
)
def test_invalid_input_is_refused_by_field_and_nothing_is_kept(overrides: dict[str, str], field: str) -> None:
    with pytest.raises(ValidationError) as refused:
        submit(**overrides)

    assert field in refused.value.message_dict
    assert not RegistrationRequest.objects.exists()


def test_an_email_address_of_an_existing_user_is_refused() -> None:
    UserFactory(username="an", email="An@Voedselbank.example")

    with pytest.raises(ValidationError) as refused:
        submit()

    assert list(refused.value.message_dict) == ["applicant_email"]
    assert not RegistrationRequest.objects.exists()


def test_a_second_pending_request_with_the_same_email_is_refused() -> None:
    RegistrationRequestFactory(applicant_email="an@voedselbank.example")

    with pytest.raises(ValidationError) as refused:
        submit()

    assert list(refused.value.message_dict) == ["applicant_email"]
    assert RegistrationRequest.objects.count() == 1


def test_an_enterprise_number_of_an_existing_organisation_is_refused() -> None:
    OrganisationFactory(enterprise_number="0123.456.749")

    with pytest.raises(ValidationError) as refused:
        submit()

    assert list(refused.value.message_dict) == ["enterprise_number"]
    assert not RegistrationRequest.objects.exists()
