import pytest

from streek.core.exceptions import PermissionRefused
from streek.logistics.choices import PlanStatus
from streek.logistics.exceptions import PlanningRefused
from streek.logistics.models import Plan, Route, Stop, Vehicle
from streek.logistics.services.dispatch import plan_stop_lock, plan_stop_move
from streek.logistics.services.plans import plan_replan

from ..scenario import planned_day

pytestmark = pytest.mark.django_db


def other_route(stop: Stop) -> Route:
    """Another route of the stop's plan; when one van did everything, an empty route of the other van."""
    current = Route.objects.get(stops=stop)
    route = Route.objects.filter(plan=stop.plan).exclude(pk=current.pk).first()
    if route is None:
        vehicle = Vehicle.objects.filter(hub_id=stop.plan.hub_id).exclude(routes=current).get()
        route = Route.objects.create(
            plan=stop.plan,
            number=9,
            vehicle=vehicle,
            vehicle_name=vehicle.name,
            colour="#000000",
            is_cooled=vehicle.is_cooled,
        )
    return route


def test_a_replan_is_a_new_version_that_keeps_moved_and_locked_stops_on_their_vehicle(
    django_capture_on_commit_callbacks,
):
    # given a finished plan where the dispatcher moved a dry stop to the other van, and locked another stop
    planned = planned_day()
    plan = planned.plan
    stops = list(Stop.objects.filter(plan=plan, route__isnull=False, needs_cooling=False).order_by("key"))
    moved, locked = stops[0], stops[1]
    target = other_route(moved)
    plan_stop_move(actor=planned.owner, stop=moved, route=target)
    plan_stop_lock(actor=planned.owner, stop=locked)
    locked.refresh_from_db()
    # when the owner re-plans
    with django_capture_on_commit_callbacks(execute=True):
        child = plan_replan(actor=planned.owner, plan=plan)
    # then a version 2 exists, planned, with both stops on the same vehicles and still locked
    child.refresh_from_db()
    assert child.parent == plan and child.version == 2 and child.status == PlanStatus.DONE
    again = {s.key: s for s in Stop.objects.filter(plan=child)}
    vehicles = dict(Stop.objects.filter(plan=child).values_list("key", "route__vehicle_id"))
    before = dict(Stop.objects.filter(plan=plan).values_list("key", "route__vehicle_id"))
    assert vehicles[moved.key] == target.vehicle_id and again[moved.key].is_locked
    assert vehicles[locked.key] == before[locked.key] and again[locked.key].is_locked
    assert len(before) == len(again)


def test_only_editors_replan_and_not_while_planning():
    planned = planned_day()
    with pytest.raises(PermissionRefused):
        plan_replan(actor=planned.staff, plan=planned.plan)
    Plan.objects.filter(pk=planned.plan.pk).update(status=PlanStatus.RUNNING)
    planned.plan.refresh_from_db()
    with pytest.raises(PlanningRefused):
        plan_replan(actor=planned.owner, plan=planned.plan)
    assert Plan.objects.count() == 1
