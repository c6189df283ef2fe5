"""Shared set-up of the DFC export tests: a producer with a small catalogue, and the shared DFC folder."""

from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings

from streek.catalog.models import Organisation, Product
from streek.catalog.tests.factories import OrganisationFactory, ProductFactory, VariantFactory, concept

SHARED_DFC = Path(settings.BASE_DIR).resolve().parent / "shared" / "dfc"


def shared_dfc() -> Path:
    """The shared DFC reference folder (<repo>/../shared/dfc); the test is skipped when it is absent."""
    if not SHARED_DFC.is_dir():
        pytest.skip(f"SKIPPED: the shared DFC folder {SHARED_DFC} is absent")
    return SHARED_DFC


def make_producer(*, products: int = 2, variants: int = 2) -> Organisation:
    """A producer in Sint-Truiden with address, contact and `products` x `variants` priced variants."""
    producer = OrganisationFactory.create(
        name="Hoeve De Kriek",
        description_nl="Fruitteelt in Haspengouw.",
        street="Kerkstraat 12",
        postal_code="3800",
        locality="Sint-Truiden",
        email="info@dekriek.example",
        phone="+32 11 22 33 44",
        website="https://dekriek.example",
        enterprise_number="0123456789",
        lat=50.81,
        lon=5.18,
    )
    labels = [concept("facet", key) for key in ("Organic-EU", "HighFibre", "PlantOrigin")]
    for p in range(products):
        product: Product = ProductFactory.create(
            organisation=producer,
            name_nl=f"Appels {p}",
            description_nl="Jonagold uit eigen boomgaard.",
            product_type=concept("product_type", "fruit"),
        )
        product.labels.add(*labels)
        for v in range(variants):
            VariantFactory.create(
                product=product,
                name=f"kist van {v + 1} kg",
                sku=f"APP-{p}-{v}",
                quantity=Decimal(v + 1),
                unit=concept("measure", "Kilogram"),
                price=Decimal("2.50") * (v + 1),
                vat_rate=Decimal("6.00"),
            )
    return producer
