"""One producer with a catalogue of N variants (N/4 products x 4 variants) for the DFC export and import benchmark,
plus an empty producer to import into. Deterministic for a seed; refuses a database whose name lacks "bench"."""

import random
from decimal import Decimal

from django.db import connection, transaction

from bench.trade_data import FIRST, SECOND, VARIANT_SHAPES, kbo_number
from streek.accounts.choices import MembershipRole
from streek.accounts.models import Membership, User
from streek.catalog.choices import OrganisationKind
from streek.catalog.models import Concept, Organisation, Product, Variant
from streek.territory.models import Municipality

SOURCE_SLUG = "bench-dfc-source"
TARGET_SLUG = "bench-dfc-target"
OWNER = "bench-dfc-owner"
BATCH = 2000


def _producer(slug: str, number: int, place: Municipality) -> Organisation:
    return Organisation.objects.create(
        kind=OrganisationKind.PRODUCER,
        name=f"Hoeve {slug}",
        slug=slug,
        country_id=place.country_id,
        enterprise_number=kbo_number(5_000_000 + number),
        municipality_id=place.pk,
        street="Kerkstraat 1",
        postal_code="3800",
        locality=place.name_nl,
        lat=place.lat,
        lon=place.lon,
        email=f"{slug}@example.org",
        description_nl="Groenten, fruit en zuivel van eigen hoeve.",
    )


def clear() -> None:
    name = str(connection.settings_dict["NAME"])
    if "bench" not in name:
        raise SystemExit(f"refusing to clear {name}: not a bench database")
    Organisation.objects.filter(slug__in=[SOURCE_SLUG, TARGET_SLUG]).delete()
    User.objects.filter(username=OWNER).delete()


@transaction.atomic
def generate(*, variants: int = 10_000, seed: int = 7) -> tuple[Organisation, Organisation, User]:
    """(source producer with `variants` variants, empty target producer, owner of both)."""
    clear()
    rng = random.Random(seed)
    place = Municipality.objects.get(code="71053")
    source, target = _producer(SOURCE_SLUG, 1, place), _producer(TARGET_SLUG, 2, place)
    owner = User.objects.create_user(username=OWNER, email="owner@example.org", password=None)
    for organisation in (source, target):
        Membership.objects.create(user=owner, organisation=organisation, role=MembershipRole.OWNER)
    types = list(Concept.objects.filter(scheme="product_type", depth__gte=1).exclude(path__startswith="inedible"))
    units = {c.key: c for c in Concept.objects.filter(scheme="measure", key__in={s[2] for s in VARIANT_SHAPES})}
    products = Product.objects.bulk_create(
        [
            Product(
                organisation=source,
                name_nl=f"{rng.choice(FIRST)} {rng.choice(SECOND)} product {i}",
                description_nl="Vers van het veld.",
                product_type=rng.choice(types),
                season_months=0b111111111111,
            )
            for i in range(variants // 4)
        ],
        batch_size=BATCH,
    )
    rows: list[Variant] = []
    for product in products:
        for name, quantity, unit, (low, high) in rng.sample(VARIANT_SHAPES, 4):
            rows.append(
                Variant(
                    product=product,
                    name=name,
                    sku=f"SKU-{product.pk}-{len(rows)}",
                    quantity=Decimal(quantity),
                    unit=units[unit],
                    price=Decimal(str(round(rng.uniform(low, high), 2))),
                    vat_rate=Decimal("6.00"),
                )
            )
    Variant.objects.bulk_create(rows, batch_size=BATCH)
    return source, target, owner
