"""Factories for the market. Keep them generic: tests set what they assert on.

Posts default to Sint-Truiden (50.8168, 5.1865), carrots in kg, once, from today for 60 days. Factories save
rows directly: they do not match. Tests that need matches call the services or `match_post`.
"""

from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from streek.accounts.tests.factories import MembershipFactory, UserFactory
from streek.catalog.choices import OrganisationKind
from streek.catalog.tests.factories import OrganisationFactory, concept
from streek.market.choices import DeliveryFrequency, DonationStatus, MatchStatus, PostStatus, Recurrence
from streek.market.models import (
    DigestSubscription,
    Donation,
    Match,
    Message,
    Offer,
    ProcurementScan,
    ProcurementScanLine,
    Request,
    Thread,
)

SINT_TRUIDEN_POINT = (50.8168, 5.1865)


class PostFactory(DjangoModelFactory):
    class Meta:
        abstract = True

    title = factory.Sequence(lambda n: f"Wortelen {n}")
    product_type = factory.LazyFunction(lambda: concept("product_type", "carrot"))
    quantity = Decimal("100.000")
    unit = factory.LazyFunction(lambda: concept("measure", "Kilogram"))
    recurrence = Recurrence.ONCE
    starts_on = factory.LazyFunction(timezone.localdate)
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=60))
    lat = SINT_TRUIDEN_POINT[0]
    lon = SINT_TRUIDEN_POINT[1]
    status = PostStatus.ACTIVE
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))


class OfferFactory(PostFactory):
    class Meta:
        model = Offer

    organisation = factory.SubFactory(OrganisationFactory, kind=OrganisationKind.PRODUCER)


class RequestFactory(PostFactory):
    class Meta:
        model = Request

    title = factory.Sequence(lambda n: f"Gezocht: wortelen {n}")
    organisation = factory.SubFactory(OrganisationFactory, kind=OrganisationKind.SCHOOL)
    max_distance_km = 50
    needs_delivery = False


class MatchFactory(DjangoModelFactory):
    class Meta:
        model = Match

    offer = factory.SubFactory(OfferFactory)
    request = factory.SubFactory(RequestFactory)
    score = 0.8
    distance_km = 5.0
    breakdown = factory.LazyFunction(dict)
    status = MatchStatus.NEW


class ThreadFactory(DjangoModelFactory):
    class Meta:
        model = Thread

    match = factory.SubFactory(MatchFactory, status=MatchStatus.CONTACTED)
    offer = factory.LazyAttribute(lambda o: o.match.offer)
    request = factory.LazyAttribute(lambda o: o.match.request)
    initiator = factory.LazyAttribute(lambda o: o.match.request.organisation)
    recipient = factory.LazyAttribute(lambda o: o.match.offer.organisation)
    subject = "Wortelen"
    last_message_at = factory.LazyFunction(timezone.now)


class MessageFactory(DjangoModelFactory):
    class Meta:
        model = Message

    thread = factory.SubFactory(ThreadFactory)
    organisation = factory.LazyAttribute(lambda o: o.thread.initiator)
    body = "Hebt u nog wortelen?"


class DonationFactory(DjangoModelFactory):
    class Meta:
        model = Donation

    offer = factory.SubFactory(OfferFactory, is_surplus=True, donation_allowed=True)
    donor = factory.LazyAttribute(lambda o: o.offer.organisation)
    food_bank = factory.SubFactory(OrganisationFactory, kind=OrganisationKind.FOOD_BANK)
    quantity = Decimal("10.000")
    unit = factory.LazyAttribute(lambda o: o.offer.unit)
    status = DonationStatus.CLAIMED


class DigestSubscriptionFactory(DjangoModelFactory):
    class Meta:
        model = DigestSubscription

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)


class ProcurementScanFactory(DjangoModelFactory):
    class Meta:
        model = ProcurementScan

    organisation = factory.SubFactory(OrganisationFactory, kind=OrganisationKind.SCHOOL)
    name = factory.Sequence(lambda n: f"Scan {n}")
    lat = SINT_TRUIDEN_POINT[0]
    lon = SINT_TRUIDEN_POINT[1]


class ProcurementScanLineFactory(DjangoModelFactory):
    class Meta:
        model = ProcurementScanLine

    scan = factory.SubFactory(ProcurementScanFactory)
    row_number = factory.Sequence(lambda n: n + 2)
    product_text = "wortelen"
    product_type = factory.LazyFunction(lambda: concept("product_type", "carrot"))
    yearly_quantity = Decimal("1200")
    unit = factory.LazyFunction(lambda: concept("measure", "Kilogram"))
    frequency = DeliveryFrequency.WEEKLY


def member(organisation, role: str = "owner"):  # type: ignore[no-untyped-def]
    """A user who is a member of the organisation."""
    return MembershipFactory(organisation=organisation, role=role).user
