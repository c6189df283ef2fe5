"""Logistics in the demo region: Voedselhub Haspengouw's depot, two vans, a driver and a planned day.

Built through the same services as the pages, on top of the trade demo: the hub's depot at its address, a cooled
van and a dry van (two trips a day: collect, then deliver), a driver with a demo login, and the rounds of the
day of the open cycle, planned with a short time limit so `demo_load` stays fast. Idempotent: nothing happens
when the demo hub already has a depot.
"""

from dataclasses import dataclass, field
from datetime import time
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db import transaction

from streek.accounts.models import User
from streek.catalog.demo.context import EMAIL_DOMAIN
from streek.catalog.demo.users import DEMO_PASSWORD
from streek.catalog.models import Organisation
from streek.orders.demo import HUB_NAME
from streek.orders.models import OrderCycle

from .models import Depot, Driver, Plan, Vehicle
from .services.dispatch import route_driver_assign
from .services.fleet import depot_save, driver_save, vehicle_save
from .services.plans import plan_create, plan_run
from .services.problem import PLANNABLE_CYCLE_STATUSES

DEMO_PLAN_SECONDS = 3  # the demo must load fast; a real plan gets the settings' time limit
DRIVER_USERNAME = "chauffeur.haspengouw"


@dataclass
class LogisticsDemoResult:
    created: bool
    counts: dict[str, int] = field(default_factory=dict)


def logistics_login_rows() -> list[tuple[str, str, str]]:
    """The demo driver's login, for the list `demo_load` prints."""
    return [(DRIVER_USERNAME, "driver, Voedselhub Haspengouw", "/rondes/chauffeur/: the day's route, mark stops done")]


def logistics_demo_exists() -> bool:
    return Depot.objects.filter(hub__is_demo=True).exists()


@transaction.atomic
def logistics_demo_delete() -> int:
    """Remove the plans, drivers, vehicles and depots of demo hubs, and the demo driver's login."""
    deleted = Plan.objects.filter(hub__is_demo=True).delete()[0]
    deleted += Driver.objects.filter(hub__is_demo=True).delete()[0]
    deleted += Vehicle.objects.filter(hub__is_demo=True).delete()[0]
    deleted += Depot.objects.filter(hub__is_demo=True).delete()[0]
    deleted += User.objects.filter(username=DRIVER_USERNAME, email__endswith=f"@{EMAIL_DOMAIN}").delete()[0]
    return deleted


def _driver_user() -> User:
    user = User.objects.filter(username=DRIVER_USERNAME).first()
    if user is None:
        user = User.objects.create(
            username=DRIVER_USERNAME,
            first_name="Tom",
            last_name="Gielen",
            email=f"{DRIVER_USERNAME}@{EMAIL_DOMAIN}",
            password=make_password(DEMO_PASSWORD),
        )
    return user


def logistics_demo_load(*, reset: bool = False, time_limit_seconds: int = DEMO_PLAN_SECONDS) -> LogisticsDemoResult:
    """Create the demo fleet and plan the day of the demo hub's open cycle (the trade demo must exist)."""
    if reset:
        logistics_demo_delete()
    elif logistics_demo_exists():
        return LogisticsDemoResult(created=False)
    hub = Organisation.objects.filter(is_demo=True, name=HUB_NAME).first()
    admin = User.objects.filter(username="admin", email__endswith=f"@{EMAIL_DOMAIN}").first()
    if hub is None or admin is None or hub.lat is None or hub.lon is None:
        return LogisticsDemoResult(created=False)
    with transaction.atomic():
        depot = depot_save(
            actor=admin,
            hub=hub,
            name="Depot Voedselhub Haspengouw",
            street=hub.street,
            postal_code=hub.postal_code,
            locality=hub.locality,
            lat=hub.lat,
            lon=hub.lon,
            opens=time(6),
            closes=time(20),
            has_cold_storage=True,
            reload_minutes=15,
        )
        cooled = vehicle_save(
            actor=admin,
            hub=hub,
            depot=depot,
            name="Koelwagen",
            capacity_kg=Decimal("900"),
            capacity_crates=70,
            is_cooled=True,
            cost_per_km=Decimal("0.40"),
            cost_per_hour=Decimal("32"),
            shift_start=time(6),
            shift_end=time(18),
            max_trips=3,
        )
        vehicle_save(
            actor=admin,
            hub=hub,
            depot=depot,
            name="Bestelwagen",
            capacity_kg=Decimal("700"),
            capacity_crates=50,
            is_cooled=False,
            cost_per_km=Decimal("0.30"),
            cost_per_hour=Decimal("30"),
            shift_start=time(7),
            shift_end=time(19),
            max_trips=2,
        )
        driver = driver_save(actor=admin, hub=hub, user=_driver_user(), phone="+32 470 00 00 00")
    plans = 0
    cycle = (
        OrderCycle.objects.filter(hub=hub, status__in=PLANNABLE_CYCLE_STATUSES, orders__isnull=False)
        .order_by("-fulfilment_date", "pk")
        .distinct()
        .first()
    )
    if cycle is not None:
        day_cycles = list(
            OrderCycle.objects.filter(
                hub=hub, status__in=PLANNABLE_CYCLE_STATUSES, fulfilment_date=cycle.fulfilment_date
            )
        )
        plan = plan_create(
            actor=admin, hub=hub, day=cycle.fulfilment_date, cycles=day_cycles, time_limit_seconds=time_limit_seconds
        )
        plan = plan_run(plan_id=plan.pk)  # at once: the queued task then finds it done
        plans = 1
        route = plan.routes.filter(vehicle=cooled).first() or plan.routes.order_by("number").first()
        if route is not None:
            route_driver_assign(actor=admin, route=route, driver=driver)
    counts = {
        "depots": Depot.objects.filter(hub=hub).count(),
        "vehicles": Vehicle.objects.filter(hub=hub).count(),
        "drivers": Driver.objects.filter(hub=hub).count(),
        "planned days": plans,
        "routes": sum(p.routes.count() for p in Plan.objects.filter(hub=hub)),
    }
    return LogisticsDemoResult(created=True, counts=counts)
