"""Surplus to food banks: food banks claim surplus offers and confirm receipt; producers follow the claims of
their offers, log waste and download a donation receipt (PDF)."""

from decimal import Decimal

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from streek.catalog.choices import OrganisationKind
from streek.core.exceptions import ApplicationError, PermissionRefused
from streek.core.pdf import pdf_from_html
from streek.market.access import (
    access_acting_organisation,
    access_donation,
    access_offer,
    access_offer_for_claim,
)
from streek.market.choices import PostStatus
from streek.market.selectors.board import own_posts
from streek.market.selectors.donations import donation_list_for_organisation, donation_offer_list, donation_receipt
from streek.market.services.donations import donation_cancel, donation_claim, donation_confirm_receipt, offer_log_waste

from ..inventory.http import refusals_as_http, signed_in_user
from .forms import ClaimForm, ReceiptForm, WasteForm

MAX_OFFERS = 100


def _amount(quantity: Decimal) -> str:
    """A quantity without trailing zeros and never in exponent notation (30, not 3E+1)."""
    return f"{quantity.normalize():f}"


def _errors(request: HttpRequest, form: forms.Form) -> None:
    for field_messages in form.errors.values():
        for message in field_messages:
            messages.error(request, str(message))


@require_GET
@login_required
@refusals_as_http
def donation_overview(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = access_acting_organisation(actor=request.user, organisation_id=organisation_id)
    is_food_bank = organisation.kind == OrganisationKind.FOOD_BANK
    offers = list(donation_offer_list()[:MAX_OFFERS]) if is_food_bank else []
    surplus = []
    if not is_food_bank:
        own_offers, _requests = own_posts(organisation_id=organisation.pk)
        surplus = [
            offer
            for offer in own_offers
            if offer.status == PostStatus.ACTIVE and (offer.is_surplus or offer.donation_allowed)
        ]
    donations = list(donation_list_for_organisation(organisation_id=organisation.pk))
    return render(
        request,
        "web/procurement/donations.html",
        {
            "organisation": organisation,
            "is_food_bank": is_food_bank,
            "offers": offers,
            "surplus": surplus,
            "received": [d for d in donations if d.food_bank_id == organisation.pk],
            "given": [d for d in donations if d.donor_id == organisation.pk],
            "claim_form": ClaimForm(),
            "waste_form": WasteForm(),
        },
    )


@require_POST
@login_required
@refusals_as_http
def donation_claim_view(request: HttpRequest, organisation_id: int, offer_id: int) -> HttpResponse:
    offer, food_bank = access_offer_for_claim(actor=request.user, offer_id=offer_id, food_bank_id=organisation_id)
    form = ClaimForm(request.POST)
    if not form.is_valid():
        _errors(request, form)
        return redirect("web:donation_overview", organisation_id=food_bank.pk)
    try:
        donation = donation_claim(
            offer=offer,
            food_bank=food_bank,
            actor=signed_in_user(request),
            quantity=form.cleaned_data["quantity"],
            handover=form.cleaned_data["handover"],
            note=form.cleaned_data["note"],
        )
    except ApplicationError as error:
        messages.error(request, error.message)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("You claimed %(quantity)s %(unit)s of %(offer)s.")
            % {"quantity": _amount(donation.quantity), "unit": offer.unit.label, "offer": offer.title},
        )
    return redirect("web:donation_overview", organisation_id=food_bank.pk)


@require_POST
@login_required
@refusals_as_http
def donation_confirm_view(request: HttpRequest, organisation_id: int, donation_id: int) -> HttpResponse:
    organisation = access_acting_organisation(actor=request.user, organisation_id=organisation_id)
    donation = access_donation(actor=request.user, donation_id=donation_id, for_write=True)
    if donation.food_bank_id != organisation.pk:
        if donation.donor_id == organisation.pk:
            raise PermissionRefused("donation")
        raise Http404("donation")
    form = ReceiptForm(request.POST)
    if not form.is_valid():
        _errors(request, form)
        return redirect("web:donation_overview", organisation_id=organisation.pk)
    try:
        donation_confirm_receipt(
            donation=donation, actor=signed_in_user(request), received_quantity=form.cleaned_data["received_quantity"]
        )
    except ApplicationError as error:
        messages.error(request, error.message)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Receipt confirmed. Thank you."))
    return redirect("web:donation_overview", organisation_id=organisation.pk)


@require_POST
@login_required
@refusals_as_http
def donation_cancel_view(request: HttpRequest, organisation_id: int, donation_id: int) -> HttpResponse:
    organisation = access_acting_organisation(actor=request.user, organisation_id=organisation_id)
    donation = access_donation(actor=request.user, donation_id=donation_id, for_write=True)
    if organisation.pk not in (donation.food_bank_id, donation.donor_id):
        raise Http404("donation")
    try:
        donation_cancel(donation=donation, actor=signed_in_user(request))
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The claim was cancelled; the quantity is available again."))
    return redirect("web:donation_overview", organisation_id=organisation.pk)


@require_POST
@login_required
@refusals_as_http
def offer_log_waste_view(request: HttpRequest, organisation_id: int, offer_id: int) -> HttpResponse:
    organisation = access_acting_organisation(actor=request.user, organisation_id=organisation_id)
    offer = access_offer(actor=request.user, offer_id=offer_id, for_write=True)
    if offer.organisation_id != organisation.pk:
        raise Http404("offer")
    form = WasteForm(request.POST)
    if not form.is_valid():
        _errors(request, form)
        return redirect("web:donation_overview", organisation_id=organisation.pk)
    try:
        record = offer_log_waste(
            offer=offer,
            actor=signed_in_user(request),
            quantity=form.cleaned_data["quantity"],
            reason=form.cleaned_data["reason"],
        )
    except ApplicationError as error:
        messages.error(request, error.message)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("Logged %(quantity)s %(unit)s as waste; the offer was taken off the board.")
            % {"quantity": _amount(record.quantity), "unit": offer.unit.label},
        )
    return redirect("web:donation_overview", organisation_id=organisation.pk)


@require_GET
@login_required
@refusals_as_http
def donation_receipt_pdf(request: HttpRequest, donation_id: int) -> HttpResponse:
    donation = access_donation(actor=request.user, donation_id=donation_id)
    receipt = donation_receipt(donation_id=donation.pk)
    if receipt is None:
        raise Http404("receipt")
    html = render_to_string(
        "web/procurement/donation_receipt_pdf.html",
        {"receipt": receipt, "site_name": settings.STREEK_SITE_NAME, "language": get_language()},
    )
    if request.GET.get("format") == "html":
        return HttpResponse(html)
    response = HttpResponse(pdf_from_html(html), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="donation-{receipt.number}.pdf"'
    return response
