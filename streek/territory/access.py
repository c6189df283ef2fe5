"""Guards for territory objects that people edit: custom regions."""

from streek.accounts.selectors import Actor, is_platform_admin, officer_municipality_ids
from streek.core.exceptions import NotFound, PermissionRefused

from .models import CustomRegion


def can_manage_regions(*, actor: Actor) -> bool:
    """Platform admins and municipal officers create and edit custom regions."""
    if is_platform_admin(actor=actor):
        return True
    return bool(officer_municipality_ids(actor=actor))


def access_custom_region(*, actor: Actor, custom_region_id: int, for_write: bool = False) -> CustomRegion:
    """Regions are public to read; an officer edits a region holding one of its municipalities, admins any."""
    region = CustomRegion.objects.filter(pk=custom_region_id).first()
    if region is None:
        raise NotFound("region")
    if not for_write:
        return region
    if is_platform_admin(actor=actor):
        return region
    kept = officer_municipality_ids(actor=actor)
    if not region.municipalities.filter(pk__in=kept).exists():
        raise PermissionRefused("region")
    return region
