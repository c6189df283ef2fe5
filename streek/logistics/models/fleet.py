"""A hub's fleet: depots (where rounds start and end), vehicles and drivers."""

from datetime import time
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from streek.core.models import BaseModel


class Depot(BaseModel):
    """A hub's depot: vehicles start and end their rounds there, load deliveries and unload collections."""

    hub = models.ForeignKey(
        "catalog.Organisation", on_delete=models.CASCADE, related_name="depots", verbose_name=_("hub")
    )
    name = models.CharField(_("name"), max_length=200)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    locality = models.CharField(_("locality"), max_length=120, blank=True)
    lat = models.FloatField(_("latitude"), validators=[MinValueValidator(-90), MaxValueValidator(90)])
    lon = models.FloatField(_("longitude"), validators=[MinValueValidator(-180), MaxValueValidator(180)])
    opens = models.TimeField(_("opens"), default=time(6, 0))
    closes = models.TimeField(_("closes"), default=time(20, 0))
    has_cold_storage = models.BooleanField(_("cold storage"), default=False)
    reload_minutes = models.PositiveSmallIntegerField(
        _("minutes to unload and reload"), default=15, validators=[MaxValueValidator(240)]
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("depot")
        verbose_name_plural = _("depots")
        ordering = ["hub_id", "name", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(closes__gt=F("opens")), name="logistics_depot_closes_after_opening"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def address(self) -> str:
        return ", ".join(part for part in (self.street, f"{self.postal_code} {self.locality}".strip()) if part)


class Vehicle(BaseModel):
    """A vehicle of a hub, based at one of its depots, with its capacities, costs and shift."""

    hub = models.ForeignKey(
        "catalog.Organisation", on_delete=models.CASCADE, related_name="vehicles", verbose_name=_("hub")
    )
    depot = models.ForeignKey(Depot, on_delete=models.PROTECT, related_name="vehicles", verbose_name=_("home depot"))
    name = models.CharField(_("name"), max_length=120)
    capacity_kg = models.DecimalField(
        _("capacity (kg)"), max_digits=8, decimal_places=1, validators=[MinValueValidator(Decimal("1"))]
    )
    capacity_crates = models.PositiveIntegerField(
        _("capacity (crates)"), null=True, blank=True, help_text=_("Empty: crates are not limited.")
    )
    is_cooled = models.BooleanField(_("cooled"), default=False)
    cost_per_km = models.DecimalField(
        _("cost per km (EUR)"),
        max_digits=6,
        decimal_places=3,
        default=Decimal("0.35"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    cost_per_hour = models.DecimalField(
        _("cost per hour (EUR)"),
        max_digits=7,
        decimal_places=2,
        default=Decimal("25.00"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    co2_kg_per_km = models.DecimalField(
        _("CO2 per km (kg)"),
        max_digits=5,
        decimal_places=3,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Empty: the platform's figure for a small delivery van."),
    )
    shift_start = models.TimeField(_("shift starts"), default=time(7, 0))
    shift_end = models.TimeField(_("shift ends"), default=time(17, 0))
    max_trips = models.PositiveSmallIntegerField(
        _("trips per day"),
        default=2,  # collecting, then delivering what was collected, takes two trips through the hub
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text=_("More than one: the vehicle comes back to its depot to unload and reload between trips."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("vehicle")
        verbose_name_plural = _("vehicles")
        ordering = ["hub_id", "name", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(capacity_kg__gt=0), name="logistics_vehicle_capacity_positive"),
            models.CheckConstraint(condition=Q(max_trips__gte=1), name="logistics_vehicle_at_least_one_trip"),
            models.CheckConstraint(
                condition=Q(shift_end__gt=F("shift_start")), name="logistics_vehicle_shift_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Driver(BaseModel):
    """A person who drives a hub's rounds: sees only the routes assigned to them, and marks stops done."""

    hub = models.ForeignKey(
        "catalog.Organisation", on_delete=models.CASCADE, related_name="drivers", verbose_name=_("hub")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="driver_roles", verbose_name=_("user")
    )
    name = models.CharField(_("name"), max_length=120)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("driver")
        verbose_name_plural = _("drivers")
        ordering = ["hub_id", "name", "pk"]
        constraints = [models.UniqueConstraint(fields=["hub", "user"], name="logistics_driver_unique_per_hub")]

    def __str__(self) -> str:
        return self.name
