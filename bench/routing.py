"""Route planning benchmark: the literature's instances and a realistic Flemish case, through `plan_solve`.

Each Solomon VRPTW instance (and with --cvrp each CVRPLIB X instance) is read from ../shared/vrp/, built as the
platform's own planning input (`Problem`: one depot, stops with demand, time window and service time, a fleet)
and solved by the same `plan_solve` the app uses, with the Euclidean backend in the convention of the best-known
solutions (DIMACS for Solomon: arcs truncated to one decimal; nearest integer for X). The objective is total
distance: the vehicles cost 1 per unit of distance and nothing per hour or per vehicle.

    .venv/bin/python bench/routing.py                         # all 56 Solomon instances, 10 s each
    .venv/bin/python bench/routing.py --instances C101,R201 --seconds 5
    .venv/bin/python bench/routing.py --cvrp                  # the 6 X instances instead
    .venv/bin/python bench/routing.py --realistic             # 3 hubs, 150 producers, 400 deliveries, 60 s
"""

import argparse
import csv
import os
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

import django  # noqa: E402

django.setup()

from streek.core.geo import Point  # noqa: E402
from streek.logistics.planning import (  # noqa: E402
    Depot,
    EuclideanBackend,
    Problem,
    Stop,
    StopKind,
    TimeWindow,
    VehicleType,
    plan_solve,
)

VRP = ROOT.parent / "shared" / "vrp"
# Our Euclidean integers are read as metres: a cost of 1000 per km is 1 per unit of distance.
UNIT_COST_PER_KM = Decimal(1000)


def read_vrplib(path: Path) -> dict[str, object]:
    """The fields of a VRPLIB instance used here: header values and the node sections (1-based ids)."""
    header: dict[str, str] = {}
    sections: dict[str, list[list[float]]] = {}
    current: str | None = None
    for raw in path.read_text().splitlines():
        line = raw.strip()
        if not line or line == "EOF":
            continue
        if line.endswith("_SECTION"):
            current = line
            sections[current] = []
        elif ":" in line and current is None:
            key, value = line.split(":", 1)
            header[key.strip()] = value.strip()
        elif current is not None:
            values = [float(v) for v in line.split()]
            if current == "DEPOT_SECTION":
                if values[0] >= 0:
                    sections[current].append(values)
            else:
                sections[current].append(values)
    return {"header": header, **sections}


def problem_from_vrplib(path: Path) -> Problem:
    """A VRPLIB CVRP or VRPTW instance as the platform's planning input (times x 10 in the DIMACS convention)."""
    parsed = read_vrplib(path)
    header = parsed["header"]
    assert isinstance(header, dict)
    coords = {int(row[0]): (row[1], row[2]) for row in parsed["NODE_COORD_SECTION"]}  # type: ignore[attr-defined]
    demand = {int(row[0]): row[1] for row in parsed.get("DEMAND_SECTION", [])}  # type: ignore[attr-defined]
    windows = {int(row[0]): (row[1], row[2]) for row in parsed.get("TIME_WINDOW_SECTION", [])}  # type: ignore[attr-defined]
    depot_ids = [int(row[0]) for row in parsed.get("DEPOT_SECTION", [[1]])]  # type: ignore[attr-defined]
    depot_id = depot_ids[0] if depot_ids else 1
    time_scale = 10 if windows else 1  # Solomon: DIMACS (10x) times; CVRP: no times
    service = round(float(header.get("SERVICE_TIME", "0")) * time_scale)

    def point(node: int) -> Point:
        x, y = coords[node]
        return Point(lat=y, lon=x)

    depot_window = windows.get(depot_id)
    depot = Depot(
        key="depot",
        position=point(depot_id),
        opens=round(depot_window[0] * time_scale) if depot_window else 0,
        closes=round(depot_window[1] * time_scale) if depot_window else None,
    )
    stops = [
        Stop(
            key=str(node),
            kind=StopKind.DELIVERY,
            position=point(node),
            demand_kg=demand.get(node, 0.0),
            window=TimeWindow(round(windows[node][0] * time_scale), round(windows[node][1] * time_scale))
            if node in windows
            else None,
            service_seconds=service,
        )
        for node in sorted(coords)
        if node != depot_id
    ]
    fleet = int(header.get("VEHICLES", len(stops)))
    vehicles = VehicleType(
        key="vehicle",
        depot="depot",
        capacity_kg=float(header["CAPACITY"]),
        count=fleet,
        cost_per_km=UNIT_COST_PER_KM,
        cost_per_hour=Decimal(0),
    )
    return Problem.build(depots=[depot], vehicle_types=[vehicles], stops=stops, name=path.stem)


def read_bks(path: Path, column: str) -> dict[str, float]:
    with path.open() as handle:
        return {row["instance"]: float(row[column]) for row in csv.DictReader(handle)}


def run_instances(names: list[str], folder: Path, bks: dict[str, float], convention: str, seconds: float) -> int:
    scale = 10 if convention == "dimacs" else 1
    gaps: list[float] = []
    feasible_count = 0
    backend = EuclideanBackend(convention=convention)
    print(f"{'instance':<12} {'distance':>10} {'routes':>6} {'feasible':>8} {'bks':>10} {'gap':>9} {'time':>6}")
    for name in names:
        problem = problem_from_vrplib(folder / f"{name}.vrp")
        started = time.monotonic()
        result = plan_solve(problem=problem, time_limit_seconds=seconds, seed=1, backend=backend)
        elapsed = time.monotonic() - started
        distance = result.distance_m / scale
        best = bks[name]
        gap = 100 * (distance - best) / best
        feasible_count += result.feasible
        if result.feasible:
            gaps.append(gap)
        print(
            f"{name:<12} {distance:>10.1f} {len(result.routes):>6} {str(result.feasible):>8} {best:>10.1f} "
            f"{gap:>+7.2f} % {elapsed:>5.1f}s",
            flush=True,
        )
    mean_gap = statistics.mean(gaps) if gaps else float("nan")
    max_gap = max(gaps) if gaps else float("nan")
    print(
        f"SUMMARY feasible {feasible_count}/{len(names)}  mean gap {mean_gap:+.2f} %  max gap {max_gap:+.2f} %  "
        f"({seconds:g} s per instance)"
    )
    return 0 if feasible_count == len(names) else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--instances", help="comma-separated names (default: all of the chosen set)")
    parser.add_argument("--seconds", type=float, help="time limit per instance (10; 60 for --realistic)")
    parser.add_argument("--cvrp", action="store_true", help="the CVRPLIB X instances instead of Solomon")
    parser.add_argument("--realistic", action="store_true", help="the Flemish case: 3 hubs, 150 producers")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if args.realistic:
        from bench.routing_data import run_realistic

        return run_realistic(seconds=args.seconds or 60.0, seed=args.seed)
    if args.cvrp:
        folder, bks = VRP / "cvrp_x", read_bks(VRP / "bks_cvrp_x.csv", "bks_distance_rounded")
        convention = "round"
    else:
        folder, bks = VRP / "solomon", read_bks(VRP / "bks_solomon.csv", "dimacs_distance_bks")
        convention = "dimacs"
    names = args.instances.split(",") if args.instances else sorted(bks)
    return run_instances(names, folder, bks, convention, args.seconds or 10.0)


if __name__ == "__main__":
    sys.exit(main())
