import json

import pytest
from django.test import Client

from streek.api.management.commands.api_schema import SCHEMA_PATH, api_schema_text

ENDPOINTS = [
    "/api/v1/sales-points",
    "/api/v1/sales-points/map",
    "/api/v1/sales-points/{slug}",
    "/api/v1/organisations",
    "/api/v1/organisations/{slug}",
    "/api/v1/municipalities",
    "/api/v1/municipalities/{code}",
    "/api/v1/regions",
    "/api/v1/regions/{slug}",
]


@pytest.mark.django_db
def test_openapi_schema_loads_and_lists_the_endpoints(client: Client) -> None:
    response = client.get("/api/v1/openapi.json")

    assert response.status_code == 200
    schema = response.json()
    assert set(ENDPOINTS) <= set(schema["paths"])
    parameters = {p["name"] for p in schema["paths"]["/api/v1/sales-points"]["get"]["parameters"]}
    assert {"q", "type", "category", "label", "near", "radius_km", "bbox", "limit", "cursor"} <= parameters


@pytest.mark.django_db
def test_docs_page_is_served(client: Client) -> None:
    assert client.get("/api/v1/docs").status_code == 200


def test_committed_schema_matches_the_live_schema() -> None:
    committed = json.loads(SCHEMA_PATH.read_text(encoding="utf-8")) if SCHEMA_PATH.exists() else None

    assert committed == json.loads(api_schema_text()), (
        "The API changed but docs/api/openapi.json did not. Review the change, then regenerate the snapshot with "
        "`.venv/bin/python manage.py api_schema` and commit docs/api/openapi.json."
    )


def test_token_endpoints_declare_the_problems_of_token_authentication() -> None:
    # given
    schema = json.loads(api_schema_text())
    operations = [operation for path in schema["paths"].values() for operation in path.values()]
    secured = [op for op in operations if any("TokenAuth" in r for r in op.get("security", ()))]

    # then
    assert secured
    for operation in secured:
        for status in ("401", "403", "429"):
            content = operation["responses"][status]["content"]
            assert content["application/problem+json"]["schema"] == {"$ref": "#/components/schemas/Problem"}
        assert "Retry-After" in operation["responses"]["429"]["headers"]
        assert "WWW-Authenticate" in operation["responses"]["401"]["headers"]
    public_list = schema["paths"]["/api/v1/products"]["get"]["responses"]
    assert "429" not in public_list
