import pytest

from streek.accounts.tests.factories import UserFactory
from streek.core.exceptions import PermissionRefused
from streek.logistics.models import Stop
from streek.logistics.services.dispatch import route_driver_assign, stop_mark_done

from ..factories import DriverFactory
from ..scenario import first_route, first_stop, planned_day

pytestmark = pytest.mark.django_db


def test_the_driver_marks_a_stop_done_once():
    planned = planned_day()
    route = first_route(planned.plan)
    driver = DriverFactory(hub=planned.day.hub)
    route_driver_assign(actor=planned.owner, route=route, driver=driver)
    stop = first_stop(route)
    done = stop_mark_done(actor=driver.user, stop=stop)
    assert done.done_at is not None and done.done_by == driver.user
    again = stop_mark_done(actor=driver.user, stop=stop)
    assert again.done_at == done.done_at


def test_another_driver_or_a_staff_member_cannot_mark_it():
    planned = planned_day()
    route = first_route(planned.plan)
    route_driver_assign(actor=planned.owner, route=route, driver=DriverFactory(hub=planned.day.hub))
    stop = first_stop(route)
    for actor in (DriverFactory(hub=planned.day.hub).user, planned.staff, UserFactory()):
        with pytest.raises(PermissionRefused):
            stop_mark_done(actor=actor, stop=stop)
    assert Stop.objects.get(pk=stop.pk).done_at is None


def test_a_driver_of_another_hub_cannot_be_assigned():
    planned = planned_day()
    route = first_route(planned.plan)
    from streek.logistics.exceptions import PlanningRefused

    with pytest.raises(PlanningRefused):
        route_driver_assign(actor=planned.owner, route=route, driver=DriverFactory())
    route.refresh_from_db()
    assert route.driver is None


def test_a_delivered_home_order_stop_marks_the_order_delivered():
    planned = planned_day()
    stop = Stop.objects.filter(plan=planned.plan, order__isnull=False, route__isnull=False).first()
    if stop is None:
        pytest.skip("the scenario plans no home delivery")
    assert stop.route is not None
    driver = DriverFactory(hub=planned.day.hub)
    route_driver_assign(actor=planned.owner, route=stop.route, driver=driver)

    stop_mark_done(actor=driver.user, stop=stop)

    assert stop.order is not None
    stop.order.refresh_from_db()
    assert stop.order.status == "delivered" and stop.order.delivered_at is not None
