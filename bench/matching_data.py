"""Synthetic market for the matching benchmark: N offers and N requests across Flanders and the Netherlands.

Needs a configured Django (call after django.setup()). Posts sit at random offsets around the representative
point of a municipality of Flanders or the Netherlands; organisations are shared by many posts (a producer has
several offers). Product types favour the specific ones (carrots, apples, milk) with a share of broad ones
(vegetable, fruit); units mostly kg, some tonnes, grams, litres, pieces and crates; periods from a week to half
a year, some open-ended; labels, preparation and delivery vary. Deterministic for a seed.
"""

import random
from collections.abc import Sequence
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.db import connection, transaction
from django.utils import timezone
from tqdm import tqdm

from streek.catalog.choices import OrganisationKind
from streek.catalog.models import Concept, Organisation
from streek.market.choices import PostStatus, Recurrence, SpecOption
from streek.market.models import Match, Offer, Request
from streek.territory.models import Country, Municipality

BATCH = 5000
SELLER_KINDS = [OrganisationKind.PRODUCER] * 8 + [OrganisationKind.PROCESSOR, OrganisationKind.HUB]
BUYER_KINDS = [
    OrganisationKind.SCHOOL,
    OrganisationKind.CARE,
    OrganisationKind.CATERING,
    OrganisationKind.HORECA,
    OrganisationKind.RETAILER,
    OrganisationKind.PROCESSOR,
    OrganisationKind.FOOD_BANK,
]
UNITS = [("Kilogram", 70), ("Tonne", 5), ("Gram", 3), ("Litre", 8), ("Piece", 8), ("Crate", 6)]
RECURRENCES = [(Recurrence.ONCE, 40), (Recurrence.WEEKLY, 40), (Recurrence.FORTNIGHTLY, 10), (Recurrence.MONTHLY, 10)]
LABELS = ["Organic-EU", "OrganicLabel", "Demeter", "LocalLabel"]
SPEC = list(SpecOption.values)


def _weighted(rng: random.Random, pairs: list[tuple[object, int]]) -> object:
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights=weights)[0]


def _places() -> list[tuple[int, float, float]]:
    flanders_or_nl = Municipality.objects.exclude(lat=None).filter(region__code="02000") | Municipality.objects.exclude(
        lat=None
    ).filter(country__code="NL")
    return [(m.pk, float(m.lat or 0), float(m.lon or 0)) for m in flanders_or_nl.only("id", "lat", "lon")]


def _product_types(rng: random.Random) -> list[tuple[int, int]]:
    """(concept id, weight): leaves and middle types often, top types (vegetable, fruit...) now and then."""
    weighted = []
    for cid, depth in (
        Concept.objects.filter(scheme="product_type").exclude(path__startswith="inedible").values_list("id", "depth")
    ):
        weighted.append((cid, {0: 4, 1: 10, 2: 5}.get(depth, 5) + rng.randint(0, 10)))
    return weighted


def clear() -> None:
    """Remove every post, match and bench organisation (the database name must say it is a bench database)."""
    name = str(connection.settings_dict["NAME"])
    if "bench" not in name and "test" not in name:
        raise SystemExit(f"refusing to clear {name}: not a bench database")
    with connection.cursor() as cursor:
        for model in (Match, Offer.labels.through, Request.labels.through):
            cursor.execute(f"DELETE FROM {model._meta.db_table}")  # noqa: S608
    Offer.objects.all().delete()
    Request.objects.all().delete()
    Organisation.objects.filter(slug__startswith="bench-market-").delete()


def generate(*, offers: int, requests: int, seed: int = 42, organisations: int = 10000) -> None:
    rng = random.Random(seed)
    places = _places()
    types = _product_types(rng)
    type_ids = [t for t, _ in types]
    type_weights = [w for _, w in types]
    units = {c.key: c.pk for c in Concept.objects.filter(scheme="measure", key__in=[u for u, _ in UNITS])}
    labels = {c.key: c.pk for c in Concept.objects.filter(scheme="facet", key__in=LABELS)}
    countries = {c.code: c.pk for c in Country.objects.all()}
    nl_ids = set(Municipality.objects.filter(country__code="NL").values_list("id", flat=True))
    today = timezone.localdate()
    expires = timezone.now() + timedelta(days=30)

    def organisation_rows(kind_list: Sequence[str], count: int, prefix: str) -> list[Organisation]:
        rows = []
        for n in range(count):
            place = rng.choice(places)
            rows.append(
                Organisation(
                    kind=rng.choice(kind_list),
                    name=f"Bench {prefix} {n}",
                    slug=f"bench-market-{prefix}-{n}",
                    country_id=countries["NL" if place[0] in nl_ids else "BE"],
                    municipality_id=place[0],
                    lat=place[1] + rng.uniform(-0.03, 0.03),
                    lon=place[2] + rng.uniform(-0.03, 0.03),
                )
            )
        return rows

    with transaction.atomic():
        sellers = Organisation.objects.bulk_create(organisation_rows(SELLER_KINDS, organisations // 2, "s"), 2000)
        buyers = Organisation.objects.bulk_create(organisation_rows(BUYER_KINDS, organisations // 2, "b"), 2000)

    def post_fields(organisation: Organisation) -> dict[str, object]:
        unit = str(_weighted(rng, UNITS))  # type: ignore[arg-type]
        recurrence = _weighted(rng, RECURRENCES)  # type: ignore[arg-type]
        start = today + timedelta(days=rng.randint(-30, 120))
        end = None if rng.random() < 0.1 else start + timedelta(days=rng.choice([7, 14, 30, 60, 90, 120, 180]))
        if end is not None and end < today:
            end = today + timedelta(days=7)
        quantity = {"Tonne": rng.uniform(0.5, 5), "Gram": rng.uniform(500, 5000)}.get(unit, rng.uniform(5, 500))
        return {
            "organisation_id": organisation.pk,
            "title": f"Bench {rng.randint(0, 10**6)}",
            "product_type_id": rng.choices(type_ids, weights=type_weights)[0],
            "quantity": Decimal(str(round(quantity, 1))),
            "unit_id": units[unit],
            "recurrence": recurrence,
            "starts_on": start,
            "ends_on": end,
            "lat": (organisation.lat or 0) + rng.uniform(-0.01, 0.01),
            "lon": (organisation.lon or 0) + rng.uniform(-0.01, 0.01),
            "municipality_id": organisation.municipality_id,
            "spec": rng.sample(SPEC, rng.choice([0, 0, 0, 1, 2])),
            "status": PostStatus.ACTIVE,
            "expires_at": expires,
        }

    def make(model: type[Offer] | type[Request], count: int, owners: list[Organisation]) -> None:
        through = model.labels.through
        column = "offer_id" if model is Offer else "request_id"
        for begin in tqdm(range(0, count, BATCH), desc=f"{model.__name__.lower()}s", unit="batch"):
            rows: list[Any] = []
            for _ in range(min(BATCH, count - begin)):
                fields = post_fields(rng.choice(owners))
                if model is Offer:
                    fields["delivery_possible"] = rng.random() < 0.5
                    fields["delivery_radius_km"] = rng.choice([None, 20, 40, 80])
                    fields["is_surplus"] = rng.random() < 0.05
                    fields["price"] = None if rng.random() < 0.3 else Decimal(str(round(rng.uniform(0.5, 8), 2)))
                else:
                    fields["max_distance_km"] = rng.choice([15, 25, 40, 50, 75])
                    fields["needs_delivery"] = rng.random() < 0.6
                rows.append(model(**fields))
            with transaction.atomic():
                created = model.objects.bulk_create(rows)
                links: list[Any] = []
                for post in created:
                    share = 0.3 if model is Offer else 0.15
                    if rng.random() < share:
                        key = rng.choice(LABELS if model is Request else ["Organic-EU", "Demeter", "LocalLabel"])
                        links.append(through(**{column: post.pk, "concept_id": labels[key]}))
                through.objects.bulk_create(links)

    make(Offer, offers, sellers)
    make(Request, requests, buyers)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for model in (Offer, Request, Match):
                cursor.execute(f"ANALYZE {model._meta.db_table}")  # noqa: S608
