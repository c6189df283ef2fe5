"""Emails about orders: the confirmation to the buyer and each producer, changes, and the close of a cycle.

Every message is rendered in its recipient's language (User.language; an organisation without members
with an email address gets its own address in the site's default language), as plain text with an HTML
alternative, from the templates under orders/email/. Call these functions after the transaction that
made the change has committed (`transaction.on_commit`); a failing mail server is logged, never raised,
because the order it reports on already exists.

`change` in `order_changed_notify` is one of the codes in ORDER_CHANGES (unknown text is shown as given).
"""

import logging
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db.models import Count, Sum
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from streek.catalog.models import Organisation
from streek.catalog.recipients import Recipient, organisation_recipients, user_recipient
from streek.core.public_url import public_url

from .choices import OrderStatus
from .models import Invoice, Order, OrderCycle, OrderLine, ProducerOrder

logger = logging.getLogger(__name__)

# URL names of the pages a message links to, when the web app has them (no link otherwise).
ORDER_URL_NAME = "web:order_detail"
PRODUCER_CYCLE_URL_NAME = "web:producer_cycle"
HUB_REPORT_URL_NAME = "web:hub_cycle_report"

ORDER_CHANGES: dict[str, StrOrPromise] = {
    "cancelled": _("The order was cancelled."),
    "updated": _("The quantities of the order were changed."),
    "prepared": _("The producers prepared the order; final weights and amounts may differ slightly."),
    "out_of_stock": _("A producer could not deliver one or more lines; they are no longer charged."),
    "ready": _("The order is ready to be collected or delivered."),
    "delivered": _("The order was delivered."),
    "paid": _("The payment of the order was received. Thank you."),
}
# Changes the producers of the order are told about as well (they change what they prepare).
PRODUCER_CHANGES = frozenset({"cancelled", "updated"})


@dataclass(frozen=True)
class PickTotal:
    """One variant a producer prepares for a closed cycle."""

    description: str
    quantity: int
    weight_kg: Decimal | None


def _message(
    *, recipient: Recipient, subject: StrOrPromise, template: str, context: dict[str, Any]
) -> EmailMultiAlternatives:
    """Render one message in the recipient's language: orders/email/<template>.txt and .html."""
    with translation.override(recipient.language):
        full = {"recipient": recipient, "site_name": settings.STREEK_SITE_NAME, **context}
        text = render_to_string(f"orders/email/{template}.txt", full)
        html = render_to_string(f"orders/email/{template}.html", full)
        message = EmailMultiAlternatives(
            subject=f"{settings.STREEK_SITE_NAME}: {subject}", body=text, to=[recipient.email]
        )
        message.attach_alternative(html, "text/html")
        message.extra_headers["Content-Language"] = recipient.language
    return message


def _send(messages: Sequence[EmailMultiAlternatives]) -> int:
    """Send over one connection; a failure is logged (the order exists whatever the mail server says)."""
    if not messages:
        return 0
    try:
        with get_connection() as connection:
            return int(connection.send_messages(list(messages)) or 0)
    except Exception:
        logger.exception("orders: sending %d message(s) failed", len(messages))
        return 0


def _order_with_lines(order_id: int) -> Order | None:
    return (
        Order.objects.select_related("buyer", "hub", "buyer_organisation", "pickup_slot__pickup_point", "delivery_zone")
        .prefetch_related("producer_orders__producer", "producer_orders__lines")
        .filter(pk=order_id)
        .first()
    )


def _order_context(order: Order) -> dict[str, Any]:
    producer_orders = sorted(order.producer_orders.all(), key=lambda po: po.producer.name)
    return {
        "order": order,
        "cycle": order.cycle,
        "producer_orders": producer_orders,
        "slot": order.pickup_slot,
        "pickup_point": order.pickup_slot.pickup_point if order.pickup_slot else None,
        "zone": order.delivery_zone,
        "order_url": public_url(ORDER_URL_NAME, order.pk),
    }


def order_placed_notify(*, order_id: int) -> int:
    """The confirmation to the buyer and, to each producer, the part it prepares. Returns the messages sent."""
    order = _order_with_lines(order_id)
    if order is None:
        return 0
    context = _order_context(order)
    messages = []
    buyer = user_recipient(order.buyer)
    if buyer is not None:
        subject = _("order %(reference)s received") % {"reference": order.reference}
        messages.append(_message(recipient=buyer, subject=subject, template="order_placed_buyer", context=context))
    producer_orders = context["producer_orders"]
    recipients = organisation_recipients(organisation_ids=[po.producer_id for po in producer_orders])
    for producer_order in producer_orders:
        for recipient in recipients.get(producer_order.producer_id, []):
            subject = _("new order %(reference)s from %(hub)s") % {"reference": order.reference, "hub": order.hub}
            messages.append(
                _message(
                    recipient=recipient,
                    subject=subject,
                    template="order_placed_producer",
                    context={**context, "producer_order": producer_order},
                )
            )
    return _send(messages)


def order_changed_notify(*, order_id: int, change: str) -> int:
    """Tell the buyer (and, for cancellations and quantity changes, the producers) what changed."""
    order = _order_with_lines(order_id)
    if order is None:
        return 0
    context = {**_order_context(order), "change": ORDER_CHANGES.get(change, change), "change_code": change}
    messages = []
    buyer = user_recipient(order.buyer)
    subject = _("order %(reference)s changed") % {"reference": order.reference}
    if buyer is not None:
        messages.append(_message(recipient=buyer, subject=subject, template="order_changed", context=context))
    if change in PRODUCER_CHANGES:
        producer_orders = context["producer_orders"]
        recipients = organisation_recipients(organisation_ids=[po.producer_id for po in producer_orders])
        for producer_order in producer_orders:
            for recipient in recipients.get(producer_order.producer_id, []):
                messages.append(
                    _message(
                        recipient=recipient,
                        subject=subject,
                        template="order_changed",
                        context={**context, "producer_order": producer_order},
                    )
                )
    return _send(messages)


def _pick_totals(cycle: OrderCycle) -> dict[int, list[PickTotal]]:
    """Per producer, what to prepare (one aggregate query over the cycle's lines)."""
    rows = (
        OrderLine.objects.filter(order__cycle=cycle, is_out_of_stock=False)
        .exclude(order__status=OrderStatus.CANCELLED)
        .values("producer_id", "variant_id", "description")
        .annotate(quantity=Sum("quantity"), weight=Sum("weight_kg"))
        .order_by("producer_id", "description", "variant_id")
    )
    totals: dict[int, list[PickTotal]] = defaultdict(list)
    for row in rows:
        totals[row["producer_id"]].append(
            PickTotal(
                description=row["description"],
                quantity=row["quantity"],
                weight_kg=None if row["weight"] is None else Decimal(row["weight"]).quantize(Decimal("0.001")),
            )
        )
    return dict(totals)


def order_cycle_closed_notify(*, cycle_id: int) -> int:
    """After a cycle closes: each buyer its confirmed order and invoice, each producer what to prepare, the hub totals."""
    cycle = OrderCycle.objects.select_related("hub").filter(pk=cycle_id).first()
    if cycle is None:
        return 0
    messages = []
    orders = (
        Order.objects.filter(cycle=cycle)
        .exclude(status=OrderStatus.CANCELLED)
        .select_related("buyer", "pickup_slot__pickup_point", "delivery_zone")
        .order_by("pk")
    )
    invoices = {
        invoice.order_id: invoice
        for invoice in Invoice.objects.filter(order__cycle=cycle, credits__isnull=True).only(
            "pk", "order_id", "number", "total", "due_on", "structured_communication"
        )
    }
    order_count = 0
    for order in orders:
        order_count += 1
        buyer = user_recipient(order.buyer)
        if buyer is None:
            continue
        subject = _("order %(reference)s confirmed") % {"reference": order.reference}
        context: dict[str, Any] = {
            "order": order,
            "cycle": cycle,
            "invoice": invoices.get(order.pk),
            "slot": order.pickup_slot,
            "pickup_point": order.pickup_slot.pickup_point if order.pickup_slot else None,
            "zone": order.delivery_zone,
            "order_url": public_url(ORDER_URL_NAME, order.pk),
        }
        messages.append(_message(recipient=buyer, subject=subject, template="cycle_closed_buyer", context=context))
    picks = _pick_totals(cycle)
    producer_counts = {
        row["producer_id"]: row["n"]
        for row in ProducerOrder.objects.filter(cycle=cycle)
        .exclude(order__status=OrderStatus.CANCELLED)
        .values("producer_id")
        .annotate(n=Count("pk"))
        .order_by()
    }
    recipients = organisation_recipients(organisation_ids=[*picks, cycle.hub_id])
    names = dict(Organisation.objects.filter(pk__in=picks).values_list("pk", "name"))
    for producer_id, lines in picks.items():
        for recipient in recipients.get(producer_id, []):
            subject = _("%(cycle)s closed: what to prepare") % {"cycle": cycle}
            context = {
                "cycle": cycle,
                "producer_name": names.get(producer_id, ""),
                "lines": lines,
                "order_count": producer_counts.get(producer_id, 0),
                "cycle_url": public_url(PRODUCER_CYCLE_URL_NAME, cycle.pk, producer_id),
            }
            messages.append(
                _message(recipient=recipient, subject=subject, template="cycle_closed_producer", context=context)
            )
    for recipient in recipients.get(cycle.hub_id, []):
        subject = _("%(cycle)s closed") % {"cycle": cycle}
        context = {
            "cycle": cycle,
            "order_count": order_count,
            "producer_count": len(picks),
            "report_url": public_url(HUB_REPORT_URL_NAME, cycle.pk),
        }
        messages.append(_message(recipient=recipient, subject=subject, template="cycle_closed_hub", context=context))
    return _send(messages)
