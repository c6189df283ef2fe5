import pytest
from django.urls import reverse

from streek.logistics.models import Stop
from streek.logistics.services.dispatch import route_driver_assign
from streek.logistics.tests.factories import DriverFactory
from streek.logistics.tests.scenario import first_route, first_stop, planned_day

from .scenario import client_for

pytestmark = pytest.mark.django_db


def driven():  # type: ignore[no-untyped-def]
    planned = planned_day()
    route = first_route(planned.plan)
    driver = DriverFactory(hub=planned.day.hub)
    route_driver_assign(actor=planned.owner, route=route, driver=driver)
    return planned, route, driver


def test_the_driver_sees_their_routes(django_assert_num_queries, monkeypatch):
    planned, route, driver = driven()
    monkeypatch.setattr("streek.logistics.selectors.plans.timezone.localdate", lambda: planned.plan.day)
    client = client_for(driver.user)
    with django_assert_num_queries(3):
        response = client.get(reverse("web:logistics_driver_home"))
    assert reverse("web:logistics_driver_route", args=[route.pk]) in response.content.decode()


def test_the_driver_marks_a_stop_done_with_a_big_button():
    planned, route, driver = driven()
    stop = first_stop(route)
    client = client_for(driver.user)
    page = client.get(reverse("web:logistics_driver_route", args=[route.pk])).content.decode()
    assert 'class="driver-button"' in page
    response = client.post(reverse("web:logistics_stop_done", args=[stop.pk]), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "Done at" in response.content.decode()
    assert Stop.objects.get(pk=stop.pk).done_by == driver.user


def test_another_driver_cannot_see_or_mark_the_route():
    planned, route, _ = driven()
    stop = first_stop(route)
    other = client_for(DriverFactory(hub=planned.day.hub).user)
    assert other.get(reverse("web:logistics_driver_route", args=[route.pk])).status_code == 404
    assert other.post(reverse("web:logistics_stop_done", args=[stop.pk])).status_code == 404
    assert Stop.objects.get(pk=stop.pk).done_at is None


def test_a_staff_member_sees_the_route_but_cannot_mark_it():
    planned, route, _ = driven()
    stop = first_stop(route)
    client = client_for(planned.staff)
    page = client.get(reverse("web:logistics_driver_route", args=[route.pk])).content.decode()
    assert 'class="driver-button"' not in page
    response = client.post(reverse("web:logistics_stop_done", args=[stop.pk]), HTTP_HX_REQUEST="true")
    assert response.status_code == 403
    assert Stop.objects.get(pk=stop.pk).done_at is None
