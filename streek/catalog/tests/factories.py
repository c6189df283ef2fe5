"""Factories for the catalogue. Keep them generic: tests set what they assert on.

Municipalities and countries come from the migrated territory data: points default to Sint-Truiden (71053).
"""

from datetime import timedelta
from decimal import Decimal

import factory
from django.contrib.auth.hashers import make_password
from django.utils import timezone
from factory.django import DjangoModelFactory

from streek.catalog.choices import (
    ChangeReportKind,
    ClaimKind,
    EventKind,
    OrganisationKind,
    SalesPointSource,
    SalesPointStatus,
    SalesPointType,
)
from streek.catalog.models import (
    ChangeReport,
    ClosurePeriod,
    Concept,
    Event,
    OpeningRule,
    Organisation,
    OrganisationLabel,
    Product,
    ProductClaim,
    RegistrationRequest,
    SalesPoint,
    Variant,
)
from streek.territory.models import Country, Municipality

SINT_TRUIDEN = "71053"


def municipality(code: str = SINT_TRUIDEN) -> Municipality:
    return Municipality.objects.get(code=code)


def country(code: str = "BE") -> Country:
    return Country.objects.get(code=code)


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    kind = OrganisationKind.PRODUCER
    name = factory.Sequence(lambda n: f"Hoeve {n}")
    slug = factory.Sequence(lambda n: f"hoeve-{n}")
    country = factory.LazyFunction(country)
    municipality = factory.LazyFunction(municipality)


class SalesPointFactory(DjangoModelFactory):
    class Meta:
        model = SalesPoint

    name = factory.Sequence(lambda n: f"Hoevewinkel {n}")
    slug = factory.Sequence(lambda n: f"hoevewinkel-{n}")
    type = SalesPointType.FARM_SHOP
    status = SalesPointStatus.ACTIVE
    source = SalesPointSource.MUNICIPALITY
    street = "Stationsstraat 1"
    postal_code = "3800"
    locality = "Sint-Truiden"
    municipality = factory.LazyFunction(municipality)
    lat = 50.8168
    lon = 5.1865


class OpeningRuleFactory(DjangoModelFactory):
    class Meta:
        model = OpeningRule

    sales_point = factory.SubFactory(SalesPointFactory)
    weekday = 5
    opens = "09:00"
    closes = "12:00"


class ClosurePeriodFactory(DjangoModelFactory):
    class Meta:
        model = ClosurePeriod

    sales_point = factory.SubFactory(SalesPointFactory)
    start_date = "2025-07-01"
    end_date = "2025-07-15"


class ChangeReportFactory(DjangoModelFactory):
    class Meta:
        model = ChangeReport

    kind = ChangeReportKind.CHANGE
    sales_point = factory.SubFactory(SalesPointFactory)
    municipality = factory.LazyAttribute(lambda o: o.sales_point.municipality)
    message = "De openingsuren kloppen niet meer."
    proposed_changes = factory.LazyFunction(dict)


def concept(scheme: str, key: str) -> Concept:
    """A DFC concept loaded by the migration, e.g. concept("product_type", "carrot")."""
    return Concept.objects.get(scheme=scheme, key=key)


class OrganisationLabelFactory(DjangoModelFactory):
    class Meta:
        model = OrganisationLabel

    organisation = factory.SubFactory(OrganisationFactory)
    facet = factory.LazyFunction(lambda: concept("facet", "Organic-EU"))
    certificate_number = factory.Sequence(lambda n: f"BE-BIO-01-{n:05d}")
    certifier = "Certisys"


class ProductFactory(DjangoModelFactory):
    class Meta:
        model = Product

    organisation = factory.SubFactory(OrganisationFactory)
    name_nl = factory.Sequence(lambda n: f"Product {n}")
    product_type = factory.LazyFunction(lambda: concept("product_type", "vegetable"))


class VariantFactory(DjangoModelFactory):
    class Meta:
        model = Variant

    product = factory.SubFactory(ProductFactory)
    name = "zak van 1 kg"
    quantity = Decimal("1.000")
    unit = factory.LazyFunction(lambda: concept("measure", "Kilogram"))
    price = Decimal("2.50")
    vat_rate = Decimal("6.00")


class ProductClaimFactory(DjangoModelFactory):
    class Meta:
        model = ProductClaim

    product = factory.SubFactory(ProductFactory)
    kind = ClaimKind.SOIL_CARE
    text_nl = "Niet-kerende grondbewerking"


class EventFactory(DjangoModelFactory):
    class Meta:
        model = Event

    kind = EventKind.MARKET_DAY
    title_nl = factory.Sequence(lambda n: f"Boerenmarkt {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=3))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=4))
    municipality = factory.LazyFunction(municipality)
    lat = 50.8168
    lon = 5.1865


REGISTRATION_PASSWORD = "Groene-appeltaart-77"


class RegistrationRequestFactory(DjangoModelFactory):
    """A pending request of a food bank in Sint-Truiden; its applicant chose REGISTRATION_PASSWORD."""

    class Meta:
        model = RegistrationRequest

    applicant_name = "An Peeters"
    applicant_email = factory.Sequence(lambda n: f"aanvrager{n}@example.org")
    password_hash = factory.LazyFunction(lambda: make_password(REGISTRATION_PASSWORD))
    language = "nl"
    kind = OrganisationKind.FOOD_BANK
    organisation_name = factory.Sequence(lambda n: f"Voedselbank {n}")
    country = factory.LazyFunction(country)
    postal_code = "3800"
    municipality = factory.LazyFunction(municipality)
