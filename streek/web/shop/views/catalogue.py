"""The shops: the list of hubs taking orders, a hub's shop page, putting items in the basket, buying for whom."""

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from streek.catalog.directory_cache import DIRECTORY
from streek.catalog.models import Organisation
from streek.core.exceptions import ApplicationError
from streek.core.response_cache import (
    cache_anonymous_get,
    csrf_context,
    generation_cached,
    response_cache_expires,
)
from streek.orders.access import access_cycle
from streek.orders.choices import CycleStatus, Preparation
from streek.orders.exceptions import ChannelRefused
from streek.orders.models import Basket, ChannelTerms, OrderCycle
from streek.orders.selectors.cycles import cycle_list_for_hub, hub_shop_list, next_cycle_opening, open_cycles
from streek.orders.selectors.shop import ShopPage, cycle_producer_choices, shop_catalogue
from streek.orders.services.basket import basket_get_or_create, basket_set_line, basket_terms
from streek.orders.shop_cache import SHOP

from ...inventory.http import redirect_back, refusals_as_http
from ..buyer import actor, buying_for, buying_for_choices, buying_for_set, guest_token
from ..cards import offer_cards
from ..display import offer_rows
from ..forms import BasketLineForm, BuyingForForm, ShopFilterForm
from .baskets import basket_context, current_basket

PER_PAGE = 24


@require_GET
def shop_list(request: HttpRequest) -> HttpResponse:
    """The hubs with a shop: open now (closing first) or opening later."""
    shops = hub_shop_list()
    return render(
        request,
        "web/shop/shop_list.html",
        {"open_shops": [s for s in shops if s.is_open], "upcoming_shops": [s for s in shops if not s.is_open]},
    )


def hub_for_slug(slug: str) -> Organisation:
    hub = Organisation.objects.select_related("municipality").filter(slug=slug).first()
    if hub is None:
        raise Http404("hub")
    return hub


@dataclass(frozen=True)
class Channel:
    """The terms the shop is shown on, and why the buyer cannot order on them (empty when it can)."""

    terms: ChannelTerms | None
    refusal: str = ""


def shop_channel(*, cycle: OrderCycle, organisation: Organisation | None) -> Channel:
    """The buyer's terms in this cycle; a business buyer not admitted sees the consumer prices, without ordering."""
    try:
        return Channel(terms=basket_terms(cycle=cycle, buyer_organisation=organisation))
    except ChannelRefused as error:
        if organisation is None:
            return Channel(terms=None, refusal=error.message)
        try:
            return Channel(terms=basket_terms(cycle=cycle, buyer_organisation=None), refusal=error.message)
        except ChannelRefused:
            return Channel(terms=None, refusal=error.message)


def _page_number(request: HttpRequest) -> int:
    try:
        return max(1, int(request.GET.get("page", "1")))
    except ValueError:
        return 1


def _querystring(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    for name in [name for name, value in params.items() if not value]:
        params.pop(name)
    return params.urlencode()


def _last_cycle(hub: Organisation) -> OrderCycle | None:
    """The hub's most recent cycle that took orders, for "what was offered last time"."""
    return (
        cycle_list_for_hub(hub=hub)
        .filter(status__in=[CycleStatus.PUBLISHED, CycleStatus.CLOSED], closes_at__lte=timezone.now())
        .first()
    )


def _next_midnight() -> datetime:
    """The start of tomorrow, local time (the shop shows what is available "today")."""
    tomorrow = timezone.localdate() + timedelta(days=1)
    return timezone.make_aware(datetime.combine(tomorrow, time()))


@require_GET
@cache_anonymous_get(SHOP, DIRECTORY)
def shop_page(request: HttpRequest, slug: str) -> HttpResponse:
    """A hub's shop: what the open cycle offers now, browsable before choosing a pickup time.

    Visitors without a session get it from the response cache (streek.orders.shop_cache): every trade and
    catalogue write makes it stale, and a copy never outlives the cycle's closing time or the day.
    """
    cycle = _open_cycle(slug)
    hub = cycle.hub if cycle is not None else hub_for_slug(slug)
    response_cache_expires(request, _next_midnight())
    organisations = buying_for_choices(request)
    organisation = buying_for(request, organisations)
    context: dict[str, Any] = {
        "hub": hub,
        "cycle": cycle,
        "organisations": organisations,
        "organisation": organisation,
        "buying_for_form": BuyingForForm(
            initial={"organisation": organisation.pk if organisation else None}, organisations=organisations
        )
        if organisations
        else None,
    }
    if cycle is None:
        context["next_cycle"] = next_cycle_opening(hub=hub)
        if context["next_cycle"] is not None:
            response_cache_expires(request, context["next_cycle"].opens_at)
        last = _last_cycle(hub)
        if last is not None:
            channel = shop_channel(cycle=last, organisation=None)
            if channel.terms is not None:
                context["last_cycle"] = last
                context["last_page"] = shop_catalogue(cycle=last, terms=channel.terms, per_page=PER_PAGE)
        return render(request, "web/shop/shop_closed.html", context | csrf_context(request))
    response_cache_expires(request, cycle.closes_at)
    producers = cycle_producer_choices(cycle=cycle)
    form = ShopFilterForm(request.GET, producers=producers)
    channel = shop_channel(cycle=cycle, organisation=organisation)
    context.update({"form": form, "channel": channel, "querystring": _querystring(request)})
    basket: Basket | None = None
    if channel.terms is not None and not channel.refusal:
        basket = current_basket(request, cycle=cycle, organisation=organisation)
    context.update(basket_context(basket))
    if channel.terms is not None:
        page = _catalogue_page(cycle, channel.terms, _page_number(request), form.filters())
        context["page"] = page
        rows = offer_rows(
            page.rows,
            hub_id=hub.pk,
            today=timezone.localdate(),
            in_basket=context["summary_quantities"],
        )
        context["rows"] = rows
        context["can_order"] = not channel.refusal
        context["preparations"] = _preparations(channel.terms)
        context["offer_cards"] = offer_cards(
            rows,
            hub_slug=hub.slug,
            cycle_id=cycle.pk,
            can_order=context["can_order"],
            preparations=context["preparations"],
            csrf_token=csrf_context(request).get("csrf_token") or get_token(request),
            next_path=request.get_full_path(),
        )
    htmx = getattr(request, "htmx", None)
    partial = bool(htmx) and not htmx.history_restore_request  # type: ignore[union-attr]
    template = "web/shop/_catalogue.html" if partial else "web/shop/shop_page.html"
    return render(request, template, context | csrf_context(request))


def _open_cycle(slug: str) -> OrderCycle | None:
    """The hub's open cycle with its hub and channels (one query and the channels' when computed), shared by every
    request until a trade or catalogue write commits or the cycle closes; the hub alone is read when none is open.
    """
    return generation_cached(
        "shop-open-cycle",
        (SHOP, DIRECTORY),
        (slug,),
        lambda: open_cycles().filter(hub__slug=slug).select_related("hub__municipality").first(),
        expires=lambda cycle: cycle.closes_at if cycle is not None else timezone.now(),
    )


def _catalogue_page(cycle: OrderCycle, terms: ChannelTerms, number: int, filters: dict[str, Any]) -> ShopPage:
    """A page of the cycle's offers on the terms: the same for every buyer on those terms, so computed once for
    all of them (signed in or not) until a trade or catalogue write commits (see generation_cached)."""
    return generation_cached(
        "shop-catalogue",
        (SHOP, DIRECTORY),
        (cycle.pk, terms.pk, number, PER_PAGE, sorted(filters.items())),
        lambda: shop_catalogue(cycle=cycle, terms=terms, page=number, per_page=PER_PAGE, **filters),
    )


def _preparations(terms: ChannelTerms) -> list[tuple[str, str]]:
    """The packaging and preparation a channel offers, for the choice on each row."""
    return [(value, str(Preparation(value).label)) for value in terms.preparations if value in Preparation.values]


@require_POST
@refusals_as_http
def basket_add(request: HttpRequest, slug: str) -> HttpResponse:
    """Put a quantity of an offered variant in the basket: in place with htmx, else back to the shop page."""
    hub = hub_for_slug(slug)
    shop_url = reverse("web:shop_page", args=[hub.slug])
    try:
        cycle_id = int(request.POST.get("cycle", ""))
    except ValueError as error:
        raise Http404("cycle") from error
    cycle = access_cycle(actor=actor(request), cycle_id=cycle_id)
    if cycle.hub_id != hub.pk:
        raise Http404("cycle")
    form = BasketLineForm(request.POST)
    offer_id = request.POST.get("offer", "")
    basket: Basket | None = None
    ok = False
    if not form.is_valid():
        text = _("Enter a whole number of items.")
    else:
        organisation = buying_for(request)
        try:
            basket = basket_get_or_create(
                cycle=cycle,
                user=actor(request),
                session_key=guest_token(request, create=True),
                buyer_organisation=organisation,
            )
            line = basket_set_line(
                basket=basket,
                offer_id=form.cleaned_data["offer"],
                quantity=form.cleaned_data["quantity"],
                preparation=form.cleaned_data.get("preparation") or "",
            )
        except ApplicationError as error:
            text = error.message
        else:
            ok = True
            text = (
                _("In your basket: %(quantity)s.") % {"quantity": line.quantity}
                if line is not None
                else _("Removed from your basket.")
            )
    if getattr(request, "htmx", False):
        context = {"offer_id": offer_id, "ok": ok, "text": text, "hub": hub, "cycle": cycle, "oob": True}
        context.update(basket_context(basket))
        return render(request, "web/shop/_add_result.html", context)
    (messages.success if ok else messages.error)(request, text)
    return redirect_back(request, shop_url)


@require_POST
def buying_for_choose(request: HttpRequest, slug: str) -> HttpResponse:
    """Switch between buying for the household and for an organisation the user manages."""
    hub = hub_for_slug(slug)
    organisations = buying_for_choices(request)
    form = BuyingForForm(request.POST, organisations=organisations)
    if form.is_valid():
        chosen = form.cleaned_data["organisation"]
        organisation = next((o for o in organisations if o.pk == chosen), None)
        buying_for_set(request, organisation)
        if organisation is None:
            messages.success(request, _("You are buying for your household."))
        else:
            messages.success(request, _("You are buying for %(name)s.") % {"name": organisation.name})
    return HttpResponseRedirect(reverse("web:shop_page", args=[hub.slug]))
