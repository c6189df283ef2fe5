import pytest

from streek.accounts.choices import MembershipRole
from streek.accounts.tests.factories import AdminUserFactory, MembershipFactory, UserFactory
from streek.core.exceptions import NotFound, PermissionRefused
from streek.logistics.access import access_depot, access_plan, access_route, access_stop, access_vehicle
from streek.logistics.services.dispatch import route_driver_assign
from streek.orders.tests.factories import HubFactory

from ..factories import DriverFactory
from ..scenario import first_stop, planned_day

pytestmark = pytest.mark.django_db


def test_hub_members_see_the_plan_editors_change_it_others_get_404():
    planned = planned_day()
    plan_id = planned.plan.pk
    assert access_plan(actor=planned.staff, plan_id=plan_id) == planned.plan
    assert access_plan(actor=planned.owner, plan_id=plan_id, for_write=True) == planned.plan
    assert access_plan(actor=AdminUserFactory(), plan_id=plan_id, for_write=True) == planned.plan
    with pytest.raises(PermissionRefused):
        access_plan(actor=planned.staff, plan_id=plan_id, for_write=True)
    other_hub_owner = MembershipFactory(organisation=HubFactory(), role=MembershipRole.OWNER).user
    for outsider in (UserFactory(), other_hub_owner):
        with pytest.raises(NotFound):
            access_plan(actor=outsider, plan_id=plan_id)
    with pytest.raises(NotFound):
        access_plan(actor=planned.owner, plan_id=plan_id + 1000)


def test_members_of_a_partner_hub_see_the_shared_plan():
    planned = planned_day()
    partner = HubFactory()
    planned.plan.hubs.add(partner)
    member = MembershipFactory(organisation=partner, role=MembershipRole.STAFF).user
    assert access_plan(actor=member, plan_id=planned.plan.pk) == planned.plan


def test_a_driver_sees_only_their_own_route_and_its_stops():
    planned = planned_day()
    routes = list(planned.plan.routes.all())
    driver = DriverFactory(hub=planned.day.hub)
    route_driver_assign(actor=planned.owner, route=routes[0], driver=driver)
    assert access_route(actor=driver.user, route_id=routes[0].pk) == routes[0]
    stop = first_stop(routes[0])
    assert access_stop(actor=driver.user, stop_id=stop.pk) == stop
    with pytest.raises(PermissionRefused):
        access_route(actor=driver.user, route_id=routes[0].pk, for_write=True)
    with pytest.raises(NotFound):
        access_plan(actor=driver.user, plan_id=planned.plan.pk)
    other_driver = DriverFactory(hub=planned.day.hub)
    with pytest.raises(NotFound):
        access_route(actor=other_driver.user, route_id=routes[0].pk)
    with pytest.raises(NotFound):
        access_stop(actor=other_driver.user, stop_id=stop.pk)


def test_the_fleet_is_seen_by_members_and_changed_by_editors():
    planned = planned_day()
    depot, vehicle = planned.day.depot, planned.day.vehicle
    assert access_depot(actor=planned.staff, depot_id=depot.pk) == depot
    assert access_vehicle(actor=planned.owner, vehicle_id=vehicle.pk, for_write=True) == vehicle
    with pytest.raises(PermissionRefused):
        access_vehicle(actor=planned.staff, vehicle_id=vehicle.pk, for_write=True)
    with pytest.raises(NotFound):
        access_depot(actor=UserFactory(), depot_id=depot.pk)
