from decimal import Decimal
from typing import Any

import pytest

from streek.catalog.tests.factories import OrganisationFactory
from streek.market.models import Offer
from streek.market.services.posts import offer_create_surplus

pytestmark = pytest.mark.django_db


def test_unsold_stock_becomes_a_surplus_offer_open_to_food_banks_once() -> None:
    producer = OrganisationFactory()
    fields: dict[str, Any] = {
        "organisation": producer,
        "source_reference": "cycle:12:variant:7",
        "product_type": "leek",
        "unit": "Kilogram",
        "title": "Prei (onverkocht)",
        "quantity": Decimal("35"),
    }

    first = offer_create_surplus(**fields)
    second = offer_create_surplus(**fields)

    assert first.pk == second.pk
    assert Offer.objects.count() == 1
    assert (first.is_surplus, first.donation_allowed, first.source_reference) == (True, True, "cycle:12:variant:7")
    assert first.ends_on is not None and (first.ends_on - first.starts_on).days == 7
