import json

import pytest
from django.test import Client
from django.urls import reverse

from streek.catalog.tests.factories import SalesPointFactory

pytestmark = pytest.mark.django_db
URL = reverse("web:map")


def test_map_page_has_the_form_the_map_and_the_list(client: Client) -> None:
    SalesPointFactory(name="Hoevewinkel", lat=50.81, lon=5.18)

    response = client.get(URL)

    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-streek-map="find"' in html
    assert 'id="find-form"' in html
    assert 'hx-get="/verkooppunten/"' in html
    assert "leaflet/leaflet.js" in html
    assert "leaflet-markercluster/leaflet.markercluster.js" in html
    assert "Hoevewinkel" in html
    config = response.context["map_config"]
    assert config["dataUrl"] == reverse("web:map_data")
    assert config["tileUrl"] == ""
    assert config["bounds"] == {"south": 50.81, "north": 50.81, "west": 5.18, "east": 5.18}


def test_map_page_keeps_the_filters_in_the_form(client: Client) -> None:
    response = client.get(URL, {"type": "csa", "area": "municipality:71053", "open_now": "1"})

    form = response.context["form"]
    assert form.initial["type"] == ["csa"]
    assert form.initial["area"] == "municipality:71053"
    assert form.initial["open_now"] is True
    assert form.more_open


def test_map_page_shows_filter_errors_next_to_the_field(client: Client) -> None:
    response = client.get(URL, {"open_on": "31-12-2025"})

    html = response.content.decode()
    assert response.status_code == 200
    assert '<div id="find-open_on-error" class="field-error-slot"><p class="field-error" role="alert">' in html
    assert 'aria-invalid="true"' in html


def test_map_config_is_valid_json(client: Client) -> None:
    response = client.get(URL)

    html = response.content.decode()
    start = html.index('<script id="map-config" type="application/json">') + len(
        '<script id="map-config" type="application/json">'
    )
    config = json.loads(html[start : html.index("</script>", start)])
    assert config["i18n"]["total"]
