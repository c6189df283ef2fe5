from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import reverse

from streek.accounts.tests.factories import UserFactory
from streek.catalog.choices import RegistrationStatus
from streek.catalog.models import Organisation, RegistrationRequest
from streek.catalog.tests.factories import REGISTRATION_PASSWORD, SINT_TRUIDEN

pytestmark = pytest.mark.django_db

URL = reverse("web:register")
LOCAL_CACHE = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "register-test"}}


def form_data(**overrides: Any) -> dict[str, Any]:
    return {
        "kind": "food_bank",
        "organisation_name": "Sociale kruidenier Sint-Truiden",
        "country": "BE",
        "enterprise_number": "0123.456.749",
        "street": "Stationsstraat 1",
        "postal_code": "3800",
        "locality": "",
        "email": "info@kruidenier.example",
        "phone": "011 12 34 56",
        "website": "kruidenier.example",
        "message": "Wij verdelen voedsel aan 120 gezinnen.",
        "applicant_name": "An Peeters",
        "applicant_email": "an@kruidenier.example",
        "password": REGISTRATION_PASSWORD,
        "password_again": REGISTRATION_PASSWORD,
        "language": "nl",
        "contact_fax": "",
        **overrides,
    }


def test_the_form_has_labels_help_and_the_hidden_trap(client: Client) -> None:
    html = client.get(URL).content.decode()

    assert '<label for="id_organisation_name">' in html
    assert 'id="id_enterprise_number_helptext"' in html
    assert '<div class="trap" aria-hidden="true">' in html
    assert 'autocomplete="new-password"' in html
    assert "Food bank / social grocery" in html


def test_the_login_page_links_to_the_form(client: Client) -> None:
    html = client.get(reverse("web:login")).content.decode()

    assert f'href="{URL}"' in html
    assert "Register your organisation" in html


def test_a_valid_request_is_kept_for_review_and_thanked(client: Client) -> None:
    response = client.post(URL, form_data(), follow=True)

    registration = RegistrationRequest.objects.get()
    assert response.redirect_chain == [(reverse("web:register_thanks"), 302)]
    assert "will be reviewed" in response.content.decode()
    assert registration.status == RegistrationStatus.PENDING
    assert registration.municipality.code == SINT_TRUIDEN
    assert registration.website == "https://kruidenier.example"
    assert registration.user is None
    assert not Organisation.objects.exists()
    assert not type(registration).objects.filter(password_hash=REGISTRATION_PASSWORD).exists()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"enterprise_number": "0123.456.789"}, "enterprise_number", "not a valid Belgian enterprise number"),
        ({"applicant_email": "taken@example.org"}, "applicant_email", "exists already"),
        ({"password_again": "iets-anders-99"}, "password_again", "not the same"),
        ({"postal_code": "0000"}, "postal_code", "do not know this postal code"),
    ],
)
def test_invalid_input_is_shown_next_to_the_field_and_in_a_summary(
    client: Client, overrides: dict[str, str], field: str, message: str
) -> None:
    UserFactory(username="taken", email="taken@example.org")

    response = client.post(URL, form_data(**overrides))

    html = response.content.decode()
    assert response.status_code == 200
    assert f'id="id_{field}_error"' in html
    assert message in html
    assert 'class="form-errors" role="alert"' in html
    assert f'href="#id_{field}"' in html
    assert 'aria-invalid="true"' in html
    assert not RegistrationRequest.objects.exists()


def test_a_filled_trap_is_thanked_and_nothing_is_kept(client: Client) -> None:
    response = client.post(URL, form_data(contact_fax="+32 11 00 00 00"))

    assert response.status_code == 302
    assert response["Location"] == reverse("web:register_thanks")
    assert not RegistrationRequest.objects.exists()


@override_settings(CACHES=LOCAL_CACHE, STREEK_REGISTRATION_RATE="1/h")
def test_a_flood_from_one_address_is_refused(client: Client) -> None:
    cache.clear()
    client.post(URL, form_data(), REMOTE_ADDR="192.0.2.9")

    response = client.post(URL, form_data(applicant_email="bis@kruidenier.example"), REMOTE_ADDR="192.0.2.9")

    assert response.status_code == 429
    assert "try again later" in response.content.decode()
    assert RegistrationRequest.objects.count() == 1
