"""The public market board: offers and requests with filters and a map, and the page of one post."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from streek.accounts.selectors import organisation_ids
from streek.catalog.models import Organisation
from streek.core.exceptions import NotFound
from streek.market.access import access_acting_organisation, access_offer, access_request
from streek.market.choices import SpecOption
from streek.market.models import Offer, Request
from streek.market.selectors.board import OFFER, REQUEST, BoardFilters, board_map_posts, offer_list, request_list
from streek.market.services.threads import thread_start_from_post
from streek.territory.selectors import geocode, region_municipality_ids
from streek.web.find.maps import points_map_config
from streek.web.inventory.http import refusals_as_http, signed_in_user

from .forms import BoardFilterForm, MessageForm

PAGE_SIZE = 20


def _near(postal_code: str) -> Any:
    for country in ("BE", "NL"):
        try:
            return geocode(country_code=country, postal_code=postal_code).point
        except NotFound:
            continue
    return None


def _filters(form: BoardFilterForm) -> tuple[BoardFilters, str]:
    """The selector's filters from a valid form, and a message when the postal code is unknown."""
    data = form.cleaned_data
    near = None
    radius: float | None = None
    problem = ""
    if data["postal_code"]:
        near = _near(data["postal_code"])
        if near is None:
            problem = _("The postal code '%(code)s' is unknown.") % {"code": data["postal_code"]}
        else:
            radius = float(data["radius"] or 25)
    region = data["region"].strip()
    if region:
        try:
            region_municipality_ids(region=region)
        except NotFound:
            problem = _("The region '%(region)s' is unknown.") % {"region": region}
            region = ""
    filters = BoardFilters(
        search=data["q"].strip(),
        product_types=(data["product_type"],) if data["product_type"] else (),
        labels=(data["label"],) if data["label"] else (),
        municipality=data["municipality"].strip(),
        region=region,
        near=near,
        radius_km=radius,
        surplus_only=bool(data["surplus"]),
    )
    return filters, problem


def post_url(kind: str, post_id: int) -> str:
    return reverse("web:market_offer" if kind == OFFER else "web:market_request", args=[post_id])


@require_GET
def board(request: HttpRequest) -> HttpResponse:
    form = BoardFilterForm(request.GET or None)
    filters, problem = BoardFilters(), ""
    kind = ""
    if form.is_bound and form.is_valid():
        filters, problem = _filters(form)
        kind = form.cleaned_data["kind"]
    # A surplus filter concerns offers only.
    kinds = (OFFER,) if kind == OFFER or filters.surplus_only else (REQUEST,) if kind == REQUEST else (OFFER, REQUEST)
    page_number = request.GET.get("page") or 1
    offers = Paginator(offer_list(filters=filters), PAGE_SIZE).get_page(page_number) if OFFER in kinds else None
    requests = Paginator(request_list(filters=filters), PAGE_SIZE).get_page(page_number) if REQUEST in kinds else None
    markers = [
        {
            "lat": post.lat,
            "lon": post.lon,
            "name": post.title,
            "label": str(_("Surplus") if post.is_surplus else _("Offer") if post.kind == OFFER else _("Request")),
            "url": post_url(post.kind, post.id),
        }
        for post in board_map_posts(filters=filters, kinds=kinds)
    ]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "web/market/board.html",
        {
            "form": form,
            "offers": offers,
            "requests": requests,
            "problem": problem,
            "querystring": query.urlencode(),
            "map_config": points_map_config(markers, zoom=9, cluster=True),
            "has_markers": bool(markers),
        },
    )


def _acting_organisations(request: HttpRequest, *, exclude: int) -> list[Organisation]:
    ids = organisation_ids(actor=request.user) - {exclude}
    return list(Organisation.objects.filter(pk__in=ids).order_by("name")) if ids else []


def _detail(request: HttpRequest, post: Offer | Request, kind: str) -> HttpResponse:
    mine = post.organisation_id in organisation_ids(actor=request.user)
    marker = {"lat": post.lat, "lon": post.lon, "name": post.title, "label": "", "url": ""}
    return render(
        request,
        "web/market/post_detail.html",
        {
            "post": post,
            "kind": kind,
            "mine": mine,
            "labels": list(post.labels.all()),
            "spec_labels": [str(SpecOption(value).label) for value in post.spec or [] if value in SpecOption.values],
            "senders": _acting_organisations(request, exclude=post.organisation_id),
            "message_form": MessageForm(),
            "map_config": points_map_config([marker], zoom=11),
        },
    )


@require_GET
@refusals_as_http
def offer_detail(request: HttpRequest, offer_id: int) -> HttpResponse:
    return _detail(request, access_offer(actor=request.user, offer_id=offer_id), OFFER)


@require_GET
@refusals_as_http
def request_detail(request: HttpRequest, request_id: int) -> HttpResponse:
    return _detail(request, access_request(actor=request.user, request_id=request_id), REQUEST)


@require_POST
@login_required
@refusals_as_http
def post_contact(request: HttpRequest, kind: str, post_id: int) -> HttpResponse:
    """Write to the organisation of a post from its page: a new thread (or the existing one) for the sender."""
    post: Offer | Request = (
        access_offer(actor=request.user, offer_id=post_id)
        if kind == OFFER
        else access_request(actor=request.user, request_id=post_id)
    )
    try:
        sender_id = int(request.POST.get("organisation", ""))
    except ValueError as error:
        raise NotFound("organisation") from error
    sender = access_acting_organisation(actor=request.user, organisation_id=sender_id)
    form = MessageForm(request.POST)
    if form.is_valid():
        try:
            thread = thread_start_from_post(
                post=post, organisation=sender, actor=signed_in_user(request), body=form.cleaned_data["body"]
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Your message is sent."))
            return redirect("web:market_thread", thread_id=thread.pk)
    else:
        messages.error(request, _("Write a message."))
    return redirect(post_url(kind, post.pk))
