"""Schemas shared by every domain: problem details, references to territory and taxonomy concepts."""

from datetime import time
from typing import Annotated

from ninja import Schema
from pydantic import WithJsonSchema


class Problem(Schema):
    """An RFC 7807 problem detail (served as application/problem+json)."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str | None = None
    errors: dict[str, str] | None = None


class MunicipalityRef(Schema):
    code: str
    name: str


class Option(Schema):
    """A coded value with its label in the language of the request."""

    key: str
    label: str


# A wall-clock time without a UTC offset (opening hours, delivery windows), e.g. "09:00:00". JSON Schema's
# "time" format is RFC 3339's full-time, which requires an offset, so these are documented as "partial-time".
LocalTime = Annotated[time, WithJsonSchema({"type": "string", "format": "partial-time", "example": "09:00:00"})]
