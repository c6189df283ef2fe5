"""The territory: municipalities (NIS / CBS codes), provinces and custom regions; public and read-only."""

from django.http import HttpRequest
from django.urls import reverse
from ninja import Query, Router

from streek.territory.models import Municipality
from streek.territory.selectors import RegionSummary, municipality_get, municipality_list, region_get, region_list

from .pagination import PageParams, paginate
from .schemas.common import Problem
from .schemas.territory import (
    MunicipalityDetail,
    MunicipalityFilterParams,
    MunicipalityPage,
    RegionDetail,
    RegionList,
)

router = Router(tags=["territory"])


def municipality_item(request: HttpRequest, municipality: Municipality) -> dict[str, object]:
    province = municipality.province
    return {
        "code": municipality.code,
        "slug": municipality.slug,
        "name": municipality.name,
        "name_nl": municipality.name_nl,
        "name_fr": municipality.name_fr,
        "country": municipality.country.code,
        "province": {"code": province.code, "name": province.name} if province is not None else None,
        "lat": municipality.lat,
        "lon": municipality.lon,
        "url": request.build_absolute_uri(reverse("api-1:municipality_detail", kwargs={"code": municipality.code})),
    }


def region_item(request: HttpRequest, region: RegionSummary) -> dict[str, object]:
    return {
        "kind": region.kind,
        "slug": region.slug,
        "name": region.name,
        "country": region.country_code,
        "municipality_count": region.municipality_count,
        "url": request.build_absolute_uri(reverse("api-1:region_detail", kwargs={"slug": region.slug})),
    }


@router.get(
    "/municipalities",
    response={200: MunicipalityPage, 422: Problem},
    url_name="municipality_list",
    summary="List municipalities",
)
def list_municipalities(
    request: HttpRequest, filters: Query[MunicipalityFilterParams], page: Query[PageParams]
) -> dict[str, object]:
    """Belgian and Dutch municipalities by Dutch name, filtered on country, province and a search text."""
    qs = municipality_list(country_code=filters.country, search=filters.q or "", province_code=filters.province or "")
    result = paginate(request, qs, sort="name_nl", params=page)
    return {
        "items": [municipality_item(request, municipality) for municipality in result.items],
        "next": result.next,
        "count": result.count,
    }


@router.get(
    "/municipalities/{code}",
    response={200: MunicipalityDetail, 404: Problem},
    url_name="municipality_detail",
    summary="One municipality",
)
def get_municipality(request: HttpRequest, code: str) -> dict[str, object]:
    """A municipality by its NIS (BE) or CBS (NL) code, with its postal codes."""
    municipality = municipality_get(code=code)
    region = municipality.region
    return {
        **municipality_item(request, municipality),
        "region": region.name if region is not None else None,
        "postal_codes": sorted({postal.code for postal in municipality.postal_codes.all()}),
    }


@router.get("/regions", response=RegionList, url_name="region_list", summary="List regions")
def list_regions(request: HttpRequest) -> dict[str, object]:
    """Custom regions (which may cross borders) and provinces: the values of the `region` filter."""
    return {"items": [region_item(request, region) for region in region_list()]}


@router.get(
    "/regions/{slug}",
    response={200: RegionDetail, 404: Problem},
    url_name="region_detail",
    summary="One region",
)
def get_region(request: HttpRequest, slug: str) -> dict[str, object]:
    """A custom region by slug or a province by code, with the codes of its municipalities."""
    region = region_get(region=slug)
    return {
        **region_item(request, region),
        "description": region.description,
        "municipalities": region.municipality_codes,
    }
