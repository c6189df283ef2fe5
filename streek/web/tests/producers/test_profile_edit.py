import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from streek.accounts.choices import MembershipRole
from streek.accounts.models import User
from streek.accounts.tests.factories import AdminUserFactory, MembershipFactory
from streek.catalog.models import Organisation
from streek.catalog.services.organisations import MAX_LOGO_BYTES
from streek.catalog.tests.factories import OrganisationFactory, municipality

pytestmark = pytest.mark.django_db


def client_for(user: User) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def edit_url(organisation: Organisation) -> str:
    return reverse("web:organisation_edit", args=[organisation.pk])


def profile_data(organisation: Organisation, **overrides: Any) -> dict[str, Any]:
    """The profile form as the browser posts it for `organisation` unchanged, with overrides."""
    data: dict[str, Any] = {
        "name": organisation.name,
        "legal_name": organisation.legal_name,
        "enterprise_number": organisation.enterprise_number,
        "street": organisation.street,
        "postal_code": organisation.postal_code,
        "locality": organisation.locality,
        "email": organisation.email,
        "phone": organisation.phone,
        "website": organisation.website,
        "description_nl": organisation.description_nl,
        "description_fr": organisation.description_fr,
        "description_en": organisation.description_en,
        "practices": organisation.practices,
    }
    data.update(overrides)
    return data


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "green").save(buffer, format="PNG")
    return buffer.getvalue()


def test_owner_sees_the_form() -> None:
    membership = MembershipFactory(organisation__name="Hoeve De Linde")

    response = client_for(membership.user).get(edit_url(membership.organisation))

    assert response.status_code == 200
    assert b"Hoeve De Linde" in response.content
    assert b'enctype="multipart/form-data"' in response.content


def test_manager_saves_the_profile_and_is_redirected() -> None:
    # given
    membership = MembershipFactory(role=MembershipRole.MANAGER, organisation__postal_code="3800")
    organisation = membership.organisation

    # when
    response = client_for(membership.user).post(
        edit_url(organisation),
        profile_data(
            organisation,
            name="Hoeve Nieuw",
            enterprise_number="0403170701",
            postal_code="3500",
            locality="Hasselt",
            website="hoeve.example",
            practices=["organic", "agroforestry"],
        ),
    )

    # then
    assert response.status_code == 302
    assert response["Location"] == edit_url(organisation)
    organisation.refresh_from_db()
    assert organisation.name == "Hoeve Nieuw"
    assert organisation.enterprise_number == "0403.170.701"
    assert organisation.municipality == municipality("71072")
    assert organisation.website == "https://hoeve.example"
    assert organisation.practices == ["organic", "agroforestry"]


def test_success_message_is_shown_after_saving() -> None:
    membership = MembershipFactory()

    response = client_for(membership.user).post(
        edit_url(membership.organisation), profile_data(membership.organisation, name="Hoeve Zon"), follow=True
    )

    assert b"The profile of &#x27;Hoeve Zon&#x27; is saved." in response.content


def test_bad_enterprise_number_gives_400_and_nothing_changes() -> None:
    membership = MembershipFactory(organisation__name="Hoeve Oud")
    organisation = membership.organisation

    response = client_for(membership.user).post(
        edit_url(organisation), profile_data(organisation, name="Hoeve Nieuw", enterprise_number="12345")
    )

    assert response.status_code == 400
    assert b"Please correct the fields marked below. Nothing was saved." in response.content
    assert b"is not a valid Belgian enterprise number" in response.content
    organisation.refresh_from_db()
    assert organisation.name == "Hoeve Oud"
    assert organisation.enterprise_number == ""


def test_unknown_postal_code_gives_400_and_nothing_changes() -> None:
    membership = MembershipFactory(organisation__postal_code="3800")
    organisation = membership.organisation

    response = client_for(membership.user).post(edit_url(organisation), profile_data(organisation, postal_code="0001"))

    assert response.status_code == 400
    assert b"We do not know this postal code or locality." in response.content
    organisation.refresh_from_db()
    assert organisation.postal_code == "3800"


def test_unknown_practice_gives_400() -> None:
    membership = MembershipFactory()
    organisation = membership.organisation

    response = client_for(membership.user).post(edit_url(organisation), profile_data(organisation, practices=["magic"]))

    assert response.status_code == 400
    organisation.refresh_from_db()
    assert organisation.practices == []


def test_logo_upload_is_stored() -> None:
    membership = MembershipFactory()
    organisation = membership.organisation
    logo = SimpleUploadedFile("logo.png", png_bytes(), content_type="image/png")

    response = client_for(membership.user).post(edit_url(organisation), profile_data(organisation, logo=logo))

    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.logo.name.startswith("logos/")


def test_logo_that_is_not_an_image_is_refused() -> None:
    membership = MembershipFactory(organisation__name="Hoeve Oud")
    organisation = membership.organisation
    logo = SimpleUploadedFile("logo.png", b"plain text", content_type="image/png")

    response = client_for(membership.user).post(
        edit_url(organisation), profile_data(organisation, name="Hoeve Nieuw", logo=logo)
    )

    assert response.status_code == 400
    organisation.refresh_from_db()
    assert not organisation.logo
    assert organisation.name == "Hoeve Oud"


def test_logo_larger_than_two_megabytes_is_refused() -> None:
    membership = MembershipFactory()
    organisation = membership.organisation
    logo = SimpleUploadedFile("logo.png", png_bytes() + b"\0" * MAX_LOGO_BYTES, content_type="image/png")

    response = client_for(membership.user).post(edit_url(organisation), profile_data(organisation, logo=logo))

    assert response.status_code == 400
    assert b"The logo is larger than 2 MB." in response.content
    organisation.refresh_from_db()
    assert not organisation.logo


def test_staff_member_gets_403_and_nothing_changes() -> None:
    membership = MembershipFactory(role=MembershipRole.STAFF, organisation__name="Hoeve Oud")
    organisation = membership.organisation
    client = client_for(membership.user)

    assert client.get(edit_url(organisation)).status_code == 403
    response = client.post(edit_url(organisation), profile_data(organisation, name="Hoeve Nieuw"))

    assert response.status_code == 403
    organisation.refresh_from_db()
    assert organisation.name == "Hoeve Oud"


def test_owner_of_another_organisation_gets_403() -> None:
    owner = MembershipFactory().user
    organisation = OrganisationFactory(name="Hoeve Oud")

    response = client_for(owner).post(edit_url(organisation), profile_data(organisation, name="Hoeve Nieuw"))

    assert response.status_code == 403
    organisation.refresh_from_db()
    assert organisation.name == "Hoeve Oud"


def test_anonymous_is_sent_to_login() -> None:
    organisation = OrganisationFactory()

    response = Client().get(edit_url(organisation))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:login"))


def test_platform_admin_may_edit() -> None:
    organisation = OrganisationFactory()

    response = client_for(AdminUserFactory()).post(edit_url(organisation), profile_data(organisation, phone="011"))

    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.phone == "011"


def test_unknown_organisation_is_404() -> None:
    response = client_for(AdminUserFactory()).get(reverse("web:organisation_edit", args=[999999]))

    assert response.status_code == 404
