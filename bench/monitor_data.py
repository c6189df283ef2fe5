"""Synthetic facts for the monitor benchmark: N delivered order lines over 5 years across every Belgian and Dutch
municipality, generated inside PostgreSQL (INSERT ... SELECT over generate_series, seeded), in chunks with a
progress bar, then the collaboration facts derived from them, donations, waste, routes, a sales-point snapshot
per year and the entered figures (population, farms, farm output) every municipality needs.

Organisations are synthetic ids (the fact tables keep ids without database constraints): producer p lives in
municipality number p mod M, so every municipality has producers; buyers live in the producer's municipality or
a near one (by code order). Channels, intermediaries, buyer kinds and prices follow plausible weights.
"""

from django.db import connection
from tqdm import tqdm

from streek.monitor.models import (
    CollaborationFact,
    DonationFact,
    ExternalFigure,
    RouteFact,
    SaleFact,
    SalesPointSnapshot,
    WasteFact,
)

CHUNK = 500_000
FIRST_YEAR = 2021
YEARS = 5
PRODUCERS = 40_000
BUYER_ORGS = 30_000
HUBS = 600
ORG_BASE = 10_000_000  # synthetic organisation ids start here: never an id of a real organisation


def clear() -> None:
    name = str(connection.settings_dict["NAME"])
    if "bench" not in name:
        raise SystemExit(f"refusing to clear {name}: not a bench database")
    with connection.cursor() as cursor:
        for model in (SaleFact, CollaborationFact, DonationFact, WasteFact, RouteFact, SalesPointSnapshot):
            cursor.execute(f"TRUNCATE {model._meta.db_table} RESTART IDENTITY")  # noqa: S608
        cursor.execute(f"DELETE FROM {ExternalFigure._meta.db_table} WHERE source = 'Bench'")  # noqa: S608


def _sales(first: int, last: int) -> str:
    """SQL inserting the sale facts with order line ids first..last."""
    return f"""
    WITH m AS (SELECT array_agg(id ORDER BY code) AS ids, count(*) AS n FROM territory_municipality),
    g AS (
        SELECT s AS line, m.ids, m.n,
               ({PRODUCERS} * random())::int AS p,
               random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5,
               DATE '{FIRST_YEAR}-01-01' + (random() * ({YEARS} * 365 - 1))::int AS day
        FROM generate_series({first}, {last}) AS s, m
    )
    INSERT INTO monitor_salefact (
        order_line_id, delivered_on, year, quarter, producer_id, producer_kind, producer_municipality_id, hub_id,
        buyer_organisation_id, buyer_kind, buyer_municipality_id, is_public_buyer, channel, intermediaries,
        producer_set_price, value, producer_value, weight_kg, distance_km)
    SELECT line, day, extract(year FROM day)::int, extract(quarter FROM day)::int,
           {ORG_BASE} + p,
           CASE WHEN p % 10 = 0 THEN 'processor' ELSE 'producer' END,
           ids[1 + p % n],
           CASE WHEN r1 < 0.55 THEN {ORG_BASE + PRODUCERS} + (p % {HUBS}) END,
           CASE WHEN r2 < 0.35 THEN {ORG_BASE + PRODUCERS + HUBS} + (p * 7 + (r3 * 40)::int) % {BUYER_ORGS} END,
           CASE WHEN r2 >= 0.35 THEN 'household'
                WHEN r3 < 0.15 THEN 'school' WHEN r3 < 0.25 THEN 'care' WHEN r3 < 0.35 THEN 'catering'
                WHEN r3 < 0.65 THEN 'horeca' WHEN r3 < 0.85 THEN 'retailer' ELSE 'processor' END,
           ids[1 + (p + (r4 * 6)::int) % n],
           r2 < 0.35 AND r3 < 0.35,
           CASE WHEN r2 >= 0.35 THEN 'consumer' WHEN r3 < 0.35 THEN 'public' ELSE 'business' END,
           CASE WHEN r1 < 0.55 THEN 1 WHEN r5 < 0.05 THEN 2 ELSE 0 END,
           r5 > 0.1,
           round((2 + r4 * 60)::numeric, 2),
           round(((2 + r4 * 60) * (0.7 + r5 * 0.3))::numeric, 2),
           round((0.2 + r3 * 15)::numeric, 3),
           round((1 + r5 * r5 * 80)::numeric, 2)
    FROM g
    """


def generate(*, lines: int, seed: float = 0.42) -> None:
    clear()
    with connection.cursor() as cursor:
        cursor.execute("SELECT setseed(%s)", [seed])
        with tqdm(total=lines, unit="line", desc="sale facts") as bar:
            for first in range(1, lines + 1, CHUNK):
                last = min(first + CHUNK - 1, lines)
                cursor.execute(_sales(first, last))
                bar.update(last - first + 1)
        print("collaboration facts ...", flush=True)
        cursor.execute(
            """
            WITH pairs AS (
                SELECT year, 'producer_hub' AS kind, producer_id, producer_municipality_id, hub_id AS partner_id,
                       producer_municipality_id AS partner_municipality_id, min(delivered_on) AS first_on
                FROM monitor_salefact WHERE hub_id IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6
                UNION ALL
                SELECT year, CASE WHEN buyer_kind = 'processor' THEN 'producer_processor' ELSE 'producer_buyer' END,
                       producer_id, producer_municipality_id, buyer_organisation_id, buyer_municipality_id,
                       min(delivered_on)
                FROM monitor_salefact WHERE buyer_organisation_id IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6
            )
            INSERT INTO monitor_collaborationfact (year, kind, producer_id, producer_municipality_id, partner_id,
                partner_municipality_id, source, is_new, first_on)
            SELECT DISTINCT ON (producer_id, partner_id, kind, year)
                   year, kind, producer_id, producer_municipality_id, partner_id, partner_municipality_id, 'order',
                   year = min(year) OVER (PARTITION BY producer_id, partner_id, kind), first_on
            FROM pairs
            ORDER BY producer_id, partner_id, kind, year, first_on
            """
        )
        print("donations, waste, routes, snapshots, figures ...", flush=True)
        cursor.execute(
            f"""
            WITH m AS (SELECT array_agg(id ORDER BY code) AS ids, count(*) AS n FROM territory_municipality)
            INSERT INTO monitor_donationfact (donation_id, received_on, year, quarter, donor_id, donor_municipality_id,
                food_bank_id, food_bank_municipality_id, kg)
            SELECT s, d, extract(year FROM d)::int, extract(quarter FROM d)::int, {ORG_BASE} + s % {PRODUCERS},
                   ids[1 + (s % {PRODUCERS}) % n], {ORG_BASE + PRODUCERS + HUBS} + s % 500,
                   ids[1 + (s % {PRODUCERS}) % n], round((5 + random() * 200)::numeric, 3)
            FROM m, generate_series(1, {lines // 100}) AS s,
                 LATERAL (SELECT DATE '{FIRST_YEAR}-01-01' + (random() * ({YEARS} * 365 - 1))::int + s * 0 AS d) AS x
            """
        )
        cursor.execute(
            f"""
            WITH m AS (SELECT array_agg(id ORDER BY code) AS ids, count(*) AS n FROM territory_municipality)
            INSERT INTO monitor_wastefact (waste_record_id, recorded_on, year, quarter, organisation_id,
                municipality_id, reason, kg)
            SELECT s, d, extract(year FROM d)::int, extract(quarter FROM d)::int, {ORG_BASE} + s % {PRODUCERS},
                   ids[1 + (s % {PRODUCERS}) % n], 'unsold', round((1 + random() * 50)::numeric, 3)
            FROM m, generate_series(1, {lines // 200}) AS s,
                 LATERAL (SELECT DATE '{FIRST_YEAR}-01-01' + (random() * ({YEARS} * 365 - 1))::int + s * 0 AS d) AS x
            """
        )
        cursor.execute(
            f"""
            WITH m AS (SELECT array_agg(id ORDER BY code) AS ids, count(*) AS n FROM territory_municipality)
            INSERT INTO monitor_routefact (route_id, driven_on, year, quarter, hub_id, hub_municipality_id, km,
                kg_delivered, kg_collected, co2_kg, stops, producers)
            SELECT s, d, extract(year FROM d)::int, extract(quarter FROM d)::int, {ORG_BASE + PRODUCERS} + s % {HUBS},
                   ids[1 + (s % {HUBS}) % n], round((40 + random() * 160)::numeric, 2),
                   round((200 + random() * 800)::numeric, 3), round((150 + random() * 700)::numeric, 3),
                   round((10 + random() * 40)::numeric, 2), 10 + (random() * 30)::int, 3 + (random() * 12)::int
            FROM m, generate_series(1, {lines // 50}) AS s,
                 LATERAL (SELECT DATE '{FIRST_YEAR}-01-01' + (random() * ({YEARS} * 365 - 1))::int + s * 0 AS d) AS x
            """
        )
        types = (
            "ARRAY['farm_shop','vending_machine','honesty_stall','farmers_market','self_harvest','csa',"
            "'box_scheme','buying_group','webshop','pickup_point','b2b_direct','food_hub']"
        )
        cursor.execute(
            f"""
            INSERT INTO monitor_salespointsnapshot (year, sales_point_id, operator_id, municipality_id, type,
                is_active, last_verified_on, lat, lon, taken_at)
            SELECT y, {ORG_BASE} + m.id * 10 + k, {ORG_BASE} + (m.id * 10 + k) % {PRODUCERS}, m.id,
                   ({types})[1 + (m.id + k) % 12], random() < 0.92,
                   make_date(y, 12, 31) - (random() * 700)::int,
                   coalesce(m.lat, 50.8) + (random() - 0.5) * 0.05, coalesce(m.lon, 4.4) + (random() - 0.5) * 0.05,
                   make_timestamptz(y, 12, 31, 23, 0, 0)
            FROM territory_municipality AS m, generate_series({FIRST_YEAR}, {FIRST_YEAR + YEARS - 1}) AS y,
                 generate_series(1, 4) AS k
            """
        )
        cursor.execute(
            f"""
            INSERT INTO monitor_externalfigure (created_at, updated_at, municipality_id, original_code, year, kind,
                value, source, source_date, note)
            SELECT now(), now(), m.id, '', y, f.kind, f.base * (1 + (m.id % 17) / 10.0) * (1 + (y - {FIRST_YEAR}) * 0.01),
                   'Bench', make_date(y, 1, 1), ''
            FROM territory_municipality AS m, generate_series({FIRST_YEAR}, {FIRST_YEAR + YEARS - 1}) AS y,
                 (VALUES ('population', 20000.0), ('farms', 120.0), ('farm_output_eur', 40000000.0),
                         ('public_food_spend_eur', 2000000.0)) AS f(kind, base)
            ON CONFLICT DO NOTHING
            """
        )
        print("VACUUM ANALYZE ...", flush=True)
    with connection.cursor() as cursor:
        for model in (SaleFact, CollaborationFact, DonationFact, WasteFact, RouteFact, SalesPointSnapshot):
            cursor.execute(f"VACUUM ANALYZE {model._meta.db_table}")  # noqa: S608
