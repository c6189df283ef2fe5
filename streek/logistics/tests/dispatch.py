"""A finished plan written by hand (no solver), to move stops on and read the warnings of.

Route 1 (cooled van): collects at a farm on trip 1 (back at the hub around 08:45), then delivers a shop that
waits for those goods on trip 2. Route 2 (dry van) leaves at 07:00 and delivers a restaurant that waits for
nothing. Positions around Sint-Truiden; travel times from the default (haversine) backend.
"""

from dataclasses import dataclass
from datetime import time
from decimal import Decimal
from typing import Any

from streek.accounts.choices import MembershipRole
from streek.accounts.models import User
from streek.accounts.tests.factories import MembershipFactory
from streek.logistics.choices import PlanStatus, StopKind
from streek.logistics.models import Plan, Route, Stop, Vehicle
from streek.orders.tests.factories import HubFactory

from .factories import DAY, HUB_POSITION, DepotFactory, VehicleFactory, at


@dataclass
class Dispatch:
    plan: Plan
    owner: User
    staff: User
    cooled: Route
    dry: Route
    dry_van: Vehicle
    farm: Stop
    shop: Stop
    restaurant: Stop


def add_stop(plan: Plan, route: Route | None, key: str, **values: Any) -> Stop:
    defaults: dict[str, Any] = {
        "kind": StopKind.DELIVERY,
        "name": key,
        "lat": 50.83,
        "lon": 5.20,
        "service_minutes": 5,
        "load_kg": Decimal("10"),
        "crates": 1,
        "unplanned_reason": "" if route is not None else "did_not_fit",
    }
    defaults.update(values)
    return Stop.objects.create(plan=plan, route=route, key=key, **defaults)


def dispatch_plan(*, dry_kg: str = "800", dry_crates: int | None = 60, dry_shift_end: time = time(20)) -> Dispatch:
    hub = HubFactory(lat=HUB_POSITION[0], lon=HUB_POSITION[1])
    depot = DepotFactory(hub=hub, reload_minutes=15)
    cooled_van = VehicleFactory(depot=depot, name="Koelwagen", is_cooled=True, max_trips=2)
    dry_van = VehicleFactory(
        depot=depot,
        name="Droge bestelwagen",
        is_cooled=False,
        capacity_kg=Decimal(dry_kg),
        capacity_crates=dry_crates,
        shift_start=time(6),
        shift_end=dry_shift_end,
    )
    plan = Plan.objects.create(hub=hub, day=DAY, time_limit_seconds=1, status=PlanStatus.DONE, is_feasible=True)
    plan.hubs.set([hub])
    cooled = Route.objects.create(
        plan=plan,
        number=1,
        vehicle=cooled_van,
        vehicle_name=cooled_van.name,
        depot=depot,
        colour="#1f77b4",
        is_cooled=True,
        starts_at=at(8),
        ends_at=at(10),
        trips=2,
    )
    dry = Route.objects.create(
        plan=plan,
        number=2,
        vehicle=dry_van,
        vehicle_name=dry_van.name,
        depot=depot,
        colour="#d62728",
        starts_at=at(7),
        ends_at=at(8),
    )
    farm = add_stop(
        plan,
        cooled,
        "collect:1",
        kind=StopKind.COLLECTION,
        name="Hoeve Appelgaard",
        lat=50.88,
        lon=5.25,
        window_start=at(7),
        window_end=at(12),
        service_minutes=10,
        load_kg=Decimal("30"),
        crates=3,
        sequence=1,
        trip=0,
        arrival_at=at(8.2),
        hub_arrival_at=at(8.75),
    )
    shop = add_stop(
        plan,
        cooled,
        "pickup:1",
        name="Buurtwinkel",
        window_end=at(16),
        load_kg=Decimal("30"),
        crates=3,
        sequence=2,
        trip=1,
        arrival_at=at(9.2),
        waits_for=["collect:1"],
        goods_ready_at=at(9),
    )
    restaurant = add_stop(
        plan, dry, "order:1", name="Restaurant De Linde", window_end=at(12), sequence=1, trip=0, arrival_at=at(7.2)
    )
    owner = MembershipFactory(organisation=hub, role=MembershipRole.OWNER).user
    staff = MembershipFactory(organisation=hub, role=MembershipRole.STAFF).user
    return Dispatch(
        plan=plan,
        owner=owner,
        staff=staff,
        cooled=cooled,
        dry=dry,
        dry_van=dry_van,
        farm=farm,
        shop=shop,
        restaurant=restaurant,
    )
