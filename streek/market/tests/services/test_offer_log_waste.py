from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from streek.catalog.tests.factories import OrganisationFactory
from streek.market.choices import PostStatus, WasteReason
from streek.market.models import WasteRecord
from streek.market.services.donations import offer_log_waste, waste_record_create
from streek.market.tests.factories import MatchFactory

pytestmark = pytest.mark.django_db


def test_the_unclaimed_rest_of_a_surplus_is_logged_as_waste_and_the_offer_leaves_the_board() -> None:
    match = MatchFactory(offer__quantity=Decimal("100"), offer__quantity_claimed=Decimal("30"), offer__is_surplus=True)
    offer = match.offer

    record = offer_log_waste(offer=offer, actor=None)

    offer.refresh_from_db()
    assert (record.quantity, record.quantity_kg, record.reason) == (
        Decimal("70.000"),
        Decimal("70.000"),
        WasteReason.UNSOLD,
    )
    assert record.product_type == offer.product_type
    assert offer.status == PostStatus.WITHDRAWN
    assert offer.matches.count() == 0


def test_waste_in_grams_is_counted_in_kg() -> None:
    record = waste_record_create(
        organisation=OrganisationFactory(), actor=None, quantity=Decimal("2500"), unit="Gram", reason="spoiled"
    )

    assert record.quantity_kg == Decimal("2.500")


def test_waste_needs_a_quantity_and_a_known_unit() -> None:
    with pytest.raises(ValidationError):
        waste_record_create(organisation=OrganisationFactory(), actor=None, quantity=Decimal("0"), unit="Kilogram")
    with pytest.raises(ValidationError):
        waste_record_create(organisation=OrganisationFactory(), actor=None, quantity=Decimal("1"), unit="Euro")

    assert WasteRecord.objects.count() == 0
