"""Factories for trade. A default cycle is published and open now, one week long, on the consumer channel.

Keep them generic: tests set what they assert on. Build scenarios with services where the behaviour matters.
"""

from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from streek.catalog.choices import OrganisationKind
from streek.catalog.tests.factories import OrganisationFactory, VariantFactory
from streek.orders.choices import ChannelKind, CycleStatus, FeeCalculation, FeeKind
from streek.orders.models import (
    ChannelAdmission,
    ChannelTerms,
    ChannelVariantTerm,
    CycleOffer,
    CycleProducer,
    DeliveryZone,
    HubFee,
    OrderCycle,
    PickupPoint,
    PickupSlot,
    ReturnableCrate,
)


def kbo_number(base: int) -> str:
    """A valid Belgian enterprise number (KBO/BCE) from an 8-digit base: check digits 97 - base mod 97."""
    digits = f"{base:08d}{97 - base % 97:02d}"
    return f"{digits[:4]}.{digits[4:7]}.{digits[7:]}"


class HubFactory(OrganisationFactory):
    kind = OrganisationKind.HUB
    name = factory.Sequence(lambda n: f"Voedselhub {n}")
    slug = factory.Sequence(lambda n: f"voedselhub-{n}")
    enterprise_number = factory.Sequence(lambda n: kbo_number(2_000_000 + n))
    street = "Stationsstraat 1"
    postal_code = "3800"
    locality = "Sint-Truiden"


class ChannelTermsFactory(DjangoModelFactory):
    class Meta:
        model = ChannelTerms
        django_get_or_create = ("hub", "kind")

    hub = factory.SubFactory(HubFactory)
    kind = ChannelKind.CONSUMER


class ReturnableCrateFactory(DjangoModelFactory):
    class Meta:
        model = ReturnableCrate

    hub = factory.SubFactory(HubFactory)
    name = factory.Sequence(lambda n: f"Krat {n}")
    deposit = Decimal("3.00")


class ChannelVariantTermFactory(DjangoModelFactory):
    class Meta:
        model = ChannelVariantTerm

    terms = factory.SubFactory(ChannelTermsFactory)
    variant = factory.SubFactory(VariantFactory)


class ChannelAdmissionFactory(DjangoModelFactory):
    class Meta:
        model = ChannelAdmission

    terms = factory.SubFactory(ChannelTermsFactory, kind=ChannelKind.HORECA)
    buyer = factory.SubFactory(OrganisationFactory, kind=OrganisationKind.HORECA)
    status = "admitted"


class OrderCycleFactory(DjangoModelFactory):
    class Meta:
        model = OrderCycle
        skip_postgeneration_save = True

    hub = factory.SubFactory(HubFactory)
    name = factory.Sequence(lambda n: f"Bestelronde {n}")
    status = CycleStatus.PUBLISHED
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=6))
    fulfilment_date = factory.LazyFunction(lambda: (timezone.now() + timedelta(days=7)).date())

    @factory.post_generation
    def with_channels(self, create: bool, extracted: list[str] | None, **kwargs: object) -> None:
        """Attach channel terms of the hub for these kinds (default: consumers)."""
        if not create:
            return
        for kind in extracted if extracted is not None else [ChannelKind.CONSUMER]:
            terms, _ = ChannelTerms.objects.get_or_create(hub=self.hub, kind=kind)
            self.channels.add(terms)


class CycleProducerFactory(DjangoModelFactory):
    class Meta:
        model = CycleProducer
        django_get_or_create = ("cycle", "producer")

    cycle = factory.SubFactory(OrderCycleFactory)
    producer = factory.SubFactory(OrganisationFactory)


class CycleOfferFactory(DjangoModelFactory):
    """An offer of a new variant of the exchange's producer (pass `exchange` to reuse a producer)."""

    class Meta:
        model = CycleOffer

    exchange = factory.SubFactory(CycleProducerFactory)
    cycle = factory.LazyAttribute(lambda o: o.exchange.cycle)
    variant = factory.LazyAttribute(lambda o: VariantFactory(product__organisation=o.exchange.producer))
    producer_price = Decimal("2.00")
    stock = 10


class HubFeeFactory(DjangoModelFactory):
    class Meta:
        model = HubFee

    cycle = factory.SubFactory(OrderCycleFactory)
    kind = FeeKind.PACKING
    calculation = FeeCalculation.PERCENTAGE
    amount = Decimal("10.00")


class PickupPointFactory(DjangoModelFactory):
    class Meta:
        model = PickupPoint

    hub = factory.SubFactory(HubFactory)
    name = factory.Sequence(lambda n: f"Afhaalpunt {n}")
    street = "Markt 1"
    postal_code = "3800"
    locality = "Sint-Truiden"
    lat = 50.8167
    lon = 5.1867


class PickupSlotFactory(DjangoModelFactory):
    class Meta:
        model = PickupSlot

    cycle = factory.SubFactory(OrderCycleFactory)
    pickup_point = factory.LazyAttribute(lambda o: PickupPointFactory(hub=o.cycle.hub))
    starts_at = factory.LazyAttribute(lambda o: o.cycle.closes_at + timedelta(days=1))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=2))
    capacity = 20


class DeliveryZoneFactory(DjangoModelFactory):
    class Meta:
        model = DeliveryZone

    hub = factory.SubFactory(HubFactory)
    name = factory.Sequence(lambda n: f"Zone {n}")
    postal_codes = factory.LazyFunction(lambda: ["3800", "3803"])
    fee = Decimal("5.00")
    minimum_order = Decimal("25.00")
