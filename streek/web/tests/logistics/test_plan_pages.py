import json

import pytest
from django.urls import reverse

from streek.accounts.tests.factories import UserFactory
from streek.logistics.choices import PlanStatus
from streek.logistics.models import Plan, Stop
from streek.logistics.tests.factories import DAY, DriverFactory, day_setup, order, pickup_slot, producer_at
from streek.logistics.tests.scenario import dry_stop, first_route, planned_day
from streek.logistics.tests.services.test_plan_replan import other_route

from .scenario import client_for

pytestmark = pytest.mark.django_db


def test_the_plan_form_lists_the_cycles_of_the_day_and_queues_a_plan_that_runs(django_capture_on_commit_callbacks):
    # given a closed cycle with orders and the hub's owner
    planned = planned_day()
    day = planned.day
    client = client_for(planned.owner)
    url = reverse("web:logistics_plan_create", args=[day.hub.pk])
    # when the owner opens the form for the day, then posts it
    form = client.get(url, {"day": DAY.isoformat()})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {
                "day": DAY.isoformat(),
                "cycles": [day.cycle.pk],
                "time_limit_seconds": "1",
                "collection_minutes": "10",
                "delivery_minutes": "5",
            },
        )
    # then the cycle was offered, and the new plan was planned and shown
    assert form.status_code == 200 and day.cycle.name in form.content.decode()
    plan = Plan.objects.exclude(pk=planned.plan.pk).get()
    assert response.status_code == 302 and response["Location"] == reverse("web:logistics_plan", args=[plan.pk])
    assert plan.status == PlanStatus.DONE and plan.routes.exists()


def test_a_plan_being_made_shows_its_progress_and_is_polled():
    planned = planned_day()
    Plan.objects.filter(pk=planned.plan.pk).update(status=PlanStatus.RUNNING, progress=42)
    client = client_for(planned.staff)
    url = reverse("web:logistics_plan", args=[planned.plan.pk])
    page = client.get(url).content.decode()
    assert '<progress class="progress" max="100" value="42"' in page
    assert 'hx-trigger="every 1s"' in page
    partial = client.get(url, HTTP_HX_REQUEST="true")
    assert partial.status_code == 200 and "HX-Refresh" not in partial
    Plan.objects.filter(pk=planned.plan.pk).update(status=PlanStatus.DONE, progress=100)
    finished = client.get(url, HTTP_HX_REQUEST="true")
    assert finished["HX-Refresh"] == "true"


def test_a_failed_plan_says_why():
    planned = planned_day()
    Plan.objects.filter(pk=planned.plan.pk).update(status=PlanStatus.FAILED, error_message="OSRM is down")
    page = client_for(planned.owner).get(reverse("web:logistics_plan", args=[planned.plan.pk])).content.decode()
    assert "OSRM is down" in page
    assert reverse("web:logistics_plan_replan", args=[planned.plan.pk]) in page


def test_the_plan_page_shows_routes_stops_savings_and_a_map():
    planned = planned_day()
    plan = planned.plan
    response = client_for(planned.owner).get(reverse("web:logistics_plan", args=[plan.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    for route in plan.routes.all():
        assert f'id="route-{route.number}"' in page
        assert reverse("web:logistics_route_pdf", args=[route.pk]) in page
        assert reverse("web:logistics_route_gpx", args=[route.pk]) in page
    for stop in Stop.objects.filter(plan=plan):
        assert stop.name in page
    assert "Savings of the shared rounds" in page and "Food-km per kg delivered" in page
    config = response.context["map_config"]
    assert len(config["routes"]) == plan.routes.count()
    assert all(route["line"][0] == route["line"][-1] for route in config["routes"])  # from the depot and back
    assert "data-streek-routes" in page and "web/routes.js" in page
    assert json.loads(json.dumps(config))  # serialisable for json_script


def test_unplanned_stops_are_listed_with_their_reason():
    day = day_setup()
    day.vehicle.is_cooled = False
    day.vehicle.save()
    farm = producer_at(50.85, 5.10)
    order(day, lines=[(farm, "5", 1)], slot=pickup_slot(day), temperature="frozen")
    from streek.logistics.services.plans import plan_run

    plan = Plan.objects.create(hub=day.hub, day=DAY, time_limit_seconds=1)
    plan.hubs.set([day.hub])
    plan.cycles.set([day.cycle])
    plan_run(plan_id=plan.pk)
    owner = UserFactory()
    from streek.accounts.tests.factories import MembershipFactory

    MembershipFactory(user=owner, organisation=day.hub)
    page = client_for(owner).get(reverse("web:logistics_plan", args=[plan.pk])).content.decode()
    assert "needs a cooled vehicle and none is available" in page


def test_outsiders_and_members_of_other_hubs_get_404():
    planned = planned_day()
    url = reverse("web:logistics_plan", args=[planned.plan.pk])
    assert client_for(UserFactory()).get(url).status_code == 404
    assert client_for(DriverFactory(hub=planned.day.hub).user).get(url).status_code == 404


def test_the_owner_moves_and_locks_a_stop_staff_cannot():
    planned = planned_day()
    plan = planned.plan
    stop = dry_stop(plan)
    target = other_route(stop)
    staff = client_for(planned.staff)
    assert staff.post(reverse("web:logistics_stop_move", args=[stop.pk]), {"route": target.pk}).status_code == 403
    assert staff.post(reverse("web:logistics_stop_lock", args=[stop.pk]), {"locked": "1"}).status_code == 403
    assert Stop.objects.get(pk=stop.pk).route_id == stop.route_id
    owner = client_for(planned.owner)
    moved = owner.post(reverse("web:logistics_stop_move", args=[stop.pk]), {"route": target.pk})
    assert moved.status_code == 302
    assert Stop.objects.get(pk=stop.pk).route_id == target.pk
    unlocked = owner.post(reverse("web:logistics_stop_lock", args=[stop.pk]), {"locked": "0"})
    assert unlocked.status_code == 302 and not Stop.objects.get(pk=stop.pk).is_locked


def test_the_owner_replans_and_gets_the_new_version(django_capture_on_commit_callbacks):
    planned = planned_day()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(planned.owner).post(
            reverse("web:logistics_plan_replan", args=[planned.plan.pk]), {"time_limit_seconds": "1"}
        )
    child = Plan.objects.get(parent=planned.plan)
    assert response["Location"] == reverse("web:logistics_plan", args=[child.pk])
    assert child.version == 2 and child.status == PlanStatus.DONE
    assert client_for(planned.staff).post(reverse("web:logistics_plan_replan", args=[child.pk])).status_code == 403


def test_the_owner_gives_a_route_to_a_driver():
    planned = planned_day()
    route = first_route(planned.plan)
    driver = DriverFactory(hub=planned.day.hub)
    response = client_for(planned.owner).post(
        reverse("web:logistics_route_driver", args=[route.pk]), {"driver": driver.pk}
    )
    assert response.status_code == 302
    route.refresh_from_db()
    assert route.driver == driver
