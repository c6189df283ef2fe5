"""Schemas of the organisation endpoints."""

from datetime import date

from ninja import Field, Schema

from streek.catalog.choices import OrganisationKind

from .common import MunicipalityRef, Option


class OrganisationFilterParams(Schema):
    kind: OrganisationKind | None = Field(None, description="Kind of organisation.")
    municipality: str | None = Field(None, description="NIS (BE) or CBS (NL) code of a municipality.")
    q: str | None = Field(None, max_length=100, description="Search in name and locality.")


class OrganisationItem(Schema):
    id: int
    slug: str
    name: str
    kind: str
    kind_label: str
    municipality: MunicipalityRef | None
    locality: str
    lat: float | None
    lon: float | None
    website: str
    url: str = Field(description="API URL of the organisation.")


class OrganisationPage(Schema):
    items: list[OrganisationItem]
    next: str | None = Field(description="URL of the next page, null on the last page.")
    count: int | None = Field(None, description="Total number of matches, only with ?count=true.")


class LabelOut(Schema):
    key: str
    label: str
    certifier: str
    certificate_number: str
    valid_until: date | None


class ProductTypeCount(Schema):
    key: str
    label: str
    count: int


class ProductsSummary(Schema):
    count: int = Field(description="Number of active products.")
    product_types: list[ProductTypeCount]


class SalesPointRef(Schema):
    slug: str
    name: str
    type: str
    url: str = Field(description="API URL of the sales point.")


class OrganisationDetail(OrganisationItem):
    legal_name: str
    country: str
    street: str
    postal_code: str
    description: str
    practices: list[Option]
    labels: list[LabelOut]
    products: ProductsSummary
    sales_points: list[SalesPointRef]
