"""Which delivery zone covers an address: by postal code, or by distance from the zone's centre.

Pure functions, shared by the zone set-up, the checkout and the shop page. Postal codes are compared
without spaces and in capitals, so "1012 ab" and "1012AB" are the same Dutch code; a zone listing only
the four digits of a Dutch code ("1012") covers every code that starts with them.
"""

from collections.abc import Iterable
from decimal import Decimal

from streek.core.geo import Point, haversine_km

from .models import DeliveryZone


def postal_code_normalise(code: str) -> str:
    """A postal code as zones store it: capitals, without spaces."""
    return "".join(code.split()).upper()


def postal_codes_normalise(codes: Iterable[str]) -> list[str]:
    """Distinct normalised codes in the order given, empty ones left out."""
    result: list[str] = []
    for code in codes:
        normalised = postal_code_normalise(str(code))
        if normalised and normalised not in result:
            result.append(normalised)
    return result


def _code_matches(code: str, listed: str) -> bool:
    if code == listed:
        return True
    # A Dutch code "1012AB" lies in the area "1012".
    return listed.isdigit() and code.startswith(listed) and code[len(listed) :].isalpha()


def zone_covers(*, zone: DeliveryZone, postal_code: str, lat: float | None, lon: float | None) -> bool:
    """Whether an active zone delivers to this address: its postal code is listed, or it lies within the radius."""
    if not zone.is_active:
        return False
    code = postal_code_normalise(postal_code)
    if code and any(_code_matches(code, postal_code_normalise(str(listed))) for listed in zone.postal_codes):
        return True
    if zone.radius_km is None or zone.center_lat is None or zone.center_lon is None:
        return False
    if lat is None or lon is None:
        return False
    distance = haversine_km(Point(lat=zone.center_lat, lon=zone.center_lon), Point(lat=lat, lon=lon))
    return Decimal(str(distance)) <= Decimal(zone.radius_km)
