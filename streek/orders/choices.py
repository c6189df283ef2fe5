from django.db import models
from django.utils.translation import gettext_lazy as _


class ChannelKind(models.TextChoices):
    """The sales channels a hub serves; business channels have their own terms."""

    CONSUMER = "consumer", _("Consumers (households)")
    HORECA = "horeca", _("Hospitality (horeca)")
    CARE = "care", _("Care institutions")
    SCHOOL = "school", _("Schools")
    CATERING = "catering", _("Catering / public kitchens")
    RETAIL = "retail", _("Retail")


# Channels whose buyers are organisations that a hub must admit first.
BUSINESS_CHANNELS = frozenset(
    {ChannelKind.HORECA, ChannelKind.CARE, ChannelKind.SCHOOL, ChannelKind.CATERING, ChannelKind.RETAIL}
)
# Channels of public buyers (public procurement, indicator K11).
PUBLIC_CHANNELS = frozenset({ChannelKind.CARE, ChannelKind.SCHOOL, ChannelKind.CATERING})


class PaymentTerms(models.TextChoices):
    ON_ORDER = "on_order", _("Pay on order")
    NET_14 = "net_14", _("Within 14 days")
    NET_30 = "net_30", _("Within 30 days")


PAYMENT_TERM_DAYS = {PaymentTerms.ON_ORDER: 0, PaymentTerms.NET_14: 14, PaymentTerms.NET_30: 30}


class Preparation(models.TextChoices):
    """Packaging and preparation a business buyer may ask for."""

    BULK = "bulk", _("Bulk")
    PREPACKED = "prepacked", _("Pre-packed")
    WASHED = "washed", _("Washed")
    CUT = "cut", _("Cut")


class PriceRule(models.TextChoices):
    PRODUCER_PRICE = "producer_price", _("Producer price")
    MARKUP = "markup", _("Producer price plus a percentage")


class CycleStatus(models.TextChoices):
    """A cycle is drafted, published (opens and closes by its times), closed by the hub, or cancelled."""

    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    CLOSED = "closed", _("Closed")
    CANCELLED = "cancelled", _("Cancelled")


class FeeKind(models.TextChoices):
    PACKING = "packing", _("Packing")
    TRANSPORT = "transport", _("Transport")
    ADMIN = "admin", _("Administration")


class FeeCalculation(models.TextChoices):
    PERCENTAGE = "percentage", _("Percentage of the producer price")
    PER_LINE = "per_line", _("Fixed amount per line")
    PER_ITEM = "per_item", _("Fixed amount per item")


class FulfilmentMethod(models.TextChoices):
    PICKUP = "pickup", _("Pickup")
    DELIVERY = "delivery", _("Home delivery")


class OrderStatus(models.TextChoices):
    """Streek's order states; `dfc_order_state` maps them onto the DFC vocabulary."""

    PLACED = "placed", _("Placed")
    CONFIRMED = "confirmed", _("Confirmed")
    READY = "ready", _("Ready")
    DELIVERED = "delivered", _("Delivered")
    CANCELLED = "cancelled", _("Cancelled")


class PaymentStatus(models.TextChoices):
    UNPAID = "unpaid", _("Unpaid")
    PAID = "paid", _("Paid")
    CANCELLED = "cancelled", _("Cancelled")


class ProducerOrderStatus(models.TextChoices):
    TO_PREPARE = "to_prepare", _("To prepare")
    PREPARED = "prepared", _("Prepared")
    CANCELLED = "cancelled", _("Cancelled")


class InvoiceKind(models.TextChoices):
    INVOICE = "invoice", _("Invoice")
    CREDIT_NOTE = "credit_note", _("Credit note")


class StandingOrderKind(models.TextChoices):
    STANDING = "standing", _("Standing order (business)")
    SUBSCRIPTION = "subscription", _("Subscription box (household)")


class StandingOrderStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    PAUSED = "paused", _("Paused")
    CANCELLED = "cancelled", _("Cancelled")


class AdmissionStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    ADMITTED = "admitted", _("Admitted")
    REFUSED = "refused", _("Refused")
    REVOKED = "revoked", _("Revoked")


# DFC order states (DOMAIN.md): Draft, Held, Complete, Cancelled; fulfilment Held, Unfulfilled, Fulfilled, Cancelled.
DFC_ORDER_STATE = {
    OrderStatus.PLACED: "Held",
    OrderStatus.CONFIRMED: "Complete",
    OrderStatus.READY: "Complete",
    OrderStatus.DELIVERED: "Complete",
    OrderStatus.CANCELLED: "Cancelled",
}
DFC_FULFILMENT_STATE = {
    OrderStatus.PLACED: "Held",
    OrderStatus.CONFIRMED: "Unfulfilled",
    OrderStatus.READY: "Unfulfilled",
    OrderStatus.DELIVERED: "Fulfilled",
    OrderStatus.CANCELLED: "Cancelled",
}
DFC_PAYMENT_STATE = {
    PaymentStatus.UNPAID: "Unpaid",
    PaymentStatus.PAID: "Paid",
    PaymentStatus.CANCELLED: "Cancelled",
}


class InvoiceLineKind(models.TextChoices):
    """What an invoice line charges: goods, a hub fee, the delivery, or a crate deposit (outside VAT)."""

    GOODS = "goods", _("Goods")
    FEE = "fee", _("Hub fee")
    DELIVERY = "delivery", _("Delivery")
    DEPOSIT = "deposit", _("Crate deposit")
