import pytest
from django.contrib.auth.models import AnonymousUser

from streek.accounts.tests.factories import AdminUserFactory, UserFactory
from streek.catalog.choices import OrganisationKind
from streek.catalog.tests.factories import OrganisationFactory
from streek.core.exceptions import NotFound, PermissionRefused
from streek.market.access import (
    access_acting_organisation,
    access_donation,
    access_match,
    access_offer,
    access_offer_for_claim,
    access_request,
    access_scan,
    access_thread,
)
from streek.market.choices import PostStatus
from streek.market.tests.factories import (
    DonationFactory,
    MatchFactory,
    OfferFactory,
    ProcurementScanFactory,
    RequestFactory,
    ThreadFactory,
    member,
)

pytestmark = pytest.mark.django_db


# ---- access_offer / access_request ------------------------------------------------------------------------------


def test_an_active_offer_is_public_to_read() -> None:
    offer = OfferFactory()

    assert access_offer(actor=AnonymousUser(), offer_id=offer.pk) == offer


def test_another_organisation_cannot_edit_an_offer() -> None:
    offer = OfferFactory()
    stranger = member(OrganisationFactory())

    with pytest.raises(PermissionRefused):
        access_offer(actor=stranger, offer_id=offer.pk, for_write=True)


def test_a_member_edits_its_organisations_offer() -> None:
    offer = OfferFactory()

    assert access_offer(actor=member(offer.organisation, role="staff"), offer_id=offer.pk, for_write=True) == offer


def test_a_withdrawn_offer_is_hidden_from_others() -> None:
    offer = OfferFactory(status=PostStatus.WITHDRAWN)

    with pytest.raises(NotFound):
        access_offer(actor=UserFactory(), offer_id=offer.pk)
    assert access_offer(actor=member(offer.organisation), offer_id=offer.pk) == offer


def test_an_unknown_offer_is_not_found() -> None:
    with pytest.raises(NotFound):
        access_offer(actor=AdminUserFactory(), offer_id=999999)


def test_another_organisation_cannot_edit_a_request_and_an_expired_one_is_hidden() -> None:
    request = RequestFactory()
    expired = RequestFactory(status=PostStatus.EXPIRED)
    stranger = member(OrganisationFactory())

    with pytest.raises(PermissionRefused):
        access_request(actor=stranger, request_id=request.pk, for_write=True)
    with pytest.raises(NotFound):
        access_request(actor=stranger, request_id=expired.pk)
    assert access_request(actor=AdminUserFactory(), request_id=expired.pk, for_write=True) == expired


# ---- access_match -------------------------------------------------------------------------------------------------


def test_both_parties_see_a_match_and_nobody_else() -> None:
    match = MatchFactory()

    assert access_match(actor=member(match.offer.organisation), match_id=match.pk) == match
    assert access_match(actor=member(match.request.organisation), match_id=match.pk, for_write=True) == match
    with pytest.raises(NotFound):
        access_match(actor=member(OrganisationFactory()), match_id=match.pk)
    with pytest.raises(NotFound):
        access_match(actor=AnonymousUser(), match_id=match.pk)


# ---- access_thread ------------------------------------------------------------------------------------------------


def test_a_thread_is_read_by_its_two_parties_only() -> None:
    thread = ThreadFactory()

    assert access_thread(actor=member(thread.initiator), thread_id=thread.pk) == thread
    assert access_thread(actor=member(thread.recipient), thread_id=thread.pk) == thread
    with pytest.raises(NotFound):
        access_thread(actor=member(OrganisationFactory()), thread_id=thread.pk)


def test_not_even_a_platform_admin_reads_a_thread() -> None:
    thread = ThreadFactory()

    with pytest.raises(NotFound):
        access_thread(actor=AdminUserFactory(), thread_id=thread.pk)


# ---- access_donation and claims -----------------------------------------------------------------------------------


def test_a_donation_is_seen_by_donor_and_food_bank_only() -> None:
    donation = DonationFactory()

    assert access_donation(actor=member(donation.donor), donation_id=donation.pk) == donation
    assert access_donation(actor=member(donation.food_bank), donation_id=donation.pk) == donation
    with pytest.raises(NotFound):
        access_donation(actor=member(OrganisationFactory(kind=OrganisationKind.FOOD_BANK)), donation_id=donation.pk)


def test_only_a_food_bank_may_claim() -> None:
    offer = OfferFactory(is_surplus=True, donation_allowed=True)
    school = OrganisationFactory(kind=OrganisationKind.SCHOOL)
    bank = OrganisationFactory(kind=OrganisationKind.FOOD_BANK)

    with pytest.raises(PermissionRefused):
        access_offer_for_claim(actor=member(school), offer_id=offer.pk, food_bank_id=school.pk)
    assert access_offer_for_claim(actor=member(bank), offer_id=offer.pk, food_bank_id=bank.pk) == (offer, bank)


def test_a_claim_for_a_food_bank_one_is_not_a_member_of_is_refused() -> None:
    offer = OfferFactory(is_surplus=True, donation_allowed=True)
    bank = OrganisationFactory(kind=OrganisationKind.FOOD_BANK)

    with pytest.raises(NotFound):
        access_offer_for_claim(actor=UserFactory(), offer_id=offer.pk, food_bank_id=bank.pk)


def test_an_offer_not_open_to_donation_cannot_be_claimed() -> None:
    offer = OfferFactory(is_surplus=True, donation_allowed=False)
    bank = OrganisationFactory(kind=OrganisationKind.FOOD_BANK)

    with pytest.raises(PermissionRefused):
        access_offer_for_claim(actor=member(bank), offer_id=offer.pk, food_bank_id=bank.pk)


# ---- access_scan and acting organisation ------------------------------------------------------------------------


def test_a_scan_is_private_to_the_buyer() -> None:
    scan = ProcurementScanFactory()

    assert access_scan(actor=member(scan.organisation), scan_id=scan.pk) == scan
    with pytest.raises(NotFound):
        access_scan(actor=member(OrganisationFactory()), scan_id=scan.pk)


def test_acting_for_an_organisation_needs_membership() -> None:
    organisation = OrganisationFactory()

    assert access_acting_organisation(actor=member(organisation, role="staff"), organisation_id=organisation.pk)
    with pytest.raises(NotFound):
        access_acting_organisation(actor=UserFactory(), organisation_id=organisation.pk)
