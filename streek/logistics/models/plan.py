"""A plan of collection and delivery rounds for one day, its routes and its stops, stored and versioned."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from streek.core.models import BaseModel

from ..choices import PLAN_ACTIVE_STATUSES, PlanStatus, StopKind, StopUnplannedReason


def _amount(verbose_name: StrOrPromise, digits: int = 10) -> "models.DecimalField[Decimal, Decimal]":
    return models.DecimalField(verbose_name, max_digits=digits, decimal_places=2, default=Decimal("0"))


class Plan(BaseModel):
    """The rounds of one day for one or several hubs working together, from the orders of their cycles.

    Planning runs in the background (status, progress); the totals and the savings against every producer
    delivering alone are facts for the monitor. A re-plan is a new version whose parent is the previous one.
    """

    hub = models.ForeignKey(
        "catalog.Organisation", on_delete=models.CASCADE, related_name="plans", verbose_name=_("planning hub")
    )
    hubs = models.ManyToManyField(
        "catalog.Organisation", related_name="shared_plans", verbose_name=_("hubs working together")
    )
    cycles = models.ManyToManyField("orders.OrderCycle", related_name="plans", verbose_name=_("order cycles"))
    day = models.DateField(_("day"), db_index=True)
    status = models.CharField(_("status"), max_length=16, choices=PlanStatus.choices, default=PlanStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0, validators=[MaxValueValidator(100)])
    version = models.PositiveIntegerField(_("version"), default=1, validators=[MinValueValidator(1)])
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("previous version"),
    )
    time_limit_seconds = models.PositiveIntegerField(
        _("time limit (seconds)"), validators=[MinValueValidator(1), MaxValueValidator(600)]
    )
    collection_minutes = models.PositiveSmallIntegerField(_("minutes per collection"), default=10)
    delivery_minutes = models.PositiveSmallIntegerField(_("minutes per delivery"), default=5)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("planned by"),
    )
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    error_message = models.TextField(_("error"), blank=True)
    is_feasible = models.BooleanField(_("every required stop planned"), default=False)
    is_edited = models.BooleanField(
        _("changed by hand"), default=False, help_text=_("Stops were moved after planning: times are indicative.")
    )
    total_km = _amount(_("distance (km)"))
    total_hours = _amount(_("hours"), 8)
    total_cost = _amount(_("cost (EUR)"))
    co2_kg = _amount(_("CO2 (kg)"))
    kg_delivered = _amount(_("kg delivered"), 12)
    solo_km = _amount(_("distance if every producer delivered alone (km)"))
    solo_hours = _amount(_("hours if every producer delivered alone"), 8)
    solo_co2_kg = _amount(_("CO2 if every producer delivered alone (kg)"))
    solo_vehicles = models.PositiveIntegerField(_("producers driving alone"), default=0)
    food_km_per_kg = models.DecimalField(_("food-km per kg"), max_digits=10, decimal_places=4, default=Decimal("0"))
    solo_food_km_per_kg = models.DecimalField(
        _("food-km per kg if every producer delivered alone"), max_digits=10, decimal_places=4, default=Decimal("0")
    )

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["-day", "-version", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="logistics_plan_progress_percent"),
            models.CheckConstraint(condition=Q(version__gte=1), name="logistics_plan_version_positive"),
        ]
        indexes = [models.Index(fields=["hub", "day"], name="logistics_plan_hub_day")]

    def __str__(self) -> str:
        return f"{self.day:%Y-%m-%d} v{self.version}"

    @property
    def is_active(self) -> bool:
        return self.status in PLAN_ACTIVE_STATUSES

    @property
    def saved_km(self) -> Decimal:
        return self.solo_km - self.total_km

    @property
    def saved_hours(self) -> Decimal:
        return self.solo_hours - self.total_hours

    @property
    def saved_co2_kg(self) -> Decimal:
        return self.solo_co2_kg - self.co2_kg

    @property
    def saved_km_percent(self) -> Decimal:
        if not self.solo_km:
            return Decimal("0")
        return (100 * self.saved_km / self.solo_km).quantize(Decimal("0.1"))


class Route(BaseModel):
    """One vehicle's round in a plan: its stops in order, possibly over several trips through its depot."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="routes", verbose_name=_("plan"))
    number = models.PositiveSmallIntegerField(_("number"))
    vehicle = models.ForeignKey(
        "logistics.Vehicle",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="routes",
        verbose_name=_("vehicle"),
    )
    vehicle_name = models.CharField(_("vehicle"), max_length=120)
    depot = models.ForeignKey(
        "logistics.Depot", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("depot")
    )
    driver = models.ForeignKey(
        "logistics.Driver",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="routes",
        verbose_name=_("driver"),
    )
    colour = models.CharField(_("colour"), max_length=7)
    is_cooled = models.BooleanField(_("cooled"), default=False)
    starts_at = models.DateTimeField(_("leaves at"), null=True, blank=True)
    ends_at = models.DateTimeField(_("back at"), null=True, blank=True)
    trips = models.PositiveSmallIntegerField(_("trips"), default=1)
    km = _amount(_("distance (km)"))
    hours = _amount(_("hours"), 8)
    cost = _amount(_("cost (EUR)"))
    co2_kg = _amount(_("CO2 (kg)"))
    kg_out = _amount(_("kg delivered"))
    kg_back = _amount(_("kg collected"))
    crates_out = models.PositiveIntegerField(_("crates delivered"), default=0)
    crates_back = models.PositiveIntegerField(_("crates collected"), default=0)

    class Meta:
        verbose_name = _("route")
        verbose_name_plural = _("routes")
        ordering = ["plan_id", "number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="logistics_route_number_unique")]

    def __str__(self) -> str:
        return f"{self.number}. {self.vehicle_name}"


class Stop(BaseModel):
    """A collection at a producer or a delivery to a pickup point or a buyer, on a route or left unplanned.

    `key` identifies the same stop across versions of a plan (collect:<producer>, pickup:<point>,
    order:<order>). `load_kg` and `crates` are what is picked up or dropped here; `on_board_kg` what the
    vehicle carries after the stop. A dispatcher's lock keeps the stop on its route's vehicle when re-planning.
    """

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="stops", verbose_name=_("plan"))
    route = models.ForeignKey(
        Route, on_delete=models.SET_NULL, null=True, blank=True, related_name="stops", verbose_name=_("route")
    )
    key = models.CharField(_("key"), max_length=40)
    kind = models.CharField(_("kind"), max_length=16, choices=StopKind.choices)
    producer = models.ForeignKey(
        "catalog.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("producer"),
    )
    order = models.ForeignKey(
        "orders.Order", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("order")
    )
    pickup_point = models.ForeignKey(
        "orders.PickupPoint",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("pickup point"),
    )
    name = models.CharField(_("name"), max_length=200)
    address = models.CharField(_("address"), max_length=300, blank=True)
    lat = models.FloatField(_("latitude"), null=True, blank=True)
    lon = models.FloatField(_("longitude"), null=True, blank=True)
    window_start = models.DateTimeField(_("window from"), null=True, blank=True)
    window_end = models.DateTimeField(_("window until"), null=True, blank=True)
    service_minutes = models.PositiveSmallIntegerField(_("service minutes"), default=0)
    load_kg = models.DecimalField(_("load (kg)"), max_digits=10, decimal_places=1, default=Decimal("0"))
    crates = models.PositiveIntegerField(_("crates"), default=0)
    deposit = _amount(_("crate deposits (EUR)"))
    needs_cooling = models.BooleanField(_("chilled goods"), default=False)
    items = models.JSONField(_("what to load or unload"), default=list, blank=True)
    sequence = models.PositiveSmallIntegerField(_("order on the route"), default=0)
    trip = models.PositiveSmallIntegerField(_("trip"), default=0)
    arrival_at = models.DateTimeField(_("arrival"), null=True, blank=True)
    departure_at = models.DateTimeField(_("departure"), null=True, blank=True)
    on_board_kg = models.DecimalField(_("on board after (kg)"), max_digits=10, decimal_places=1, default=Decimal("0"))
    on_board_crates = models.IntegerField(_("crates on board after"), default=0)
    is_locked = models.BooleanField(_("locked to its vehicle"), default=False)
    # Same-day cross-docking: a delivery waits for the collections bringing its goods to the hub.
    waits_for = models.JSONField(_("collections it waits for"), default=list, blank=True)  # their stop keys
    goods_ready_at = models.DateTimeField(_("goods ready at the hub"), null=True, blank=True)
    hub_arrival_at = models.DateTimeField(_("back at the hub"), null=True, blank=True)  # of a collection
    unplanned_reason = models.CharField(
        _("why not planned"), max_length=32, choices=StopUnplannedReason.choices, blank=True
    )
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("done by"),
    )

    class Meta:
        verbose_name = _("stop")
        verbose_name_plural = _("stops")
        ordering = ["plan_id", "route_id", "sequence", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "key"], name="logistics_stop_key_unique_in_plan"),
            models.CheckConstraint(
                condition=Q(route__isnull=False, unplanned_reason="") | Q(route__isnull=True) & ~Q(unplanned_reason=""),
                name="logistics_stop_planned_or_reason",
            ),
            models.CheckConstraint(
                condition=Q(is_locked=False) | Q(route__isnull=False), name="logistics_stop_locked_on_a_route"
            ),
            models.CheckConstraint(
                condition=Q(window_start__isnull=True)
                | Q(window_end__isnull=True)
                | Q(window_end__gte=F("window_start")),
                name="logistics_stop_window_order",
            ),
        ]
        indexes = [models.Index(fields=["route", "sequence"], name="logistics_stop_route_seq")]

    def __str__(self) -> str:
        return self.name

    @property
    def is_planned(self) -> bool:
        return self.route_id is not None

    @property
    def is_done(self) -> bool:
        return self.done_at is not None
