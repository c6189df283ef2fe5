from typing import Any

import pytest
from django.test import Client

from streek.accounts.tests.factories import OfficerFactory
from streek.monitor.selectors import indicator_definitions

from .helpers import client_for

pytestmark = pytest.mark.django_db


def test_the_index_finds_a_municipality_by_name() -> None:
    response = client_for().get("/monitor/", {"q": "Sint-Truiden", "year": "2024"})
    assert response.status_code == 200
    assert "/monitor/municipality-71053/2024/" in response.content.decode()


def test_the_index_sends_a_chosen_region_to_its_dashboard(client: Client) -> None:
    response = client.get("/monitor/", {"area": "country-NL", "year": "2024"})
    assert response.status_code == 302
    assert response["Location"] == "/monitor/country-NL/2024/"


def test_the_index_lists_an_officers_municipalities() -> None:
    officer = OfficerFactory().user
    body = client_for(officer).get("/monitor/").content.decode()
    assert "Your municipalities" in body
    assert "/monitor/municipality-71053/" in body


def test_the_index_makes_a_fixed_number_of_queries(client: Client, django_assert_max_num_queries: Any) -> None:
    with django_assert_max_num_queries(6):
        response = client.get("/monitor/", {"q": "Sint"})
    assert response.status_code == 200


def test_the_definitions_page_lists_all_sixteen_indicators(client: Client, django_assert_num_queries: Any) -> None:
    with django_assert_num_queries(0):
        response = client.get("/monitor/indicatoren/")
    body = response.content.decode()
    for n in range(1, 17):
        assert f"/monitor/indicatoren/K{n}/" in body


@pytest.mark.parametrize("code", [f"K{n}" for n in range(1, 17)])
def test_every_indicator_has_a_definition_page(code: str) -> None:
    definition = next(d for d in indicator_definitions() if d.code == code)
    response = client_for().get(f"/monitor/indicatoren/{code}/")
    body = response.content.decode()
    assert response.status_code == 200
    for heading in ("Method", "Unit", "Source", "Caveats", "Milan Urban Food Policy Pact"):
        assert heading in body
    for figure in definition.figures:
        assert figure.key in body


def test_a_lowercase_code_redirects_and_an_unknown_code_is_404(client: Client) -> None:
    assert client.get("/monitor/indicatoren/k6/")["Location"] == "/monitor/indicatoren/K6/"
    assert client.get("/monitor/indicatoren/K99/").status_code == 404


def test_the_site_navigation_links_to_the_monitor(client: Client) -> None:
    assert 'href="/monitor/"' in client.get("/monitor/indicatoren/").content.decode()
