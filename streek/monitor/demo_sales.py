"""Generated history of the demo region for the monitor: five years of sales, collaborations and costs.

Plausible rather than real: producers join over the years, turnover grows, more goes through the hub and to
public buyers. Everything is deterministic for a seed. Ids of the generated facts start at DEMO_ID_BASE so they
never meet the ids of real order lines, donations, waste records or routes.
"""

import datetime as dt
import math
import random
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from streek.catalog.choices import OrganisationKind

from .choices import PUBLIC_BUYER_KINDS, CollaborationKind, CollaborationSource
from .models import CollaborationFact, ProducerCost, SaleFact
from .services.facts import HOUSEHOLD, quarter_of

DEMO_ID_BASE = 9_000_000_000_000
CHANNEL_WEIGHTS = {"consumer": 58, "horeca": 14, "care": 8, "school": 7, "catering": 6, "retail": 7}
CHANNEL_BUYER_KIND = {
    "horeca": OrganisationKind.HORECA,
    "care": OrganisationKind.CARE,
    "school": OrganisationKind.SCHOOL,
    "catering": OrganisationKind.CATERING,
    "retail": OrganisationKind.RETAILER,
}
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Org:
    pk: int
    kind: str
    municipality_id: int | None
    lat: float
    lon: float


@dataclass
class DemoWorld:
    rng: random.Random
    today: dt.date
    years: list[int]
    producers: list[Org]
    hubs: list[Org]
    processors: list[Org]
    buyers: dict[str, list[Org]]  # organisation kind -> buyers
    food_banks: list[Org]
    centres: dict[int, tuple[float, float]]  # municipality id -> centre
    area_ids: list[int]  # the demo municipalities


def km_between(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def random_day(rng: random.Random, year: int, today: dt.date) -> dt.date:
    last = min(dt.date(year, 12, 31), today)
    span = (last - dt.date(year, 1, 1)).days
    return dt.date(year, 1, 1) + dt.timedelta(days=rng.randint(0, max(span, 0)))


def _share_of_year(year: int, today: dt.date) -> float:
    if year < today.year:
        return 1.0
    return max((today - dt.date(year, 1, 1)).days, 1) / 365


def sales_generate(world: DemoWorld) -> list[SaleFact]:
    """Lines per producer and year: a producer starts some year, then grows 8-25 % a year."""
    rng = world.rng
    facts: list[SaleFact] = []
    next_id = DEMO_ID_BASE
    channels, weights = list(CHANNEL_WEIGHTS), list(CHANNEL_WEIGHTS.values())
    first_year = world.years[0]
    for index, producer in enumerate(world.producers):
        start = first_year if index % 3 else first_year + rng.randint(0, len(world.years) - 2)
        base_lines = rng.randint(10, 24)
        growth = 1 + rng.uniform(0.08, 0.25)
        direct_share = rng.uniform(0.2, 0.6)
        here = world.centres.get(producer.municipality_id or 0, (producer.lat, producer.lon))
        for year in world.years:
            if year < start:
                continue
            progress = year - first_year
            lines = int(base_lines * growth ** (year - start) * _share_of_year(year, world.today))
            direct = max(0.1, direct_share - 0.04 * progress)  # more goes through the hub over the years
            for _line in range(lines):
                channel = rng.choices(
                    channels,
                    weights=[
                        w * (1 + 0.1 * progress * (c != "consumer")) for c, w in zip(channels, weights, strict=True)
                    ],
                )[0]
                buyer = None
                if channel != "consumer":
                    candidates = world.buyers.get(CHANNEL_BUYER_KIND[channel], [])
                    buyer = rng.choice(candidates) if candidates else None
                roll = rng.random()
                intermediaries = 0 if roll < direct else (1 if roll < 0.93 else 2)
                hub = rng.choice(world.hubs) if intermediaries and world.hubs else None
                if buyer is not None:
                    buyer_municipality = buyer.municipality_id
                elif rng.random() < 0.55:
                    buyer_municipality = producer.municipality_id
                else:
                    buyer_municipality = rng.choice(world.area_ids)
                there = world.centres.get(buyer_municipality or 0, here)
                distance = Decimal(str(round(km_between(here, there) + rng.uniform(0.5, 4.0), 2)))
                value = Decimal(str(round(rng.uniform(15, 90) * (4 if buyer is not None else 1), 2)))
                producer_value = value if intermediaries == 0 else (value * Decimal("0.78")).quantize(CENT)
                weight = (value / Decimal(str(round(rng.uniform(2.5, 7.5), 2)))).quantize(Decimal("0.001"))
                day = random_day(rng, year, world.today)
                buyer_kind = buyer.kind if buyer is not None else HOUSEHOLD
                facts.append(
                    SaleFact(
                        order_line_id=next_id,
                        delivered_on=day,
                        year=year,
                        quarter=quarter_of(day),
                        producer_id=producer.pk,
                        producer_kind=producer.kind,
                        producer_municipality_id=producer.municipality_id,
                        hub_id=hub.pk if hub is not None else None,
                        buyer_organisation_id=buyer.pk if buyer is not None else None,
                        buyer_kind=buyer_kind,
                        buyer_municipality_id=buyer_municipality,
                        is_public_buyer=buyer_kind in PUBLIC_BUYER_KINDS,
                        channel=channel,
                        intermediaries=intermediaries,
                        producer_set_price=intermediaries == 0 or rng.random() < 0.8,
                        value=value,
                        producer_value=producer_value,
                        weight_kg=weight,
                        distance_km=distance,
                    )
                )
                next_id += 1
    return facts


def collaborations_generate(world: DemoWorld, sales: list[SaleFact]) -> list[CollaborationFact]:
    """The pairs the generated sales show (producer-hub, producer-buyer) plus some producer-processor relations."""
    kinds = {o.pk: o for group in (world.hubs, world.processors, *world.buyers.values()) for o in group}
    first: dict[tuple[int, int, str, int], dt.date] = {}
    producers = {p.pk: p for p in world.producers}
    for fact in sales:
        partners: list[tuple[int, str]] = [(fact.hub_id, CollaborationKind.PRODUCER_HUB)] if fact.hub_id else []
        if fact.buyer_organisation_id:
            partners.append((fact.buyer_organisation_id, CollaborationKind.PRODUCER_BUYER))
        for partner_id, kind in partners:
            key = (fact.producer_id, partner_id, kind, fact.year)
            if key not in first or fact.delivered_on < first[key]:
                first[key] = fact.delivered_on
    rng = world.rng
    for producer in world.producers:
        if world.processors and rng.random() < 0.5:
            processor = rng.choice(world.processors)
            since = rng.choice(world.years)
            for year in world.years:
                if year >= since:
                    first[(producer.pk, processor.pk, CollaborationKind.PRODUCER_PROCESSOR, year)] = random_day(
                        rng, year, world.today
                    )
    seen: set[tuple[int, int, str]] = set()
    facts = []
    for (producer_id, partner_id, kind, year), day in sorted(first.items(), key=lambda item: item[0][3]):
        partner = kinds.get(partner_id)
        facts.append(
            CollaborationFact(
                year=year,
                kind=kind,
                producer_id=producer_id,
                producer_municipality_id=producers[producer_id].municipality_id,
                partner_id=partner_id,
                partner_municipality_id=partner.municipality_id if partner is not None else None,
                source=CollaborationSource.ORDER,
                is_new=(producer_id, partner_id, kind) not in seen,
                first_on=day,
            )
        )
        seen.add((producer_id, partner_id, kind))
    return facts


def costs_generate(world: DemoWorld, sales: list[SaleFact]) -> list[ProducerCost]:
    """Every third producer shares its costs (with consent) for past years: 55-80 % of its producers' value."""
    totals: dict[tuple[int, int, str], Decimal] = defaultdict(Decimal)
    for fact in sales:
        totals[(fact.producer_id, fact.year, fact.channel)] += fact.producer_value
    sharing = {p.pk for index, p in enumerate(world.producers) if index % 3 == 1}
    rng = world.rng
    return [
        ProducerCost(
            organisation_id=producer_id,
            year=year,
            channel=channel,
            costs=(value * Decimal(str(round(rng.uniform(0.55, 0.8), 3)))).quantize(CENT),
            consent=True,
        )
        for (producer_id, year, channel), value in sorted(totals.items())
        if producer_id in sharing and year < world.today.year
    ]
