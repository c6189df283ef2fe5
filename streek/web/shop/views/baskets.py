"""The basket: lines grouped per producer with fees, VAT and totals; change a quantity, remove a line."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from streek.catalog.models import Organisation
from streek.core.exceptions import ApplicationError
from streek.orders.access import access_basket
from streek.orders.models import Basket, OrderCycle
from streek.orders.selectors.baskets import basket_for, basket_summary
from streek.orders.services.basket import basket_set_line

from ...inventory.http import redirect_back, refusals_as_http
from ..buyer import actor, guest_token
from ..forms import BasketLineForm


def current_basket(request: HttpRequest, *, cycle: OrderCycle, organisation: Organisation | None) -> Basket | None:
    """The buyer's basket in this cycle (for this organisation), without making one."""
    return basket_for(
        cycle=cycle, user=actor(request), session_key=guest_token(request), buyer_organisation=organisation
    )


def basket_context(basket: Basket | None) -> dict[str, Any]:
    """The priced basket for the summary and the basket table, and its quantities by offer."""
    summary = basket_summary(basket=basket) if basket is not None else None
    return {
        "basket": basket,
        "summary": summary,
        "summary_quantities": {row.offer.pk: row.quantity for row in summary.rows} if summary else {},
    }


@require_GET
def basket_list(request: HttpRequest) -> HttpResponse:
    """The buyer's baskets that hold something in cycles still taking orders; straight to it when there is one."""
    user = actor(request)
    if user.is_authenticated:
        baskets = Basket.objects.filter(user_id=user.pk)
    elif guest_token(request):
        baskets = Basket.objects.filter(user__isnull=True, session_key=guest_token(request))
    else:
        baskets = Basket.objects.none()
    now = timezone.now()
    found = list(
        baskets.filter(lines__isnull=False, cycle__opens_at__lte=now, cycle__closes_at__gt=now)
        .select_related("cycle__hub", "buyer_organisation")
        .distinct()
        .order_by("cycle__closes_at", "pk")
    )
    if len(found) == 1:
        return HttpResponseRedirect(reverse("web:basket_page", args=[found[0].pk]))
    return render(request, "web/shop/basket_list.html", {"baskets": found})


@require_GET
@refusals_as_http
def basket_page(request: HttpRequest, basket_id: int) -> HttpResponse:
    basket = access_basket(actor=actor(request), basket_id=basket_id, session_key=guest_token(request))
    context = basket_context(basket)
    return render(request, "web/shop/basket.html", context)


@require_POST
@refusals_as_http
def basket_line_update(request: HttpRequest, basket_id: int) -> HttpResponse:
    basket = access_basket(actor=actor(request), basket_id=basket_id, session_key=guest_token(request))
    page_url = reverse("web:basket_page", args=[basket.pk])
    form = BasketLineForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter a whole number of items."))
        return redirect_back(request, page_url)
    try:
        basket_set_line(
            basket=basket,
            offer_id=form.cleaned_data["offer"],
            quantity=form.cleaned_data["quantity"],
            preparation=form.cleaned_data.get("preparation") or "",
        )
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your basket is updated."))
    return redirect_back(request, page_url)
