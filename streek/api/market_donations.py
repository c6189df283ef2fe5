"""Surplus donations to food banks (on the market router, tags "market"; docs/match.md, "Surplus to food banks").

A food bank claims part of a surplus offer open to donation (`GET /offers?donation=true` lists them), either party
cancels a claim before receipt, and the food bank confirms what it received. Members of the donor and the food bank
(and platform admins) see an organisation's donations and act on them; others get 404. Reading needs
`market:read`, writing `market:write` (a session, or a token of the organisation).
"""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.errors import HttpError

from streek.accounts.selectors import is_platform_admin, organisation_ids
from streek.core.exceptions import ApplicationError, PermissionRefused
from streek.market.access import access_acting_organisation, access_donation, access_offer_for_claim
from streek.market.choices import DonationStatus
from streek.market.exceptions import InvalidTransition, NotEnoughLeft, WrongOrganisationKind
from streek.market.models import Donation
from streek.market.selectors.donations import donation_list_for_organisation
from streek.market.services.donations import donation_cancel, donation_claim, donation_confirm_receipt

from .auth import api_auth
from .errors import values_refused
from .market_render import option, organisation_out, post_url
from .market_threads import WRITE_ERRORS, WRITE_SCOPE, wrong_organisation
from .orders import SESSION_ERRORS, signed_in
from .pagination import PageParams, paginate
from .responses import json_response, url_builder
from .schemas.common import Problem
from .schemas.market import ClaimIn, DonationFilterParams, DonationOut, DonationPage, ReceiptIn

router = Router(tags=["market"])

STATE_ERRORS: dict[int, Any] = {**WRITE_ERRORS, 409: Problem}


def donation_out(donation: Donation, offer_url: str) -> dict[str, Any]:
    return {
        "id": donation.pk,
        "status": donation.status,
        "offer": {"id": donation.offer_id, "title": donation.offer.title, "url": offer_url},
        "donor": organisation_out(donation.donor),
        "food_bank": organisation_out(donation.food_bank),
        "quantity": donation.quantity,
        "unit": option(donation.unit),
        "handover": donation.handover,
        "note": donation.note,
        "claimed_at": donation.created_at,
        "received_at": donation.received_at,
        "received_quantity": donation.received_quantity,
        "received_kg": donation.received_kg,
        "cancelled_at": donation.cancelled_at,
    }


def one_donation(request: HttpRequest, donation: Donation) -> dict[str, Any]:
    return donation_out(donation, post_url(request, donation.offer))


def conflict(exc: InvalidTransition) -> HttpError:
    """The donation or the offer is not in a state that allows this (409)."""
    return HttpError(409, str(exc.message))


@router.get(
    "/market/organisations/{organisation_id}/donations",
    auth=api_auth("market:read"),
    response={200: DonationPage, 422: Problem, **SESSION_ERRORS},
    url_name="market_organisation_donations",
    summary="An organisation's donations",
)
def list_donations(
    request: HttpRequest, organisation_id: int, filters: Query[DonationFilterParams], page: Query[PageParams]
) -> HttpResponse:
    """The donations the organisation gave (a donor) or claimed (a food bank), newest first (its members).
    The offers a food bank may still claim are `GET /offers?donation=true`."""
    organisation = access_acting_organisation(actor=signed_in(request), organisation_id=organisation_id)
    statuses = tuple(part.strip() for value in filters.status for part in value.split(",") if part.strip())
    unknown = [status for status in statuses if status not in DonationStatus.values]
    if unknown:
        message = _("Unknown value '%(key)s'.") % {"key": unknown[0]}
        raise ApplicationError(message, extra={"errors": {"status": message}})
    donations = donation_list_for_organisation(organisation_id=organisation.pk, statuses=statuses)
    result = paginate(request, donations, sort="created_at", params=page, descending=True)
    url: Callable[[int | str], str] = url_builder(request, "api-1:offer_detail", "offer_id")
    items = [donation_out(donation, url(donation.offer_id)) for donation in result.items]
    return json_response(DonationPage, {"items": items, "next": result.next, "count": result.count})


@router.post(
    "/market/offers/{offer_id}/claims",
    auth=api_auth(WRITE_SCOPE),
    response={201: DonationOut, **STATE_ERRORS},
    url_name="market_offer_claim",
    summary="Claim (part of) a surplus offer for a food bank",
)
def claim_offer(request: HttpRequest, offer_id: int, payload: ClaimIn) -> Status[dict[str, Any]]:
    """A food bank (you are a member) claims part of an active offer open to donation. 403 when the organisation
    is not a food bank, the offer is its own or not open to donation; 422 naming `quantity` when more is asked
    than is left (with `left`); 409 when the offer closed meanwhile."""
    user = signed_in(request)
    offer, food_bank = access_offer_for_claim(actor=user, offer_id=offer_id, food_bank_id=payload.food_bank)
    try:
        donation = donation_claim(
            offer=offer,
            food_bank=food_bank,
            actor=user,
            quantity=payload.quantity,
            handover=payload.handover,
            note=payload.note,
        )
    except NotEnoughLeft as exc:
        raise ApplicationError(exc.message, extra={**exc.extra, "errors": {"quantity": exc.message}}) from exc
    except WrongOrganisationKind as exc:
        raise wrong_organisation(exc, "food_bank") from exc
    except InvalidTransition as exc:
        raise conflict(exc) from exc
    except ValidationError as exc:
        raise values_refused(exc, "quantity") from exc
    return Status(201, one_donation(request, donation))


@router.post(
    "/market/donations/{donation_id}/cancel",
    auth=api_auth(WRITE_SCOPE),
    response={200: DonationOut, **STATE_ERRORS},
    url_name="market_donation_cancel",
    summary="Cancel a donation claim",
)
def cancel_donation(request: HttpRequest, donation_id: int) -> dict[str, Any]:
    """Either party cancels a claim before receipt; the quantity goes back to the offer. 409 once it is
    received or cancelled."""
    user = signed_in(request)
    donation = access_donation(actor=user, donation_id=donation_id, for_write=True)
    try:
        cancelled = donation_cancel(donation=donation, actor=user)
    except InvalidTransition as exc:
        raise conflict(exc) from exc
    return one_donation(request, cancelled)


@router.post(
    "/market/donations/{donation_id}/receipt",
    auth=api_auth(WRITE_SCOPE),
    response={200: DonationOut, **STATE_ERRORS},
    url_name="market_donation_receipt",
    summary="Confirm receipt of a donation",
)
def confirm_donation(request: HttpRequest, donation_id: int, payload: ReceiptIn) -> dict[str, Any]:
    """The food bank confirms what it received (all that was claimed unless `received_quantity` says less; the
    rest goes back to the offer). 403 for the donor's side; 409 unless the donation is claimed; 422 naming
    `received_quantity` outside 0 to the claim."""
    user = signed_in(request)
    donation = access_donation(actor=user, donation_id=donation_id, for_write=True)
    if donation.food_bank_id not in organisation_ids(actor=user) and not is_platform_admin(actor=user):
        raise PermissionRefused(_("donation"))
    try:
        received = donation_confirm_receipt(donation=donation, actor=user, received_quantity=payload.received_quantity)
    except InvalidTransition as exc:
        raise conflict(exc) from exc
    except ValidationError as exc:
        raise values_refused(exc, "received_quantity") from exc
    return one_donation(request, received)
