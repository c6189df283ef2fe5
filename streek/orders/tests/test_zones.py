from decimal import Decimal

import pytest

from streek.orders.models import DeliveryZone
from streek.orders.zones import postal_code_normalise, zone_covers

SINT_TRUIDEN = (50.8167, 5.1867)
HASSELT = (50.9307, 5.3378)  # about 17 km from Sint-Truiden


def zone(**fields):
    return DeliveryZone(**{"name": "Zone", "fee": Decimal("5"), "postal_codes": [], **fields})


def test_zone_covers_a_listed_postal_code_written_any_way():
    area = zone(postal_codes=["3800", "1012AB"])

    assert zone_covers(zone=area, postal_code="3800", lat=None, lon=None)
    assert zone_covers(zone=area, postal_code=" 1012 ab", lat=None, lon=None)
    assert not zone_covers(zone=area, postal_code="3801", lat=None, lon=None)
    assert not zone_covers(zone=area, postal_code="", lat=None, lon=None)


def test_zone_covers_every_dutch_code_of_a_listed_area():
    area = zone(postal_codes=["1012"])

    assert zone_covers(zone=area, postal_code="1012 AB", lat=None, lon=None)
    assert not zone_covers(zone=area, postal_code="10123", lat=None, lon=None)


@pytest.mark.parametrize(("radius", "covered"), [("20", True), ("15", False)])
def test_zone_covers_an_address_within_the_radius(radius, covered):
    area = zone(center_lat=SINT_TRUIDEN[0], center_lon=SINT_TRUIDEN[1], radius_km=Decimal(radius))

    assert zone_covers(zone=area, postal_code="3500", lat=HASSELT[0], lon=HASSELT[1]) is covered


def test_zone_covers_nothing_by_radius_without_a_position():
    area = zone(center_lat=SINT_TRUIDEN[0], center_lon=SINT_TRUIDEN[1], radius_km=Decimal("50"))

    assert not zone_covers(zone=area, postal_code="3500", lat=None, lon=None)


def test_zone_covers_nothing_when_inactive():
    area = zone(postal_codes=["3800"], is_active=False)

    assert not zone_covers(zone=area, postal_code="3800", lat=None, lon=None)


def test_postal_code_normalise():
    assert postal_code_normalise(" 1012 ab ") == "1012AB"
