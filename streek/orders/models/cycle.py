"""Order cycles: what producers offer through a hub (incoming) and where buyers collect it (outgoing)."""

from datetime import datetime
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from streek.core.models import BaseModel

from ..choices import CycleStatus, FeeCalculation, FeeKind


class PickupPoint(BaseModel):
    """A place where a hub's buyers collect their orders; cooled points may receive chilled and frozen goods."""

    hub = models.ForeignKey(
        "catalog.Organisation", on_delete=models.CASCADE, related_name="pickup_points", verbose_name=_("hub")
    )
    sales_point = models.ForeignKey(
        "catalog.SalesPoint",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pickup_points",
        verbose_name=_("sales point on the map"),
    )
    name = models.CharField(_("name"), max_length=200)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    locality = models.CharField(_("locality"), max_length=120, blank=True)
    municipality = models.ForeignKey(
        "territory.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    lat = models.FloatField(_("latitude"), null=True, blank=True)
    lon = models.FloatField(_("longitude"), null=True, blank=True)
    is_cooled = models.BooleanField(_("cooled"), default=False)
    instructions = models.CharField(_("instructions"), max_length=300, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("pickup point")
        verbose_name_plural = _("pickup points")
        ordering = ["hub_id", "name"]

    def __str__(self) -> str:
        return self.name


class DeliveryZone(BaseModel):
    """An area a hub delivers to at home, by postal codes or a radius around a point, with a fee and a minimum."""

    hub = models.ForeignKey(
        "catalog.Organisation", on_delete=models.CASCADE, related_name="delivery_zones", verbose_name=_("hub")
    )
    name = models.CharField(_("name"), max_length=120)
    postal_codes = models.JSONField(_("postal codes"), default=list, blank=True)
    center_lat = models.FloatField(_("centre latitude"), null=True, blank=True)
    center_lon = models.FloatField(_("centre longitude"), null=True, blank=True)
    radius_km = models.DecimalField(
        _("radius (km)"), max_digits=6, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    fee = models.DecimalField(
        _("delivery fee (incl. VAT)"), max_digits=8, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )
    minimum_order = models.DecimalField(
        _("minimum order (incl. VAT)"),
        max_digits=10,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    delivery_from = models.TimeField(_("delivery from"), null=True, blank=True)
    delivery_until = models.TimeField(_("delivery until"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("delivery zone")
        verbose_name_plural = _("delivery zones")
        ordering = ["hub_id", "name"]
        constraints = [
            models.CheckConstraint(condition=Q(fee__gte=0), name="orders_deliveryzone_fee_positive"),
            models.CheckConstraint(
                condition=Q(radius_km__isnull=True) | (Q(center_lat__isnull=False) & Q(center_lon__isnull=False)),
                name="orders_deliveryzone_radius_has_centre",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class OrderCycleSeries(BaseModel):
    """Repeats a template cycle every N weeks: each repetition is a clone shifted in time."""

    hub = models.ForeignKey(
        "catalog.Organisation", on_delete=models.CASCADE, related_name="cycle_series", verbose_name=_("hub")
    )
    template = models.ForeignKey(
        "orders.OrderCycle", on_delete=models.CASCADE, related_name="+", verbose_name=_("template cycle")
    )
    interval_weeks = models.PositiveSmallIntegerField(_("every (weeks)"), default=1, validators=[MinValueValidator(1)])
    repeat_until = models.DateField(_("repeat until"))
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("cycle schedule")
        verbose_name_plural = _("cycle schedules")
        ordering = ["hub_id", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(interval_weeks__gte=1), name="orders_cycleseries_interval_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.template} / {self.interval_weeks}"


class OrderCycle(BaseModel):
    """A period in which a hub takes orders for one fulfilment day, from the producers taking part."""

    hub = models.ForeignKey(
        "catalog.Organisation", on_delete=models.CASCADE, related_name="order_cycles", verbose_name=_("hub")
    )
    name = models.CharField(_("name"), max_length=200)
    status = models.CharField(_("status"), max_length=16, choices=CycleStatus.choices, default=CycleStatus.DRAFT)
    opens_at = models.DateTimeField(_("opens at"), db_index=True)
    closes_at = models.DateTimeField(_("closes at"), db_index=True)
    fulfilment_date = models.DateField(_("pickup or delivery day"))
    channels = models.ManyToManyField(
        "orders.ChannelTerms", blank=True, related_name="cycles", verbose_name=_("channels")
    )
    delivery_zones = models.ManyToManyField(
        DeliveryZone, blank=True, related_name="cycles", verbose_name=_("delivery zones")
    )
    notes = models.TextField(_("notes for buyers"), blank=True)
    series = models.ForeignKey(
        OrderCycleSeries,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cycles",
        verbose_name=_("schedule"),
    )
    cloned_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("cloned from")
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("closed by"),
    )

    class Meta:
        verbose_name = _("order cycle")
        verbose_name_plural = _("order cycles")
        ordering = ["-opens_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")), name="orders_ordercycle_closes_after_open"
            ),
        ]
        indexes = [models.Index(fields=["hub", "status", "closes_at"], name="orders_cycle_hub_status")]

    def __str__(self) -> str:
        return self.name

    def is_open(self, *, at: datetime | None = None) -> bool:
        """Published and between its opening and closing times."""
        moment = at or timezone.now()
        return self.status == CycleStatus.PUBLISHED and self.opens_at <= moment < self.closes_at


class CycleProducer(BaseModel):
    """An incoming exchange: a producer taking part in a cycle, with the window in which its goods are ready."""

    cycle = models.ForeignKey(OrderCycle, on_delete=models.CASCADE, related_name="producers", verbose_name=_("cycle"))
    producer = models.ForeignKey(
        "catalog.Organisation", on_delete=models.PROTECT, related_name="cycle_exchanges", verbose_name=_("producer")
    )
    ready_from = models.DateTimeField(_("ready for collection from"), null=True, blank=True)
    ready_until = models.DateTimeField(_("ready for collection until"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    surplus_to_market = models.BooleanField(
        _("offer unsold stock on the market board"),
        default=False,
        help_text=_("At the close, what is left of the producer's limited stock is posted as a surplus offer."),
    )

    class Meta:
        verbose_name = _("participating producer")
        verbose_name_plural = _("participating producers")
        ordering = ["cycle_id", "producer_id"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "producer"], name="orders_cycleproducer_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.cycle} - {self.producer}"


class CycleOffer(BaseModel):
    """A variant a producer offers in a cycle, at its own price, with limited stock or on demand.

    `stock` is the number of items the producer can deliver (None: on demand); `sold` only grows through
    conditional updates at checkout, so `sold <= stock` holds under concurrency (a database constraint too).
    """

    cycle = models.ForeignKey(OrderCycle, on_delete=models.CASCADE, related_name="offers", verbose_name=_("cycle"))
    exchange = models.ForeignKey(
        CycleProducer, on_delete=models.CASCADE, related_name="offers", verbose_name=_("producer exchange")
    )
    variant = models.ForeignKey(
        "catalog.Variant", on_delete=models.PROTECT, related_name="cycle_offers", verbose_name=_("variant")
    )
    producer_price = models.DecimalField(
        _("producer price excl. VAT"), max_digits=10, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )
    stock = models.PositiveIntegerField(_("stock"), null=True, blank=True, help_text=_("Empty: on demand."))
    sold = models.PositiveIntegerField(_("sold"), default=0)

    class Meta:
        verbose_name = _("offered variant")
        verbose_name_plural = _("offered variants")
        ordering = ["cycle_id", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "variant"], name="orders_cycleoffer_unique_variant"),
            models.CheckConstraint(
                condition=Q(stock__isnull=True) | Q(sold__lte=F("stock")), name="orders_no_oversell"
            ),
            models.CheckConstraint(condition=Q(producer_price__gte=0), name="orders_cycleoffer_price_positive"),
        ]
        indexes = [models.Index(fields=["cycle", "exchange", "variant"], name="orders_cycleoffer_shop_order")]

    def __str__(self) -> str:
        return f"{self.cycle} - {self.variant}"

    @property
    def available(self) -> int | None:
        """Items still for sale (None: on demand)."""
        return None if self.stock is None else max(self.stock - self.sold, 0)


class HubFee(BaseModel):
    """A named fee the hub adds to every line of a cycle: a percentage of the producer price or a fixed amount."""

    cycle = models.ForeignKey(OrderCycle, on_delete=models.CASCADE, related_name="fees", verbose_name=_("cycle"))
    kind = models.CharField(_("kind"), max_length=16, choices=FeeKind.choices)
    name = models.CharField(_("name"), max_length=80, blank=True)
    calculation = models.CharField(_("calculation"), max_length=16, choices=FeeCalculation.choices)
    amount = models.DecimalField(
        _("amount (% or EUR excl. VAT)"), max_digits=8, decimal_places=2, validators=[MinValueValidator(0)]
    )

    class Meta:
        verbose_name = _("hub fee")
        verbose_name_plural = _("hub fees")
        ordering = ["cycle_id", "kind", "pk"]
        constraints = [models.CheckConstraint(condition=Q(amount__gte=0), name="orders_hubfee_amount_positive")]

    def __str__(self) -> str:
        return self.name or self.get_kind_display()


class PickupSlot(BaseModel):
    """A time slot at a pickup point in a cycle, with a capacity in orders."""

    cycle = models.ForeignKey(OrderCycle, on_delete=models.CASCADE, related_name="slots", verbose_name=_("cycle"))
    pickup_point = models.ForeignKey(
        PickupPoint, on_delete=models.PROTECT, related_name="slots", verbose_name=_("pickup point")
    )
    starts_at = models.DateTimeField(_("from"))
    ends_at = models.DateTimeField(_("until"))
    capacity = models.PositiveIntegerField(_("capacity (orders)"), validators=[MinValueValidator(1)])
    booked = models.PositiveIntegerField(_("booked"), default=0)

    class Meta:
        verbose_name = _("pickup slot")
        verbose_name_plural = _("pickup slots")
        ordering = ["cycle_id", "starts_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(booked__lte=F("capacity")), name="orders_pickupslot_not_overbooked"),
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="orders_pickupslot_ends_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.pickup_point} {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def remaining(self) -> int:
        return max(self.capacity - self.booked, 0)


class CycleSurplus(BaseModel):
    """Unsold stock recorded when a cycle closes: a fact for the matching board and the monitor."""

    cycle = models.ForeignKey(OrderCycle, on_delete=models.CASCADE, related_name="surpluses", verbose_name=_("cycle"))
    offer = models.ForeignKey(CycleOffer, on_delete=models.CASCADE, related_name="+", verbose_name=_("offered variant"))
    producer = models.ForeignKey(
        "catalog.Organisation", on_delete=models.CASCADE, related_name="+", verbose_name=_("producer")
    )
    quantity = models.PositiveIntegerField(_("unsold items"))
    weight_kg = models.DecimalField(_("weight (kg)"), max_digits=12, decimal_places=3, null=True, blank=True)
    market_offer_id = models.PositiveBigIntegerField(_("offer on the board"), null=True, blank=True)

    class Meta:
        verbose_name = _("unsold stock")
        verbose_name_plural = _("unsold stock")
        ordering = ["cycle_id", "pk"]
        constraints = [models.UniqueConstraint(fields=["offer"], name="orders_cyclesurplus_unique_offer")]

    def __str__(self) -> str:
        return f"{self.offer}: {self.quantity}"
