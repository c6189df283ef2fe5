"""Reads of inventory imports: the recent uploads an actor may see."""

from django.db.models import Q, QuerySet

from streek.accounts.selectors import Actor, is_platform_admin, officer_municipality_ids

from ..models import InventoryImport


def inventory_import_list(*, actor: Actor, limit: int = 20) -> QuerySet[InventoryImport]:
    """Imports the actor uploaded or that concern a municipality the actor keeps; all for platform admins."""
    qs = InventoryImport.objects.select_related("municipality", "created_by").defer("content", "errors", "summary")
    if not is_platform_admin(actor=actor):
        if not actor.is_authenticated:
            return qs.none()
        qs = qs.filter(Q(created_by_id=actor.pk) | Q(municipality_id__in=officer_municipality_ids(actor=actor)))
    return qs.order_by("-created_at", "-id")[:limit]
