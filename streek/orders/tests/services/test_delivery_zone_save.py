from datetime import time
from decimal import Decimal

import pytest

from streek.core.exceptions import ApplicationError, PermissionRefused
from streek.orders.models import DeliveryZone
from streek.orders.services.outgoing import delivery_zone_save
from streek.orders.tests.factories import DeliveryZoneFactory, HubFactory
from streek.orders.tests.hub_scenarios import member_of, outsider

pytestmark = pytest.mark.django_db


def test_delivery_zone_save_creates_a_zone_by_postal_codes():
    hub = HubFactory()

    zone = delivery_zone_save(
        actor=member_of(hub),
        hub=hub,
        name="Haspengouw",
        postal_codes="3800, 3803; 1012 ab, 3800",
        fee="4,50",
        minimum_order=Decimal("30"),
        delivery_from=time(16, 0),
        delivery_until=time(19, 0),
    )

    zone.refresh_from_db()
    assert zone.postal_codes == ["3800", "3803", "1012AB"]
    assert (zone.fee, zone.minimum_order) == (Decimal("4.50"), Decimal("30.00"))


def test_delivery_zone_save_creates_a_zone_by_radius():
    hub = HubFactory()

    zone = delivery_zone_save(
        actor=member_of(hub), hub=hub, name="10 km", center_lat=50.8167, center_lon=5.1867, radius_km=10, fee=0
    )

    assert zone.radius_km == Decimal("10")
    assert zone.postal_codes == []


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"postal_codes": []}, "postal_codes"),
        ({"postal_codes": ["38OO"]}, "postal_codes"),
        ({"postal_codes": [], "radius_km": 5}, "center_lat"),
        ({"postal_codes": [], "center_lat": 50.8, "center_lon": 5.1}, "radius_km"),
        ({"postal_codes": [], "center_lat": 50.8, "center_lon": 5.1, "radius_km": 0}, "radius_km"),
        ({"center_lat": 50.8}, "center_lat"),
        ({"fee": Decimal("-1")}, "fee"),
        ({"fee": 4.5}, "fee"),
        ({"delivery_from": time(18, 0), "delivery_until": time(17, 0)}, "delivery_until"),
    ],
)
def test_delivery_zone_save_refuses_wrong_values_and_changes_nothing(fields, field):
    zone = DeliveryZoneFactory(postal_codes=["3800"], fee=Decimal("5.00"))

    with pytest.raises(ApplicationError) as error:
        delivery_zone_save(actor=member_of(zone.hub), hub=zone.hub, zone=zone, **fields)

    assert error.value.extra["field"] == field
    zone.refresh_from_db()
    assert (zone.postal_codes, zone.fee, zone.radius_km, zone.center_lat) == (["3800"], Decimal("5.00"), None, None)


def test_delivery_zone_save_refuses_outsiders_and_zones_of_another_hub():
    zone = DeliveryZoneFactory(name="Oud")
    hub = HubFactory()

    with pytest.raises(PermissionRefused):
        delivery_zone_save(actor=outsider(), hub=zone.hub, zone=zone, name="Nieuw")
    with pytest.raises(ApplicationError):
        delivery_zone_save(actor=member_of(hub), hub=hub, zone=zone, name="Nieuw")

    assert DeliveryZone.objects.get(pk=zone.pk).name == "Oud"
