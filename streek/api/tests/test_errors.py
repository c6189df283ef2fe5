"""Every error of the API is an RFC 7807 problem (application/problem+json with type, title, status, detail)."""

import json
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest
from django.test import Client
from ninja import NinjaAPI
from ninja.errors import HttpError, Throttled
from ninja.testing import TestClient

from streek.api.errors import PROBLEM_CONTENT_TYPE, register_handlers
from streek.core.exceptions import ApplicationError, NotFound, PermissionRefused


def is_problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status
    assert response["Content-Type"] == PROBLEM_CONTENT_TYPE
    body: dict[str, Any] = json.loads(response.content)
    assert body["type"] == "about:blank"
    assert body["status"] == status
    assert body["title"] and body["detail"]
    return body


RAISED: dict[str, Exception] = {
    "http404": Http404("secret path"),
    "not-found": NotFound("product"),
    "denied": PermissionDenied(),
    "refused": PermissionRefused("product"),
    "invalid": DjangoValidationError({"price": ["Too low."]}),
    "bad": ApplicationError("Nope."),
    "conflict": HttpError(409, "In use."),
    "throttled": Throttled(wait=30),
    "crash": RuntimeError("database password is hunter2"),
}


@pytest.fixture(scope="module")
def failing_api() -> TestClient:
    """A NinjaAPI with the project's handlers and one endpoint raising each kind of error."""
    api = NinjaAPI(urls_namespace="errors-test")
    register_handlers(api)

    @api.get("/raise/{name}")
    def raising(request: HttpRequest, name: str) -> None:
        raise RAISED[name]

    return TestClient(api)


@pytest.mark.parametrize(
    ("name", "status"),
    [
        ("http404", 404),
        ("not-found", 404),
        ("denied", 403),
        ("refused", 403),
        ("invalid", 422),
        ("bad", 400),
        ("conflict", 409),
        ("throttled", 429),
        ("crash", 500),
    ],
)
def test_each_exception_is_a_problem(failing_api: TestClient, name: str, status: int) -> None:
    response = failing_api.get(f"/raise/{name}")

    is_problem(response, status)


def test_a_server_error_leaks_no_traceback(failing_api: TestClient) -> None:
    response = failing_api.get("/raise/crash")

    body = is_problem(response, 500)
    assert "hunter2" not in response.content.decode()
    assert "Traceback" not in response.content.decode()
    assert set(body) == {"type", "title", "status", "detail"}


def test_a_validation_error_names_the_field(failing_api: TestClient) -> None:
    body = is_problem(failing_api.get("/raise/invalid"), 422)

    assert body["errors"] == {"price": "Too low."}


def test_throttling_says_when_to_retry(failing_api: TestClient) -> None:
    response = failing_api.get("/raise/throttled")

    is_problem(response, 429)
    assert response["Retry-After"] == "30"


@pytest.mark.django_db
def test_the_api_answers_problems_for_401_404_405_and_422(client: Client) -> None:
    unauthenticated = client.post("/api/v1/products", "{}", content_type="application/json")
    missing = client.get("/api/v1/products/999999")
    not_allowed = client.put("/api/v1/products")
    invalid = client.get("/api/v1/products?limit=0")

    is_problem(unauthenticated, 401)
    is_problem(missing, 404)
    is_problem(not_allowed, 405)
    assert set(not_allowed["Allow"].split(", ")) == {"GET", "POST"}
    assert "limit" in is_problem(invalid, 422)["errors"]
