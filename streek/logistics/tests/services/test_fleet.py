from datetime import time
from decimal import Decimal

import pytest

from streek.accounts.choices import MembershipRole
from streek.accounts.models import User
from streek.accounts.tests.factories import MembershipFactory, UserFactory
from streek.catalog.models import Organisation
from streek.core.exceptions import ApplicationError, PermissionRefused
from streek.logistics.models import Depot, Driver, Vehicle
from streek.logistics.services.fleet import depot_save, driver_save, vehicle_save
from streek.orders.tests.factories import HubFactory

from ..factories import DepotFactory

pytestmark = pytest.mark.django_db


def owner_of(hub: Organisation) -> User:
    return MembershipFactory(organisation=hub, role=MembershipRole.OWNER).user


def test_an_owner_sets_up_a_depot_and_a_vehicle_based_there():
    hub = HubFactory()
    owner = owner_of(hub)
    depot = depot_save(
        actor=owner, hub=hub, name=" Loods ", lat=50.8, lon=5.1, opens=time(5), closes=time(21), has_cold_storage=True
    )
    vehicle = vehicle_save(
        actor=owner,
        hub=hub,
        depot=depot,
        name="Koelwagen",
        capacity_kg=Decimal("600"),
        capacity_crates=40,
        is_cooled=True,
        max_trips=2,
    )
    assert depot.name == "Loods" and depot.has_cold_storage
    assert vehicle.depot == depot and vehicle.max_trips == 2


def test_a_vehicle_cannot_be_based_at_another_hubs_depot():
    hub = HubFactory()
    with pytest.raises(ApplicationError) as refused:
        vehicle_save(actor=owner_of(hub), hub=hub, depot=DepotFactory(), name="Van", capacity_kg=Decimal("500"))
    assert refused.value.extra["field"] == "depot"
    assert Vehicle.objects.count() == 0


def test_a_depot_must_close_after_it_opens():
    hub = HubFactory()
    with pytest.raises(ApplicationError):
        depot_save(actor=owner_of(hub), hub=hub, name="Loods", lat=50.8, lon=5.1, opens=time(18), closes=time(8))
    assert Depot.objects.count() == 0


def test_staff_cannot_change_the_fleet():
    hub = HubFactory()
    staff = MembershipFactory(organisation=hub, role=MembershipRole.STAFF).user
    with pytest.raises(PermissionRefused):
        depot_save(actor=staff, hub=hub, name="Loods", lat=50.8, lon=5.1)
    with pytest.raises(PermissionRefused):
        driver_save(actor=staff, hub=hub, user=UserFactory())
    assert Depot.objects.count() == 0 and Driver.objects.count() == 0


def test_a_driver_is_added_once_per_hub():
    hub = HubFactory()
    owner, person = owner_of(hub), UserFactory(first_name="Jef", last_name="Peeters")
    driver = driver_save(actor=owner, hub=hub, user=person, phone="0470 12 34 56")
    assert driver.name == "Jef Peeters"
    with pytest.raises(ApplicationError):
        driver_save(actor=owner, hub=hub, user=person)
    assert Driver.objects.count() == 1
