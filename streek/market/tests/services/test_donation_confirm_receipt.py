from decimal import Decimal

import pytest

from streek.catalog.tests.factories import concept
from streek.market.choices import DonationStatus
from streek.market.exceptions import InvalidTransition
from streek.market.services.donations import donation_confirm_receipt
from streek.market.tests.factories import DonationFactory, member

pytestmark = pytest.mark.django_db


def test_receipt_records_the_kg_and_returns_what_was_not_received() -> None:
    donation = DonationFactory(
        quantity=Decimal("0.5"),
        offer__unit=concept("measure", "Tonne"),
        offer__quantity=Decimal("2"),
        offer__quantity_claimed=Decimal("0.5"),
    )
    actor = member(donation.food_bank)

    donation_confirm_receipt(donation=donation, actor=actor, received_quantity=Decimal("0.4"))

    donation.refresh_from_db()
    donation.offer.refresh_from_db()
    assert donation.status == DonationStatus.RECEIVED
    assert donation.received_kg == Decimal("400.000")
    assert donation.received_by == actor
    assert donation.offer.quantity_claimed == Decimal("0.4")


def test_a_count_unit_has_no_kg() -> None:
    donation = DonationFactory(offer__unit=concept("measure", "Piece"), offer__quantity_claimed=Decimal("10"))

    donation_confirm_receipt(donation=donation, actor=member(donation.food_bank))

    donation.refresh_from_db()
    assert (donation.received_quantity, donation.received_kg) == (Decimal("10.000"), None)


def test_a_cancelled_donation_cannot_be_confirmed() -> None:
    donation = DonationFactory(status=DonationStatus.CANCELLED)

    with pytest.raises(InvalidTransition):
        donation_confirm_receipt(donation=donation, actor=member(donation.food_bank))

    donation.refresh_from_db()
    assert donation.status == DonationStatus.CANCELLED
