"""My orders: the history, an order's detail, cancel or change before the cut-off, reorder, the invoice PDF."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from streek.core.exceptions import ApplicationError
from streek.orders.access import access_invoice, access_order
from streek.orders.choices import OrderStatus
from streek.orders.models import Invoice, Order, OrderLine
from streek.orders.selectors.orders import order_get_detail, order_queryset_for_buyer, reorder_cycle, reorder_lines
from streek.orders.services.basket import basket_get_or_create, basket_set_line
from streek.orders.services.invoice_pdf import invoice_store_pdf
from streek.orders.services.orders import order_cancel, order_line_update

from ...inventory.http import refusals_as_http, signed_in_user
from ..forms import CancelForm, OrderLineQuantityForm

ORDERS_PER_PAGE = 20

# What each status means for the buyer, in words.
STATUS_EXPLAINED = {
    OrderStatus.PLACED: gettext_lazy("Received: you can still change or cancel it until the order cut-off."),
    OrderStatus.CONFIRMED: gettext_lazy("Confirmed: the producers are preparing it."),
    OrderStatus.READY: gettext_lazy("Ready to be collected or delivered."),
    OrderStatus.DELIVERED: gettext_lazy("Delivered."),
    OrderStatus.CANCELLED: gettext_lazy("Cancelled."),
}


def order_context(order: Order) -> dict[str, Any]:
    """The order with its lines per producer, VAT per rate, and whether the buyer may still change it."""
    detail = order_get_detail(order=order)
    return {
        "order": detail.order,
        "detail": detail,
        "status_explained": STATUS_EXPLAINED.get(OrderStatus(order.status), ""),
    }


@require_GET
@login_required
def order_list_page(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    # The queryset, not a list: the paginator counts and reads one page in the database.
    page = Paginator(order_queryset_for_buyer(actor=user), ORDERS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "web/shop/order_list.html", {"page": page, "orders": page.object_list})


@require_GET
@login_required
@refusals_as_http
def order_detail_page(request: HttpRequest, order_id: int) -> HttpResponse:
    order = access_order(actor=signed_in_user(request), order_id=order_id)
    context = order_context(order)
    context["cancel_form"] = CancelForm(auto_id="cancel-%s")
    context["invoices"] = list(Invoice.objects.filter(order=order).order_by("issued_on", "pk"))
    return render(request, "web/shop/order_detail.html", context)


def _detail_url(order: Order) -> str:
    return reverse("web:order_detail", args=[order.pk])


@require_POST
@login_required
@refusals_as_http
def order_cancel_view(request: HttpRequest, order_id: int) -> HttpResponse:
    user = signed_in_user(request)
    order = access_order(actor=user, order_id=order_id, for_write=True)
    form = CancelForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        order = order_cancel(actor=user, order=order, reason=reason)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Order %(reference)s is cancelled.") % {"reference": order.reference})
    return HttpResponseRedirect(_detail_url(order))


@require_POST
@login_required
@refusals_as_http
def order_quantities_view(request: HttpRequest, order_id: int) -> HttpResponse:
    """Change the quantity of one line (0 removes it) before the cut-off."""
    user = signed_in_user(request)
    order = access_order(actor=user, order_id=order_id, for_write=True)
    form = OrderLineQuantityForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter a whole number of items."))
        return HttpResponseRedirect(_detail_url(order))
    line = OrderLine.objects.filter(pk=form.cleaned_data["line"], order=order).first()
    if line is None:
        raise Http404("order line")
    try:
        changed = order_line_update(actor=user, line=line, quantity=form.cleaned_data["quantity"])
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        if changed is None:
            messages.success(request, _("%(line)s is removed from your order.") % {"line": line.description})
        else:
            messages.success(
                request,
                _("%(line)s: the quantity is now %(quantity)s.")
                % {"line": changed.description, "quantity": changed.quantity},
            )
    return HttpResponseRedirect(_detail_url(order))


@require_POST
@login_required
@refusals_as_http
def order_reorder_view(request: HttpRequest, order_id: int) -> HttpResponse:
    """Put the variants of an order that the hub still offers in the current basket; say which are gone."""
    user = signed_in_user(request)
    order = access_order(actor=user, order_id=order_id)
    lines = reorder_lines(order=order)
    cycle = lines[0].cycle if lines else reorder_cycle(order=order)
    if cycle is None:
        messages.warning(request, _("%(hub)s is not taking orders right now.") % {"hub": order.hub.name})
        return HttpResponseRedirect(_detail_url(order))
    try:
        basket = basket_get_or_create(
            cycle=cycle, user=user, session_key="", buyer_organisation=order.buyer_organisation
        )
    except ApplicationError as error:
        messages.error(request, error.message)
        return HttpResponseRedirect(_detail_url(order))
    offered = {line.variant.pk for line in lines}
    added: list[str] = []
    gone = [line.description for line in order_get_detail(order=order).lines if line.variant_id not in offered]
    for line in lines:
        try:
            basket_set_line(basket=basket, offer_id=line.offer.pk, quantity=line.quantity)
        except ApplicationError as error:
            gone.append(f"{line.description} ({error.message})")
        else:
            added.append(line.description)
    if added:
        messages.success(request, _("Put in your basket: %(lines)s.") % {"lines": ", ".join(added)})
    if gone:
        messages.warning(request, _("No longer offered: %(lines)s.") % {"lines": ", ".join(gone)})
    return HttpResponseRedirect(reverse("web:basket_page", args=[basket.pk]))


@require_GET
@login_required
@refusals_as_http
def invoice_pdf_view(request: HttpRequest, order_id: int, invoice_id: int) -> HttpResponse:
    invoice = access_invoice(actor=signed_in_user(request), invoice_id=invoice_id)
    if invoice.order_id != order_id:
        raise Http404("invoice")
    if not invoice.pdf:
        invoice = invoice_store_pdf(invoice_id=invoice.pk)
    with invoice.pdf.open("rb") as stored:
        content = stored.read()
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{invoice.number}.pdf"'
    return response
