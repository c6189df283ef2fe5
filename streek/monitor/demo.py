"""Five years of monitor history for the demo region, written straight into the fact tables (bulk inserts).

`monitor_demo_load()` runs after the catalogue and trade demos (manage.py demo_load): it tops up the demo
municipalities to at least four producers (so public figures are not suppressed), generates sales, collaborations,
donations, waste, driven rounds, year-end inventory snapshots, producer costs and entered figures (source
"Demo data"). `monitor_demo_delete()` removes all of it. Deterministic for a seed; does nothing when present.
"""

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from streek.catalog.choices import OrganisationKind
from streek.catalog.models import Organisation, SalesPoint
from streek.territory.models import Municipality

from .choices import FigureKind
from .demo_sales import (
    DEMO_ID_BASE,
    DemoWorld,
    Org,
    collaborations_generate,
    costs_generate,
    random_day,
    sales_generate,
)
from .models import (
    CollaborationFact,
    DonationFact,
    ExternalFigure,
    ProducerCost,
    RouteFact,
    SaleFact,
    SalesPointSnapshot,
    WasteFact,
)
from .services.facts import quarter_of

DEMO_SEED = 20250601
DEMO_SOURCE = "Demo data"
YEARS = 5
MIN_PRODUCERS = 4
EXTRA_SLUG = "monitor-demo-"
FARM_NAMES = (
    "Hoeve De Linde",
    "Fruitbedrijf Vanderhoven",
    "Boerderij 't Veld",
    "Hof ter Beek",
    "Kwekerij De Kamp",
    "Melkveebedrijf Stevens",
    "Zorgboerderij De Wilg",
    "Groentetuin Het Hof",
    "Fruithof Lemmens",
    "Hoeve Sint-Jan",
    "Akkerbouw Claes",
    "Geitenhoeve De Berg",
    "Bessenhof Peeters",
    "Appelgaard Jacobs",
    "Hof van Coninxheim",
    "Kippenhof Wouters",
    "Pluktuin De Bron",
    "Hoeve Ten Hove",
    "Tuinderij Maesen",
    "Perenhof Moors",
)
# Plausible populations of the demo municipalities (2022); others get a generated one.
POPULATION = {
    "71053": 41500,
    "71072": 80200,
    "73001": 11900,
    "73022": 7300,
    "73098": 7600,
    "24059": 16800,
    "24054": 8000,
    "24130": 8500,
    "71017": 8300,
    "71045": 6900,
    "71011": 19700,
    "71024": 12900,
    "73110": 33500,
    "73111": 42600,
    "GM0983": 102500,
    "GM0984": 44100,
    "GM1507": 43500,
    "GM1894": 44500,
}


@dataclass
class MonitorDemoResult:
    created: bool
    counts: dict[str, int] = field(default_factory=dict)


def monitor_demo_exists() -> bool:
    return SaleFact.objects.filter(order_line_id__gte=DEMO_ID_BASE).exists()


def _org(o: Organisation) -> Org:
    return Org(o.pk, o.kind, o.municipality_id, o.lat or 0.0, o.lon or 0.0)


def _extra_producers(rng: random.Random, demo: list[Organisation], centres: dict[int, tuple[float, float]]) -> int:
    """Top up each municipality with demo producers to MIN_PRODUCERS: farms selling through the platform."""
    counts: dict[int, int] = {}
    country: dict[int, int] = {}
    for o in demo:
        if o.municipality_id is not None:
            country[o.municipality_id] = o.country_id
            if o.kind == OrganisationKind.PRODUCER:
                counts[o.municipality_id] = counts.get(o.municipality_id, 0) + 1
    extra = []
    number = 0
    for municipality_id in sorted(counts):
        lat, lon = centres.get(municipality_id, (50.8, 5.3))
        for _i in range(MIN_PRODUCERS - counts[municipality_id]):
            number += 1
            name = f"{FARM_NAMES[number % len(FARM_NAMES)]} {number}"
            extra.append(
                Organisation(
                    kind=OrganisationKind.PRODUCER,
                    name=name,
                    slug=f"{EXTRA_SLUG}{number}",
                    country_id=country[municipality_id],
                    municipality_id=municipality_id,
                    lat=lat + rng.uniform(-0.02, 0.02),
                    lon=lon + rng.uniform(-0.03, 0.03),
                    is_demo=True,
                )
            )
    Organisation.objects.bulk_create(extra)
    return len(extra)


def _world(rng: random.Random, today: dt.date) -> DemoWorld:
    demo = list(Organisation.objects.filter(is_demo=True).order_by("pk"))
    ids = {o.municipality_id for o in demo if o.municipality_id is not None}
    centres: dict[int, tuple[float, float]] = {
        m: (float(lat or 0), float(lon or 0))
        for m, lat, lon in Municipality.objects.filter(
            Q(pk__in=ids) | Q(custom_regions__isnull=False), lat__isnull=False
        ).values_list("pk", "lat", "lon")
    }
    _extra_producers(rng, demo, centres)
    demo = list(Organisation.objects.filter(is_demo=True).order_by("pk"))
    by_kind: dict[str, list[Org]] = {}
    for o in demo:
        by_kind.setdefault(o.kind, []).append(_org(o))
    return DemoWorld(
        rng=rng,
        today=today,
        years=list(range(today.year - YEARS + 1, today.year + 1)),
        producers=by_kind.get(OrganisationKind.PRODUCER, []),
        hubs=by_kind.get(OrganisationKind.HUB, []),
        processors=by_kind.get(OrganisationKind.PROCESSOR, []),
        buyers={k: by_kind.get(k, []) for k in ("horeca", "care", "school", "catering", "retailer")},
        food_banks=by_kind.get(OrganisationKind.FOOD_BANK, []),
        centres=centres,
        area_ids=sorted(ids),
    )


def _surplus(world: DemoWorld) -> tuple[list[DonationFact], list[WasteFact]]:
    rng = world.rng
    donations: list[DonationFact] = []
    waste: list[WasteFact] = []
    for offset, year in enumerate(world.years):
        for n in range(int((25 + 8 * offset) * (1 if year < world.today.year else 0.85))):
            donor = rng.choice(world.producers)
            bank = world.food_banks[n % len(world.food_banks)] if world.food_banks else donor
            day = random_day(rng, year, world.today)
            donations.append(
                DonationFact(
                    donation_id=DEMO_ID_BASE + len(donations),
                    received_on=day,
                    year=year,
                    quarter=quarter_of(day),
                    donor_id=donor.pk,
                    donor_municipality_id=donor.municipality_id,
                    food_bank_id=bank.pk,
                    food_bank_municipality_id=bank.municipality_id,
                    kg=Decimal(str(round(rng.uniform(15, 180), 3))),
                )
            )
        for _n in range(max(45 - 6 * offset, 10)):
            organisation = rng.choice(world.producers + world.hubs)
            day = random_day(rng, year, world.today)
            waste.append(
                WasteFact(
                    waste_record_id=DEMO_ID_BASE + len(waste),
                    recorded_on=day,
                    year=year,
                    quarter=quarter_of(day),
                    organisation_id=organisation.pk,
                    municipality_id=organisation.municipality_id,
                    reason=rng.choice(["unsold", "quality", "damaged", "expired"]),
                    kg=Decimal(str(round(rng.uniform(5, 60), 3))),
                )
            )
    return donations, waste


def _routes(world: DemoWorld) -> list[RouteFact]:
    rng = world.rng
    routes: list[RouteFact] = []
    for offset, year in enumerate(world.years):
        for hub in world.hubs:
            for _n in range(int(40 * (1 if year < world.today.year else 0.85))):
                day = random_day(rng, year, world.today)
                kg = Decimal(str(round(rng.uniform(250, 450) * (1 + 0.15 * offset), 3)))
                km = Decimal(str(round(rng.uniform(70, 120), 2)))
                routes.append(
                    RouteFact(
                        route_id=DEMO_ID_BASE + len(routes),
                        driven_on=day,
                        year=year,
                        quarter=quarter_of(day),
                        hub_id=hub.pk,
                        hub_municipality_id=hub.municipality_id,
                        km=km,
                        kg_delivered=kg,
                        kg_collected=(kg * Decimal("0.9")).quantize(Decimal("0.001")),
                        co2_kg=(km * Decimal("0.25")).quantize(Decimal("0.01")),
                        stops=rng.randint(8, 20),
                        producers=rng.randint(3, 9),
                    )
                )
    return routes


def _snapshots(world: DemoWorld) -> list[SalesPointSnapshot]:
    """Past year ends: points appear over the years and are verified more often as the inventory matures."""
    rng = world.rng
    rows: list[SalesPointSnapshot] = []
    taken = timezone.now()
    points = SalesPoint.objects.filter(is_demo=True).values_list(
        "pk", "operator_id", "municipality_id", "type", "lat", "lon"
    )
    for pk, operator_id, municipality_id, point_type, lat, lon in points.order_by("pk"):
        since = world.years[0] - 1 + rng.choice([0, 0, 0, 1, 1, 2, 3])
        for offset, year in enumerate(world.years[:-1]):
            if year < since:
                continue
            verified = None
            if rng.random() < 0.35 + 0.07 * offset:
                verified = dt.date(year, 12, 31) - dt.timedelta(days=rng.randint(10, 330))
            elif rng.random() < 0.6:
                verified = dt.date(year, 12, 31) - dt.timedelta(days=rng.randint(370, 700))
            rows.append(
                SalesPointSnapshot(
                    year=year,
                    sales_point_id=pk,
                    operator_id=operator_id,
                    municipality_id=municipality_id,
                    type=point_type,
                    is_active=rng.random() > 0.04,
                    last_verified_on=verified,
                    lat=lat,
                    lon=lon,
                    taken_at=taken,
                )
            )
    return rows


def _figures(world: DemoWorld) -> list[ExternalFigure]:
    rng = world.rng
    rows: list[ExternalFigure] = []
    codes = dict(Municipality.objects.filter(pk__in=world.centres).values_list("pk", "code"))
    for municipality_id in sorted(world.centres):
        code = codes[municipality_id]
        population = POPULATION.get(code, rng.randint(9000, 30000))
        farms = max(int(population / rng.uniform(90, 160)), 40)
        markets = 1 + population // 30000
        for offset, year in enumerate(world.years):
            source_date = min(dt.date(year + 1, 3, 31), world.today)
            values = {
                FigureKind.POPULATION: round(population * (1.004**offset)),
                FigureKind.FARMS: round(farms * (0.985**offset)),
                # scaled to the demo's small trade so that K5 shows a share of a few percent, as the workshop estimated
                FigureKind.FARM_OUTPUT: round(farms * 3_000 * (1.02**offset), -3),
                FigureKind.FARMERS_MARKETS: markets,
                FigureKind.MARKET_DAYS: markets * rng.randint(40, 52),
                FigureKind.MARKET_VISITORS: markets * rng.randint(300, 500) * 45 * (1 + 0.05 * offset),
                FigureKind.SCHOOLS_WITH_ACTIVITY: max(1, population // 6000) + offset,
                FigureKind.PUPILS_REACHED: (max(1, population // 6000) + offset) * rng.randint(40, 90),
                FigureKind.PUBLIC_FOOD_SPEND: round(population * 28 * (1.03**offset), -2),
            }
            rows.extend(
                ExternalFigure(
                    municipality_id=municipality_id,
                    year=year,
                    kind=kind,
                    value=Decimal(str(round(value, 2))),
                    source=DEMO_SOURCE,
                    source_date=source_date,
                    note="",
                )
                for kind, value in values.items()
            )
    return rows


@transaction.atomic
def monitor_demo_load(*, seed: int = DEMO_SEED, today: dt.date | None = None) -> MonitorDemoResult:
    """Generate the demo history unless it exists (needs the catalogue demo)."""
    if monitor_demo_exists() or not Organisation.objects.filter(is_demo=True).exists():
        return MonitorDemoResult(created=False)
    rng = random.Random(seed)  # noqa: S311  (deterministic demo data)
    world = _world(rng, today or timezone.localdate())
    sales = sales_generate(world)
    collaborations = collaborations_generate(world, sales)
    donations, waste = _surplus(world)
    batch = 2000
    SaleFact.objects.bulk_create(sales, batch_size=batch)
    CollaborationFact.objects.bulk_create(collaborations, batch_size=batch, ignore_conflicts=True)
    ProducerCost.objects.bulk_create(costs_generate(world, sales), batch_size=batch, ignore_conflicts=True)
    DonationFact.objects.bulk_create(donations, batch_size=batch)
    WasteFact.objects.bulk_create(waste, batch_size=batch)
    routes = RouteFact.objects.bulk_create(_routes(world), batch_size=batch)
    snapshots = SalesPointSnapshot.objects.bulk_create(_snapshots(world), batch_size=batch, ignore_conflicts=True)
    figures = ExternalFigure.objects.bulk_create(_figures(world), batch_size=batch, ignore_conflicts=True)
    return MonitorDemoResult(
        created=True,
        counts={
            "sales": len(sales),
            "collaborations": len(collaborations),
            "donations": len(donations),
            "waste": len(waste),
            "routes": len(routes),
            "snapshots": len(snapshots),
            "figures": len(figures),
            "producers": len(world.producers),
        },
    )


@transaction.atomic
def monitor_demo_delete() -> int:
    """Remove the generated history, the facts of demo organisations and the producers added for the monitor."""
    demo = Organisation.objects.filter(is_demo=True).values("pk")
    deleted = SaleFact.objects.filter(Q(order_line_id__gte=DEMO_ID_BASE) | Q(producer_id__in=demo)).delete()[0]
    deleted += CollaborationFact.objects.filter(Q(producer_id__in=demo) | Q(partner_id__in=demo)).delete()[0]
    deleted += DonationFact.objects.filter(Q(donation_id__gte=DEMO_ID_BASE) | Q(donor_id__in=demo)).delete()[0]
    deleted += WasteFact.objects.filter(Q(waste_record_id__gte=DEMO_ID_BASE) | Q(organisation_id__in=demo)).delete()[0]
    deleted += RouteFact.objects.filter(Q(route_id__gte=DEMO_ID_BASE) | Q(hub_id__in=demo)).delete()[0]
    deleted += ProducerCost.objects.filter(organisation__is_demo=True).delete()[0]
    deleted += SalesPointSnapshot.objects.filter(
        sales_point_id__in=SalesPoint.objects.filter(is_demo=True).values("pk")
    ).delete()[0]
    deleted += ExternalFigure.objects.filter(source=DEMO_SOURCE).delete()[0]
    deleted += Organisation.objects.filter(is_demo=True, slug__startswith=EXTRA_SLUG).delete()[0]
    return deleted
