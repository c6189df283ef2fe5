import pytest

from streek.accounts.tests.factories import UserFactory
from streek.core.exceptions import PermissionRefused
from streek.logistics.exceptions import PlanningRefused
from streek.logistics.models import Route, Stop
from streek.logistics.services.dispatch import plan_stop_lock, plan_stop_move

from ..scenario import dry_stop, first_route, planned_day, planned_stop
from .test_plan_replan import other_route

pytestmark = pytest.mark.django_db


def test_a_moved_stop_goes_last_on_the_other_route_locked_and_the_plan_is_marked_edited():
    planned = planned_day()
    stop = dry_stop(planned.plan)
    target = other_route(stop)
    moved = plan_stop_move(actor=planned.owner, stop=stop, route=target).stop
    assert moved.route == target and moved.is_locked
    assert moved.sequence == max(target.stops.values_list("sequence", flat=True))
    assert Stop.objects.get(pk=moved.pk).arrival_at is not None  # re-timed: indicative
    planned.plan.refresh_from_db()
    assert planned.plan.is_edited


def test_chilled_goods_cannot_move_to_a_van_without_cooling():
    planned = planned_day()
    stop = planned_stop(planned.plan)
    Stop.objects.filter(pk=stop.pk).update(needs_cooling=True)
    stop.refresh_from_db()
    dry = Route.objects.create(
        plan=planned.plan, number=8, vehicle=planned.dry_van, vehicle_name="dry", colour="#000000", is_cooled=False
    )
    with pytest.raises(PlanningRefused):
        plan_stop_move(actor=planned.owner, stop=stop, route=dry)
    assert Stop.objects.get(pk=stop.pk).route_id == stop.route_id


@pytest.mark.parametrize("who", ["staff", "outsider"])
def test_only_editors_move_and_lock(who):
    planned = planned_day()
    actor = planned.staff if who == "staff" else UserFactory()
    stop = dry_stop(planned.plan)
    target = other_route(stop)
    with pytest.raises(PermissionRefused):
        plan_stop_move(actor=actor, stop=stop, route=target)
    with pytest.raises(PermissionRefused):
        plan_stop_lock(actor=actor, stop=stop)
    unchanged = Stop.objects.get(pk=stop.pk)
    assert unchanged.route_id == stop.route_id and not unchanged.is_locked


def test_a_stop_cannot_move_to_a_route_of_another_plan():
    first, second = planned_day(), planned_day()
    stop = planned_stop(first.plan)
    with pytest.raises(PlanningRefused):
        plan_stop_move(actor=first.owner, stop=stop, route=first_route(second.plan))
    assert Stop.objects.get(pk=stop.pk).route_id == stop.route_id


def test_an_unplanned_stop_cannot_be_locked():
    planned = planned_day()
    stop = planned_stop(planned.plan)
    Stop.objects.filter(pk=stop.pk).update(route=None, unplanned_reason="did_not_fit", is_locked=False)
    stop.refresh_from_db()
    with pytest.raises(PlanningRefused):
        plan_stop_lock(actor=planned.owner, stop=stop)
