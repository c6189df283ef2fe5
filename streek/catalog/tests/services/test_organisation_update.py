import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from streek.accounts.tests.factories import UserFactory
from streek.catalog.services.organisations import MAX_LOGO_BYTES, organisation_update
from streek.catalog.tests.factories import OrganisationFactory, country, municipality

pytestmark = pytest.mark.django_db


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "green").save(buffer, format="PNG")
    return buffer.getvalue()


def test_update_changes_the_given_fields() -> None:
    # given
    organisation = OrganisationFactory(name="Hoeve Oud", phone="")

    # when
    organisation_update(organisation=organisation, actor=UserFactory(), name="Hoeve Nieuw", phone="011 12 34 56")

    # then
    organisation.refresh_from_db()
    assert organisation.name == "Hoeve Nieuw"
    assert organisation.phone == "011 12 34 56"


def test_belgian_enterprise_number_is_normalised() -> None:
    organisation = OrganisationFactory()

    organisation_update(organisation=organisation, actor=UserFactory(), enterprise_number="BE 0403 170 701")

    organisation.refresh_from_db()
    assert organisation.enterprise_number == "0403.170.701"


def test_invalid_belgian_enterprise_number_is_refused_on_the_field_and_nothing_changes() -> None:
    organisation = OrganisationFactory(name="Hoeve", enterprise_number="")

    with pytest.raises(ValidationError) as caught:
        organisation_update(
            organisation=organisation, actor=UserFactory(), name="Andere naam", enterprise_number="0403170702"
        )

    assert "enterprise_number" in caught.value.message_dict
    organisation.refresh_from_db()
    assert organisation.name == "Hoeve"
    assert organisation.enterprise_number == ""


def test_dutch_kvk_number_is_eight_digits() -> None:
    organisation = OrganisationFactory(country=country("NL"), municipality=None)

    organisation_update(organisation=organisation, actor=UserFactory(), enterprise_number="1234 5678")

    organisation.refresh_from_db()
    assert organisation.enterprise_number == "12345678"
    with pytest.raises(ValidationError) as caught:
        organisation_update(organisation=organisation, actor=UserFactory(), enterprise_number="1234567")
    assert "enterprise_number" in caught.value.message_dict


def test_enterprise_number_of_another_organisation_is_refused() -> None:
    OrganisationFactory(enterprise_number="0403.170.701")
    organisation = OrganisationFactory()

    with pytest.raises(ValidationError) as caught:
        organisation_update(organisation=organisation, actor=UserFactory(), enterprise_number="0403170701")

    assert "enterprise_number" in caught.value.message_dict


def test_changed_postal_code_sets_municipality_and_position() -> None:
    # given
    organisation = OrganisationFactory(postal_code="3800", locality="Sint-Truiden", lat=None, lon=None)

    # when
    organisation_update(
        organisation=organisation, actor=UserFactory(), street="Grote Markt 1", postal_code="3500", locality=""
    )

    # then
    organisation.refresh_from_db()
    hasselt = municipality("71072")
    assert organisation.municipality == hasselt
    assert (organisation.lat, organisation.lon) == (hasselt.lat, hasselt.lon)


def test_given_position_is_kept_when_the_address_changes() -> None:
    organisation = OrganisationFactory(postal_code="3800")

    organisation_update(organisation=organisation, actor=UserFactory(), postal_code="3500", lat=50.9, lon=5.3)

    organisation.refresh_from_db()
    assert (organisation.lat, organisation.lon) == (50.9, 5.3)
    assert organisation.municipality == municipality("71053")


def test_unknown_postal_code_is_refused_on_the_postal_code() -> None:
    organisation = OrganisationFactory(postal_code="3800")

    with pytest.raises(ValidationError) as caught:
        organisation_update(organisation=organisation, actor=UserFactory(), postal_code="0001", locality="")

    assert "postal_code" in caught.value.message_dict
    organisation.refresh_from_db()
    assert organisation.postal_code == "3800"


def test_unknown_practices_are_refused() -> None:
    organisation = OrganisationFactory(practices=["organic"])

    with pytest.raises(ValidationError) as caught:
        organisation_update(organisation=organisation, actor=UserFactory(), practices=["organic", "magic"])

    assert "practices" in caught.value.message_dict
    organisation.refresh_from_db()
    assert organisation.practices == ["organic"]


def test_known_practices_are_saved() -> None:
    organisation = OrganisationFactory(practices=[])

    organisation_update(organisation=organisation, actor=UserFactory(), practices=["organic", "no_till"])

    organisation.refresh_from_db()
    assert organisation.practices == ["organic", "no_till"]


def test_logo_image_is_stored() -> None:
    organisation = OrganisationFactory()

    organisation_update(
        organisation=organisation,
        actor=UserFactory(),
        logo=SimpleUploadedFile("logo.png", png_bytes(), content_type="image/png"),
    )

    organisation.refresh_from_db()
    assert organisation.logo.name.startswith("logos/logo")


def test_logo_that_is_not_an_image_is_refused() -> None:
    organisation = OrganisationFactory()

    with pytest.raises(ValidationError) as caught:
        organisation_update(
            organisation=organisation,
            actor=UserFactory(),
            logo=SimpleUploadedFile("logo.png", b"not an image", content_type="image/png"),
        )

    assert "logo" in caught.value.message_dict
    organisation.refresh_from_db()
    assert not organisation.logo


def test_logo_larger_than_two_megabytes_is_refused() -> None:
    organisation = OrganisationFactory()
    big = png_bytes() + b"\0" * MAX_LOGO_BYTES

    with pytest.raises(ValidationError) as caught:
        organisation_update(
            organisation=organisation,
            actor=UserFactory(),
            logo=SimpleUploadedFile("logo.png", big, content_type="image/png"),
        )

    assert "logo" in caught.value.message_dict
    organisation.refresh_from_db()
    assert not organisation.logo


def test_fields_outside_the_profile_cannot_be_changed() -> None:
    organisation = OrganisationFactory()

    with pytest.raises(TypeError):
        organisation_update(organisation=organisation, actor=UserFactory(), slug="other")
