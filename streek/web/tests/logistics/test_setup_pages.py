from decimal import Decimal

import pytest
from django.urls import reverse

from streek.accounts.tests.factories import UserFactory
from streek.logistics.models import Depot, Driver, Vehicle
from streek.logistics.tests.factories import DepotFactory, VehicleFactory
from streek.logistics.tests.scenario import planned_day

from .scenario import client_for

pytestmark = pytest.mark.django_db


def test_the_hub_page_lists_plans_depots_vehicles_and_drivers():
    planned = planned_day()
    response = client_for(planned.staff).get(reverse("web:logistics_hub", args=[planned.day.hub.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert planned.day.depot.name in page and planned.day.vehicle.name in page
    assert reverse("web:logistics_plan", args=[planned.plan.pk]) in page
    assert reverse("web:logistics_plan_create", args=[planned.day.hub.pk]) not in page  # staff do not plan


@pytest.mark.parametrize("extra", [1, 4])
def test_the_hub_page_costs_the_same_queries_whatever_the_fleet(extra, django_assert_num_queries):
    planned = planned_day()
    for _ in range(extra):
        VehicleFactory(depot=DepotFactory(hub=planned.day.hub))
    client = client_for(planned.owner)
    with django_assert_num_queries(9):
        client.get(reverse("web:logistics_hub", args=[planned.day.hub.pk]))


def test_the_index_lists_the_users_hubs():
    planned = planned_day()
    page = client_for(planned.owner).get(reverse("web:logistics_index")).content.decode()
    assert reverse("web:logistics_hub", args=[planned.day.hub.pk]) in page


def test_outsiders_get_404_and_anonymous_users_log_in():
    planned = planned_day()
    url = reverse("web:logistics_hub", args=[planned.day.hub.pk])
    assert client_for(UserFactory()).get(url).status_code == 404
    assert client_for().get(url).status_code == 302


def test_an_owner_adds_a_depot_and_a_vehicle():
    planned = planned_day()
    hub = planned.day.hub
    client = client_for(planned.owner)
    response = client.post(
        reverse("web:logistics_depot_create", args=[hub.pk]),
        {
            "name": "Loods Noord",
            "lat": "50.9",
            "lon": "5.2",
            "opens": "05:00",
            "closes": "21:00",
            "reload_minutes": "10",
            "is_active": "on",
            "has_cold_storage": "on",
        },
    )
    assert response.status_code == 302
    depot = Depot.objects.get(name="Loods Noord")
    response = client.post(
        reverse("web:logistics_vehicle_create", args=[hub.pk]),
        {
            "name": "Cargo",
            "depot": depot.pk,
            "capacity_kg": "150",
            "capacity_crates": "12",
            "cost_per_km": "0.10",
            "cost_per_hour": "20",
            "shift_start": "08:00",
            "shift_end": "16:00",
            "max_trips": "3",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    vehicle = Vehicle.objects.get(name="Cargo")
    assert (vehicle.depot, vehicle.capacity_kg, vehicle.max_trips) == (depot, Decimal("150.0"), 3)


def test_a_vehicle_with_a_shift_ending_before_it_starts_is_refused():
    planned = planned_day()
    hub = planned.day.hub
    response = client_for(planned.owner).post(
        reverse("web:logistics_vehicle_create", args=[hub.pk]),
        {
            "name": "Cargo",
            "depot": planned.day.depot.pk,
            "capacity_kg": "150",
            "cost_per_km": "0.10",
            "cost_per_hour": "20",
            "shift_start": "16:00",
            "shift_end": "08:00",
            "max_trips": "1",
        },
    )
    assert response.status_code == 400
    assert not Vehicle.objects.filter(name="Cargo").exists()


def test_staff_cannot_open_the_set_up_forms():
    planned = planned_day()
    hub = planned.day.hub
    client = client_for(planned.staff)
    assert client.get(reverse("web:logistics_depot_create", args=[hub.pk])).status_code == 403
    response = client.post(reverse("web:logistics_vehicle_edit", args=[hub.pk, planned.day.vehicle.pk]), {"name": "X"})
    assert response.status_code == 403
    assert Vehicle.objects.get(pk=planned.day.vehicle.pk).name != "X"


def test_an_owner_adds_a_driver_by_email():
    planned = planned_day()
    person = UserFactory(email="jef@example.org", first_name="Jef", last_name="Peeters")
    url = reverse("web:logistics_driver_add", args=[planned.day.hub.pk])
    client = client_for(planned.owner)
    assert client.post(url, {"email": "nobody@example.org"}).status_code == 400
    assert client.post(url, {"email": "JEF@example.org", "phone": "0470"}).status_code == 302
    assert Driver.objects.get(hub=planned.day.hub).user == person
