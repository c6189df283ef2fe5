import json
from typing import Any

import pytest
from django.test import Client

from streek.accounts.tests.factories import OfficerFactory

from .helpers import client_for, sales_by

pytestmark = pytest.mark.django_db

URL = "/monitor/kaart/"


def _config(body: str) -> dict[str, Any]:
    start = body.index('<script id="map-config" type="application/json">') + len(
        '<script id="map-config" type="application/json">'
    )
    return json.loads(body[start : body.index("</script>", start)])


def test_the_map_draws_a_cell_per_municipality_of_the_region_with_a_table() -> None:
    # given three producers selling in Sint-Truiden
    sales_by(3)

    # when the map of the turnover in Limburg is asked
    response = client_for().get(URL, {"figure": "K6.turnover", "year": "2025", "region": "province-70000"})

    # then every municipality of the province has a cell, and the table lists Sint-Truiden's turnover
    assert response.status_code == 200
    body = response.content.decode()
    config = _config(body)
    features = config["geojson"]["features"]
    assert len(features) > 10
    st = next(f for f in features if f["properties"]["code"] == "71053")
    assert st["geometry"]["type"] in ("Polygon", "MultiPolygon")
    assert st["properties"]["text"] == "300 EUR"
    assert "approximate the municipalities" in body
    assert "<table" in body
    assert "Legend" in body


def test_the_map_hides_small_figures_from_the_public_but_not_from_the_officer() -> None:
    sales_by(2)
    params = {"figure": "K6.turnover", "year": "2025", "region": "province-70000"}

    public = _config(client_for().get(URL, params).content.decode())
    officer = _config(client_for(OfficerFactory().user).get(URL, params).content.decode())

    def text(config: dict[str, Any]) -> str:
        return next(
            f["properties"]["text"] for f in config["geojson"]["features"] if f["properties"]["code"] == "71053"
        )

    assert "hidden" in text(public)
    assert text(officer) == "200 EUR"


def test_an_unknown_figure_is_a_400_with_the_form(client: Client) -> None:
    response = client.get(URL, {"figure": "K99.nothing", "year": "2025"})
    assert response.status_code == 400


def test_the_map_makes_a_fixed_number_of_queries(client: Client, django_assert_max_num_queries: Any) -> None:
    sales_by(5)
    with django_assert_max_num_queries(20):
        response = client.get(URL, {"figure": "K6.turnover", "year": "2025", "region": "province-70000"})
    assert response.status_code == 200
