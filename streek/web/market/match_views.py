"""Matches of an organisation's posts with their explanation, message threads, and the digest opt-in."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from streek.accounts.models import User
from streek.accounts.selectors import organisation_ids
from streek.catalog.models import Organisation
from streek.core.exceptions import ApplicationError
from streek.market.access import (
    access_acting_organisation,
    access_match,
    access_match_agreement,
    access_match_buyer,
    access_offer,
    access_request,
    access_thread,
)
from streek.market.choices import MatchStatus
from streek.market.explanations import match_explanations
from streek.market.models import DigestSubscription, Match, Thread
from streek.market.selectors.board import OFFER, own_posts
from streek.market.selectors.matches import match_list_for_offer, match_list_for_organisation, match_list_for_request
from streek.market.selectors.threads import thread_list_for_organisation, thread_messages
from streek.market.services.digests import digest_subscribe, digest_unsubscribe
from streek.market.services.matches import match_dismiss, match_record_agreement, match_reopen
from streek.market.services.threads import message_send, thread_mark_read, thread_start_from_match
from streek.orders.choices import FulfilmentMethod
from streek.orders.exceptions import TradeError
from streek.orders.selectors.match_options import (
    HubOption,
    match_agreement_target,
    match_order_option,
    match_order_options,
)
from streek.orders.services.from_match import order_from_match, standing_order_from_match
from streek.web.inventory.http import redirect_back, refusals_as_http, signed_in_user

from .forms import AgreementForm, MessageForm
from .match_order_forms import FIELD_NAMES, MatchOrderForm, MatchStandingForm, MatchTradeForm


def _rows(matches: list[Match]) -> list[dict[str, Any]]:
    explained = match_explanations(matches)
    return [{"match": match, "criteria": explained.get(match.pk, [])} for match in matches]


@require_GET
@login_required
@refusals_as_http
def post_matches(request: HttpRequest, kind: str, post_id: int) -> HttpResponse:
    """The ranked matches of one of the organisation's own posts, each criterion explained."""
    actor = signed_in_user(request)
    if kind == OFFER:
        post: Any = access_offer(actor=actor, offer_id=post_id, for_write=True)
        matches = list(match_list_for_offer(offer=post))
    else:
        post = access_request(actor=actor, request_id=post_id, for_write=True)
        matches = list(match_list_for_request(request=post))
    return render(
        request,
        "web/market/post_matches.html",
        {"post": post, "kind": kind, "rows": _rows(matches), "message_form": MessageForm()},
    )


def _my_side(request: HttpRequest, match: Match) -> Organisation:
    """The organisation the actor acts for in a match: the offering side when a member of both."""
    mine = organisation_ids(actor=request.user)
    if match.offer.organisation_id in mine:
        return match.offer.organisation
    return access_acting_organisation(actor=request.user, organisation_id=match.request.organisation_id)


def _match_transition(
    request: HttpRequest, match_id: int, change: Callable[..., Match], done: str, back: Callable[[Match], str]
) -> HttpResponse:
    """A party changes a match's state (`change(match=, actor=)`); a refused change is said, not raised."""
    actor = signed_in_user(request)
    match = access_match(actor=actor, match_id=match_id, for_write=True)
    _my_side(request, match)
    try:
        change(match=match, actor=actor)
    except (ValidationError, ApplicationError) as error:
        messages.error(request, str(getattr(error, "message", error)))
    else:
        messages.success(request, done)
    return redirect_back(request, back(match))


@require_POST
@login_required
@refusals_as_http
def match_dismiss_view(request: HttpRequest, match_id: int) -> HttpResponse:
    return _match_transition(
        request, match_id, match_dismiss, _("The match is dismissed."), lambda _match: reverse("web:market_mine")
    )


@require_POST
@login_required
@refusals_as_http
def match_reopen_view(request: HttpRequest, match_id: int) -> HttpResponse:
    """Undo a dismissal: the match shows again in both parties' lists and can be ordered from."""
    return _match_transition(
        request,
        match_id,
        match_reopen,
        _("The match is open again."),
        lambda match: reverse("web:market_match", args=[match.pk]),
    )


@require_POST
@login_required
@refusals_as_http
def match_contact(request: HttpRequest, match_id: int) -> HttpResponse:
    """Write to the other party of a match: the match's thread, started or continued."""
    actor = signed_in_user(request)
    match = access_match(actor=actor, match_id=match_id, for_write=True)
    organisation = _my_side(request, match)
    form = MessageForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write a message."))
        return redirect_back(request, reverse("web:market_mine"))
    try:
        thread = thread_start_from_match(
            match=match, organisation=organisation, actor=actor, body=form.cleaned_data["body"]
        )
    except (ValidationError, ApplicationError) as error:
        messages.error(request, str(getattr(error, "message", error)))
        return redirect_back(request, reverse("web:market_mine"))
    messages.success(request, _("Your message is sent."))
    return redirect("web:market_thread", thread_id=thread.pk)


def _is_party(request: HttpRequest, match: Match) -> bool:
    mine = organisation_ids(actor=request.user)
    return match.offer.organisation_id in mine or match.request.organisation_id in mine


def _trade_hubs(match: Match, bound: MatchTradeForm | None) -> list[dict[str, Any]]:
    """Per hub option, the standing order form and (with a cycle open now) the one-off order form; the bound
    form that was refused takes its place."""
    hubs = []
    for option in match_order_options(match=match):
        standing_form: MatchTradeForm = MatchStandingForm(option=option)
        order_form: MatchTradeForm | None = MatchOrderForm(option=option) if option.orderable_variants else None
        if bound is not None and bound.option.hub.pk == option.hub.pk:
            if isinstance(bound, MatchStandingForm):
                standing_form = bound
            else:
                order_form = bound
        hubs.append({"option": option, "standing_form": standing_form, "order_form": order_form})
    return hubs


def _match_page(
    request: HttpRequest,
    match: Match,
    *,
    form: AgreementForm | None = None,
    bound: MatchTradeForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """The match page: the match explained, its agreement (linked to the order it became) and, for the buying
    party, the hubs through which to order from the producer."""
    mine = organisation_ids(actor=request.user)
    buyers = organisation_ids(actor=request.user, editors_only=True)
    is_buyer = match.request.organisation_id in buyers and match.status != MatchStatus.DISMISSED
    context = {
        "match": match,
        "row": _rows([match])[0],
        "form": form or AgreementForm(),
        "can_agree": _is_party(request, match) and match.status != MatchStatus.DISMISSED,
        "on_buyer_side": match.request.organisation_id in mine,
        "agreement_target": match_agreement_target(match=match),
        "is_buyer": is_buyer,
        "trade_hubs": _trade_hubs(match, bound) if is_buyer else [],
        "can_reopen": match.status == MatchStatus.DISMISSED and _is_party(request, match),
    }
    return render(request, "web/market/match_detail.html", context, status=status)


@require_http_methods(["GET", "POST"])
@login_required
@refusals_as_http
def match_detail(request: HttpRequest, match_id: int) -> HttpResponse:
    """One match explained; its buyer orders from it, its parties record a trade arranged elsewhere."""
    actor = signed_in_user(request)
    bound = request.method == "POST"
    if bound:
        match = access_match_agreement(actor=actor, match_id=match_id)
    else:
        match = access_match(actor=actor, match_id=match_id)
    form = AgreementForm(request.POST if bound else None)
    if bound and form.is_valid():
        data = form.cleaned_data
        try:
            match = match_record_agreement(match=match, actor=actor, reference=data["reference"], kind=data["kind"])
        except ValidationError as error:
            for field, errors in getattr(error, "message_dict", {None: error.messages}).items():
                for message in errors:
                    form.add_error(field if field in form.fields else None, message)
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("The match is recorded as %(kind)s %(reference)s.")
                % {"kind": match.get_agreement_kind_display().lower(), "reference": match.agreement_reference},
            )
            return redirect("web:market_match", match_id=match.pk)
    return _match_page(request, match, form=form, status=400 if bound else 200)


def _posted_option(request: HttpRequest, match: Match) -> HubOption | None:
    raw = request.POST.get("hub", "")
    return match_order_option(options=match_order_options(match=match), hub_id=int(raw)) if raw.isdigit() else None


def _show_refusal(form: MatchTradeForm, error: TradeError) -> None:
    field = FIELD_NAMES.get(error.field, error.field)
    form.add_error(field if field in form.fields and field != "hub" else None, error.message)


def _trade_from_match(
    request: HttpRequest,
    match_id: int,
    form_class: type[MatchStandingForm] | type[MatchOrderForm],
    place: Callable[[User, Match, HubOption, dict[str, Any], bool], str],
) -> HttpResponse:
    """The buyer's form for one of the match's hubs; `place(actor, match, option, data, delivery)` makes the trade
    and returns what to tell the buyer. A refusal is shown on the form, next to the field it names."""
    actor = signed_in_user(request)
    match = access_match_buyer(actor=actor, match_id=match_id)
    option = _posted_option(request, match)
    if option is None:
        messages.error(request, _("Ordering through this hub is not possible (any more): choose a hub on the page."))
        return redirect("web:market_match", match_id=match.pk)
    form = form_class(request.POST, option=option)
    if form.is_valid():
        data = form.cleaned_data
        try:
            done = place(actor, match, option, data, data["fulfilment_method"] == FulfilmentMethod.DELIVERY)
        except TradeError as error:
            _show_refusal(form, error)
        else:
            messages.success(request, done)
            return redirect("web:market_match", match_id=match.pk)
    return _match_page(request, match, bound=form, status=400)


def _address(data: dict[str, Any]) -> dict[str, str]:
    return {name: data[name] for name in ("street", "postal_code", "locality", "note")}


@require_POST
@login_required
@refusals_as_http
def match_standing_order(request: HttpRequest, match_id: int) -> HttpResponse:
    """The buyer sets up a standing order from the match at one of the hubs offered on the match page."""

    def place(actor: User, match: Match, option: HubOption, data: dict[str, Any], delivery: bool) -> str:
        standing = standing_order_from_match(
            actor=actor,
            match=match,
            hub_id=option.hub.pk,
            variant_id=data["variant"],
            quantity=data["quantity"],
            fulfilment_method=data["fulfilment_method"],
            starts_on=data["starts_on"],
            interval_weeks=data["interval_weeks"],
            ends_on=data["ends_on"],
            pickup_point_id=None if delivery else data["pickup_point"],
            delivery_zone_id=data["delivery_zone"] if delivery else None,
            **_address(data),
        )
        return _("The standing order '%(name)s' is set up.") % {"name": standing.name}

    return _trade_from_match(request, match_id, MatchStandingForm, place)


@require_POST
@login_required
@refusals_as_http
def match_order(request: HttpRequest, match_id: int) -> HttpResponse:
    """The buyer places a one-off order from the match in the hub's open cycle."""

    def place(actor: User, match: Match, option: HubOption, data: dict[str, Any], delivery: bool) -> str:
        order = order_from_match(
            actor=actor,
            match=match,
            hub_id=option.hub.pk,
            variant_id=data["variant"],
            quantity=data["quantity"],
            fulfilment_method=data["fulfilment_method"],
            idempotency_key=data["idempotency_key"],
            pickup_slot_id=None if delivery else data["pickup_slot"],
            delivery_zone_id=data["delivery_zone"] if delivery else None,
            **_address(data),
        )
        return _("Order %(reference)s is placed.") % {"reference": order.reference}

    return _trade_from_match(request, match_id, MatchOrderForm, place)


@require_GET
@login_required
def my_market(request: HttpRequest) -> HttpResponse:
    """Per organisation of the member: its posts, its matches, its threads and the digest opt-in."""
    user = signed_in_user(request)
    organisations = list(Organisation.objects.filter(pk__in=organisation_ids(actor=user)).order_by("name"))
    subscribed = set(
        DigestSubscription.objects.filter(user=user, is_active=True).values_list("organisation_id", flat=True)
    )
    sections = []
    for organisation in organisations:
        offers, wanted = own_posts(organisation_id=organisation.pk)
        matches = list(match_list_for_organisation(organisation_id=organisation.pk, limit=20))
        sections.append(
            {
                "organisation": organisation,
                "offers": list(offers[:50]),
                "requests": list(wanted[:50]),
                "rows": _rows(matches),
                "threads": list(thread_list_for_organisation(organisation_id=organisation.pk)[:20]),
                "subscribed": organisation.pk in subscribed,
            }
        )
    return render(request, "web/market/mine.html", {"sections": sections})


def _thread_side(request: HttpRequest, thread: Thread) -> Organisation:
    mine = organisation_ids(actor=request.user)
    return thread.initiator if thread.initiator_id in mine else thread.recipient


@require_http_methods(["GET", "POST"])
@login_required
@refusals_as_http
def thread_detail(request: HttpRequest, thread_id: int) -> HttpResponse:
    actor = signed_in_user(request)
    thread = access_thread(actor=actor, thread_id=thread_id, for_write=request.method == "POST")
    organisation = _thread_side(request, thread)
    bound = request.method == "POST"
    form = MessageForm(request.POST if bound else None)
    if bound and form.is_valid():
        try:
            message_send(thread=thread, organisation=organisation, actor=actor, body=form.cleaned_data["body"])
        except ValidationError as error:
            for message in error.messages:
                form.add_error("body", message)
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your message is sent."))
            return redirect("web:market_thread", thread_id=thread.pk)
    if not bound:
        thread_mark_read(thread=thread, organisation=organisation)
    other = thread.recipient if organisation.pk == thread.initiator_id else thread.initiator
    return render(
        request,
        "web/market/thread.html",
        {
            "thread": thread,
            "organisation": organisation,
            "other": other,
            "thread_messages": list(thread_messages(thread=thread)),
            "form": form,
        },
        status=400 if bound else 200,
    )


@require_POST
@login_required
@refusals_as_http
def digest_toggle(request: HttpRequest, organisation_id: int) -> HttpResponse:
    user = signed_in_user(request)
    organisation = access_acting_organisation(actor=user, organisation_id=organisation_id)
    if request.POST.get("subscribe") == "1":
        digest_subscribe(user=user, organisation=organisation)
        messages.success(request, _("You receive a daily email of new matches of %(name)s.") % {"name": organisation})
    else:
        digest_unsubscribe(user=user, organisation=organisation)
        messages.success(request, _("You no longer receive the match email of %(name)s.") % {"name": organisation})
    return redirect("web:market_mine")
