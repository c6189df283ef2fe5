"""The DFC import page: upload and check (nothing written), then import; problems listed; owners and managers only."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from streek.accounts.choices import MembershipRole
from streek.accounts.tests.factories import MembershipFactory, UserFactory
from streek.catalog.models import Product, Variant
from streek.catalog.tests.factories import OrganisationFactory
from streek.interop.models import DfcLink
from streek.interop.tests.dfc_documents import apples, catalogue, supplied_product_id, variant_nodes

pytestmark = pytest.mark.django_db


def page(organisation_id: int) -> str:
    return reverse("web:integration_dfc_import", args=[organisation_id])


def upload(document: object, name: str = "catalogue.json") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, json.dumps(document).encode(), content_type="application/ld+json")


def test_the_page_shows_the_upload_form(client: Client) -> None:
    membership = MembershipFactory()
    client.force_login(membership.user)

    response = client.get(page(membership.organisation_id), HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    assert b'type="file"' in response.content
    assert b"Upload and check" in response.content


def test_check_writes_nothing_then_import_writes_everything(client: Client) -> None:
    # given
    membership = MembershipFactory(role=MembershipRole.MANAGER)
    client.force_login(membership.user)

    # when checked
    checked = client.post(
        page(membership.organisation_id), {"file": upload(apples()), "action": "check"}, HTTP_ACCEPT_LANGUAGE="en"
    )

    # then the counts are shown, nothing is written, and the document waits to be imported
    assert checked.status_code == 200
    assert checked.context["result"].created == 2
    assert b"Import this catalogue" in checked.content
    assert Product.objects.count() == 0

    # when imported from the checked page
    imported = client.post(
        page(membership.organisation_id), {"document": checked.context["checked_document"], "action": "import"}
    )

    # then
    assert imported.status_code == 302
    assert imported["Location"] == reverse("web:product_list", args=[membership.organisation_id])
    assert Variant.objects.filter(product__organisation=membership.organisation).count() == 2
    assert DfcLink.objects.filter(organisation=membership.organisation).count() == 3


def test_problems_are_listed_with_node_and_property(client: Client) -> None:
    membership = MembershipFactory()
    client.force_login(membership.user)
    document = catalogue(*variant_nodes(1, group=None, unit="dfc-m:Euro"))

    response = client.post(
        page(membership.organisation_id), {"file": upload(document), "action": "import"}, HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response.status_code == 400
    content = response.content.decode()
    assert supplied_product_id(1) in content
    assert "dfc-b:hasQuantity" in content
    assert "is not a unit of quantity" in content
    assert Product.objects.count() == 0


def test_a_file_is_required(client: Client) -> None:
    membership = MembershipFactory()
    client.force_login(membership.user)

    response = client.post(page(membership.organisation_id), {"action": "check"}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400
    assert b"Choose a DFC file." in response.content


@pytest.mark.parametrize("role", [MembershipRole.STAFF, None])
def test_others_are_refused_and_nothing_changes(client: Client, role: str | None) -> None:
    organisation = OrganisationFactory()
    user = MembershipFactory(organisation=organisation, role=role).user if role else UserFactory()
    client.force_login(user)

    assert client.get(page(organisation.pk)).status_code == 403
    response = client.post(page(organisation.pk), {"file": upload(apples()), "action": "import"})

    assert response.status_code == 403
    assert Product.objects.count() == 0


def test_anonymous_visitors_are_sent_to_log_in(client: Client) -> None:
    organisation = OrganisationFactory()

    response = client.get(page(organisation.pk))

    assert response.status_code == 302
    assert "next=" in response["Location"]
