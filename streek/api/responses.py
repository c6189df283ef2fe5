"""Fast answers for the busiest list endpoints: bodies built as plain values, encoded once.

ninja validates every returned body through the endpoint's response schema and dumps it again before encoding it;
for a page of 50 products with their variants that costs more CPU than the queries. `json_response` encodes a body
the endpoint already built in the schema's shape, with ninja's own encoder (so decimals, dates and times look the
same), and the schema stays declared on the route for the OpenAPI document.

The API's tests turn on `CHECK_AGAINST_SCHEMA` (streek/api/tests/conftest.py): every body is then also validated
and dumped through its schema the way ninja would, and must encode to the same JSON; a field missing, extra or of
another type fails the test.

`url_builder` reverses an API route once per request and formats each item's absolute URL from it.
"""

import json
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Schema
from ninja.responses import NinjaJSONEncoder

CONTENT_TYPE = "application/json; charset=utf-8"
CHECK_AGAINST_SCHEMA = False
# A value no route argument takes, replaced by each item's own (ids and slugs never need quoting).
_MARKER = 4_294_967_291


class SchemaMismatch(AssertionError):
    """A body that the response schema would have rendered differently (only raised with CHECK_AGAINST_SCHEMA)."""


def encode(body: Any) -> str:
    return json.dumps(body, cls=NinjaJSONEncoder)


def json_response(schema: type[Schema], body: dict[str, Any], *, status: int = 200) -> HttpResponse:
    """`body` (already in the shape of `schema`) as the JSON answer ninja would give for it."""
    content = encode(body)
    if CHECK_AGAINST_SCHEMA:
        expected = encode(schema.model_validate(body).model_dump())
        if json.loads(expected) != json.loads(content):
            raise SchemaMismatch(f"{schema.__name__}: {content[:2000]} != {expected[:2000]}")
    return HttpResponse(content, status=status, content_type=CONTENT_TYPE)


def url_builder(request: HttpRequest, name: str, argument: str) -> Callable[[int | str], str]:
    """A function giving the absolute URL of route `name` for a value of its one `argument` (an id or a slug)."""
    marker = str(_MARKER)
    url = request.build_absolute_uri(reverse(name, kwargs={argument: _MARKER}))
    prefix, found, suffix = url.rpartition(marker)
    if not found:  # pragma: no cover - every route argument of the API is in the path
        raise ValueError(f"{name} does not put {argument} in its path")
    return lambda value: f"{prefix}{value}{suffix}"
