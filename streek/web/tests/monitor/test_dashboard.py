from typing import Any

import pytest
from django.test import Client

from streek.accounts.tests.factories import AdminUserFactory, OfficerFactory
from streek.territory.models import Municipality

from .helpers import DASHBOARD, client_for, sales_by

pytestmark = pytest.mark.django_db


def test_dashboard_shows_every_indicator_to_the_public() -> None:
    # given sales by three producers (enough to show the turnover)
    sales_by(3)

    # when an anonymous visitor opens the dashboard
    response = client_for().get(DASHBOARD)

    # then every indicator K1-K15 has its section, and the turnover is shown with its unit
    assert response.status_code == 200
    body = response.content.decode()
    for code in [f"K{n}" for n in range(1, 17)]:
        assert f'id="{code}"' in body
    assert "300 EUR" in body
    assert "Sint-Truiden" in body


def test_a_figure_of_fewer_than_three_organisations_is_hidden_and_explained_to_the_public() -> None:
    # given sales by two producers only
    sales_by(2)

    # when the public looks
    body = client_for().get(DASHBOARD).content.decode()

    # then the turnover is hidden and the page explains why
    assert "200 EUR" not in body
    assert "hidden" in body
    assert "fewer than 3 organisations" in body


def test_an_officer_sees_the_unsuppressed_figures_of_their_own_municipality() -> None:
    # given sales by two producers in Sint-Truiden and an officer of Sint-Truiden
    sales_by(2)
    officer = OfficerFactory().user

    # when the officer looks at their own municipality
    body = client_for(officer).get(DASHBOARD).content.decode()

    # then the turnover is shown
    assert "200 EUR" in body
    assert "Enter figures" in body


def test_an_officer_of_another_municipality_sees_the_figure_hidden() -> None:
    # given sales by two producers in Sint-Truiden and an officer of Leuven
    sales_by(2)
    officer = OfficerFactory(municipality=Municipality.objects.get(code="24062")).user

    # when that officer looks at Sint-Truiden
    body = client_for(officer).get(DASHBOARD).content.decode()

    # then the turnover stays hidden, and no link to enter Sint-Truiden's figures
    assert "200 EUR" not in body
    assert "fewer than 3 organisations" in body
    assert "Enter figures" not in body


def test_missing_entered_figures_are_named_with_a_link_for_officers() -> None:
    # given an officer of Sint-Truiden and no population entered
    officer = OfficerFactory().user

    # when the officer opens the dashboard
    body = client_for(officer).get(DASHBOARD).content.decode()

    # then the unknown figures are named and the officer is pointed to the entry page
    assert "Some figures are unknown" in body
    assert "Enter the missing figures" in body
    assert "/monitor/cijfers/?year=2025" in body


def test_the_dashboard_compares_with_the_province_and_the_country() -> None:
    body = client_for().get(DASHBOARD).content.decode()

    assert "Provincie Limburg" in body or "Limburg" in body
    assert "Belgi" in body


def test_an_admin_sees_every_figure() -> None:
    sales_by(1)
    body = client_for(AdminUserFactory()).get(DASHBOARD).content.decode()
    assert "100 EUR" in body


@pytest.mark.parametrize(
    "url",
    ["/monitor/country-BE/2025/", "/monitor/province-70000/2025/", "/monitor/admin_region-02000/2025/"],
)
def test_dashboards_of_wider_areas_render(url: str, client: Client) -> None:
    response = client.get(url)
    assert response.status_code in (200, 404)
    if "country" in url:
        assert response.status_code == 200


def test_the_colon_form_redirects_to_the_url_form(client: Client) -> None:
    response = client.get("/monitor/municipality:71053/2025/")
    assert response.status_code == 302
    assert response["Location"] == DASHBOARD


def test_unknown_areas_and_years_are_404(client: Client) -> None:
    assert client.get("/monitor/municipality-00000/2025/").status_code == 404
    assert client.get("/monitor/planet-earth/2025/").status_code == 404
    assert client.get("/monitor/municipality-71053/1900/").status_code == 404
    assert client.get("/monitor/municipality-71053/2999/").status_code == 404


def test_the_area_without_a_year_opens_the_last_complete_year(client: Client) -> None:
    response = client.get("/monitor/municipality-71053/")
    assert response.status_code == 302
    assert response["Location"].startswith("/monitor/municipality-71053/")


def test_the_dashboard_makes_a_fixed_number_of_queries(django_assert_max_num_queries: Any) -> None:
    # given many producers: the number of queries must not grow with them
    sales_by(8)
    client = client_for()
    client.get(DASHBOARD)  # warm the session and content types

    with django_assert_max_num_queries(90):
        response = client.get(DASHBOARD)

    assert response.status_code == 200


def test_the_quarters_page_shows_the_indicators_computed_per_quarter() -> None:
    sales_by(3)
    response = client_for().get("/monitor/municipality-71053/2025/kwartalen/")
    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="K6"' in body
    assert 'id="K1"' not in body
    assert "Q2" in body


def test_the_dashboard_draws_accessible_charts(real_charts: None) -> None:
    sales_by(3)
    body = client_for().get(DASHBOARD).content.decode()
    assert body.count('role="img"') >= 15
    assert "<desc" in body
