"""Reads of areas for the monitor pages: the wider areas to compare an area with, the areas a visitor can open,
and municipalities found by name or code."""

from dataclasses import dataclass

from django.db.models import Q

from streek.monitor.areas import Area, area_resolve
from streek.monitor.choices import AreaKind
from streek.territory.models import AdminRegion, Country, CustomRegion, Municipality, Province


def enclosing_areas(area: Area) -> list[Area]:
    """The wider areas to compare with: province (or administrative region) and country; the country for a
    custom region or province; none for a country."""
    if area.kind == AreaKind.COUNTRY or not area.municipality_ids:
        return []
    first = Municipality.objects.select_related("country", "province", "region").get(pk=area.municipality_ids[0])
    wider: list[Area] = []
    if area.kind == AreaKind.MUNICIPALITY:
        if first.province is not None:
            wider.append(area_resolve(kind=AreaKind.PROVINCE, key=first.province.code))
        elif first.region is not None:
            wider.append(area_resolve(kind=AreaKind.ADMIN_REGION, key=first.region.code))
    elif area.kind == AreaKind.PROVINCE and first.region is not None:
        wider.append(area_resolve(kind=AreaKind.ADMIN_REGION, key=first.region.code))
    wider.append(area_resolve(kind=AreaKind.COUNTRY, key=first.country.code))
    return wider


@dataclass(frozen=True)
class AreaChoice:
    url_key: str
    name: str
    group: str


def area_choices() -> dict[str, list[AreaChoice]]:
    """Every area a visitor can open, grouped (countries, regions, provinces, custom regions): four queries.
    Municipalities are too many for one list; they are chosen by name or code (see `municipality_search`)."""
    countries = [
        AreaChoice(f"{AreaKind.COUNTRY}-{c.code}", c.name, "country") for c in Country.objects.order_by("code")
    ]
    admin_regions = [
        AreaChoice(f"{AreaKind.ADMIN_REGION}-{r.code}", r.name, "admin_region")
        for r in AdminRegion.objects.order_by("code")
    ]
    provinces = [
        AreaChoice(f"{AreaKind.PROVINCE}-{p.code}", p.name, "province")
        for p in Province.objects.select_related("country").order_by("country__code", "name_nl")
    ]
    custom = [
        AreaChoice(f"{AreaKind.CUSTOM_REGION}-{r.slug}", r.name, "custom_region")
        for r in CustomRegion.objects.order_by("name")
    ]
    return {"countries": countries, "admin_regions": admin_regions, "provinces": provinces, "custom_regions": custom}


def municipality_search(text: str, *, limit: int = 20) -> list[Municipality]:
    """Municipalities whose code is `text` or whose Dutch or French name contains it (one query)."""
    text = text.strip()
    if not text:
        return []
    return list(
        Municipality.objects.filter(Q(code=text) | Q(name_nl__icontains=text) | Q(name_fr__icontains=text))
        .select_related("country")
        .order_by("name_nl")[:limit]
    )
