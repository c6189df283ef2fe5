from datetime import time, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from streek.catalog.choices import OrganisationKind
from streek.catalog.tests.factories import OrganisationFactory, concept
from streek.market.models import Match, Request
from streek.market.services.posts import request_create
from streek.market.tests.factories import OfferFactory

pytestmark = pytest.mark.django_db


def _create(**overrides):  # type: ignore[no-untyped-def]
    fields: dict[str, Any] = {
        "organisation": OrganisationFactory(kind=OrganisationKind.PROCESSOR),
        "actor": None,
        "product_type": "apples",
        "unit": "Tonne",
        "title": "Appels voor sap",
        "quantity": Decimal("2"),
        "starts_on": timezone.localdate(),
        "ends_on": timezone.localdate() + timedelta(days=30),
        "max_distance_km": 40,
        "delivery_weekdays": [3, 1, 1],
        "delivery_time_from": time(7),
        "delivery_time_until": time(10),
    }
    fields.update(overrides)
    return request_create(**fields)


def test_a_processor_asks_for_raw_material_and_meets_surplus_offers() -> None:
    # given a producer's surplus of apples
    surplus = OfferFactory(product_type=concept("product_type", "apples"), is_surplus=True, quantity=Decimal("2500"))

    # when
    request = _create()

    # then
    assert request.delivery_weekdays == [1, 3]
    match = Match.objects.get(request=request)
    assert match.offer == surplus
    assert match.breakdown["quantity"][2] == "covers"


def test_the_delivery_window_must_end_after_it_starts() -> None:
    with pytest.raises(ValidationError):
        _create(delivery_time_from=time(10), delivery_time_until=time(9))

    assert Request.objects.count() == 0


def test_delivery_days_are_weekdays() -> None:
    with pytest.raises(ValidationError) as error:
        _create(delivery_weekdays=[7])

    assert "delivery_weekdays" in error.value.message_dict


def test_the_maximum_distance_is_bounded() -> None:
    with pytest.raises(ValidationError) as error:
        _create(max_distance_km=1000)

    assert "max_distance_km" in error.value.message_dict
