import pytest
from django.test import Client
from django.urls import reverse

from streek.catalog.tests.factories import SalesPointFactory, municipality
from streek.territory.models import CustomRegion

pytestmark = pytest.mark.django_db
URL = reverse("web:map_embed")


def test_embed_can_be_framed_by_other_sites(client: Client) -> None:
    SalesPointFactory(name="Hoevewinkel")

    response = client.get(URL, {"municipality": "71053"})

    assert response.status_code == 200
    assert "X-Frame-Options" not in response
    html = response.content.decode()
    assert 'class="site-header"' not in html
    assert response.context["map_config"]["params"] == {"municipality": "71053"}
    assert response.context["map_config"]["newTab"] is True


def test_other_pages_still_refuse_frames(client: Client) -> None:
    response = client.get(reverse("web:map"))

    assert response["X-Frame-Options"] == "DENY"


def test_embed_of_a_custom_region_fits_its_points(client: Client) -> None:
    region = CustomRegion.objects.create(name="Haspengouw", slug="haspengouw")
    region.municipalities.add(municipality("71053"))
    SalesPointFactory(lat=50.80, lon=5.10)
    SalesPointFactory(lat=50.85, lon=5.20)

    response = client.get(URL, {"region": "haspengouw"})

    assert response.status_code == 200
    assert response.context["map_config"]["bounds"] == {"south": 50.8, "north": 50.85, "west": 5.1, "east": 5.2}


@pytest.mark.parametrize("query", [{}, {"municipality": "00000"}, {"region": "nowhere"}])
def test_unknown_area_is_not_found(client: Client, query: dict[str, str]) -> None:
    assert client.get(URL, query).status_code == 404


def test_embed_help_lists_municipalities_with_points_and_their_code(client: Client) -> None:
    SalesPointFactory()
    CustomRegion.objects.create(name="Haspengouw", slug="haspengouw")

    response = client.get(reverse("web:embed_help"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Sint-Truiden" in html
    assert "embed/kaart/?municipality=71053" in html
    assert "embed/kaart/?region=haspengouw" in html
