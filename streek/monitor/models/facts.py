"""Fact tables: one narrow row appended per delivered line, confirmed donation, logged waste or driven route.

Rows are appended inside the transaction of the event (see receivers.py), never updated by a page view, and
never recomputed from all history: an indicator is an indexed aggregate over the facts of one area and period.
Foreign keys carry no database constraint (`db_constraint=False`) so facts survive the deletion of what they
describe and bulk loads (COPY) need no lookups; each fact keeps the id of its source row as a unique key, which
makes appending idempotent.
"""

from decimal import Decimal
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from ..choices import CollaborationKind, CollaborationSource


def _fk(to: str, verbose_name: StrOrPromise, **kwargs: Any) -> Any:
    return models.ForeignKey(
        to,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
        verbose_name=verbose_name,
        **kwargs,
    )


def _money(verbose_name: StrOrPromise) -> "models.DecimalField[Decimal, Decimal]":
    return models.DecimalField(verbose_name, max_digits=14, decimal_places=2)


class SaleFact(models.Model):
    """A delivered order line as a sale: who sold to whom, through how many hands, for how much, how far."""

    order_line_id = models.PositiveBigIntegerField(_("order line"), unique=True)
    delivered_on = models.DateField(_("delivered on"))
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"))
    producer = _fk("catalog.Organisation", _("producer"))
    producer_kind = models.CharField(_("producer kind"), max_length=16)
    producer_municipality = _fk("territory.Municipality", _("producer municipality"), null=True)
    hub = _fk("catalog.Organisation", _("hub"), null=True)
    buyer_organisation = _fk("catalog.Organisation", _("buyer organisation"), null=True)
    buyer_kind = models.CharField(_("buyer kind"), max_length=16, help_text=_("Organisation kind, or 'household'."))
    buyer_municipality = _fk("territory.Municipality", _("buyer municipality"), null=True)
    is_public_buyer = models.BooleanField(_("public buyer"), default=False)
    channel = models.CharField(_("channel"), max_length=16)
    intermediaries = models.PositiveSmallIntegerField(_("intermediaries"))
    producer_set_price = models.BooleanField(_("price set by the producer"), default=True)
    value = _money(_("value excl. VAT"))
    producer_value = _money(_("producer value excl. VAT"))
    weight_kg = models.DecimalField(_("weight (kg)"), max_digits=14, decimal_places=3, null=True)
    distance_km = models.DecimalField(_("distance (km)"), max_digits=8, decimal_places=2, null=True)

    class Meta:
        verbose_name = _("sale fact")
        verbose_name_plural = _("sale facts")
        indexes = [
            models.Index(fields=["year", "producer_municipality"], name="monitor_sale_year_prod_muni"),
            models.Index(fields=["year", "buyer_municipality"], name="monitor_sale_year_buyer_muni"),
            models.Index(fields=["producer_municipality", "year", "quarter"], name="monitor_sale_muni_period"),
        ]

    def __str__(self) -> str:
        return f"sale {self.order_line_id} ({self.delivered_on})"


class CollaborationFact(models.Model):
    """A producer traded with a partner in a year (one row per pair, kind and year); `is_new` when it is the
    first year the pair traded."""

    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=24, choices=CollaborationKind.choices)
    producer = _fk("catalog.Organisation", _("producer"))
    producer_municipality = _fk("territory.Municipality", _("producer municipality"), null=True)
    partner = _fk("catalog.Organisation", _("partner"))
    partner_municipality = _fk("territory.Municipality", _("partner municipality"), null=True)
    source = models.CharField(_("source"), max_length=8, choices=CollaborationSource.choices)
    is_new = models.BooleanField(_("new this year"), default=False)
    first_on = models.DateField(_("first trade this year"))

    class Meta:
        verbose_name = _("collaboration fact")
        verbose_name_plural = _("collaboration facts")
        constraints = [
            models.UniqueConstraint(fields=["producer", "partner", "kind", "year"], name="monitor_collab_unique"),
        ]
        indexes = [
            models.Index(fields=["year", "producer_municipality"], name="monitor_collab_year_muni"),
            models.Index(fields=["producer", "partner", "kind"], name="monitor_collab_pair"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.producer_id}-{self.partner_id} {self.year}"


class DonationFact(models.Model):
    """A donation a food bank confirmed: kg redistributed (K13)."""

    donation_id = models.PositiveBigIntegerField(_("donation"), unique=True)
    received_on = models.DateField(_("received on"))
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"))
    donor = _fk("catalog.Organisation", _("donor"))
    donor_municipality = _fk("territory.Municipality", _("donor municipality"), null=True)
    food_bank = _fk("catalog.Organisation", _("food bank"))
    food_bank_municipality = _fk("territory.Municipality", _("food bank municipality"), null=True)
    kg = models.DecimalField(_("kg"), max_digits=12, decimal_places=3, null=True)

    class Meta:
        verbose_name = _("donation fact")
        verbose_name_plural = _("donation facts")
        indexes = [models.Index(fields=["year", "donor_municipality"], name="monitor_donation_year_muni")]

    def __str__(self) -> str:
        return f"donation {self.donation_id}"


class WasteFact(models.Model):
    """Food logged as thrown away (K13)."""

    waste_record_id = models.PositiveBigIntegerField(_("waste record"), unique=True)
    recorded_on = models.DateField(_("recorded on"))
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"))
    organisation = _fk("catalog.Organisation", _("organisation"))
    municipality = _fk("territory.Municipality", _("municipality"), null=True)
    reason = models.CharField(_("reason"), max_length=16)
    kg = models.DecimalField(_("kg"), max_digits=12, decimal_places=3, null=True)

    class Meta:
        verbose_name = _("waste fact")
        verbose_name_plural = _("waste facts")
        indexes = [models.Index(fields=["year", "municipality"], name="monitor_waste_year_muni")]

    def __str__(self) -> str:
        return f"waste {self.waste_record_id}"


class RouteFact(models.Model):
    """A delivery round that was driven: km and kg, for km per kg in shared rounds (K10)."""

    route_id = models.PositiveBigIntegerField(_("route"), unique=True)
    driven_on = models.DateField(_("driven on"))
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"))
    hub = _fk("catalog.Organisation", _("hub"))
    hub_municipality = _fk("territory.Municipality", _("hub municipality"), null=True)
    km = models.DecimalField(_("km"), max_digits=10, decimal_places=2)
    kg_delivered = models.DecimalField(_("kg delivered"), max_digits=12, decimal_places=3)
    kg_collected = models.DecimalField(_("kg collected"), max_digits=12, decimal_places=3)
    co2_kg = models.DecimalField(_("CO2 (kg)"), max_digits=10, decimal_places=2)
    stops = models.PositiveIntegerField(_("stops"))
    producers = models.PositiveIntegerField(_("producers collected from"))

    class Meta:
        verbose_name = _("route fact")
        verbose_name_plural = _("route facts")
        indexes = [models.Index(fields=["year", "hub_municipality"], name="monitor_route_year_muni")]

    def __str__(self) -> str:
        return f"route {self.route_id}"


class SalesPointSnapshot(models.Model):
    """The inventory as it stood at the end of a year (K1-K3 of past years): one row per sales point."""

    year = models.PositiveSmallIntegerField(_("year"))
    sales_point = _fk("catalog.SalesPoint", _("sales point"))
    operator = _fk("catalog.Organisation", _("operator"), null=True)
    municipality = _fk("territory.Municipality", _("municipality"), null=True)
    type = models.CharField(_("type"), max_length=20)
    is_active = models.BooleanField(_("active"))
    last_verified_on = models.DateField(_("last verified on"), null=True)
    lat = models.FloatField(_("latitude"))
    lon = models.FloatField(_("longitude"))
    taken_at = models.DateTimeField(_("taken at"))

    class Meta:
        verbose_name = _("sales point snapshot")
        verbose_name_plural = _("sales point snapshots")
        constraints = [
            models.UniqueConstraint(fields=["year", "sales_point"], name="monitor_snapshot_unique"),
        ]
        indexes = [models.Index(fields=["year", "municipality"], name="monitor_snapshot_year_muni")]

    def __str__(self) -> str:
        return f"{self.sales_point_id} {self.year}"
