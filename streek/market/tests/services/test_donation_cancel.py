from decimal import Decimal

import pytest

from streek.market.choices import DonationStatus
from streek.market.exceptions import InvalidTransition
from streek.market.services.donations import donation_cancel
from streek.market.tests.factories import DonationFactory, member

pytestmark = pytest.mark.django_db


def test_cancelling_a_claim_gives_the_quantity_back() -> None:
    donation = DonationFactory(quantity=Decimal("10"), offer__quantity_claimed=Decimal("10"))

    donation_cancel(donation=donation, actor=member(donation.donor))

    donation.refresh_from_db()
    donation.offer.refresh_from_db()
    assert donation.status == DonationStatus.CANCELLED
    assert donation.offer.quantity_claimed == Decimal("0")


def test_a_received_donation_cannot_be_cancelled() -> None:
    donation = DonationFactory(
        status=DonationStatus.RECEIVED, received_at="2026-05-01T10:00Z", received_quantity=Decimal("10")
    )

    with pytest.raises(InvalidTransition):
        donation_cancel(donation=donation, actor=member(donation.donor))

    donation.refresh_from_db()
    assert donation.status == DonationStatus.RECEIVED
