"""Setting up a hub's fleet: depots, vehicles and drivers."""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from streek.accounts.models import User
from streek.accounts.selectors import Actor
from streek.catalog.models import Organisation
from streek.core.exceptions import ApplicationError

from ..models import Depot, Driver, Vehicle
from .checks import clean, reject_unknown_fields, require_hub_editor

DEPOT_FIELDS = frozenset(
    {"name", "street", "postal_code", "locality", "lat", "lon", "opens", "closes", "has_cold_storage"}
    | {"reload_minutes", "is_active"}
)
VEHICLE_FIELDS = frozenset(
    {"depot", "name", "capacity_kg", "capacity_crates", "is_cooled", "cost_per_km", "cost_per_hour"}
    | {"co2_kg_per_km", "shift_start", "shift_end", "max_trips", "is_active"}
)
DRIVER_FIELDS = frozenset({"name", "phone", "is_active"})


@transaction.atomic
def depot_save(*, actor: Actor, hub: Organisation, depot: Depot | None = None, **fields: Any) -> Depot:
    """Create a hub's depot or change it."""
    require_hub_editor(actor=actor, hub_ids=[hub.pk])
    reject_unknown_fields(fields, DEPOT_FIELDS)
    if depot is not None and depot.hub_id != hub.pk:
        raise ApplicationError(_("This depot belongs to another hub."), extra={"field": "depot"})
    target = Depot.objects.select_for_update().get(pk=depot.pk) if depot else Depot(hub=hub)
    for name, value in fields.items():
        setattr(target, name, value.strip() if isinstance(value, str) else value)
    clean(target)
    target.save()
    return target


@transaction.atomic
def vehicle_save(*, actor: Actor, hub: Organisation, vehicle: Vehicle | None = None, **fields: Any) -> Vehicle:
    """Create a hub's vehicle or change it; its home depot must be one of the hub's depots."""
    require_hub_editor(actor=actor, hub_ids=[hub.pk])
    reject_unknown_fields(fields, VEHICLE_FIELDS)
    if vehicle is not None and vehicle.hub_id != hub.pk:
        raise ApplicationError(_("This vehicle belongs to another hub."), extra={"field": "vehicle"})
    depot = fields.get("depot")
    if depot is not None and depot.hub_id != hub.pk:
        raise ApplicationError(_("Choose one of the hub's own depots."), extra={"field": "depot"})
    target = Vehicle.objects.select_for_update().get(pk=vehicle.pk) if vehicle else Vehicle(hub=hub)
    for name, value in fields.items():
        setattr(target, name, value.strip() if isinstance(value, str) else value)
    clean(target)
    target.save()
    return target


@transaction.atomic
def driver_save(
    *, actor: Actor, hub: Organisation, user: User | None = None, driver: Driver | None = None, **fields: Any
) -> Driver:
    """Make a user a driver of the hub (or change a driver): drivers see only the routes assigned to them."""
    require_hub_editor(actor=actor, hub_ids=[hub.pk])
    reject_unknown_fields(fields, DRIVER_FIELDS)
    if driver is None:
        if user is None:
            raise ApplicationError(_("Choose the person who drives."), extra={"field": "user"})
        if Driver.objects.filter(hub=hub, user=user).exists():
            raise ApplicationError(_("This person already drives for the hub."), extra={"field": "user"})
        target = Driver(hub=hub, user=user, name=user.get_full_name() or user.username)
    else:
        if driver.hub_id != hub.pk:
            raise ApplicationError(_("This driver drives for another hub."), extra={"field": "driver"})
        target = Driver.objects.select_for_update().get(pk=driver.pk)
    for name, value in fields.items():
        setattr(target, name, value.strip() if isinstance(value, str) else value)
    clean(target)
    target.save()
    return target
