"""Synthetic sales point directory for the benchmark: N points spread over every Belgian and Dutch municipality.

Needs a configured Django (call after django.setup()). Points are placed at random offsets around the
representative point of a municipality chosen uniformly, with a realistic mix of types, statuses, product
categories, labels, opening rules (some seasonal), closures, payment methods and operators.
"""

import random
from datetime import UTC, datetime, time, timedelta

from django.db import connection, transaction
from tqdm import tqdm

from streek.catalog.choices import (
    Accessibility,
    OrganisationKind,
    PaymentMethod,
    SalesPointSource,
    SalesPointStatus,
    SalesPointType,
)
from streek.catalog.models import ClosurePeriod, Concept, OpeningRule, Organisation, SalesPoint
from streek.territory.models import Municipality

BATCH = 2000
# (municipality id, Dutch name, latitude, longitude, country id)
Place = tuple[int, str, float, float, int]

TYPE_WEIGHTS = {
    SalesPointType.FARM_SHOP: 40,
    SalesPointType.VENDING_MACHINE: 15,
    SalesPointType.HONESTY_STALL: 12,
    SalesPointType.FARMERS_MARKET: 6,
    SalesPointType.SELF_HARVEST: 5,
    SalesPointType.CSA: 4,
    SalesPointType.BOX_SCHEME: 4,
    SalesPointType.BUYING_GROUP: 3,
    SalesPointType.WEBSHOP: 3,
    SalesPointType.PICKUP_POINT: 5,
    SalesPointType.B2B_DIRECT: 1,
    SalesPointType.FOOD_HUB: 2,
}
STATUS_WEIGHTS = {
    SalesPointStatus.ACTIVE: 90,
    SalesPointStatus.TEMPORARILY_CLOSED: 4,
    SalesPointStatus.PROPOSED: 3,
    SalesPointStatus.CLOSED: 3,
}
FIRST = ["Hoeve", "Hof", "Boerderij", "Fruitbedrijf", "Zuivelboerderij", "Kaasmakerij", "Tuinderij", "Moestuin"]
SECOND = ["De Linde", "Ter Eik", "Den Akker", "De Kersenboom", "Het Veld", "De Molen", "Ter Beek", "Sint-Jan"]
STREETS = ["Kerkstraat", "Dorpsstraat", "Molenweg", "Stationsstraat", "Veldstraat", "Kasteelstraat", "Beekstraat"]
# Weekly patterns: (weekdays, opens, closes)
PATTERNS = [
    (range(0, 6), time(9), time(18)),
    (range(1, 6), time(10), time(18)),
    ((2, 4, 5), time(14), time(18)),
    ((4, 5), time(9), time(12)),
    ((5,), time(8), time(13)),
    (range(0, 7), time(7), time(22)),
]


def _random_offset(rng: random.Random, lat: float, lon: float) -> tuple[float, float]:
    """A point within a few kilometres of a municipality's point (Gaussian, about 3 km sigma)."""
    return lat + rng.gauss(0, 0.027), lon + rng.gauss(0, 0.042)


def _reset() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            f"TRUNCATE {SalesPoint._meta.db_table}, {Organisation._meta.db_table} RESTART IDENTITY CASCADE"  # noqa: S608
        )


def generate_directory(*, points: int, seed: int = 42) -> None:
    """Replace every sales point and organisation of the database with `points` synthetic points."""
    rng = random.Random(seed)
    municipalities: list[Place] = [
        (pk, name, lat, lon, country)
        for pk, name, lat, lon, country in Municipality.objects.filter(
            lat__isnull=False, lon__isnull=False
        ).values_list("id", "name_nl", "lat", "lon", "country_id")
        if lat is not None and lon is not None
    ]
    categories = list(Concept.objects.filter(scheme="product_type").values_list("id", flat=True))
    top_categories = list(Concept.objects.filter(scheme="product_type", depth=0).values_list("id", flat=True))
    facets = list(Concept.objects.filter(scheme="facet").values_list("id", flat=True))
    types, type_weights = list(TYPE_WEIGHTS), list(TYPE_WEIGHTS.values())
    statuses, status_weights = list(STATUS_WEIGHTS), list(STATUS_WEIGHTS.values())
    now = datetime.now(UTC)

    _reset()
    organisations = _generate_organisations(rng, municipalities, max(1, points // 10))
    category_through = SalesPoint.categories.through
    label_through = SalesPoint.labels.through
    progress = tqdm(total=points, desc="sales points", unit="pt")
    for start in range(0, points, BATCH):
        size = min(BATCH, points - start)
        batch = []
        for i in range(start, start + size):
            muni_id, muni_name, lat, lon, _country_id = rng.choice(municipalities)
            lat, lon = _random_offset(rng, lat, lon)
            batch.append(
                SalesPoint(
                    name=f"{rng.choice(FIRST)} {rng.choice(SECOND)} {i}",
                    slug=f"bench-{i}",
                    type=rng.choices(types, type_weights)[0],
                    status=rng.choices(statuses, status_weights)[0],
                    source=SalesPointSource.IMPORT,
                    operator_id=rng.choice(organisations) if rng.random() < 0.3 else None,
                    street=f"{rng.choice(STREETS)} {rng.randint(1, 200)}",
                    locality=muni_name,
                    municipality_id=muni_id,
                    lat=max(-90.0, min(90.0, lat)),
                    lon=max(-180.0, min(180.0, lon)),
                    position_exact=rng.random() < 0.8,
                    payment_methods=rng.sample(PaymentMethod.values, rng.randint(1, 3)),
                    accessibility=rng.sample(Accessibility.values, rng.randint(0, 3)),
                    cooled=rng.random() < 0.4,
                    last_verified_at=now - timedelta(days=rng.randint(0, 800)) if rng.random() < 0.8 else None,
                    external_ref=f"bench:{i}",
                )
            )
        with transaction.atomic():
            created = SalesPoint.objects.bulk_create(batch)
            category_rows, label_rows, rules, closures = [], [], [], []
            for point in created:
                chosen = {rng.choice(top_categories)} | set(rng.sample(categories, rng.randint(0, 3)))
                category_rows += [category_through(salespoint_id=point.pk, concept_id=c) for c in chosen]
                if rng.random() < 0.25:
                    label_rows += [
                        label_through(salespoint_id=point.pk, concept_id=f)
                        for f in set(rng.sample(facets, rng.randint(1, 2)))
                    ]
                rules += _opening_rules(rng, point)
                if rng.random() < 0.05:
                    begin = now.date() + timedelta(days=rng.randint(-30, 60))
                    closures.append(
                        ClosurePeriod(
                            sales_point_id=point.pk,
                            start_date=begin,
                            end_date=begin + timedelta(days=rng.randint(0, 21)),
                            reason="Vakantie",
                        )
                    )
            category_through.objects.bulk_create(category_rows)
            label_through.objects.bulk_create(label_rows)
            OpeningRule.objects.bulk_create(rules)
            ClosurePeriod.objects.bulk_create(closures)
        progress.update(size)
    progress.close()
    with connection.cursor() as cursor:
        # set the visibility map too, so that index-only scans work as on a database that has lived a while
        tables = [SalesPoint, Organisation, OpeningRule, ClosurePeriod]
        names = [model._meta.db_table for model in tables]
        names += [SalesPoint.categories.through._meta.db_table, SalesPoint.labels.through._meta.db_table]
        cursor.execute("VACUUM ANALYZE " + ", ".join(names))


def _opening_rules(rng: random.Random, point: SalesPoint) -> list[OpeningRule]:
    if point.type in (SalesPointType.WEBSHOP, SalesPointType.B2B_DIRECT) or rng.random() < 0.1:
        return []
    weekdays, opens, closes = rng.choice(PATTERNS)
    season = (501, 930) if point.type == SalesPointType.SELF_HARVEST else (None, None)
    return [
        OpeningRule(
            sales_point_id=point.pk,
            weekday=day,
            opens=opens,
            closes=closes,
            season_start=season[0],
            season_end=season[1],
        )
        for day in weekdays
    ]


def _generate_organisations(rng: random.Random, municipalities: list[Place], count: int) -> list[int]:
    kinds = [OrganisationKind.PRODUCER] * 8 + [OrganisationKind.PROCESSOR, OrganisationKind.HUB]
    rows = []
    for i in range(count):
        muni_id, muni_name, lat, lon, country_id = rng.choice(municipalities)
        lat, lon = _random_offset(rng, lat, lon)
        rows.append(
            Organisation(
                kind=rng.choice(kinds),
                name=f"{rng.choice(FIRST)} {rng.choice(SECOND)} bv {i}",
                slug=f"bench-org-{i}",
                country_id=country_id,
                municipality_id=muni_id,
                locality=muni_name,
                lat=lat,
                lon=lon,
            )
        )
    created = Organisation.objects.bulk_create(rows, batch_size=BATCH)
    return [organisation.pk for organisation in created]
