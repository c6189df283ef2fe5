"""Factories for the monitor's facts and entries. Facts default to 2025, quarter 2, Sint-Truiden (71053)."""

import datetime as dt
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from streek.catalog.tests.factories import OrganisationFactory, municipality
from streek.monitor.choices import CollaborationKind, CollaborationSource, FigureKind
from streek.monitor.models import (
    CollaborationFact,
    DonationFact,
    ExternalFigure,
    ProducerCost,
    RouteFact,
    SaleFact,
    SalesPointSnapshot,
    WasteFact,
)

DAY = dt.date(2025, 5, 15)


class SaleFactFactory(DjangoModelFactory):
    class Meta:
        model = SaleFact

    order_line_id = factory.Sequence(lambda n: 100_000 + n)
    delivered_on = DAY
    year = 2025
    quarter = 2
    producer = factory.SubFactory(OrganisationFactory)
    producer_kind = "producer"
    producer_municipality = factory.LazyAttribute(lambda o: o.producer.municipality)
    hub = None
    buyer_organisation = None
    buyer_kind = "household"
    buyer_municipality = factory.LazyFunction(municipality)
    is_public_buyer = False
    channel = "consumer"
    intermediaries = 0
    value = Decimal("10.00")
    producer_value = Decimal("10.00")
    weight_kg = None
    distance_km = None


class CollaborationFactFactory(DjangoModelFactory):
    class Meta:
        model = CollaborationFact

    year = 2025
    kind = CollaborationKind.PRODUCER_HUB
    producer = factory.SubFactory(OrganisationFactory)
    producer_municipality = factory.LazyAttribute(lambda o: o.producer.municipality)
    partner = factory.SubFactory(OrganisationFactory, kind="hub")
    partner_municipality = factory.LazyAttribute(lambda o: o.partner.municipality)
    source = CollaborationSource.ORDER
    is_new = True
    first_on = DAY


class DonationFactFactory(DjangoModelFactory):
    class Meta:
        model = DonationFact

    donation_id = factory.Sequence(lambda n: 200_000 + n)
    received_on = DAY
    year = 2025
    quarter = 2
    donor = factory.SubFactory(OrganisationFactory)
    donor_municipality = factory.LazyAttribute(lambda o: o.donor.municipality)
    food_bank = factory.SubFactory(OrganisationFactory, kind="food_bank")
    food_bank_municipality = factory.LazyAttribute(lambda o: o.food_bank.municipality)
    kg = Decimal("10.000")


class WasteFactFactory(DjangoModelFactory):
    class Meta:
        model = WasteFact

    waste_record_id = factory.Sequence(lambda n: 300_000 + n)
    recorded_on = DAY
    year = 2025
    quarter = 2
    organisation = factory.SubFactory(OrganisationFactory)
    municipality = factory.LazyAttribute(lambda o: o.organisation.municipality)
    reason = "unsold"
    kg = Decimal("5.000")


class RouteFactFactory(DjangoModelFactory):
    class Meta:
        model = RouteFact

    route_id = factory.Sequence(lambda n: 400_000 + n)
    driven_on = DAY
    year = 2025
    quarter = 2
    hub = factory.SubFactory(OrganisationFactory, kind="hub")
    hub_municipality = factory.LazyAttribute(lambda o: o.hub.municipality)
    km = Decimal("100.00")
    kg_delivered = Decimal("400.000")
    kg_collected = Decimal("350.000")
    co2_kg = Decimal("25.00")
    stops = 10
    producers = 4


class SalesPointSnapshotFactory(DjangoModelFactory):
    class Meta:
        model = SalesPointSnapshot

    year = 2024
    sales_point_id = factory.Sequence(lambda n: 500_000 + n)
    operator = None
    municipality = factory.LazyFunction(municipality)
    type = "farm_shop"
    is_active = True
    last_verified_on = dt.date(2024, 6, 1)
    lat = 50.8168
    lon = 5.1865
    taken_at = factory.LazyFunction(lambda: dt.datetime(2024, 12, 31, 23, 0, tzinfo=dt.UTC))


class ExternalFigureFactory(DjangoModelFactory):
    class Meta:
        model = ExternalFigure

    municipality = factory.LazyFunction(municipality)
    year = 2025
    kind = FigureKind.POPULATION
    value = Decimal("40000")
    source = "Statbel"
    source_date = dt.date(2025, 1, 1)


class ProducerCostFactory(DjangoModelFactory):
    class Meta:
        model = ProducerCost

    organisation = factory.SubFactory(OrganisationFactory)
    year = 2025
    channel = "consumer"
    costs = Decimal("60.00")
    consent = True
