from datetime import date

import pytest
from django.core.exceptions import ValidationError

from streek.accounts.tests.factories import UserFactory
from streek.catalog.models import OrganisationLabel
from streek.catalog.services.organisations import organisation_label_set
from streek.catalog.tests.factories import OrganisationFactory, OrganisationLabelFactory, concept

pytestmark = pytest.mark.django_db


def test_set_creates_a_label_with_its_certificate() -> None:
    # given
    organisation = OrganisationFactory()

    # when
    label = organisation_label_set(
        organisation=organisation,
        actor=UserFactory(),
        facet_key="Organic-EU",
        certificate_number="BE-BIO-01-12345",
        certifier="Certisys",
        valid_until=date(2030, 12, 31),
        evidence_url="https://example.org/cert",
    )

    # then
    assert label.pk is not None
    assert label.facet == concept("facet", "Organic-EU")
    assert label.certificate_number == "BE-BIO-01-12345"
    assert label.valid_until == date(2030, 12, 31)


def test_set_updates_the_label_already_declared() -> None:
    existing = OrganisationLabelFactory(certificate_number="OLD", certifier="Certisys")

    label = organisation_label_set(
        organisation=existing.organisation,
        actor=UserFactory(),
        facet_key="Organic-EU",
        certificate_number="NEW",
        certifier="TÜV Nord Integra",
    )

    assert label.pk == existing.pk
    assert OrganisationLabel.objects.filter(organisation=existing.organisation).count() == 1
    existing.refresh_from_db()
    assert (existing.certificate_number, existing.certifier) == ("NEW", "TÜV Nord Integra")


def test_a_concept_that_is_not_a_facet_is_refused() -> None:
    organisation = OrganisationFactory()

    with pytest.raises(ValidationError):
        organisation_label_set(organisation=organisation, actor=UserFactory(), facet_key="vegetable")

    assert not OrganisationLabel.objects.filter(organisation=organisation).exists()


def test_a_bad_evidence_link_is_refused() -> None:
    organisation = OrganisationFactory()

    with pytest.raises(ValidationError) as caught:
        organisation_label_set(
            organisation=organisation, actor=UserFactory(), facet_key="Organic-EU", evidence_url="not a link"
        )

    assert "evidence_url" in caught.value.message_dict
    assert not OrganisationLabel.objects.filter(organisation=organisation).exists()
