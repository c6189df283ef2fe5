from typing import Any

import pytest
from django.test import Client

from streek.catalog.choices import OrganisationKind, SalesPointStatus
from streek.catalog.models import OrganisationLabel, Product
from streek.catalog.tests.factories import OrganisationFactory, SalesPointFactory, municipality

from .conftest import concept

pytestmark = pytest.mark.django_db

LIST = "/api/v1/organisations"


def slugs(response: Any) -> list[str]:
    return [item["slug"] for item in response.json()["items"]]


@pytest.mark.parametrize("n", [3, 30])
def test_list_query_count_does_not_grow_with_the_data(n: int, client: Client, django_assert_num_queries: Any) -> None:
    OrganisationFactory.create_batch(n)

    with django_assert_num_queries(1):
        response = client.get(LIST, {"limit": "200"})

    assert len(response.json()["items"]) == n


def test_list_item_fields(client: Client) -> None:
    organisation = OrganisationFactory.create(
        name="Hoeve De Linde", locality="Sint-Truiden", website="https://linde.example"
    )

    item = client.get(LIST).json()["items"][0]

    assert item["slug"] == organisation.slug
    assert item["name"] == "Hoeve De Linde"
    assert item["kind"] == "producer"
    assert item["kind_label"]
    assert item["municipality"] == {"code": "71053", "name": "Sint-Truiden"}
    assert item["website"] == "https://linde.example"
    assert item["url"] == f"http://testserver/api/v1/organisations/{organisation.slug}"


def test_list_filters_on_kind_municipality_and_search(client: Client) -> None:
    OrganisationFactory.create(slug="linde", name="Hoeve De Linde")
    OrganisationFactory.create(slug="hub", name="Voedselhub Haspengouw", kind=OrganisationKind.HUB)
    OrganisationFactory.create(slug="amsterdam", name="Stadsboer", municipality=municipality("GM0363"))

    assert slugs(client.get(LIST, {"kind": "hub"})) == ["hub"]
    assert slugs(client.get(LIST, {"municipality": "GM0363"})) == ["amsterdam"]
    assert slugs(client.get(LIST, {"q": "linde"})) == ["linde"]


def test_next_cursor_walks_every_organisation_exactly_once(client: Client) -> None:
    organisations = [OrganisationFactory.create(name=name) for name in ["B", "A", "B", "C", "A"]]

    seen: list[str] = []
    response = client.get(LIST, {"limit": "2", "count": "true"})
    assert response.json()["count"] == 5
    while True:
        body = response.json()
        seen.extend(item["slug"] for item in body["items"])
        if body["next"] is None:
            break
        response = client.get(body["next"])

    assert seen == [o.slug for o in sorted(organisations, key=lambda o: (o.name, o.pk))]


def test_unknown_kind_gives_a_problem_naming_the_parameter(client: Client) -> None:
    response = client.get(LIST, {"kind": "castle"})

    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert "kind" in response.json()["errors"]


def test_detail_has_labels_practices_products_and_public_sales_points(client: Client) -> None:
    # given
    organisation = OrganisationFactory.create(slug="linde", practices=["organic", "agroforestry"])
    OrganisationLabel.objects.create(organisation=organisation, facet=concept("facet", "Demeter"), certifier="TÜV")
    apples = concept("product_type", "apples")
    for name in ["Jonagold", "Elstar"]:
        Product.objects.create(organisation=organisation, name_nl=name, product_type=apples)
    Product.objects.create(organisation=organisation, name_nl="Oud", product_type=apples, is_active=False)
    SalesPointFactory.create(slug="linde-winkel", operator=organisation)
    SalesPointFactory.create(slug="linde-voorstel", operator=organisation, status=SalesPointStatus.PROPOSED)

    # when
    response = client.get(f"{LIST}/linde")

    # then
    assert response.status_code == 200
    body = response.json()
    assert [p["key"] for p in body["practices"]] == ["organic", "agroforestry"]
    assert body["labels"][0]["key"] == "Demeter"
    assert body["labels"][0]["certifier"] == "TÜV"
    assert body["products"]["count"] == 2
    assert body["products"]["product_types"] == [{"key": "apples", "label": apples.label, "count": 2}]
    assert [p["slug"] for p in body["sales_points"]] == ["linde-winkel"]
    assert body["sales_points"][0]["url"] == "http://testserver/api/v1/sales-points/linde-winkel"


def test_unknown_slug_gives_a_404_problem(client: Client) -> None:
    response = client.get(f"{LIST}/nobody")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
