import threading
from decimal import Decimal

import pytest
from django.db import connection

from streek.catalog.choices import OrganisationKind
from streek.catalog.tests.factories import OrganisationFactory
from streek.market.choices import DonationStatus, PostStatus
from streek.market.exceptions import InvalidTransition, NotEnoughLeft, WrongOrganisationKind
from streek.market.models import Donation, Offer
from streek.market.services.donations import donation_claim
from streek.market.tests.factories import OfferFactory, member

pytestmark = pytest.mark.django_db


def _food_bank():  # type: ignore[no-untyped-def]
    return OrganisationFactory(kind=OrganisationKind.FOOD_BANK)


def test_a_food_bank_claims_part_of_a_surplus_offer() -> None:
    offer = OfferFactory(is_surplus=True, donation_allowed=True, quantity=Decimal("100"))
    bank = _food_bank()

    donation = donation_claim(offer=offer, food_bank=bank, actor=member(bank), quantity=Decimal("60"))

    offer.refresh_from_db()
    assert offer.quantity_claimed == Decimal("60")
    assert offer.quantity_available == Decimal("40")
    assert (donation.status, donation.donor, donation.unit) == (DonationStatus.CLAIMED, offer.organisation, offer.unit)


def test_a_claim_above_what_is_left_is_refused() -> None:
    offer = OfferFactory(donation_allowed=True, quantity=Decimal("100"), quantity_claimed=Decimal("80"))
    bank = _food_bank()

    with pytest.raises(NotEnoughLeft) as error:
        donation_claim(offer=offer, food_bank=bank, actor=member(bank), quantity=Decimal("30"))

    assert error.value.extra == {"left": "20.000"}
    offer.refresh_from_db()
    assert offer.quantity_claimed == Decimal("80")
    assert Donation.objects.count() == 0


def test_only_a_food_bank_claims() -> None:
    offer = OfferFactory(donation_allowed=True)
    school = OrganisationFactory(kind=OrganisationKind.SCHOOL)

    with pytest.raises(WrongOrganisationKind):
        donation_claim(offer=offer, food_bank=school, actor=member(school), quantity=Decimal("1"))

    assert Donation.objects.count() == 0


@pytest.mark.parametrize("overrides", [{"donation_allowed": False}, {"status": PostStatus.EXPIRED}])
def test_an_offer_not_open_to_donation_cannot_be_claimed(overrides: dict) -> None:
    offer = OfferFactory(**({"donation_allowed": True} | overrides))
    bank = _food_bank()

    with pytest.raises(InvalidTransition):
        donation_claim(offer=offer, food_bank=bank, actor=member(bank), quantity=Decimal("1"))

    assert Donation.objects.count() == 0


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_food_banks_claiming_at_once_never_take_more_than_there_is() -> None:
    # given 100 kg and two food banks each wanting 60 kg at the same moment
    offer = OfferFactory(is_surplus=True, donation_allowed=True, quantity=Decimal("100"))
    banks = [_food_bank(), _food_bank()]
    actors = [member(bank) for bank in banks]
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def claim(index: int) -> None:
        try:
            barrier.wait()
            donation_claim(offer=offer, food_bank=banks[index], actor=actors[index], quantity=Decimal("60"))
            outcomes.append("claimed")
        except NotEnoughLeft:
            outcomes.append("refused")
        finally:
            connection.close()

    # when
    workers = [threading.Thread(target=claim, args=(n,)) for n in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()

    # then
    assert sorted(outcomes) == ["claimed", "refused"]
    assert Offer.objects.get(pk=offer.pk).quantity_claimed == Decimal("60")
    assert Donation.objects.count() == 1
