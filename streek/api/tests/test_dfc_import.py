"""Importing a DFC catalogue through /api/dfc/: session or dfc:write token, 422 problems, all or nothing."""

import json
from typing import Any

import pytest
from django.test import Client

from streek.accounts.choices import MembershipRole
from streek.accounts.tests.factories import MembershipFactory, UserFactory, issue_api_token
from streek.catalog.models import Product, Variant
from streek.catalog.tests.factories import OrganisationFactory
from streek.interop.models import DfcLink
from streek.interop.tests.dfc_documents import apples, catalogue, supplied_product_id, variant_nodes

pytestmark = pytest.mark.django_db

LD = "application/ld+json"


def url(organisation_id: int, dry_run: bool = False) -> str:
    return f"/api/dfc/enterprises/{organisation_id}/catalog_import" + ("?dry_run=true" if dry_run else "")


def post(client: Client, target: str, body: Any, content_type: str = LD, **headers: Any) -> Any:
    data = body if isinstance(body, str) else json.dumps(body)
    return client.post(target, data, content_type=content_type, **headers)


def test_an_owner_imports_a_catalogue_and_again_without_duplicates(client: Client) -> None:
    # given
    membership = MembershipFactory(role=MembershipRole.MANAGER)
    client.force_login(membership.user)

    # when
    first = post(client, url(membership.organisation_id), apples())
    second = post(client, url(membership.organisation_id), apples(price=4), content_type="application/json")

    # then
    assert first.status_code == 200, first.content
    assert first.json()["created"] == 2
    assert second.status_code == 200
    assert (second.json()["created"], second.json()["updated"], second.json()["unchanged"]) == (0, 1, 1)
    assert Variant.objects.filter(product__organisation=membership.organisation).count() == 2


def test_problems_are_a_422_naming_node_and_property_and_nothing_is_written(client: Client) -> None:
    # given
    membership = MembershipFactory()
    client.force_login(membership.user)
    document = catalogue(*variant_nodes(1, group=None, unit="dfc-m:Euro"))

    # when
    response = post(client, url(membership.organisation_id), document, HTTP_ACCEPT_LANGUAGE="en")

    # then
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    errors = response.json()["errors"]
    assert errors[0]["node"] == supplied_product_id(1)
    assert errors[0]["property"] == "dfc-b:hasQuantity"
    assert "is not a unit of quantity" in errors[0]["message"]
    assert Product.objects.count() == 0
    assert DfcLink.objects.count() == 0


def test_bad_json_is_a_422_with_line_and_column(client: Client) -> None:
    membership = MembershipFactory()
    client.force_login(membership.user)

    response = post(client, url(membership.organisation_id), '{"@context": }', HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 422
    assert "line 1, column 14" in response.json()["errors"][0]["message"]


def test_another_content_type_is_refused(client: Client) -> None:
    membership = MembershipFactory()
    client.force_login(membership.user)

    response = post(client, url(membership.organisation_id), "a,b", content_type="text/csv")

    assert response.status_code == 422
    assert Product.objects.count() == 0


def test_the_dry_run_counts_without_writing(client: Client) -> None:
    membership = MembershipFactory()
    client.force_login(membership.user)

    response = post(client, url(membership.organisation_id, dry_run=True), apples())

    assert response.status_code == 200
    assert response.json()["created"] == 2
    assert response.json()["dry_run"] is True
    assert Product.objects.count() == 0


def test_refusals_write_nothing(client: Client) -> None:
    organisation = OrganisationFactory()
    # anonymous
    assert post(client, url(organisation.pk), apples()).status_code == 401
    # staff member
    client.force_login(MembershipFactory(organisation=organisation, role=MembershipRole.STAFF).user)
    assert post(client, url(organisation.pk), apples()).status_code == 403
    # a stranger
    client.force_login(UserFactory())
    assert post(client, url(organisation.pk), apples()).status_code == 403
    # an unknown organisation
    assert post(client, url(999999), apples()).status_code == 404
    assert Product.objects.count() == 0
    assert DfcLink.objects.count() == 0


def test_a_token_needs_the_dfc_write_scope_and_its_organisation(client: Client) -> None:
    # given tokens of one organisation
    organisation = OrganisationFactory()
    _row, writer = issue_api_token(organisation=organisation, scopes=["dfc:write"])
    _row, reader = issue_api_token(organisation=organisation, scopes=["dfc:read"])
    other = OrganisationFactory()

    # when / then
    assert post(client, url(organisation.pk), apples(), HTTP_AUTHORIZATION=f"Bearer {reader}").status_code == 403
    assert post(client, url(other.pk), apples(), HTTP_AUTHORIZATION=f"Bearer {writer}").status_code == 404
    assert Product.objects.count() == 0
    response = post(client, url(organisation.pk), apples(), HTTP_AUTHORIZATION=f"Bearer {writer}")
    assert response.status_code == 200, response.content
    assert Variant.objects.filter(product__organisation=organisation).count() == 2


def test_ofn_supplied_products_path_takes_one_product(client: Client) -> None:
    membership = MembershipFactory()
    client.force_login(membership.user)
    document = {"@context": "https://www.datafoodconsortium.org", **variant_nodes(3, group=None)[0]}

    response = post(client, f"/api/dfc/enterprises/{membership.organisation_id}/supplied_products", document)

    assert response.status_code == 200, response.content
    assert response.json()["created"] == 1
