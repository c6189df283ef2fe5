"""Writes on the territory: custom regions (named sets of municipalities across borders)."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from streek.accounts.models import User
from streek.accounts.selectors import is_platform_admin, officer_municipality_ids

from .models import CustomRegion, Municipality


def _unique_slug(name: str, *, exclude_pk: int | None = None) -> str:
    base = slugify(name)[:120] or "regio"
    slug, counter = base, 2
    qs = CustomRegion.objects.all()
    if exclude_pk is not None:
        qs = qs.exclude(pk=exclude_pk)
    while qs.filter(slug=slug).exists():
        slug, counter = f"{base}-{counter}", counter + 1
    return slug


def _checked_municipalities(*, actor: User, municipality_ids: Iterable[int]) -> list[Municipality]:
    """The municipalities of a region; an officer's region must hold at least one municipality it keeps."""
    municipalities = list(Municipality.objects.filter(pk__in=list(municipality_ids)))
    if not municipalities:
        raise ValidationError({"municipalities": _("Choose at least one municipality.")})
    if is_platform_admin(actor=actor):
        return municipalities
    kept = officer_municipality_ids(actor=actor)
    if not kept.intersection(m.pk for m in municipalities):
        raise ValidationError(
            {"municipalities": _("A region you create must include at least one of your own municipalities.")}
        )
    return municipalities


@transaction.atomic
def custom_region_create(
    *, actor: User, name: str, municipality_ids: Iterable[int], description: str = ""
) -> CustomRegion:
    municipalities = _checked_municipalities(actor=actor, municipality_ids=municipality_ids)
    region = CustomRegion(name=name.strip(), description=description.strip(), created_by=actor)
    region.slug = _unique_slug(region.name)
    region.full_clean()
    region.save()
    region.municipalities.set(municipalities)
    return region


@transaction.atomic
def custom_region_update(
    *, custom_region: CustomRegion, actor: User, name: str, municipality_ids: Iterable[int], description: str = ""
) -> CustomRegion:
    """Rename or change the municipalities of a region; the slug (used in links) stays unless the name is new."""
    municipalities = _checked_municipalities(actor=actor, municipality_ids=municipality_ids)
    region = CustomRegion.objects.select_for_update().get(pk=custom_region.pk)
    if region.name != name.strip():
        region.slug = _unique_slug(name.strip(), exclude_pk=region.pk)
    region.name, region.description = name.strip(), description.strip()
    region.full_clean()
    region.save()
    region.municipalities.set(municipalities)
    return region
