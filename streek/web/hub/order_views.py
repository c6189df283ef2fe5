"""The orders of a cycle as the hub handles them: the overview (filtered, paginated) and one order's detail.

The hub marks an order ready, delivered or paid; the services check the order's state and say why not.
"""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from streek.core.exceptions import ApplicationError
from streek.orders.access import is_editor
from streek.orders.choices import OrderStatus
from streek.orders.models import Order, PickupPoint
from streek.orders.selectors.orders import order_get_detail
from streek.orders.services.orders import order_mark_delivered, order_mark_paid, order_mark_ready

from ..inventory.http import refusals_as_http, signed_in_user
from .http import hub_cycle_get, hub_order_get, refusal_message
from .reads import cycle_orders, cycle_pickup_points, order_invoices

PER_PAGE = 50


class OrderFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=gettext_lazy("status"), choices=[("", gettext_lazy("(all)")), *OrderStatus.choices], required=False
    )
    point = forms.TypedChoiceField(
        label=gettext_lazy("pickup point"), coerce=int, empty_value=None, required=False, choices=[]
    )

    def __init__(self, *args: Any, points: list[PickupPoint], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["point"].choices = [("", _("(all)")), *[(point.pk, point.name) for point in points]]  # type: ignore[attr-defined]


@require_GET
@login_required
@refusals_as_http
def cycle_orders_view(request: HttpRequest, cycle_id: int) -> HttpResponse:
    cycle = hub_cycle_get(request, cycle_id)
    points = cycle_pickup_points(cycle=cycle)
    form = OrderFilterForm(request.GET, points=points)
    status, point_id = "", None
    if form.is_valid():
        status = form.cleaned_data["status"]
        point_id = form.cleaned_data["point"]
    page = Paginator(cycle_orders(cycle=cycle, status=status, pickup_point_id=point_id), PER_PAGE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "web/hub/cycle_orders.html",
        {
            "hub": cycle.hub,
            "cycle": cycle,
            "form": form,
            "page": page,
            "querystring": query.urlencode(),
        },
    )


@require_GET
@login_required
@refusals_as_http
def order_detail(request: HttpRequest, order_id: int) -> HttpResponse:
    order = hub_order_get(request, order_id)
    detail = order_get_detail(order=order)
    return render(
        request,
        "web/hub/order_detail.html",
        {
            "hub": order.hub,
            "cycle": order.cycle,
            "order": detail.order,
            "parts": detail.parts,
            "vat": detail.vat,
            "invoices": order_invoices(order=order),
            "can_edit": is_editor(actor=request.user, organisation_id=order.hub_id),
            "statuses": OrderStatus,
        },
    )


ACTIONS: dict[str, tuple[Callable[..., Order], Any]] = {
    "klaar": (order_mark_ready, gettext_lazy("Order %(reference)s is ready.")),
    "geleverd": (order_mark_delivered, gettext_lazy("Order %(reference)s is delivered.")),
    "betaald": (order_mark_paid, gettext_lazy("Order %(reference)s is paid.")),
}


@require_POST
@login_required
@refusals_as_http
def order_mark(request: HttpRequest, order_id: int, action: str) -> HttpResponse:
    if action not in ACTIONS:
        raise Http404("action")
    order = hub_order_get(request, order_id, for_write=True)
    service, message = ACTIONS[action]
    try:
        service(actor=signed_in_user(request), order=order)
    except ApplicationError as error:
        messages.error(request, refusal_message(error))
    else:
        messages.success(request, str(message) % {"reference": order.reference})
    return redirect("web:hub_order", order_id=order.pk)
