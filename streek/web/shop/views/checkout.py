"""The checkout: a signed-in buyer chooses a pickup slot or home delivery and places the basket as one order."""

from typing import Any
from uuid import uuid4

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from streek.orders.access import access_basket, access_order
from streek.orders.choices import FulfilmentMethod
from streek.orders.deadlines import order_cutoff
from streek.orders.exceptions import CheckoutRefused
from streek.orders.models import Basket, DeliveryZone, PickupSlot
from streek.orders.services.checkout import basket_checkout

from ...inventory.http import refusals_as_http, signed_in_user
from ..buyer import actor, guest_token
from ..forms import CheckoutForm
from .baskets import basket_context
from .orders import order_context

# Which form field a refusal's `field` points at (the rest show above the form).
FORM_FIELDS = {"pickup_slot", "delivery_zone", "street", "postal_code", "locality", "fulfilment_method", "note"}


def _outgoing(basket: Basket) -> tuple[list[PickupSlot], list[DeliveryZone]]:
    """The cycle's pickup slots (with their point) and active delivery zones."""
    cycle = basket.cycle
    slots = list(
        PickupSlot.objects.filter(cycle=cycle, pickup_point__is_active=True)
        .select_related("pickup_point")
        .order_by("starts_at", "pickup_point__name", "pk")
    )
    zones = list(cycle.delivery_zones.filter(is_active=True).order_by("name", "pk"))
    return slots, zones


@require_http_methods(["GET", "POST"])
@login_required
@refusals_as_http
def checkout_page(request: HttpRequest, basket_id: int) -> HttpResponse:
    user = signed_in_user(request)
    basket = access_basket(actor=user, basket_id=basket_id, session_key=guest_token(request))
    slots, zones = _outgoing(basket)
    refusal: CheckoutRefused | None = None
    if request.method == "POST":
        form = CheckoutForm(request.POST, slots=slots, zones=zones)
        if form.is_valid():
            data = form.cleaned_data
            delivery = data["fulfilment_method"] == FulfilmentMethod.DELIVERY
            try:
                order = basket_checkout(
                    basket=basket,
                    actor=user,
                    idempotency_key=data["idempotency_key"],
                    fulfilment_method=data["fulfilment_method"],
                    pickup_slot_id=None if delivery else data["pickup_slot"],
                    delivery_zone_id=data["delivery_zone"] if delivery else None,
                    street=data["street"] if delivery else "",
                    postal_code=data["postal_code"] if delivery else "",
                    locality=data["locality"] if delivery else "",
                    note=data["note"],
                )
            except CheckoutRefused as error:
                refusal = error
                if error.field in FORM_FIELDS and error.field in form.fields:
                    form.add_error(error.field, error.message)
                else:
                    form.add_error(None, error.message)
            else:
                return HttpResponseRedirect(reverse("web:order_confirmation", args=[order.pk]))
    else:
        form = CheckoutForm(initial={"idempotency_key": uuid4().hex}, slots=slots, zones=zones)
    context: dict[str, Any] = {
        "basket": basket,
        "form": form,
        "slots": slots,
        "zones": zones,
        "terms": basket.terms,
        "cutoff": order_cutoff(cycle=basket.cycle, terms=basket.terms),
        "refused_offer_id": refusal.offer_id if refusal is not None else None,
    }
    context.update(basket_context(basket))
    return render(request, "web/shop/checkout.html", context, status=400 if request.method == "POST" else 200)


@require_GET
@login_required
@refusals_as_http
def order_confirmation(request: HttpRequest, order_id: int) -> HttpResponse:
    order = access_order(actor=actor(request), order_id=order_id)
    return render(request, "web/shop/order_confirmation.html", order_context(order))
