from decimal import Decimal

import pytest
from django.urls import reverse

from streek.catalog.tests.factories import SalesPointFactory
from streek.orders.models import DeliveryZone, PickupPoint
from streek.orders.tests.factories import DeliveryZoneFactory, PickupPointFactory

from .scenario import client_for, team

pytestmark = pytest.mark.django_db


def test_a_pickup_point_linked_to_a_sales_point_takes_its_address() -> None:
    people = team()
    shop = SalesPointFactory(operator=people.hub, street="Markt 3")

    response = client_for(people.owner).post(
        reverse("web:hub_pickup_point_create", args=[people.hub.pk]),
        {"name": "Hoevewinkel", "sales_point": shop.pk, "is_cooled": "on", "is_active": "on"},
    )

    assert response.status_code == 302
    point = PickupPoint.objects.get(hub=people.hub)
    assert (point.sales_point, point.street, point.is_cooled, point.lat) == (shop, "Markt 3", True, shop.lat)


def test_a_pickup_point_is_edited_and_listed() -> None:
    people = team()
    point = PickupPointFactory(hub=people.hub, name="Oud")
    client = client_for(people.owner)

    client.post(
        reverse("web:hub_pickup_point_edit", args=[people.hub.pk, point.pk]), {"name": "Buurthuis", "is_active": "on"}
    )

    point.refresh_from_db()
    assert point.name == "Buurthuis"
    assert "Buurthuis" in client.get(reverse("web:hub_outgoing", args=[people.hub.pk])).content.decode()


def test_a_zone_by_postal_codes_is_saved_and_one_without_area_is_refused_on_its_field() -> None:
    people = team()
    client = client_for(people.owner)
    url = reverse("web:hub_zone_create", args=[people.hub.pk])
    zone = {
        "name": "Sint-Truiden",
        "postal_codes": "3800, 3803",
        "fee": "4.50",
        "minimum_order": "20",
        "is_active": "on",
    }

    refused = client.post(url, {**zone, "postal_codes": ""})
    saved = client.post(url, zone)

    assert refused.status_code == 400
    assert "postal codes or a radius" in refused.context["form"].errors["postal_codes"][0]
    assert saved.status_code == 302
    created = DeliveryZone.objects.get(hub=people.hub)
    assert (created.postal_codes, created.fee) == (["3800", "3803"], Decimal("4.50"))


def test_staff_and_other_hubs_cannot_change_points_and_zones() -> None:
    people = team()
    point = PickupPointFactory(hub=people.hub, name="Oud")
    zone = DeliveryZoneFactory(hub=people.hub, name="Oud")
    data = {"name": "Nieuw", "postal_codes": "3800", "fee": "1", "minimum_order": "0", "is_active": "on"}

    assert (
        client_for(people.staff)
        .post(reverse("web:hub_pickup_point_edit", args=[people.hub.pk, point.pk]), data)
        .status_code
        == 403
    )
    assert (
        client_for(people.stranger).post(reverse("web:hub_zone_edit", args=[people.hub.pk, zone.pk]), data).status_code
        == 404
    )
    other_zone = DeliveryZoneFactory()
    assert (
        client_for(people.owner).get(reverse("web:hub_zone_edit", args=[people.hub.pk, other_zone.pk])).status_code
        == 404
    )
    point.refresh_from_db()
    zone.refresh_from_db()
    assert (point.name, zone.name) == ("Oud", "Oud")
