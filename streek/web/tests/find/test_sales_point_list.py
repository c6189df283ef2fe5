from datetime import time

import pytest
from django.test import Client
from django.urls import reverse

from streek.catalog.models import SalesPoint
from streek.catalog.opening_hours import local_now
from streek.catalog.tests.factories import OpeningRuleFactory, SalesPointFactory, concept, municipality

pytestmark = pytest.mark.django_db
URL = reverse("web:sales_point_list")


def names(response) -> list[str]:  # type: ignore[no-untyped-def]
    return [row.point.name for row in response.context["rows"]]


def test_lists_public_points_only(client: Client) -> None:
    SalesPointFactory(name="Open winkel")
    SalesPointFactory(name="Even dicht", status="temporarily_closed")
    SalesPointFactory(name="Voorstel", status="proposed")
    SalesPointFactory(name="Gesloten", status="closed")

    response = client.get(URL)

    assert response.status_code == 200
    assert names(response) == ["Even dicht", "Open winkel"]
    assert "Open winkel" in response.content.decode()


def test_type_filter_narrows_the_list(client: Client) -> None:
    SalesPointFactory(name="Hoevewinkel", type="farm_shop")
    SalesPointFactory(name="Automaat", type="vending_machine")

    response = client.get(URL, {"type": "vending_machine"})

    assert names(response) == ["Automaat"]


def test_category_filter_includes_narrower_product_types(client: Client) -> None:
    carrots = SalesPointFactory(name="Wortelboer")
    carrots.categories.add(concept("product_type", "carrot"))
    fruit = SalesPointFactory(name="Fruitboer")
    fruit.categories.add(concept("product_type", "apples"))

    response = client.get(URL, {"category": "vegetable"})

    assert names(response) == ["Wortelboer"]


def test_open_now_keeps_points_with_a_rule_covering_now(client: Client) -> None:
    today = local_now().weekday()
    open_point = SalesPointFactory(name="Nu open")
    OpeningRuleFactory(sales_point=open_point, weekday=today, opens=time(0, 0), closes=time(23, 59, 59))
    closed_point = SalesPointFactory(name="Andere dag")
    OpeningRuleFactory(sales_point=closed_point, weekday=(today + 1) % 7, opens=time(0, 0), closes=time(23, 59, 59))

    response = client.get(URL, {"open_now": "1"})

    assert names(response) == ["Nu open"]
    assert "Open now" in response.content.decode()


def test_near_and_radius_keep_close_points_nearest_first(client: Client) -> None:
    SalesPointFactory(name="Verder", lat=50.86, lon=5.25)
    SalesPointFactory(name="Dichtbij", lat=50.817, lon=5.187)
    SalesPointFactory(name="Venlo", municipality=municipality("GM0983"), lat=51.37, lon=6.17)

    response = client.get(URL, {"near": "3800", "radius_km": "10"})

    assert names(response) == ["Dichtbij", "Verder"]
    assert "km away" in response.content.decode()


def test_bad_filter_values_show_the_errors_and_keep_the_page(client: Client) -> None:
    SalesPointFactory(name="Hoevewinkel")

    response = client.get(URL, {"type": "castle", "open_on": "someday", "radius_km": "-3", "near": "Atlantis"})

    assert response.status_code == 200
    errors = response.context["errors"]
    assert set(errors) == {"type", "open_on", "radius_km", "near"}
    html = response.content.decode()
    assert 'role="alert"' in html
    assert "Unknown sales point type: castle" in html
    assert names(response) == ["Hoevewinkel"]


def test_unknown_region_is_an_error_not_a_crash(client: Client) -> None:
    SalesPointFactory(name="Hoevewinkel")

    response = client.get(URL, {"area": "region:nowhere"})

    assert response.status_code == 200
    assert "area" in response.context["errors"]
    assert names(response) == ["Hoevewinkel"]


def test_htmx_request_gets_the_partial_and_a_permalink(client: Client) -> None:
    SalesPointFactory(name="Automaat", type="vending_machine")

    response = client.get(
        URL,
        {"type": "vending_machine", "q": ""},
        HTTP_HX_REQUEST="true",
        HTTP_HX_CURRENT_URL="http://testserver/kaart/",
    )

    html = response.content.decode()
    assert "<html" not in html
    assert "Automaat" in html
    assert response["HX-Push-Url"] == "/kaart/?type=vending_machine"


def test_pages_of_25(client: Client) -> None:
    SalesPointFactory.create_batch(27)

    first = client.get(URL)
    second = client.get(URL, {"page": "2"})

    assert len(first.context["rows"]) == 25
    assert len(second.context["rows"]) == 2


def _points_with_details(count: int) -> None:
    vegetable = concept("product_type", "vegetable")
    for _ in range(count):
        point = SalesPointFactory()
        point.categories.add(vegetable)
        OpeningRuleFactory(sales_point=point)


@pytest.mark.parametrize("count", [3, 30])
def test_query_count_does_not_grow_with_the_points(client: Client, django_assert_num_queries, count: int) -> None:  # type: ignore[no-untyped-def]
    _points_with_details(count)

    with django_assert_num_queries(12):
        response = client.get(URL, {"near": "3800"})

    assert response.status_code == 200
    assert SalesPoint.objects.count() == count
