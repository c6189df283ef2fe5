"""A finished plan to dispatch: a hub with two vans (one cooled), three producers and a pickup point, solved."""

from dataclasses import dataclass

from streek.accounts.choices import MembershipRole
from streek.accounts.models import User
from streek.accounts.tests.factories import MembershipFactory
from streek.logistics.models import Plan, Route, Stop, Vehicle
from streek.logistics.services.plans import plan_run

from .factories import DAY, Day, VehicleFactory, day_setup, join, order, pickup_slot, producer_at


@dataclass
class Planned:
    day: Day
    plan: Plan
    owner: User
    staff: User
    dry_van: Vehicle


def planned_day() -> Planned:
    day = day_setup()
    dry_van = VehicleFactory(depot=day.depot, is_cooled=False, name="Droge bestelwagen")
    farms = [producer_at(50.85, 5.10), producer_at(50.78, 5.22), producer_at(50.88, 5.25)]
    for farm in farms:
        join(day, farm, ready=(7, 12))
    slot = pickup_slot(day, starts=16)
    order(day, lines=[(farms[0], "30", 3), (farms[1], "10", 1)], slot=slot)
    order(day, lines=[(farms[2], "5", 1)], position=(50.83, 5.20))
    plan = Plan.objects.create(hub=day.hub, day=DAY, time_limit_seconds=1, status="queued")
    plan.hubs.set([day.hub])
    plan.cycles.set([day.cycle])
    plan = plan_run(plan_id=plan.pk)
    owner = MembershipFactory(organisation=day.hub, role=MembershipRole.OWNER).user
    staff = MembershipFactory(organisation=day.hub, role=MembershipRole.STAFF).user
    return Planned(day=day, plan=plan, owner=owner, staff=staff, dry_van=dry_van)


def first_route(plan: Plan) -> Route:
    return Route.objects.filter(plan=plan).order_by("number")[0]


def first_stop(route: Route) -> Stop:
    return Stop.objects.filter(route=route).order_by("sequence")[0]


def planned_stop(plan: Plan) -> Stop:
    return Stop.objects.filter(plan=plan, route__isnull=False).order_by("route__number", "sequence")[0]


def dry_stop(plan: Plan) -> Stop:
    """A stop on a route without chilled goods (it may move to any van)."""
    return Stop.objects.filter(plan=plan, route__isnull=False, needs_cooling=False).order_by("key")[0]
