import pytest
from django.test import Client
from django.urls import reverse

from streek.catalog.tests.factories import SalesPointFactory, concept

pytestmark = pytest.mark.django_db
URL = reverse("web:map_data")


def test_returns_points_in_the_viewport_with_their_page(client: Client) -> None:
    inside = SalesPointFactory(name="Binnen", slug="binnen", type="vending_machine", lat=50.81, lon=5.18)
    SalesPointFactory(name="Buiten", lat=51.9, lon=4.5)

    response = client.get(URL, {"bbox": "5.0,50.7,5.3,50.9", "zoom": "12"})

    assert response.status_code == 200
    data = response.json()
    assert data["total"] == 1
    assert data["clusters"] == []
    assert data["points"] == [
        {
            "id": inside.pk,
            "slug": "binnen",
            "name": "Binnen",
            "type": "vending_machine",
            "type_label": "Vending machine",
            "lat": 50.81,
            "lon": 5.18,
            "url": "/verkooppunt/binnen/",
        }
    ]


def test_takes_the_same_filters_as_the_list(client: Client) -> None:
    dairy = SalesPointFactory(name="Zuivel")
    dairy.categories.add(concept("product_type", "cow-dairy-product"))
    SalesPointFactory(name="Anders")

    response = client.get(URL, {"category": "dairy-product", "area": "municipality:71053"})

    assert [p["name"] for p in response.json()["points"]] == ["Zuivel"]


def test_bad_values_are_reported_not_a_server_error(client: Client) -> None:
    SalesPointFactory()

    response = client.get(URL, {"bbox": "nonsense", "zoom": "far", "type": "castle"})

    assert response.status_code == 200
    data = response.json()
    assert set(data["errors"]) == {"__all__", "type"}
    assert data["total"] == 1


def test_non_public_points_are_not_on_the_map(client: Client) -> None:
    SalesPointFactory(status="proposed")
    SalesPointFactory(status="closed")

    response = client.get(URL)

    assert response.json()["total"] == 0


@pytest.mark.parametrize("count", [3, 30])
def test_query_count_does_not_grow_with_the_points(client: Client, django_assert_num_queries, count: int) -> None:  # type: ignore[no-untyped-def]
    SalesPointFactory.create_batch(count)

    with django_assert_num_queries(2):
        response = client.get(URL, {"bbox": "4,50,6,52", "zoom": "10", "type": "farm_shop"})

    assert response.json()["total"] == count
