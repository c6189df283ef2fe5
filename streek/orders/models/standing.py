"""Standing orders (business buyers) and subscription boxes (households): the same lines every cycle."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from streek.core.models import BaseModel

from ..choices import FulfilmentMethod, Preparation, StandingOrderKind, StandingOrderStatus


class StandingOrder(BaseModel):
    """Repeats the same lines in every matching cycle of a hub; each repetition is an ordinary Order.

    Generated orders stay editable by the buyer until the channel's cut-off; pausing skips cycles
    whose fulfilment day falls before `paused_until`.
    """

    kind = models.CharField(_("kind"), max_length=16, choices=StandingOrderKind.choices)
    hub = models.ForeignKey(
        "catalog.Organisation", on_delete=models.CASCADE, related_name="standing_orders", verbose_name=_("hub")
    )
    buyer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="standing_orders", verbose_name=_("buyer")
    )
    buyer_organisation = models.ForeignKey(
        "catalog.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="standing_purchases",
        verbose_name=_("buying organisation"),
    )
    terms = models.ForeignKey(
        "orders.ChannelTerms", on_delete=models.PROTECT, related_name="+", verbose_name=_("channel terms")
    )
    name = models.CharField(_("name"), max_length=120)
    status = models.CharField(
        _("status"), max_length=16, choices=StandingOrderStatus.choices, default=StandingOrderStatus.ACTIVE
    )
    interval_weeks = models.PositiveSmallIntegerField(_("every (weeks)"), default=1, validators=[MinValueValidator(1)])
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    paused_until = models.DateField(_("paused until"), null=True, blank=True)
    fulfilment_method = models.CharField(_("fulfilment"), max_length=16, choices=FulfilmentMethod.choices)
    pickup_point = models.ForeignKey(
        "orders.PickupPoint",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("pickup point"),
    )
    delivery_zone = models.ForeignKey(
        "orders.DeliveryZone",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("delivery zone"),
    )
    delivery_street = models.CharField(_("street and number"), max_length=200, blank=True)
    delivery_postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    delivery_locality = models.CharField(_("locality"), max_length=120, blank=True)
    note = models.CharField(_("note to the hub"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("standing order")
        verbose_name_plural = _("standing orders")
        ordering = ["hub_id", "name", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(interval_weeks__gte=1), name="orders_standingorder_interval_positive"),
            models.CheckConstraint(
                condition=Q(fulfilment_method=FulfilmentMethod.PICKUP, pickup_point__isnull=False)
                | Q(fulfilment_method=FulfilmentMethod.DELIVERY, delivery_zone__isnull=False),
                name="orders_standingorder_fulfilment_target",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class StandingOrderLine(BaseModel):
    """A variant and quantity repeated by a standing order."""

    standing_order = models.ForeignKey(
        StandingOrder, on_delete=models.CASCADE, related_name="lines", verbose_name=_("standing order")
    )
    variant = models.ForeignKey(
        "catalog.Variant", on_delete=models.CASCADE, related_name="+", verbose_name=_("variant")
    )
    quantity = models.PositiveIntegerField(_("quantity"), validators=[MinValueValidator(1)])
    preparation = models.CharField(_("preparation"), max_length=16, choices=Preparation.choices, blank=True)

    class Meta:
        verbose_name = _("standing order line")
        verbose_name_plural = _("standing order lines")
        ordering = ["standing_order_id", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["standing_order", "variant"], name="orders_standingorderline_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} x {self.variant}"
