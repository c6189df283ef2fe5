"""The one door to each protected market object: guards that return the object or refuse.

A guard raises NotFound (404) when the actor may not know the object exists, PermissionRefused (403) when the
actor may see it but not do this. One condition per line. Members of an organisation (any role) manage its
posts, matches, threads, donations and scans: that is daily work, not the organisation's profile. Platform
admins may read and act on everything except message threads, which stay between the two parties.
"""

from streek.accounts.selectors import Actor, is_platform_admin, organisation_ids
from streek.catalog.choices import OrganisationKind
from streek.catalog.models import Organisation
from streek.core.exceptions import NotFound, PermissionRefused

from .choices import PostStatus
from .models import Donation, Match, Offer, ProcurementScan, Request, Thread


def _member_of(*, actor: Actor, organisation_id: int) -> bool:
    return organisation_id in organisation_ids(actor=actor)


def access_acting_organisation(*, actor: Actor, organisation_id: int) -> Organisation:
    """The organisation the actor acts for (posts, writes, claims): its members only."""
    organisation = Organisation.objects.select_related("municipality").filter(pk=organisation_id).first()
    if organisation is None:
        raise NotFound("organisation")
    if not (_member_of(actor=actor, organisation_id=organisation.pk) or is_platform_admin(actor=actor)):
        raise NotFound("organisation")
    return organisation


def access_offer(*, actor: Actor, offer_id: int, for_write: bool = False) -> Offer:
    """Active offers are public; expired and withdrawn ones for their organisation; writes for its members."""
    offer = Offer.objects.select_related("organisation", "product_type", "unit").filter(pk=offer_id).first()
    if offer is None:
        raise NotFound("offer")
    owner = _member_of(actor=actor, organisation_id=offer.organisation_id) or is_platform_admin(actor=actor)
    if offer.status != PostStatus.ACTIVE and not owner:
        raise NotFound("offer")
    if for_write and not owner:
        raise PermissionRefused("offer")
    return offer


def access_request(*, actor: Actor, request_id: int, for_write: bool = False) -> Request:
    """Active requests are public; others for their organisation; writes for its members."""
    request = Request.objects.select_related("organisation", "product_type", "unit").filter(pk=request_id).first()
    if request is None:
        raise NotFound("request")
    owner = _member_of(actor=actor, organisation_id=request.organisation_id) or is_platform_admin(actor=actor)
    if request.status != PostStatus.ACTIVE and not owner:
        raise NotFound("request")
    if for_write and not owner:
        raise PermissionRefused("request")
    return request


def access_match(*, actor: Actor, match_id: int, for_write: bool = False) -> Match:
    """A match is seen and acted on by members of its two organisations (and platform admins)."""
    match = (
        Match.objects.select_related(
            "offer__organisation", "offer__product_type", "request__organisation", "request__product_type"
        )
        .filter(pk=match_id)
        .first()
    )
    if match is None:
        raise NotFound("match")
    mine = organisation_ids(actor=actor)
    party = match.offer.organisation_id in mine or match.request.organisation_id in mine
    if not (party or is_platform_admin(actor=actor)):
        raise NotFound("match")
    return match


def access_match_agreement(*, actor: Actor, match_id: int) -> Match:
    """Recording what a match became (a standing or business order) is for the two parties only.

    Outsiders get 404 as for any match; a platform admin who may read the match but is no party gets 403.
    """
    match = access_match(actor=actor, match_id=match_id)
    mine = organisation_ids(actor=actor)
    if match.offer.organisation_id not in mine and match.request.organisation_id not in mine:
        raise PermissionRefused("match")
    return match


def access_match_buyer(*, actor: Actor, match_id: int) -> Match:
    """Ordering from a match (a standing or a one-off order in Trade) is for the buying party only: an owner or
    manager of the request's organisation. Outsiders get 404 as for any match; the offering side, the buyer's
    staff and platform admins who may read the match get 403.
    """
    match = access_match(actor=actor, match_id=match_id)
    if match.request.organisation_id not in organisation_ids(actor=actor, editors_only=True):
        raise PermissionRefused("match")
    return match


def access_thread(*, actor: Actor, thread_id: int, for_write: bool = False) -> Thread:
    """A thread is read and written by members of its two organisations only (not by platform admins)."""
    thread = (
        Thread.objects.select_related("initiator", "recipient", "match", "offer", "request")
        .filter(pk=thread_id)
        .first()
    )
    if thread is None:
        raise NotFound("thread")
    mine = organisation_ids(actor=actor)
    if thread.initiator_id not in mine and thread.recipient_id not in mine:
        raise NotFound("thread")
    return thread


def access_donation(*, actor: Actor, donation_id: int, for_write: bool = False) -> Donation:
    """A donation is seen by members of the donor and the food bank (and platform admins); they act on it."""
    donation = Donation.objects.select_related("offer", "donor", "food_bank", "unit").filter(pk=donation_id).first()
    if donation is None:
        raise NotFound("donation")
    mine = organisation_ids(actor=actor)
    party = donation.donor_id in mine or donation.food_bank_id in mine
    if not (party or is_platform_admin(actor=actor)):
        raise NotFound("donation")
    return donation


def access_offer_for_claim(*, actor: Actor, offer_id: int, food_bank_id: int) -> tuple[Offer, Organisation]:
    """Claiming a surplus offer: the actor acts for a food bank, and the offer is active and open to donation."""
    food_bank = access_acting_organisation(actor=actor, organisation_id=food_bank_id)
    offer = access_offer(actor=actor, offer_id=offer_id)
    if food_bank.kind != OrganisationKind.FOOD_BANK:
        raise PermissionRefused("offer")
    if not offer.donation_allowed or offer.status != PostStatus.ACTIVE:
        raise PermissionRefused("offer")
    if offer.organisation_id == food_bank.pk:
        raise PermissionRefused("offer")
    return offer, food_bank


def access_scan(*, actor: Actor, scan_id: int, for_write: bool = False) -> ProcurementScan:
    """A market scan is private to the buyer's members (and platform admins)."""
    scan = ProcurementScan.objects.select_related("organisation").filter(pk=scan_id).first()
    if scan is None:
        raise NotFound("scan")
    if not (_member_of(actor=actor, organisation_id=scan.organisation_id) or is_platform_admin(actor=actor)):
        raise NotFound("scan")
    return scan
