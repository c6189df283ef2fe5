import pytest

from streek.accounts.choices import MembershipRole
from streek.catalog.tests.factories import SalesPointFactory
from streek.core.exceptions import ApplicationError, PermissionRefused
from streek.orders.models import PickupPoint
from streek.orders.services.outgoing import pickup_point_save
from streek.orders.tests.factories import HubFactory, PickupPointFactory
from streek.orders.tests.hub_scenarios import member_of

pytestmark = pytest.mark.django_db


def test_pickup_point_save_creates_a_cooled_point():
    hub = HubFactory()

    point = pickup_point_save(
        actor=member_of(hub), hub=hub, name=" Hoeve De Linde ", postal_code="3800", lat=50.8, lon=5.18, is_cooled=True
    )

    point.refresh_from_db()
    assert (point.hub, point.name, point.is_cooled, point.lat) == (hub, "Hoeve De Linde", True, 50.8)


def test_pickup_point_save_takes_address_and_position_from_a_linked_sales_point():
    hub = HubFactory()
    shop = SalesPointFactory(street="Kerkstraat 2", postal_code="3800", lat=50.81, lon=5.19)

    point = pickup_point_save(actor=member_of(hub), hub=hub, name="Hoevewinkel", sales_point=shop)

    assert (point.street, point.postal_code, point.lat, point.lon, point.municipality) == (
        "Kerkstraat 2",
        "3800",
        50.81,
        5.19,
        shop.municipality,
    )


def test_pickup_point_save_changes_a_point():
    point = PickupPointFactory(is_cooled=False)

    pickup_point_save(actor=member_of(point.hub), hub=point.hub, pickup_point=point, is_cooled=True)

    assert PickupPoint.objects.get(pk=point.pk).is_cooled is True


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"lat": 50.8}, "lat"),
        ({"lat": 95.0, "lon": 5.0}, "lat"),
        ({"lat": "north", "lon": 5.0}, "lat"),
        ({"name": ""}, "name"),
        ({"opening": "9-12"}, None),
    ],
)
def test_pickup_point_save_refuses_wrong_values_and_changes_nothing(fields, field):
    point = PickupPointFactory(name="Markt", lat=None, lon=None)

    with pytest.raises(ApplicationError) as error:
        pickup_point_save(actor=member_of(point.hub), hub=point.hub, pickup_point=point, **fields)

    if field:
        assert error.value.extra["field"] == field
    point.refresh_from_db()
    assert (point.name, point.lat, point.lon) == ("Markt", None, None)


def test_pickup_point_save_refuses_a_point_of_another_hub_and_staff():
    point = PickupPointFactory(name="Markt")
    hub = HubFactory()

    with pytest.raises(ApplicationError):
        pickup_point_save(actor=member_of(hub), hub=hub, pickup_point=point, name="Gekaapt")
    with pytest.raises(PermissionRefused):
        pickup_point_save(
            actor=member_of(point.hub, MembershipRole.STAFF), hub=point.hub, pickup_point=point, name="Gekaapt"
        )

    assert PickupPoint.objects.get(pk=point.pk).name == "Markt"
