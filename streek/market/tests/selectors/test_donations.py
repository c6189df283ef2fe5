from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from streek.catalog.tests.factories import OrganisationFactory
from streek.market.choices import DonationStatus
from streek.market.selectors.donations import (
    donation_list_for_organisation,
    donation_offer_list,
    donation_receipt,
    surplus_facts,
)
from streek.market.services.donations import waste_record_create
from streek.market.tests.factories import DonationFactory, OfferFactory

pytestmark = pytest.mark.django_db


def _received(**overrides):  # type: ignore[no-untyped-def]
    fields = {
        "status": DonationStatus.RECEIVED,
        "received_at": datetime(2026, 6, 1, 10, tzinfo=UTC),
        "received_quantity": Decimal("8"),
        "received_kg": Decimal("8"),
    }
    return DonationFactory(**(fields | overrides))


def test_the_receipt_has_all_the_pdf_needs() -> None:
    donation = _received(
        offer__organisation__enterprise_number="0123456789", offer__organisation__legal_name="Hoeve BV"
    )

    receipt = donation_receipt(donation_id=donation.pk)

    assert receipt is not None
    assert receipt.number == f"D-{donation.pk:06d}"
    assert (receipt.donor.legal_name, receipt.donor.enterprise_number, receipt.donor.country_code) == (
        "Hoeve BV",
        "0123456789",
        "BE",
    )
    assert (receipt.quantity, receipt.kg) == (Decimal("8"), Decimal("8"))
    assert donation_receipt(donation_id=DonationFactory().pk) is None  # not received yet


def test_surplus_facts_add_up_kg_donated_and_wasted_per_organisation_and_year() -> None:
    first = _received()
    _received(offer=first.offer, donor=first.donor, received_kg=Decimal("2"), received_quantity=Decimal("2"))
    _received(received_at=datetime(2025, 6, 1, tzinfo=UTC))  # another year
    waste_record_create(
        organisation=first.donor, actor=None, quantity=Decimal("3"), unit="Kilogram", recorded_on=date(2026, 2, 1)
    )
    waste_record_create(
        organisation=OrganisationFactory(),
        actor=None,
        quantity=Decimal("5"),
        unit="Piece",
        recorded_on=date(2026, 2, 1),
    )

    facts = surplus_facts(year=2026)

    assert [(f.organisation_id, f.kg_donated, f.kg_wasted) for f in facts] == [
        (first.donor_id, Decimal("10.000"), Decimal("3.000"))
    ]


def test_food_banks_see_the_offers_open_to_donation_and_their_donations() -> None:
    open_offer = OfferFactory(donation_allowed=True, is_surplus=True)
    OfferFactory(donation_allowed=False)
    donation = DonationFactory()

    assert list(donation_offer_list()) == [open_offer, donation.offer]
    assert list(donation_list_for_organisation(organisation_id=donation.food_bank_id)) == [donation]
