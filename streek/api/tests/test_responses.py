"""The fast JSON answers of the list endpoints: the schema check the tests run with, and the URL builder."""

import json
from decimal import Decimal
from typing import Any

import pytest
from django.test import RequestFactory
from django.urls import reverse

from streek.api import responses
from streek.api.schemas.catalog import VariantPage


def test_a_body_the_schema_would_render_differently_fails_the_check() -> None:
    # given: CHECK_AGAINST_SCHEMA is on in the API tests (conftest)
    body: dict[str, Any] = {"items": [], "next": None, "count": None, "secret": "leaked"}

    # when / then
    with pytest.raises(responses.SchemaMismatch):
        responses.json_response(VariantPage, body)


def test_a_body_in_the_schemas_shape_is_encoded_like_ninja() -> None:
    # given
    body: dict[str, Any] = {"items": [], "next": None, "count": 3}

    # when
    response = responses.json_response(VariantPage, body)

    # then
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert json.loads(response.content) == body
    assert responses.encode({"price": Decimal("2.10")}) == '{"price": "2.10"}'


def test_the_url_builder_gives_the_reversed_absolute_url_of_each_value() -> None:
    # given
    request = RequestFactory().get("/api/v1/products", HTTP_HOST="testserver")

    # when
    url = responses.url_builder(request, "api-1:product_detail", "product_id")

    # then
    assert url(42) == request.build_absolute_uri(reverse("api-1:product_detail", kwargs={"product_id": 42}))
    assert url(7) == "http://testserver/api/v1/products/7"
