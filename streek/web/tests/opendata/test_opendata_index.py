import pytest
from django.test import Client
from django.urls import reverse

from streek.catalog.choices import SalesPointStatus
from streek.catalog.tests.factories import SalesPointFactory, municipality
from streek.territory.models import CustomRegion

pytestmark = pytest.mark.django_db


def test_lists_licence_and_downloads_per_municipality_region_and_province(settings) -> None:
    # given
    settings.STREEK_OPEN_DATA_LICENCE = "CC-BY-4.0"
    SalesPointFactory.create_batch(2)
    SalesPointFactory(municipality=municipality("21004"), status=SalesPointStatus.PROPOSED)
    region = CustomRegion.objects.create(name="Haspengouw", slug="haspengouw")
    region.municipalities.add(municipality("71053"))

    # when
    response = Client().get(reverse("web:opendata_index"))

    # then
    html = response.content.decode()
    assert response.status_code == 200
    assert "CC-BY-4.0" in html and settings.STREEK_OPEN_DATA_LICENCE_URL in html
    assert reverse("web:opendata_export", args=["csv"]) + "?municipality=71053" in html
    assert reverse("web:opendata_export", args=["geojson"]) + "?region=haspengouw" in html
    assert "?region=70000" in html  # the province of Limburg
    assert "?municipality=21004" not in html  # only a proposed point there


def test_page_needs_a_constant_number_of_queries(django_assert_max_num_queries) -> None:
    for code in ("71053", "21004", "11002"):
        SalesPointFactory(municipality=municipality(code))

    with django_assert_max_num_queries(5):
        Client().get(reverse("web:opendata_index"))
