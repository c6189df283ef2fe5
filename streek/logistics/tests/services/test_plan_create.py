import pytest

from streek.accounts.choices import MembershipRole
from streek.accounts.models import User
from streek.accounts.tests.factories import MembershipFactory, UserFactory
from streek.catalog.models import Organisation
from streek.core.exceptions import PermissionRefused
from streek.logistics.choices import PlanStatus
from streek.logistics.exceptions import PlanningRefused
from streek.logistics.models import Plan
from streek.logistics.services.plans import plan_create
from streek.orders.choices import CycleStatus
from streek.orders.models import PickupSlot
from streek.orders.tests.factories import HubFactory

from ..factories import DAY, day_setup, order, pickup_slot, producer_at

pytestmark = pytest.mark.django_db


def editor_of(hub: Organisation, role: str = MembershipRole.OWNER) -> User:
    return MembershipFactory(organisation=hub, role=role).user


def test_a_plan_is_queued_then_solved_in_the_background_into_routes(django_capture_on_commit_callbacks):
    # given a closed cycle with a producer and a pickup point, and the hub's owner
    day = day_setup()
    farm = producer_at(50.85, 5.10)
    order(day, lines=[(farm, "20", 2)], slot=pickup_slot(day))
    owner = editor_of(day.hub)
    # when the owner asks for the rounds of the day (the task runs when the transaction commits)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        plan = plan_create(actor=owner, hub=day.hub, day=DAY, cycles=[day.cycle], time_limit_seconds=1)
    # then the plan was run: one route through the farm and the pickup point
    assert len(callbacks) == 1
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DONE
    assert plan.progress == 100
    assert plan.is_feasible
    (route,) = plan.routes.all()
    assert route.vehicle == day.vehicle
    assert sorted(route.stops.values_list("sequence", flat=True)) == [1, 2]
    assert set(route.stops.values_list("key", flat=True)) == {
        f"collect:{farm.pk}",
        f"pickup:{PickupSlot.objects.get(cycle=day.cycle).pickup_point_id}",
    }
    assert plan.total_km > 0 and plan.solo_km > 0
    assert plan.kg_delivered == 20


def test_staff_members_and_outsiders_cannot_plan():
    day = day_setup()
    for actor in (editor_of(day.hub, MembershipRole.STAFF), UserFactory()):
        with pytest.raises(PermissionRefused):
            plan_create(actor=actor, hub=day.hub, day=DAY, cycles=[day.cycle])
    assert Plan.objects.count() == 0


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"status": CycleStatus.DRAFT}, "cycles"),
        ({"fulfilment_date": DAY.replace(day=15)}, "cycles"),
    ],
)
def test_only_published_or_closed_cycles_of_the_day_are_planned(change, field):
    day = day_setup(**change)
    with pytest.raises(PlanningRefused) as refused:
        plan_create(actor=editor_of(day.hub), hub=day.hub, day=DAY, cycles=[day.cycle])
    assert refused.value.extra["field"] == field
    assert Plan.objects.count() == 0


def test_cycles_of_other_hubs_need_those_hubs_as_partners(django_capture_on_commit_callbacks):
    day = day_setup()
    other = day_setup(hub=HubFactory(lat=50.9, lon=5.3))
    owner = editor_of(day.hub)
    with pytest.raises(PlanningRefused):
        plan_create(actor=owner, hub=day.hub, day=DAY, cycles=[day.cycle, other.cycle])
    with django_capture_on_commit_callbacks(execute=False):
        plan = plan_create(actor=owner, hub=day.hub, day=DAY, cycles=[day.cycle, other.cycle], partner_hubs=[other.hub])
    assert set(plan.hubs.all()) == {day.hub, other.hub}
    assert plan.status == PlanStatus.QUEUED


def test_no_cycle_no_plan():
    day = day_setup()
    with pytest.raises(PlanningRefused):
        plan_create(actor=editor_of(day.hub), hub=day.hub, day=DAY, cycles=[])
    assert Plan.objects.count() == 0
