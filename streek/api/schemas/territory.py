"""Schemas of the territory endpoints: municipalities, provinces and custom regions."""

from typing import Literal

from ninja import Field, Schema


class MunicipalityFilterParams(Schema):
    country: Literal["BE", "NL"] | None = Field(None, description="Country code.")
    province: str | None = Field(None, description="Province code (e.g. 70000, PV31).")
    q: str | None = Field(None, max_length=100, description="Search in the Dutch and French names, or an exact code.")


class ProvinceRef(Schema):
    code: str
    name: str


class MunicipalityItem(Schema):
    code: str
    slug: str
    name: str
    name_nl: str
    name_fr: str
    country: str
    province: ProvinceRef | None
    lat: float | None
    lon: float | None
    url: str = Field(description="API URL of the municipality.")


class MunicipalityPage(Schema):
    items: list[MunicipalityItem]
    next: str | None = Field(description="URL of the next page, null on the last page.")
    count: int | None = Field(None, description="Total number of matches, only with ?count=true.")


class MunicipalityDetail(MunicipalityItem):
    region: str | None = Field(description="Name of the administrative region (BE only).")
    postal_codes: list[str]


class RegionItem(Schema):
    kind: Literal["custom", "province"]
    slug: str = Field(description="Slug of a custom region or code of a province: the `region` filter value.")
    name: str
    country: str | None = Field(description="Country of a province; null for custom regions, which may cross borders.")
    municipality_count: int
    url: str = Field(description="API URL of the region.")


class RegionList(Schema):
    items: list[RegionItem]


class RegionDetail(RegionItem):
    description: str
    municipalities: list[str] = Field(description="NIS or CBS codes of the municipalities.")
