"""Orders: what the buyer pays and collects (Order), what each producer prepares (ProducerOrder), and the lines."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from streek.core.models import BaseModel

from ..choices import (
    DFC_FULFILMENT_STATE,
    DFC_ORDER_STATE,
    DFC_PAYMENT_STATE,
    ChannelKind,
    FulfilmentMethod,
    OrderStatus,
    PaymentStatus,
    PaymentTerms,
    Preparation,
    ProducerOrderStatus,
)


def _money(verbose_name: StrOrPromise) -> "models.DecimalField[Decimal, Decimal]":
    return models.DecimalField(verbose_name, max_digits=12, decimal_places=2, default=Decimal("0"))


class Order(BaseModel):
    """A buyer's order in one cycle: what it pays to the hub and collects, across all producers.

    Amounts are stored as computed at checkout (and after final weights), never recomputed from
    today's prices: subtotal and fees exclude VAT, `total` includes VAT, the delivery fee and deposits.
    """

    reference = models.CharField(_("order number"), max_length=20, unique=True)
    cycle = models.ForeignKey(
        "orders.OrderCycle", on_delete=models.PROTECT, related_name="orders", verbose_name=_("cycle")
    )
    hub = models.ForeignKey(
        "catalog.Organisation", on_delete=models.PROTECT, related_name="sales_orders", verbose_name=_("hub")
    )
    buyer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="orders", verbose_name=_("buyer")
    )
    buyer_organisation = models.ForeignKey(
        "catalog.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="purchase_orders",
        verbose_name=_("buying organisation"),
    )
    channel = models.CharField(_("channel"), max_length=16, choices=ChannelKind.choices)
    terms = models.ForeignKey(
        "orders.ChannelTerms", on_delete=models.PROTECT, related_name="+", verbose_name=_("channel terms")
    )
    status = models.CharField(
        _("status"), max_length=16, choices=OrderStatus.choices, default=OrderStatus.PLACED, db_index=True
    )
    payment_status = models.CharField(
        _("payment"), max_length=16, choices=PaymentStatus.choices, default=PaymentStatus.UNPAID
    )
    payment_terms = models.CharField(_("payment terms"), max_length=16, choices=PaymentTerms.choices)
    payment_due_on = models.DateField(_("payment due on"), null=True, blank=True)
    structured_communication = models.CharField(_("structured communication"), max_length=20)
    fulfilment_method = models.CharField(_("fulfilment"), max_length=16, choices=FulfilmentMethod.choices)
    pickup_slot = models.ForeignKey(
        "orders.PickupSlot",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="orders",
        verbose_name=_("pickup slot"),
    )
    delivery_zone = models.ForeignKey(
        "orders.DeliveryZone",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="orders",
        verbose_name=_("delivery zone"),
    )
    delivery_street = models.CharField(_("street and number"), max_length=200, blank=True)
    delivery_postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    delivery_locality = models.CharField(_("locality"), max_length=120, blank=True)
    municipality = models.ForeignKey(
        "territory.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("buyer's municipality"),
    )
    lat = models.FloatField(_("latitude"), null=True, blank=True)
    lon = models.FloatField(_("longitude"), null=True, blank=True)
    subtotal = _money(_("goods excl. VAT"))
    fees_total = _money(_("hub fees excl. VAT"))
    vat_total = _money(_("VAT"))
    delivery_fee = _money(_("delivery fee"))
    deposit_total = _money(_("crate deposits"))
    total = _money(_("total to pay"))
    note = models.CharField(_("note to the hub"), max_length=500, blank=True)
    idempotency_key = models.CharField(_("idempotency key"), max_length=64)
    standing_order = models.ForeignKey(
        "orders.StandingOrder",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="orders",
        verbose_name=_("standing order"),
    )
    placed_at = models.DateTimeField(_("placed at"), db_index=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)

    class Meta:
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        ordering = ["-placed_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["buyer", "idempotency_key"], name="orders_order_idempotent"),
            models.CheckConstraint(
                condition=Q(fulfilment_method=FulfilmentMethod.PICKUP, pickup_slot__isnull=False)
                | Q(fulfilment_method=FulfilmentMethod.DELIVERY, delivery_zone__isnull=False),
                name="orders_order_fulfilment_target",
            ),
        ]
        indexes = [models.Index(fields=["cycle", "status"], name="orders_order_cycle_status")]

    def __str__(self) -> str:
        return self.reference

    @property
    def dfc_order_state(self) -> str:
        return DFC_ORDER_STATE[OrderStatus(self.status)]

    @property
    def dfc_fulfilment_state(self) -> str:
        return DFC_FULFILMENT_STATE[OrderStatus(self.status)]

    @property
    def dfc_payment_state(self) -> str:
        return DFC_PAYMENT_STATE[PaymentStatus(self.payment_status)]


class ProducerOrder(BaseModel):
    """The part of an order one producer prepares and delivers to the hub."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="producer_orders", verbose_name=_("order"))
    cycle = models.ForeignKey(
        "orders.OrderCycle", on_delete=models.PROTECT, related_name="producer_orders", verbose_name=_("cycle")
    )
    producer = models.ForeignKey(
        "catalog.Organisation", on_delete=models.PROTECT, related_name="producer_orders", verbose_name=_("producer")
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ProducerOrderStatus.choices, default=ProducerOrderStatus.TO_PREPARE
    )
    producer_total = _money(_("producer value excl. VAT"))

    class Meta:
        verbose_name = _("producer order")
        verbose_name_plural = _("producer orders")
        ordering = ["cycle_id", "producer_id", "order_id"]
        constraints = [models.UniqueConstraint(fields=["order", "producer"], name="orders_producerorder_unique")]
        indexes = [models.Index(fields=["cycle", "producer"], name="orders_producerorder_cycle")]

    def __str__(self) -> str:
        return f"{self.order} - {self.producer}"


class OrderLine(BaseModel):
    """One variant in an order, priced at checkout, with the facts the monitor needs.

    `unit_price` is the buyer's price per item excl. VAT before hub fees; `fee_total` the sum of the
    hub fees on the line (detailed in `fees`); `producer_share` the producer's value over the line
    total excl. VAT; `intermediaries` 0 when the producer sells itself, 1 via a hub.
    """

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines", verbose_name=_("order"))
    producer_order = models.ForeignKey(
        ProducerOrder, on_delete=models.CASCADE, related_name="lines", verbose_name=_("producer order")
    )
    offer = models.ForeignKey(
        "orders.CycleOffer", on_delete=models.PROTECT, related_name="order_lines", verbose_name=_("offered variant")
    )
    variant = models.ForeignKey(
        "catalog.Variant", on_delete=models.PROTECT, related_name="order_lines", verbose_name=_("variant")
    )
    producer = models.ForeignKey(
        "catalog.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("producer")
    )
    description = models.CharField(_("description"), max_length=300)
    quantity = models.PositiveIntegerField(_("quantity"), validators=[MinValueValidator(1)])
    final_quantity = models.DecimalField(
        _("final quantity"),
        max_digits=12,
        decimal_places=3,
        null=True,
        blank=True,
        help_text=_("The weighed amount in the variant's unit, when it differs from what was ordered."),
    )
    is_out_of_stock = models.BooleanField(_("out of stock"), default=False)
    preparation = models.CharField(_("preparation"), max_length=16, choices=Preparation.choices, blank=True)
    producer_unit_price = models.DecimalField(_("producer price excl. VAT"), max_digits=10, decimal_places=2)
    unit_price = models.DecimalField(_("price excl. VAT"), max_digits=10, decimal_places=2)
    fee_total = models.DecimalField(_("hub fees excl. VAT"), max_digits=10, decimal_places=2, default=Decimal("0"))
    fees = models.JSONField(_("hub fees"), default=list, blank=True)
    vat_rate = models.DecimalField(_("VAT rate (%)"), max_digits=5, decimal_places=2)
    amount = models.DecimalField(_("amount excl. VAT"), max_digits=12, decimal_places=2)
    vat_amount = models.DecimalField(_("VAT"), max_digits=12, decimal_places=2)
    producer_amount = models.DecimalField(_("producer value excl. VAT"), max_digits=12, decimal_places=2)
    producer_share = models.DecimalField(_("producer's share"), max_digits=5, decimal_places=4)
    intermediaries = models.PositiveSmallIntegerField(_("intermediaries"))
    producer_set_price = models.BooleanField(_("price set by the producer"), default=True)
    weight_kg = models.DecimalField(_("weight (kg)"), max_digits=12, decimal_places=3, null=True, blank=True)
    distance_km = models.DecimalField(_("distance producer to buyer (km)"), max_digits=8, decimal_places=2, null=True)
    crates = models.PositiveIntegerField(_("returnable crates"), default=0)
    crate_deposit = models.DecimalField(_("crate deposit"), max_digits=10, decimal_places=2, default=Decimal("0"))

    class Meta:
        verbose_name = _("order line")
        verbose_name_plural = _("order lines")
        ordering = ["order_id", "producer_id", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gte=1), name="orders_orderline_quantity_positive"),
            models.CheckConstraint(
                condition=Q(producer_share__gte=0) & Q(producer_share__lte=1), name="orders_orderline_share_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} x {self.description}"

    @property
    def amount_incl_vat(self) -> Decimal:
        return self.amount + self.vat_amount
