"""Schemas shared by every domain: problem details, references to territory and taxonomy concepts."""

from ninja import Schema


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
