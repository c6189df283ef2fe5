"""Reads on a hub's fleet: depots, vehicles, drivers, and the hubs an actor plans for."""

from django.db.models import QuerySet

from streek.accounts.selectors import Actor, is_platform_admin, organisation_ids
from streek.catalog.choices import OrganisationKind
from streek.catalog.models import Organisation

from ..models import Depot, Driver, Vehicle


def logistics_hub_list(*, actor: Actor) -> QuerySet[Organisation]:
    """The hubs whose fleet and plans the actor sees (its memberships; every hub for a platform admin)."""
    hubs = Organisation.objects.filter(kind=OrganisationKind.HUB).order_by("name", "pk")
    if is_platform_admin(actor=actor):
        return hubs
    return hubs.filter(pk__in=organisation_ids(actor=actor))


def depot_list(*, hub: Organisation) -> QuerySet[Depot]:
    return Depot.objects.filter(hub=hub).order_by("name", "pk")


def vehicle_list(*, hub: Organisation) -> QuerySet[Vehicle]:
    return Vehicle.objects.filter(hub=hub).select_related("depot").order_by("name", "pk")


def driver_list(*, hub: Organisation, active_only: bool = False) -> QuerySet[Driver]:
    drivers = Driver.objects.filter(hub=hub).select_related("user").order_by("name", "pk")
    return drivers.filter(is_active=True) if active_only else drivers
