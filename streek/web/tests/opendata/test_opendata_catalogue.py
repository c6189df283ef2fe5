import json

import pytest
from django.test import Client
from django.urls import reverse

from streek.catalog.tests.factories import SalesPointFactory

pytestmark = pytest.mark.django_db


def test_the_catalogue_lists_every_download_with_licence_formats_and_the_dfc_catalogue(django_assert_num_queries):
    SalesPointFactory()

    with django_assert_num_queries(3):
        response = Client().get(reverse("web:opendata_catalogue"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    assert response["Link"] == '<https://creativecommons.org/licenses/by/4.0/>; rel="license"'
    catalogue = json.loads(response.content)
    assert catalogue["@type"] == "dcat:Catalog"
    assert catalogue["dct:license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert catalogue["streek:dfcOpenCatalogue"] == "http://testserver/api/dfc/open/catalog"
    everything, *areas = catalogue["dcat:dataset"]
    formats = {d["dct:format"]: d["dcat:downloadURL"] for d in everything["dcat:distribution"]}
    assert formats == {
        "GeoJSON": "http://testserver/open-data/verkooppunten.geojson",
        "CSV": "http://testserver/open-data/verkooppunten.csv",
    }
    municipality = next(d for d in areas if d.get("dct:spatial") == "Sint-Truiden")
    urls = {d["dct:format"]: d["dcat:downloadURL"] for d in municipality["dcat:distribution"]}
    assert urls["CSV"] == "http://testserver/open-data/verkooppunten.csv?municipality=71053"
    assert urls["JSON-LD (DFC)"] == "http://testserver/api/dfc/open/catalog?municipality=71053"
    assert municipality["dct:publisher"]["foaf:name"] == "Streek"
    assert all(d["dct:license"] for d in catalogue["dcat:dataset"])


def test_the_csv_download_names_its_licence_in_a_link_header():
    SalesPointFactory()

    response = Client().get(reverse("web:opendata_export", args=["csv"]))

    assert response["Link"] == '<https://creativecommons.org/licenses/by/4.0/>; rel="license"'
