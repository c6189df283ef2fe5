"""A realistic planning day in Flanders for the routing benchmark: 3 hubs, 150 producers, 400 deliveries.

Positions: the representative points of the 285 Flemish municipalities in streek/territory/data (2025), with
a random offset of up to about 3 km. Each delivery stop (a shop, a restaurant kitchen, a school, a pickup
point) orders from one to four producers among the 25 nearest to it; each producer brings to a hub, in its
morning ready window, what it sold (its collection). A third of the goods need cooling (dairy, meat) and go
only in cooled vans. The same orders then make the solo baseline: every producer delivers its own orders.
"""

import csv
import random
import sys
import time
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from streek.core.geo import Point, haversine_km
from streek.logistics.planning import (
    Depot,
    HaversineBackend,
    PlanResult,
    Problem,
    Stop,
    StopKind,
    TimeWindow,
    VehicleType,
    plan_solve,
)
from streek.logistics.planning.savings import SavingsReport, SoloOrder, SoloProducer, savings_compute

ROOT = Path(__file__).resolve().parent.parent
MUNICIPALITIES = ROOT / "streek" / "territory" / "data" / "be_municipalities_2025.csv"
HUBS = ("Gent", "Mechelen", "Hasselt")
HOUR = 3600
JITTER_DEGREES = 0.025  # about 2.8 km of latitude


@dataclass(frozen=True)
class Case:
    problem: Problem
    producers: tuple[SoloProducer, ...]


def flemish_municipalities() -> dict[str, Point]:
    with MUNICIPALITIES.open(encoding="utf-8") as handle:
        return {
            row["name_nl"]: Point(float(row["lat"]), float(row["lon"]))
            for row in csv.DictReader(handle)
            if row["is_flanders"] == "1" and row["lat"] and row["lon"]
        }


def _jitter(rng: random.Random, point: Point) -> Point:
    return Point(
        point.lat + rng.uniform(-JITTER_DEGREES, JITTER_DEGREES),
        point.lon + rng.uniform(-1.5 * JITTER_DEGREES, 1.5 * JITTER_DEGREES),
    )


def _fleet(hub: str) -> list[VehicleType]:
    common = {
        "depot": hub,
        "cost_per_km": Decimal("0.35"),
        "cost_per_hour": Decimal("32"),
        "shift_start": 6 * HOUR,
        "shift_end": 19 * HOUR,
        "max_shift_seconds": 10 * HOUR,
        "fixed_cost": Decimal("60"),  # per van and day: the planner uses a van only when it pays off
        "max_reloads": 2,
        "count": 8,
    }
    return [
        VehicleType(key=f"{hub}-cooled", capacity_kg=700.0, capacity_crates=50, cooled=True, **common),  # type: ignore[arg-type]
        VehicleType(key=f"{hub}-van", capacity_kg=900.0, capacity_crates=70, cooled=False, **common),  # type: ignore[arg-type]
    ]


def realistic_case(*, producers: int = 150, deliveries: int = 400, seed: int = 1) -> Case:
    rng = random.Random(seed)
    places = flemish_municipalities()
    names = sorted(places)
    depots = [
        Depot(key=hub, position=places[hub], opens=5 * HOUR, closes=20 * HOUR, reload_seconds=900) for hub in HUBS
    ]
    farms = [(f"p{k:03d}", _jitter(rng, places[rng.choice(names)]), rng.random() < 0.33) for k in range(producers)]
    orders: dict[str, list[SoloOrder]] = {key: [] for key, _, _ in farms}
    stops: list[Stop] = []
    for k in range(deliveries):
        position = _jitter(rng, places[rng.choice(names)])
        nearest = sorted(farms, key=lambda farm: haversine_km(position, farm[1]))[:25]
        suppliers = rng.sample(nearest, rng.choice((1, 1, 2, 2, 3, 4)))
        kg = 0.0
        for key, _, _ in suppliers:
            share = round(rng.uniform(5, 30), 1)
            orders[key].append(SoloOrder(position, share))
            kg += share
        start = rng.choice((8, 9, 10, 11, 12, 13, 14)) * HOUR
        stops.append(
            Stop(
                key=f"d{k:03d}",
                kind=StopKind.DELIVERY,
                position=position,
                demand_kg=round(kg, 1),
                demand_crates=max(1, round(kg / 12)),
                window=TimeWindow(start, start + rng.choice((2, 3, 4)) * HOUR),
                service_seconds=rng.choice((300, 420, 600)),
                needs_cooling=any(chilled for _, _, chilled in suppliers),
            )
        )
    for key, position, chilled in farms:
        kg = sum(order.kg for order in orders[key])
        if kg == 0:
            continue
        ready = rng.choice((6, 7, 8)) * HOUR
        stops.append(
            Stop(
                key=key,
                kind=StopKind.COLLECTION,
                position=position,
                demand_kg=round(kg, 1),
                demand_crates=max(1, round(kg / 12)),
                window=TimeWindow(ready, ready + 5 * HOUR),
                service_seconds=600,
                needs_cooling=chilled,
            )
        )
    problem = Problem.build(
        depots=depots,
        vehicle_types=[vt for hub in HUBS for vt in _fleet(hub)],
        stops=stops,
        name="flanders-3-hubs",
    )
    solo = tuple(SoloProducer(key, position, tuple(orders[key])) for key, position, _ in farms if orders[key])
    return Case(problem, solo)


def _print_progress(fraction: float) -> None:
    """A mark on stderr at each tenth of the time limit, as a background task would show it."""
    tenth = int(fraction * 10)
    if tenth > _print_progress.__dict__.get("shown", -1):
        _print_progress.__dict__["shown"] = tenth
        print(f"{tenth * 10}%", end=" " if tenth < 10 else "\n", file=sys.stderr, flush=True)


def run_realistic(*, seconds: float, seed: int) -> int:
    case = realistic_case(seed=seed)
    problem = case.problem
    backend = HaversineBackend(circuity=1.3, speed_kmh=50)
    collections = sum(1 for s in problem.stops if s.kind == StopKind.COLLECTION)
    print(
        f"case: {len(problem.depots)} hubs ({', '.join(HUBS)}), {collections} collections, "
        f"{len(problem.stops) - collections} deliveries, {sum(vt.count for vt in problem.vehicle_types)} vans "
        f"available, {sum(s.demand_kg for s in problem.stops):.0f} kg handled; haversine x 1.3 at 50 km/h"
    )
    started = time.monotonic()
    result: PlanResult = plan_solve(
        problem=problem, time_limit_seconds=seconds, seed=seed, backend=backend, progress=_print_progress
    )
    elapsed = time.monotonic() - started
    trips = sum(len(route.trips) for route in result.routes)
    print(
        f"plan: feasible {result.feasible}, {len(result.routes)} vehicles, {trips} trips, {result.km:.1f} km, "
        f"{result.hours:.1f} h, EUR {result.cost}, {len(result.unplanned)} unplanned, "
        f"{len(result.violations)} violations, {elapsed:.1f} s (limit {seconds:g} s), {result.iterations} iterations"
    )
    for unplanned in result.unplanned[:10]:
        print(f"  unplanned {unplanned.stop_key}: {unplanned.reason.value}")
    started = time.monotonic()
    report: SavingsReport = savings_compute(plan=result, producers=case.producers, backend=backend)
    print_savings(report, time.monotonic() - started)
    return 0 if result.feasible else 1


def print_savings(report: SavingsReport, elapsed: float) -> None:
    for label, footprint in (("shared", report.shared), ("solo", report.solo)):
        print(
            f"{label:>6}: {footprint.km:8.1f} km {footprint.hours:6.1f} h {footprint.co2_kg:7.1f} kg CO2 "
            f"{footprint.vehicles:4d} vehicles  {footprint.km_per_kg * 1000:6.1f} vehicle-m per kg "
            f"({footprint.kg_delivered:.0f} kg delivered)"
        )
    print(
        f"saved: {report.saved_km:.1f} km ({report.saved_km_percent:.1f} %), {report.saved_hours:.1f} h, "
        f"{report.saved_co2_kg:.1f} kg CO2 (solo baseline computed in {elapsed:.1f} s)"
    )
