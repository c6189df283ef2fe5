from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from streek.accounts.choices import MembershipRole
from streek.accounts.models import User
from streek.accounts.tests.factories import AdminUserFactory, MembershipFactory
from streek.catalog.models import Organisation, OrganisationLabel
from streek.catalog.tests.factories import OrganisationFactory, OrganisationLabelFactory, concept

pytestmark = pytest.mark.django_db


def client_for(user: User) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def labels_url(organisation: Organisation) -> str:
    return reverse("web:organisation_labels", args=[organisation.pk])


def test_labels_are_listed_with_certificates_and_expired_ones_marked(django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    # given
    membership = MembershipFactory()
    organisation = membership.organisation
    today = timezone.localdate()
    OrganisationLabelFactory(organisation=organisation, certificate_number="BIO-123", valid_until=today + timedelta(1))
    OrganisationLabelFactory(
        organisation=organisation,
        facet=concept("facet", "Demeter"),
        certificate_number="DEM-9",
        valid_until=today - timedelta(days=1),
    )
    client = client_for(membership.user)

    # when (session, user, organisation, editor check, labels, certification choices)
    with django_assert_num_queries(6):
        response = client.get(labels_url(organisation))

    # then
    assert response.status_code == 200
    content = response.content.decode()
    assert "BIO-123" in content and "DEM-9" in content
    assert content.count("Expired") == 1
    assert 'value="Organic-EU"' in content
    assert 'value="vegetable"' not in content


def test_posting_the_form_adds_a_label() -> None:
    membership = MembershipFactory()
    organisation = membership.organisation

    response = client_for(membership.user).post(
        labels_url(organisation),
        {
            "facet": "Organic-EU",
            "certificate_number": "BE-BIO-01-777",
            "certifier": "Certisys",
            "valid_until": "2031-06-30",
            "evidence_url": "https://example.org/certificate",
        },
    )

    assert response.status_code == 302
    label = OrganisationLabel.objects.get(organisation=organisation)
    assert label.facet.key == "Organic-EU"
    assert label.certificate_number == "BE-BIO-01-777"
    assert label.valid_until == date(2031, 6, 30)


def test_posting_the_same_label_updates_it() -> None:
    membership = MembershipFactory()
    existing = OrganisationLabelFactory(organisation=membership.organisation, certificate_number="OLD")

    response = client_for(membership.user).post(
        labels_url(membership.organisation), {"facet": "Organic-EU", "certificate_number": "NEW"}
    )

    assert response.status_code == 302
    existing.refresh_from_db()
    assert existing.certificate_number == "NEW"
    assert OrganisationLabel.objects.filter(organisation=membership.organisation).count() == 1


def test_a_facet_outside_the_certifications_gives_400_and_nothing_is_added() -> None:
    membership = MembershipFactory()

    response = client_for(membership.user).post(labels_url(membership.organisation), {"facet": "vegetable"})

    assert response.status_code == 400
    assert b"Please correct the fields marked below. Nothing was saved." in response.content
    assert not OrganisationLabel.objects.filter(organisation=membership.organisation).exists()


def test_remove_deletes_the_label() -> None:
    membership = MembershipFactory()
    label = OrganisationLabelFactory(organisation=membership.organisation)

    response = client_for(membership.user).post(
        reverse("web:organisation_label_remove", args=[membership.organisation.pk, label.pk])
    )

    assert response.status_code == 302
    assert not OrganisationLabel.objects.filter(pk=label.pk).exists()


def test_removing_the_label_of_another_organisation_is_404() -> None:
    membership = MembershipFactory()
    other = OrganisationLabelFactory()

    response = client_for(membership.user).post(
        reverse("web:organisation_label_remove", args=[membership.organisation.pk, other.pk])
    )

    assert response.status_code == 404
    assert OrganisationLabel.objects.filter(pk=other.pk).exists()


def test_staff_member_gets_403_and_nothing_changes() -> None:
    membership = MembershipFactory(role=MembershipRole.STAFF)
    label = OrganisationLabelFactory(organisation=membership.organisation)
    client = client_for(membership.user)

    assert client.get(labels_url(membership.organisation)).status_code == 403
    assert client.post(labels_url(membership.organisation), {"facet": "Demeter"}).status_code == 403
    response = client.post(reverse("web:organisation_label_remove", args=[membership.organisation.pk, label.pk]))

    assert response.status_code == 403
    assert list(OrganisationLabel.objects.filter(organisation=membership.organisation)) == [label]


def test_owner_of_another_organisation_gets_403() -> None:
    owner = MembershipFactory().user
    organisation = OrganisationFactory()

    response = client_for(owner).post(labels_url(organisation), {"facet": "Organic-EU"})

    assert response.status_code == 403
    assert not OrganisationLabel.objects.filter(organisation=organisation).exists()


def test_anonymous_is_sent_to_login() -> None:
    response = Client().get(labels_url(OrganisationFactory()))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:login"))


def test_platform_admin_may_add_a_label() -> None:
    organisation = OrganisationFactory()

    response = client_for(AdminUserFactory()).post(labels_url(organisation), {"facet": "Demeter"})

    assert response.status_code == 302
    assert OrganisationLabel.objects.filter(organisation=organisation, facet__key="Demeter").exists()
