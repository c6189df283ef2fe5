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
