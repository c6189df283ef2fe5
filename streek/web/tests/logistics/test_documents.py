import xml.etree.ElementTree as ET  # noqa: S405 (our own GPX output)

import pytest
from django.urls import reverse

from streek.accounts.tests.factories import UserFactory
from streek.logistics.services.dispatch import route_driver_assign
from streek.logistics.tests.factories import DriverFactory
from streek.logistics.tests.scenario import first_route, planned_day

from .scenario import client_for

pytestmark = pytest.mark.django_db
GPX = "{http://www.topografix.com/GPX/1/1}"


def test_the_route_sheet_is_a_pdf():
    planned = planned_day()
    route = first_route(planned.plan)
    response = client_for(planned.staff).get(reverse("web:logistics_route_pdf", args=[route.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_the_gpx_goes_from_the_depot_through_the_stops_and_back():
    planned = planned_day()
    route = first_route(planned.plan)
    response = client_for(planned.owner).get(reverse("web:logistics_route_gpx", args=[route.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/gpx+xml"
    points = ET.fromstring(response.content).findall(f"{GPX}rte/{GPX}rtept")  # noqa: S314
    assert len(points) == route.stops.count() + 2
    assert [point.findtext(f"{GPX}name") for point in (points[0], points[-1])] == [planned.day.depot.name] * 2


def test_a_driver_gets_the_sheet_of_their_own_route_only():
    planned = planned_day()
    routes = list(planned.plan.routes.all())
    driver = DriverFactory(hub=planned.day.hub)
    route_driver_assign(actor=planned.owner, route=routes[0], driver=driver)
    client = client_for(driver.user)
    assert client.get(reverse("web:logistics_route_gpx", args=[routes[0].pk])).status_code == 200
    other = client_for(DriverFactory(hub=planned.day.hub).user)
    assert other.get(reverse("web:logistics_route_pdf", args=[routes[0].pk])).status_code == 404
    assert client_for(UserFactory()).get(reverse("web:logistics_route_gpx", args=[routes[0].pk])).status_code == 404
