"""Synthetic trade for bench/trade.py: one hub, its producers and buyers, and four order cycles.

Needs a configured Django (call after django.setup()) and a database of its own: `generate_trade` truncates
every organisation and user (with everything pointing to them). Deterministic for a seed. Rows are written
with bulk_create; prices, fees, VAT and producer shares of generated orders come from streek/orders/pricing.py.

- the shop cycle of "Bench Voedselhub": `producers` producers offering `variants` variants (stock or on
  demand), consumer and horeca terms (a horeca price list with case sizes and crates), two hub fees,
  pickup points (one cooled) with slots, a delivery zone;
- a small cycle of a second hub with `small_variants` offers, for query counts on small data;
- the rush cycle of the same hub (closing a day after the shop cycle, so the shop page shows the shop
  cycle): `rush_offers` offers with scarce stock, refilled by `trade_rush.rush_prepare` before every rush;
- the close cycle (closed for orders an hour ago, still published) with `close_lines` order lines over
  orders of 1-7 lines (bench/trade_close.py), its offers' `sold` equal to the lines, ready for
  `order_cycle_close` (`trade_close.close_reset` puts it back after a close).
"""

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from bench.trade_close import ZONE_POSTAL_CODES, close_orders_generate
from streek.accounts.choices import MembershipRole
from streek.accounts.models import Membership, User
from streek.catalog.choices import OrganisationKind, StorageTemperature
from streek.catalog.models import Concept, Organisation, Product, Variant
from streek.orders.choices import (
    ChannelKind,
    CycleStatus,
    FeeCalculation,
    FeeKind,
    PaymentTerms,
    PriceRule,
)
from streek.orders.models import (
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
from streek.territory.models import Municipality

HUB_SLUG = "bench-voedselhub"
SMALL_HUB_SLUG = "bench-kleine-hub"
OWNER_USERNAME = "bench-owner"
BUYER_PREFIX = "bench-buyer-"
CYCLE_NAMES = {
    "shop": "Bench winkel",
    "small": "Bench kleine winkel",
    "rush": "Bench stormloop",
    "close": "Bench afsluiten",
}
HOME = "71053"  # Sint-Truiden
BATCH = 2000
# (variant name, quantity, unit key, producer price range)
VARIANT_SHAPES = [
    ("zak 500 g", "500", "Gram", (1.2, 4.5)),
    ("zak 1 kg", "1", "Kilogram", (1.8, 7.5)),
    ("kist 5 kg", "5", "Kilogram", (7.0, 25.0)),
    ("per stuk", "1", "Piece", (0.4, 6.0)),
    ("bussel", "1", "Bunch", (1.0, 3.5)),
    ("fles 1 l", "1", "Litre", (1.5, 9.0)),
    ("pot 250 g", "250", "Gram", (2.5, 8.0)),
    ("doos 6 stuks", "6", "Piece", (2.0, 5.0)),
]
CHILLED_TOPS = {"dairy-product", "meat-product"}
FIRST = ["Hoeve", "Hof", "Boerderij", "Fruitbedrijf", "Zuivelboerderij", "Kaasmakerij", "Tuinderij", "Imkerij"]
SECOND = ["De Linde", "Ter Eik", "Den Akker", "De Kersenboom", "Het Veld", "De Molen", "Ter Beek", "Sint-Jan"]
SUFFIXES = ["", "", " bio", " van de hoeve", " extra", " oude rassen"]


@dataclass(frozen=True)
class TradeCycles:
    hub: Organisation
    small_hub: Organisation
    owner: User
    shop: OrderCycle
    small: OrderCycle
    rush: OrderCycle
    close: OrderCycle


def trade_cycles() -> TradeCycles:
    """The generated hubs, owner and cycles (raises DoesNotExist when nothing was generated)."""
    hub = Organisation.objects.get(slug=HUB_SLUG)
    small_hub = Organisation.objects.get(slug=SMALL_HUB_SLUG)
    cycles = {key: OrderCycle.objects.select_related("hub").get(name=name) for key, name in CYCLE_NAMES.items()}
    return TradeCycles(hub=hub, small_hub=small_hub, owner=User.objects.get(username=OWNER_USERNAME), **cycles)


def cycles_refresh(*, at: datetime | None = None) -> None:
    """Move the cycles' times around now: shop and small open for 30 days, rush a day longer, close just closed."""
    now = at or timezone.now()
    windows = {
        "shop": (now - timedelta(days=1), now + timedelta(days=30)),
        "small": (now - timedelta(days=1), now + timedelta(days=30)),
        "rush": (now - timedelta(days=1), now + timedelta(days=31)),
        "close": (now - timedelta(days=8), now - timedelta(hours=1)),
    }
    for key, (opens, closes) in windows.items():
        OrderCycle.objects.filter(name=CYCLE_NAMES[key]).update(
            opens_at=opens, closes_at=closes, fulfilment_date=(closes + timedelta(days=1)).date()
        )


def _reset() -> None:
    tables = [Organisation._meta.db_table, User._meta.db_table]
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")


def kbo_number(base: int) -> str:
    """A valid Belgian enterprise number (KBO/BCE) from an 8-digit base: check digits 97 - base mod 97."""
    digits = f"{base:08d}{97 - base % 97:02d}"
    return f"{digits[:4]}.{digits[4:7]}.{digits[7:]}"


def _hub(*, slug: str, name: str, number: int, home: Municipality) -> Organisation:
    return Organisation.objects.create(
        kind=OrganisationKind.HUB,
        name=name,
        slug=slug,
        legal_name=f"{name} cv",
        country_id=home.country_id,
        enterprise_number=kbo_number(number),
        street="Stationsstraat 1",
        postal_code="3800",
        locality=home.name_nl,
        municipality=home,
        lat=home.lat,
        lon=home.lon,
        email=f"{slug}@example.org",
    )


def _producers(rng: random.Random, *, count: int, prefix: str, places: list[Municipality]) -> list[Organisation]:
    rows = []
    for i in range(count):
        place = rng.choice(places)
        rows.append(
            Organisation(
                kind=OrganisationKind.PRODUCER,
                name=f"{rng.choice(FIRST)} {rng.choice(SECOND)} {prefix}{i}",
                slug=f"bench-{prefix}producer-{i}",
                country_id=place.country_id,
                enterprise_number=kbo_number(3_000_000 + i if prefix == "" else 4_000_000 + i),
                municipality_id=place.pk,
                locality=place.name_nl,
                lat=(place.lat or 50.8) + rng.gauss(0, 0.02),
                lon=(place.lon or 5.2) + rng.gauss(0, 0.03),
                email=f"producer{prefix}{i}@example.org",
            )
        )
    return Organisation.objects.bulk_create(rows, batch_size=BATCH)


def _catalogue(rng: random.Random, producers: list[Organisation], per_producer: int) -> list[Variant]:
    """`per_producer` variants for each producer: products of one or two variants, named after DFC product types."""
    types = list(Concept.objects.filter(scheme="product_type", depth__gte=1).exclude(path__startswith="inedible"))
    units = {c.key: c for c in Concept.objects.filter(scheme="measure", key__in={s[2] for s in VARIANT_SHAPES})}
    products: list[Product] = []
    shapes: list[list[tuple[str, str, str, tuple[float, float]]]] = []
    for producer in producers:
        left = per_producer
        while left > 0:
            kind = rng.choice(types)
            top = kind.path.split("/")[0]
            count = min(left, rng.choice([1, 2, 2, 3]))
            left -= count
            chilled = top in CHILLED_TOPS or top == "frozen"
            suffix = rng.choice(SUFFIXES)
            products.append(
                Product(
                    organisation_id=producer.pk,
                    name_nl=f"{kind.label_nl or kind.key}{suffix}",
                    name_fr=kind.label_fr,
                    name_en=kind.label_en,
                    product_type_id=kind.pk,
                    storage_temperature=(
                        StorageTemperature.FROZEN
                        if top == "frozen"
                        else StorageTemperature.CHILLED
                        if chilled
                        else StorageTemperature.AMBIENT
                    ),
                )
            )
            shapes.append(rng.sample(VARIANT_SHAPES, count))
    Product.objects.bulk_create(products, batch_size=BATCH)
    variants = []
    for product, product_shapes in zip(products, shapes, strict=True):
        for name, quantity, unit, (low, high) in product_shapes:
            variants.append(
                Variant(
                    product_id=product.pk,
                    name=name,
                    quantity=Decimal(quantity),
                    unit_id=units[unit].pk,
                    price=Decimal(f"{rng.uniform(low, high):.2f}"),
                    vat_rate=Decimal("6.00"),
                )
            )
    return Variant.objects.bulk_create(variants, batch_size=BATCH)


def _cycle(hub: Organisation, key: str, channels: list[ChannelTerms], *, fees: bool = True) -> OrderCycle:
    now = timezone.now()
    cycle = OrderCycle.objects.create(
        hub=hub,
        name=CYCLE_NAMES[key],
        status=CycleStatus.PUBLISHED,
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=30),
        fulfilment_date=(now + timedelta(days=31)).date(),
    )
    cycle.channels.set(channels)
    if fees:
        HubFee.objects.bulk_create(
            [
                HubFee(
                    cycle=cycle, kind=FeeKind.PACKING, calculation=FeeCalculation.PERCENTAGE, amount=Decimal("5.00")
                ),
                HubFee(cycle=cycle, kind=FeeKind.ADMIN, calculation=FeeCalculation.PER_LINE, amount=Decimal("0.15")),
            ]
        )
    return cycle


def _offers(
    rng: random.Random, cycle: OrderCycle, variants: list[Variant], stock: tuple[int, int], on_demand: float
) -> list[CycleOffer]:
    producer_of = dict(
        Variant.objects.filter(pk__in=[v.pk for v in variants]).values_list("pk", "product__organisation_id")
    )
    exchanges = {
        row.producer_id: row
        for row in CycleProducer.objects.bulk_create(
            [CycleProducer(cycle=cycle, producer_id=producer_id) for producer_id in sorted(set(producer_of.values()))]
        )
    }
    offers = [
        CycleOffer(
            cycle=cycle,
            exchange=exchanges[producer_of[variant.pk]],
            variant=variant,
            producer_price=variant.price,
            stock=None if rng.random() < on_demand else rng.randint(*stock),
        )
        for variant in variants
    ]
    return CycleOffer.objects.bulk_create(offers, batch_size=BATCH)


def _slots(cycle: OrderCycle, points: list[PickupPoint], *, per_point: int, capacity: int) -> list[PickupSlot]:
    start = cycle.closes_at + timedelta(days=1)
    return PickupSlot.objects.bulk_create(
        PickupSlot(
            cycle=cycle,
            pickup_point=point,
            starts_at=start + timedelta(hours=2 * n),
            ends_at=start + timedelta(hours=2 * n + 2),
            capacity=capacity,
        )
        for point in points
        for n in range(per_point)
    )


def _users(rng: random.Random, count: int) -> list[User]:
    languages = ["nl"] * 8 + ["fr", "en"]
    rows = [
        User(
            username=f"{BUYER_PREFIX}{i}",
            email=f"buyer{i}@example.org",
            first_name="Koper",
            last_name=str(i),
            language=rng.choice(languages),
            password=make_password(None),  # unusable: nobody logs in
        )
        for i in range(count)
    ]
    return User.objects.bulk_create(rows, batch_size=BATCH)


def generate_trade(
    *,
    variants: int = 10_000,
    producers: int = 200,
    buyers: int = 500,
    small_variants: int = 50,
    rush_offers: int = 100,
    close_lines: int = 20_000,
    seed: int = 42,
) -> None:
    """Replace every organisation and user of the database with the trade described in the module docstring."""
    rng = random.Random(seed)
    _reset()
    home = Municipality.objects.get(code=HOME)
    places = list(Municipality.objects.filter(country_id=home.country_id, lat__isnull=False).order_by("code"))
    with transaction.atomic():
        hub = _hub(slug=HUB_SLUG, name="Bench Voedselhub", number=2_000_001, home=home)
        small_hub = _hub(slug=SMALL_HUB_SLUG, name="Bench Kleine Hub", number=2_000_002, home=home)
        owner = User.objects.create(username=OWNER_USERNAME, email="owner@example.org", password=make_password(None))
        Membership.objects.bulk_create(
            Membership(user=owner, organisation=org, role=MembershipRole.OWNER) for org in (hub, small_hub)
        )
        consumer = ChannelTerms.objects.create(hub=hub, kind=ChannelKind.CONSUMER)
        horeca = ChannelTerms.objects.create(
            hub=hub,
            kind=ChannelKind.HORECA,
            price_rule=PriceRule.MARKUP,
            markup_percent=Decimal("-5"),
            minimum_order_value=Decimal("75"),
            cutoff_days_before=1,
            payment_terms=PaymentTerms.NET_30,
            preparations=["bulk", "washed"],
        )
        small_consumer = ChannelTerms.objects.create(hub=small_hub, kind=ChannelKind.CONSUMER)
        points = PickupPoint.objects.bulk_create(
            PickupPoint(
                hub=hub,
                name=f"Afhaalpunt {n + 1}",
                street=f"Markt {n + 1}",
                postal_code="3800",
                locality=home.name_nl,
                municipality=home,
                lat=(home.lat or 50.8) + 0.01 * n,
                lon=(home.lon or 5.2) - 0.01 * n,
                is_cooled=n == 0,
            )
            for n in range(5)
        )
        small_point = PickupPoint.objects.create(hub=small_hub, name="Afhaalpunt klein", municipality=home)
        zone = DeliveryZone.objects.create(
            hub=hub, name="Haspengouw", postal_codes=ZONE_POSTAL_CODES, fee=Decimal("5.00"), minimum_order=Decimal("0")
        )

    main_producers = _producers(rng, count=producers, prefix="", places=places)
    catalogue = _catalogue(rng, main_producers, max(1, variants // producers))
    small_producers = _producers(rng, count=5, prefix="s", places=places)
    small_catalogue = _catalogue(rng, small_producers, max(1, small_variants // 5))
    crate = ReturnableCrate.objects.create(hub=hub, name="Groentekrat", deposit=Decimal("3.00"))
    ChannelVariantTerm.objects.bulk_create(
        (
            ChannelVariantTerm(
                terms=horeca,
                variant=variant,
                case_size=rng.choice([1, 5, 10]),
                crate=crate if rng.random() < 0.5 else None,
                units_per_crate=10,
            )
            for variant in rng.sample(catalogue, len(catalogue) // 10)
        ),
        batch_size=BATCH,
    )

    shop = _cycle(hub, "shop", [consumer, horeca])
    _offers(rng, shop, catalogue, stock=(5, 200), on_demand=0.3)
    _slots(shop, points, per_point=2, capacity=100)
    shop.delivery_zones.add(zone)
    small = _cycle(small_hub, "small", [small_consumer])
    _offers(rng, small, small_catalogue, stock=(5, 200), on_demand=0.3)
    _slots(small, [small_point], per_point=2, capacity=100)
    rush = _cycle(hub, "rush", [consumer])
    _offers(rng, rush, catalogue[: max(1, rush_offers)], stock=(3, 10), on_demand=0.0)
    _slots(rush, points[:1], per_point=5, capacity=buyers)  # the cooled point: chilled goods may go there
    close = _cycle(hub, "close", [consumer])
    close.delivery_zones.add(zone)
    close_offers = _offers(rng, close, rng.sample(catalogue, min(len(catalogue), 2000)), stock=(0, 0), on_demand=0)
    close_slots = _slots(close, points, per_point=3, capacity=10_000)
    people = _users(rng, buyers)
    cycles_refresh()
    close.refresh_from_db()
    close_orders_generate(
        rng,
        cycle=close,
        terms=consumer,
        offers=close_offers,
        slots=close_slots,
        zone=zone,
        buyers=people,
        lines=close_lines,
    )
    _analyze()


def _analyze() -> None:
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
