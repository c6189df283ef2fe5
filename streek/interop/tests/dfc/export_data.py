"""Shared set-up of the DFC export tests: a producer with a small catalogue, and the shared DFC folder."""

from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings

from streek.catalog.choices import ClaimKind
from streek.catalog.models import Organisation, Product
from streek.catalog.tests.factories import (
    OrganisationFactory,
    ProductClaimFactory,
    ProductFactory,
    VariantFactory,
    concept,
)

SHARED_DFC = Path(settings.BASE_DIR).resolve().parent / "shared" / "dfc"


def shared_dfc() -> Path:
    """The shared DFC reference folder (<repo>/../shared/dfc); the test is skipped when it is absent."""
    if not SHARED_DFC.is_dir():
        pytest.skip(f"SKIPPED: the shared DFC folder {SHARED_DFC} is absent")
    return SHARED_DFC


DETAILS = {
    "allergens": ["sulphites", "gluten"],
    "fat": Decimal("0.20"),
    "sugars": Decimal("10.40"),
    "fibre": Decimal("2.40"),
    "salt": Decimal("0"),
    "energy_kj": Decimal("218"),
}


def make_producer(*, products: int = 2, variants: int = 2, details: bool = True) -> Organisation:
    """A producer in Sint-Truiden with address, contact and `products` x `variants` priced variants; with
    `details`, each product has allergens, a nutrition declaration and a claim with its evidence."""
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
            **(DETAILS if details else {}),
        )
        product.labels.add(*labels)
        if details:
            ProductClaimFactory.create(
                product=product,
                kind=ClaimKind.BIODIVERSITY,
                text_nl="Bloemenranden rond de boomgaard",
                text_en="Flower strips around the orchard",
                evidence="Beheerovereenkomst VLM 2025",
                evidence_url="https://dekriek.example/bloemen",
            )
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
