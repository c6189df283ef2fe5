from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from streek.accounts.tests.factories import OfficerFactory, issue_api_token
from streek.catalog.tests.factories import OrganisationFactory
from streek.monitor.tests.factories import SaleFactFactory

pytestmark = pytest.mark.django_db


def _sales(producers: int) -> None:
    for _ in range(producers):
        SaleFactFactory(producer=OrganisationFactory(), value=Decimal("100.00"), producer_value=Decimal("100.00"))


def _english() -> Client:
    return Client(HTTP_ACCEPT_LANGUAGE="en")


def test_the_indicator_list_has_all_sixteen_definitions(django_assert_num_queries: Any) -> None:
    with django_assert_num_queries(0):
        response = _english().get("/api/v1/indicators")
    items = response.json()["items"]
    assert [item["code"] for item in items] == [f"K{n}" for n in range(1, 17)]
    k6 = items[5]
    assert k6["title"] == "Short-chain turnover"
    assert k6["per_quarter"] is True
    assert {"key": "K6.turnover", "label": "Short-chain turnover", "unit": "eur", "higher_is_better": True} in k6[
        "figures"
    ]
    assert k6["page"].endswith("/monitor/indicatoren/K6/")
    assert all(item["method"] and item["mufpp"] and item["caveats"] for item in items)


def test_the_indicator_list_answers_each_language_and_host_with_its_own_texts_and_links() -> None:
    # given the list already asked for in English on one host
    english = _english().get("/api/v1/indicators").json()

    # when it is asked for in French, in English again and on another host
    french = Client(HTTP_ACCEPT_LANGUAGE="fr").get("/api/v1/indicators").json()
    again = _english().get("/api/v1/indicators").json()
    elsewhere = Client(HTTP_ACCEPT_LANGUAGE="en", HTTP_HOST="127.0.0.1").get("/api/v1/indicators").json()

    # then each answer has the texts of its language and the links of its host (the memo never mixes them)
    assert again == english
    assert french["items"][5]["title"] != english["items"][5]["title"]
    assert english["items"][5]["url"] == "http://testserver/api/v1/indicators/K6"
    assert elsewhere["items"][5]["url"] == "http://127.0.0.1/api/v1/indicators/K6"
    assert elsewhere["items"][5]["title"] == english["items"][5]["title"]


def test_one_indicator_and_an_unknown_one(client: Client) -> None:
    assert client.get("/api/v1/indicators/k6").json()["code"] == "K6"
    response = client.get("/api/v1/indicators/K99")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


def test_the_figures_of_an_area_are_suppressed_for_the_public() -> None:
    _sales(2)

    body = _english().get("/api/v1/areas/municipality:71053/indicators", {"year": "2025"}).json()

    assert body["area"] == {"kind": "municipality", "code": "71053", "name": "Sint-Truiden", "municipality_count": 1}
    assert body["sees_unsuppressed"] is False
    k6 = next(i for i in body["indicators"] if i["code"] == "K6")
    turnover = next(f for f in k6["figures"] if f["key"] == "K6.turnover")
    assert turnover["suppressed"] is True
    assert turnover["value"] is None
    assert turnover["unit"] == "eur"


def test_an_officer_session_sees_the_figures_of_their_municipality() -> None:
    _sales(2)
    client = _english()
    client.force_login(OfficerFactory().user)

    body = client.get("/api/v1/areas/municipality-71053/indicators", {"year": "2025"}).json()

    assert body["sees_unsuppressed"] is True
    k6 = next(i for i in body["indicators"] if i["code"] == "K6")
    turnover = next(f for f in k6["figures"] if f["key"] == "K6.turnover")
    assert Decimal(turnover["value"]) == Decimal("200")
    assert turnover["organisations"] == 2


def test_an_api_token_sees_what_the_public_sees() -> None:
    _sales(2)
    _token, raw = issue_api_token()

    response = Client().get(
        "/api/v1/areas/municipality:71053/indicators", {"year": "2025"}, HTTP_AUTHORIZATION=f"Bearer {raw}"
    )

    assert response.status_code == 200
    assert response.json()["sees_unsuppressed"] is False


def test_a_quarter_gives_only_the_indicators_computed_per_quarter(client: Client) -> None:
    body = client.get("/api/v1/areas/municipality:71053/indicators", {"year": "2025", "quarter": "2"}).json()
    codes = [i["code"] for i in body["indicators"]]
    assert "K6" in codes and "K1" not in codes
    assert body["quarter"] == 2


def test_bad_parameters_are_problems(client: Client) -> None:
    assert client.get("/api/v1/areas/municipality:71053/indicators").status_code == 422
    assert (
        client.get("/api/v1/areas/municipality:71053/indicators", {"year": "2025", "quarter": "5"}).status_code == 422
    )
    missing = client.get("/api/v1/areas/municipality:00000/indicators", {"year": "2025"})
    assert missing.status_code == 404
    assert missing["Content-Type"] == "application/problem+json"


def test_one_figure_by_municipality_of_a_region(django_assert_max_num_queries: Any) -> None:
    _sales(3)
    client = _english()

    with django_assert_max_num_queries(12):
        response = client.get(
            "/api/v1/indicators/K6/by-municipality",
            {"figure": "K6.turnover", "year": "2025", "region": "province:70000"},
        )

    body = response.json()
    assert body["figure"]["key"] == "K6.turnover"
    assert body["region"]["kind"] == "province"
    sint_truiden = next(item for item in body["items"] if item["code"] == "71053")
    assert Decimal(sint_truiden["value"]) == Decimal("300")
    assert sint_truiden["organisations"] == 3
    assert len(body["items"]) == body["region"]["municipality_count"]


def test_by_municipality_refuses_a_figure_of_another_indicator_and_k16(client: Client) -> None:
    wrong = client.get("/api/v1/indicators/K6/by-municipality", {"figure": "K1.total", "year": "2025"})
    assert wrong.status_code == 422
    assert "figure" in wrong.json()["errors"]
    assert client.get("/api/v1/indicators/K16/by-municipality", {"year": "2025"}).status_code == 422
