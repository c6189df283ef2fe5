"""Donations, waste, driven rounds and agreed matches become facts through their domain events, once."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from streek.catalog.choices import OrganisationKind
from streek.catalog.tests.factories import OrganisationFactory, concept
from streek.logistics.choices import StopKind
from streek.logistics.models import Plan, Route, Stop
from streek.logistics.signals import route_completed
from streek.market.services.donations import donation_confirm_receipt, waste_record_create
from streek.market.services.matches import match_record_agreement
from streek.market.tests.factories import DonationFactory, MatchFactory, member
from streek.monitor.choices import CollaborationKind, CollaborationSource
from streek.monitor.models import CollaborationFact, DonationFact, RouteFact, WasteFact
from streek.monitor.services import (
    collaboration_from_match,
    donation_fact_append,
    route_fact_append,
    waste_fact_append,
)

pytestmark = pytest.mark.django_db


def test_a_confirmed_donation_becomes_a_fact_with_its_kg():
    donation = DonationFactory(
        quantity=Decimal("0.5"), offer__unit=concept("measure", "Tonne"), offer__quantity_claimed=Decimal("0.5")
    )

    donation_confirm_receipt(donation=donation, actor=member(donation.food_bank))
    donation_fact_append(donation_id=donation.pk)  # again: nothing changes

    fact = DonationFact.objects.get()
    assert (fact.donation_id, fact.kg) == (donation.pk, Decimal("500.000"))
    assert fact.donor_id == donation.donor_id
    assert fact.donor_municipality_id == donation.donor.municipality_id
    assert fact.year == timezone.localdate().year


def test_logged_waste_becomes_a_fact():
    producer = OrganisationFactory()

    record = waste_record_create(
        organisation=producer, actor=None, quantity=Decimal("12"), unit="Kilogram", recorded_on=dt.date(2025, 8, 2)
    )
    waste_fact_append(waste_record_id=record.pk)

    fact = WasteFact.objects.get()
    assert (fact.kg, fact.year, fact.quarter, fact.reason) == (Decimal("12.000"), 2025, 3, "unsold")
    assert fact.municipality_id == producer.municipality_id


def test_an_agreed_match_is_a_collaboration_of_the_two_organisations():
    match = MatchFactory(request__organisation__kind=OrganisationKind.PROCESSOR)

    match_record_agreement(match=match, actor=None, reference="42")
    collaboration_from_match(match_id=match.pk)

    fact = CollaborationFact.objects.get()
    assert fact.kind == CollaborationKind.PRODUCER_PROCESSOR
    assert (fact.producer_id, fact.partner_id) == (match.offer.organisation_id, match.request.organisation_id)
    assert fact.source == CollaborationSource.MATCH
    assert fact.is_new is True


def test_a_match_without_agreement_appends_nothing():
    match = MatchFactory()

    assert collaboration_from_match(match_id=match.pk) == 0
    assert not CollaborationFact.objects.exists()


def _driven_route() -> Route:
    hub = OrganisationFactory(kind=OrganisationKind.HUB)
    plan = Plan.objects.create(hub=hub, day=dt.date(2025, 11, 4), time_limit_seconds=10)
    route = Route.objects.create(
        plan=plan,
        number=1,
        vehicle_name="Bestelwagen",
        colour="#123456",
        km=Decimal("84.50"),
        kg_out=Decimal("320"),
        kg_back=Decimal("300"),
        co2_kg=Decimal("21.10"),
    )
    producers = [OrganisationFactory(), OrganisationFactory()]
    for number, producer in enumerate([*producers, producers[0]]):
        Stop.objects.create(
            plan=plan, route=route, key=f"collect:{number}", kind=StopKind.COLLECTION, producer=producer, name="x"
        )
    Stop.objects.create(plan=plan, route=route, key="order:1", kind=StopKind.DELIVERY, name="y")
    return route


def test_a_driven_round_becomes_a_fact_when_its_last_stop_is_done():
    route = _driven_route()

    route_completed.send(sender=Route, route_id=route.pk)
    route_fact_append(route_id=route.pk)

    fact = RouteFact.objects.get()
    assert (fact.km, fact.kg_delivered, fact.kg_collected) == (Decimal("84.50"), Decimal("320"), Decimal("300"))
    assert (fact.stops, fact.producers) == (4, 2)
    assert (fact.driven_on, fact.year, fact.quarter) == (dt.date(2025, 11, 4), 2025, 4)
    assert fact.hub_id == route.plan.hub_id
