import pytest
from django.test import Client

from streek.accounts.tests.factories import UserFactory
from streek.api.schemas.logistics import DriverRoutePage, PlanDetail, PlanPage, RouteOut, StopOut
from streek.logistics.models import Stop
from streek.logistics.services.dispatch import route_driver_assign
from streek.logistics.tests.factories import DriverFactory
from streek.logistics.tests.scenario import first_route, first_stop, planned_day

pytestmark = pytest.mark.django_db


def test_members_list_their_hubs_plans(client: Client) -> None:
    planned = planned_day()
    client.force_login(planned.staff)
    response = client.get(f"/api/v1/logistics/hubs/{planned.day.hub.pk}/plans")
    assert response.status_code == 200
    page = PlanPage.model_validate(response.json())
    (item,) = page.items
    assert item.id == planned.plan.pk and item.status.key == "done"
    assert item.totals.km == planned.plan.total_km
    assert item.savings.solo_km == planned.plan.solo_km


@pytest.mark.parametrize("plans", [1, 3])
def test_the_plan_list_costs_the_same_queries_whatever_its_length(
    client: Client, plans: int, django_assert_num_queries
) -> None:
    planned = planned_day()
    for _ in range(plans - 1):
        planned_plan = planned_day()
        planned_plan.plan.hub = planned.day.hub
        planned_plan.plan.save()
    client.force_login(planned.owner)
    with django_assert_num_queries(5):
        response = client.get(f"/api/v1/logistics/hubs/{planned.day.hub.pk}/plans")
    assert len(response.json()["items"]) == plans


def test_a_plan_has_its_routes_stops_and_unplanned_stops(client: Client) -> None:
    planned = planned_day()
    client.force_login(planned.owner)
    response = client.get(f"/api/v1/logistics/plans/{planned.plan.pk}")
    assert response.status_code == 200
    detail = PlanDetail.model_validate(response.json())
    assert len(detail.routes) == planned.plan.routes.count()
    keys = {stop.key for route in detail.routes for stop in route.stops} | {s.key for s in detail.unplanned}
    assert keys == set(Stop.objects.filter(plan=planned.plan).values_list("key", flat=True))
    sequences = [stop.sequence for stop in detail.routes[0].stops]
    assert sequences == sorted(sequences)


def test_outsiders_get_404_and_guests_401(client: Client) -> None:
    planned = planned_day()
    assert client.get(f"/api/v1/logistics/plans/{planned.plan.pk}").status_code == 401
    client.force_login(UserFactory())
    assert client.get(f"/api/v1/logistics/plans/{planned.plan.pk}").status_code == 404
    assert client.get(f"/api/v1/logistics/hubs/{planned.day.hub.pk}/plans").status_code == 404


def test_a_driver_reads_their_route_and_marks_a_stop_done(client: Client) -> None:
    planned = planned_day()
    route = first_route(planned.plan)
    driver = DriverFactory(hub=planned.day.hub)
    route_driver_assign(actor=planned.owner, route=route, driver=driver)
    stop = first_stop(route)
    client.force_login(driver.user)
    assert RouteOut.model_validate(client.get(f"/api/v1/logistics/routes/{route.pk}").json()).id == route.pk
    assert client.get(f"/api/v1/logistics/plans/{planned.plan.pk}").status_code == 404
    response = client.post(f"/api/v1/logistics/stops/{stop.pk}/done")
    assert response.status_code == 200
    assert StopOut.model_validate(response.json()).done_at is not None
    assert Stop.objects.get(pk=stop.pk).done_by == driver.user


def test_the_driver_lists_their_routes(client: Client, monkeypatch, django_assert_num_queries) -> None:
    planned = planned_day()
    route = first_route(planned.plan)
    driver = DriverFactory(hub=planned.day.hub)
    route_driver_assign(actor=planned.owner, route=route, driver=driver)
    monkeypatch.setattr("streek.logistics.selectors.plans.timezone.localdate", lambda: planned.plan.day)
    client.force_login(driver.user)
    with django_assert_num_queries(3):
        response = client.get("/api/v1/logistics/my-routes")
    page = DriverRoutePage.model_validate(response.json())
    assert [item.id for item in page.items] == [route.pk]


def test_someone_else_cannot_mark_a_stop_done(client: Client) -> None:
    planned = planned_day()
    stop = first_stop(first_route(planned.plan))
    client.force_login(planned.staff)
    assert client.post(f"/api/v1/logistics/stops/{stop.pk}/done").status_code == 403
    client.force_login(DriverFactory(hub=planned.day.hub).user)
    assert client.post(f"/api/v1/logistics/stops/{stop.pk}/done").status_code == 404
    assert Stop.objects.get(pk=stop.pk).done_at is None
