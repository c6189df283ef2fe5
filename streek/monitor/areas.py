"""The areas the monitor computes for: a municipality, a custom region, a province, an administrative region
(Flanders, Wallonia, Brussels) or a country. An area is resolved once to the ids of its current municipalities;
every indicator filters its facts on those ids."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from streek.core.exceptions import NotFound
from streek.territory.models import AdminRegion, Country, CustomRegion, Municipality, Province

from .choices import AreaKind


@dataclass(frozen=True)
class Area:
    kind: str  # an AreaKind value
    key: str  # municipality code, custom region slug, province code, admin region code or country code
    name: str
    municipality_ids: tuple[int, ...]

    @property
    def slug(self) -> str:
        """`kind:key`, the form used in URLs and exports."""
        return f"{self.kind}:{self.key}"

    @property
    def is_municipality(self) -> bool:
        return self.kind == AreaKind.MUNICIPALITY


def area_resolve(*, kind: str, key: str) -> Area:
    """The area of that kind and key; NotFound naming the area when there is none."""
    if kind == AreaKind.MUNICIPALITY:
        municipality = Municipality.objects.filter(code=key).first()
        if municipality is not None:
            return Area(kind=kind, key=key, name=municipality.name, municipality_ids=(municipality.pk,))
    elif kind == AreaKind.CUSTOM_REGION:
        region = CustomRegion.objects.filter(slug=key).first()
        if region is not None:
            ids = tuple(sorted(region.municipalities.values_list("id", flat=True)))
            return Area(kind=kind, key=key, name=region.name, municipality_ids=ids)
    elif kind == AreaKind.PROVINCE:
        province = Province.objects.filter(code=key).first()
        if province is not None:
            ids = tuple(sorted(province.municipalities.values_list("id", flat=True)))
            return Area(kind=kind, key=key, name=province.name, municipality_ids=ids)
    elif kind == AreaKind.ADMIN_REGION:
        admin_region = AdminRegion.objects.filter(code=key).first()
        if admin_region is not None:
            ids = tuple(sorted(Municipality.objects.filter(region=admin_region).values_list("id", flat=True)))
            return Area(kind=kind, key=key, name=admin_region.name, municipality_ids=ids)
    elif kind == AreaKind.COUNTRY:
        country = Country.objects.filter(code=key.upper()).first()
        if country is not None:
            ids = tuple(sorted(Municipality.objects.filter(country=country).values_list("id", flat=True)))
            return Area(kind=kind, key=country.code, name=country.name, municipality_ids=ids)
    raise NotFound(_("There is no area %(kind)s '%(key)s'.") % {"kind": kind, "key": key})


def area_from_slug(slug: str) -> Area:
    """The area written as `kind:key` (e.g. `municipality:11002`, `custom_region:haspengouw`, `country:BE`)."""
    kind, _sep, key = slug.partition(":")
    if kind not in AreaKind.values or not key:
        raise NotFound(_("There is no area '%(slug)s'.") % {"slug": slug})
    return area_resolve(kind=kind, key=key)
