"""Reads on the territory: municipalities, regions, and offline geocoding from the shipped data."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils.text import slugify

from streek.core.exceptions import NotFound
from streek.core.geo import Point

from .models import CustomRegion, Municipality, PostalCode, Province


@dataclass(frozen=True)
class GeocodeResult:
    municipality: Municipality
    point: Point
    precision: str  # "municipality": the representative point of the municipality


def municipality_list(
    *, country_code: str | None = None, search: str = "", province_code: str = ""
) -> QuerySet[Municipality]:
    qs = Municipality.objects.select_related("country", "province")
    if country_code:
        qs = qs.filter(country__code=country_code)
    if province_code:
        qs = qs.filter(province__code=province_code)
    if search:
        qs = qs.filter(Q(name_nl__icontains=search) | Q(name_fr__icontains=search) | Q(code__iexact=search))
    return qs.order_by("name_nl")


def municipality_get(*, code: str) -> Municipality:
    try:
        return Municipality.objects.select_related("country", "province", "region").get(code=code)
    except Municipality.DoesNotExist as error:
        raise NotFound("municipality") from error


def custom_region_list() -> QuerySet[CustomRegion]:
    return CustomRegion.objects.order_by("name")


def custom_region_get(*, slug: str) -> CustomRegion:
    try:
        return CustomRegion.objects.get(slug=slug)
    except CustomRegion.DoesNotExist as error:
        raise NotFound("region") from error


@dataclass(frozen=True)
class RegionSummary:
    """A custom region (by slug) or a province (by code): what the region filter of the map accepts."""

    kind: str  # "custom" or "province"
    slug: str  # the slug of a custom region, the code of a province
    name: str
    country_code: str | None  # None for a custom region, which may cross borders
    municipality_count: int


@dataclass(frozen=True)
class RegionDetail(RegionSummary):
    description: str
    municipality_codes: list[str]


def region_list() -> list[RegionSummary]:
    """Custom regions by name, then provinces by code: two queries."""
    custom = CustomRegion.objects.annotate(municipality_count=Count("municipalities")).order_by("name", "id")
    provinces = (
        Province.objects.select_related("country").annotate(municipality_count=Count("municipalities")).order_by("code")
    )
    return [
        RegionSummary(
            kind="custom", slug=r.slug, name=r.name, country_code=None, municipality_count=r.municipality_count
        )
        for r in custom
    ] + [
        RegionSummary(
            kind="province",
            slug=p.code,
            name=p.name,
            country_code=p.country.code,
            municipality_count=p.municipality_count,
        )
        for p in provinces
    ]


def region_get(*, region: str) -> RegionDetail:
    """A custom region by slug or a province by code, with the codes of its municipalities."""
    custom = CustomRegion.objects.filter(slug=region).first()
    if custom is not None:
        codes = list(custom.municipalities.order_by("code").values_list("code", flat=True))
        return RegionDetail(
            kind="custom",
            slug=custom.slug,
            name=custom.name,
            country_code=None,
            municipality_count=len(codes),
            description=custom.description,
            municipality_codes=codes,
        )
    province = Province.objects.select_related("country").filter(code=region).first()
    if province is None:
        raise NotFound("region")
    codes = list(province.municipalities.order_by("code").values_list("code", flat=True))
    return RegionDetail(
        kind="province",
        slug=province.code,
        name=province.name,
        country_code=province.country.code,
        municipality_count=len(codes),
        description="",
        municipality_codes=codes,
    )


def region_municipality_ids(*, region: str) -> list[int]:
    """Municipality ids of a custom region (by slug) or a province (by code, e.g. 70000 or PV31)."""
    custom = CustomRegion.objects.filter(slug=region).first()
    if custom is not None:
        return list(custom.municipalities.values_list("id", flat=True))
    province = Province.objects.filter(code=region).first()
    if province is not None:
        return list(province.municipalities.values_list("id", flat=True))
    raise NotFound("region")


def _name_key(text: str) -> str:
    return slugify(text).replace("-", "")


def geocode(*, country_code: str, postal_code: str = "", locality: str = "") -> GeocodeResult:
    """Locate an address offline: the postal code (BE) or locality name gives a municipality and its point.

    Raises NotFound when neither the postal code nor the locality is known.
    """
    candidates: list[Municipality] = []
    code = postal_code.strip().upper()[:4]
    if code:
        candidates = [
            pc.municipality
            for pc in PostalCode.objects.filter(country__code=country_code, code=code).select_related("municipality")
        ]
    wanted = _name_key(locality)
    if wanted:
        if candidates:
            named = [m for m in candidates if wanted in {_name_key(m.name_nl), _name_key(m.name_fr)}]
            candidates = named or candidates
        else:
            candidates = [
                m
                for m in Municipality.objects.filter(country__code=country_code).filter(
                    Q(name_nl__iexact=locality.strip()) | Q(name_fr__iexact=locality.strip())
                )
            ]
    for municipality in candidates:
        if municipality.lat is not None and municipality.lon is not None:
            point = Point(lat=municipality.lat, lon=municipality.lon)
            return GeocodeResult(municipality=municipality, point=point, precision="municipality")
    raise NotFound("address")
