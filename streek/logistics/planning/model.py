"""Translate a `Problem` into PyVRP's `ProblemData`: integer units, vehicle slots, profiles, stops left out.

- Loads: kg in tenths (as PyVRP's DIMACS reading of the benchmarks does) and crates; a load dimension is
  only modelled when some stop uses it.
- Costs: euro x the smallest power of ten that keeps each rate an integer (or at least 100 units).
- Compatibility (cooling, dispatcher locks): one PyVRP vehicle type per "slot" (a locked vehicle alone, the
  interchangeable rest together), each with a routing profile in which the stops it may not serve sit
  behind prohibitive edges. Stops that no slot can serve at all are left out before solving, with a reason.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import numpy as np
import pyvrp

from streek.core.geo import Point

from .distances import UNREACHABLE_M, UNREACHABLE_S, DistanceBackend, IntMatrix, Matrices, matrices_for
from .problem import Problem, Stop, StopKind, VehicleRef, VehicleType
from .result import UnplannedReason, UnplannedStop

INT_MAX = int(np.iinfo(np.int64).max)
KG_UNITS = 10  # load units per kg
NO_LIMIT_CRATES = 10**9


@dataclass(frozen=True)
class Slot:
    """One PyVRP vehicle type: a single locked vehicle, or the interchangeable vehicles of a type."""

    vehicle_type: VehicleType
    indices: tuple[int, ...]  # vehicle numbers within the type
    locked: bool
    tw_early: int
    tw_late: int
    max_reloads: int = -1  # -1: the vehicle type's own

    @property
    def reloads(self) -> int:
        return self.vehicle_type.max_reloads if self.max_reloads < 0 else self.max_reloads

    def accepts(self, stop: Stop) -> bool:
        if stop.needs_cooling and not self.vehicle_type.cooled:
            return False
        if stop.depot is not None and stop.depot != self.vehicle_type.depot:
            return False
        if stop.locked_to is None:
            return True
        return self.locked and stop.locked_to == VehicleRef(self.vehicle_type.key, self.indices[0])


@dataclass(frozen=True)
class Availability:
    """A vehicle that already drove earlier in the day (the collections): free from `earliest`, with fewer reloads."""

    earliest: int
    reloads_left: int
    latest: int | None = None


@dataclass(frozen=True)
class Built:
    data: pyvrp.ProblemData | None  # None when no vehicle is available at all
    soft_data: pyvrp.ProblemData | None  # required stops as optional with a prohibitive prize (fallback)
    slots: tuple[Slot, ...]
    stops: tuple[Stop, ...]  # PyVRP client index -> stop
    excluded: tuple[UnplannedStop, ...]
    cost_scale: int
    max_unit_cost: int


def kg_units(kg: float) -> int:
    return round(kg * KG_UNITS)


def cost_scale(values: Iterable[Decimal]) -> int:
    """Smallest power of ten turning every positive rate into an integer or a number of at least 100."""
    positive = [value for value in values if value > 0]
    for exponent in range(8):
        scale = 10**exponent
        if all((v * scale) == (v * scale).to_integral_value() or v * scale >= 100 for v in positive):
            return scale
    return 10**7


def build_model(
    problem: Problem, backend: DistanceBackend, available: dict[VehicleRef, Availability] | None = None
) -> Built:
    depots = problem.depots
    depot_index = {depot.key: k for k, depot in enumerate(depots)}
    positions = [d.position for d in depots] + [s.position for s in problem.stops]
    unique = list(dict.fromkeys(positions))
    where = {point: k for k, point in enumerate(unique)}
    matrices = matrices_for(backend, unique)
    idx = np.array([where[p] for p in positions], dtype=np.int64)
    base = Matrices(matrices.distance_m[np.ix_(idx, idx)], matrices.duration_s[np.ix_(idx, idx)])

    slots = _slots(problem, available or {})
    excluded: list[UnplannedStop] = []
    kept: list[tuple[int, Stop]] = []  # (location index in `base`, stop)
    for k, stop in enumerate(problem.stops):
        location = len(depots) + k
        reason = _exclusion(problem, stop, location, slots, base, depot_index)
        if reason is None:
            kept.append((location, stop))
        else:
            excluded.append(UnplannedStop(stop.key, reason))

    use_kg = any(stop.demand_kg > 0 for _, stop in kept)
    use_crates = any(stop.demand_crates > 0 for _, stop in kept)

    def load(kg: float, crates: int) -> list[int]:
        return ([kg_units(kg)] if use_kg else []) + ([crates] if use_crates else [])

    used_types = {slot.vehicle_type.key: slot.vehicle_type for slot in slots}.values()
    scale = cost_scale(
        [vt.cost_per_km / 1000 for vt in used_types]
        + [vt.cost_per_hour / 3600 for vt in used_types]
        + [vt.fixed_cost for vt in used_types]
        + [problem.priority_value * stop.priority for _, stop in kept if not stop.required]
    )

    # Keep only the rows and columns of the depots and of the stops to plan: PyVRP location k.
    keep = np.array(list(range(len(depots))) + [location for location, _ in kept], dtype=np.int64)
    distance = base.distance_m[np.ix_(keep, keep)]
    duration = base.duration_s[np.ix_(keep, keep)]
    stops = tuple(stop for _, stop in kept)
    first_client = len(depots)

    def unit_costs(vt: VehicleType) -> tuple[int, int, int]:
        per_m = round(vt.cost_per_km / 1000 * scale)
        per_s = round(vt.cost_per_hour / 3600 * scale)
        if per_m == 0 and per_s == 0 and all(t.cost_per_km == 0 and t.cost_per_hour == 0 for t in used_types):
            per_m = 1  # nothing costs anything: minimise distance
        return per_m, per_s, round(vt.fixed_cost * scale)

    profiles: dict[frozenset[int], int] = {}
    distance_matrices: list[IntMatrix] = []
    duration_matrices: list[IntMatrix] = []
    vehicle_types: list[pyvrp.VehicleType] = []
    max_unit_cost = 1
    for slot in slots:
        forbidden = frozenset(first_client + c for c, stop in enumerate(stops) if not slot.accepts(stop))
        if forbidden not in profiles:
            profiles[forbidden] = len(distance_matrices)
            distance_matrices.append(_forbid(distance, forbidden, UNREACHABLE_M))
            duration_matrices.append(_forbid(duration, forbidden, UNREACHABLE_S))
        vt = slot.vehicle_type
        depot = depot_index[vt.depot]
        per_m, per_s, fixed = unit_costs(vt)
        max_unit_cost = max(max_unit_cost, per_m, per_s)
        capacity = load(vt.capacity_kg, NO_LIMIT_CRATES if vt.capacity_crates is None else vt.capacity_crates)
        vehicle_types.append(
            pyvrp.VehicleType(
                num_available=len(slot.indices),
                capacity=capacity,
                start_depot=depot,
                end_depot=depot,
                fixed_cost=fixed,
                tw_early=slot.tw_early,
                tw_late=slot.tw_late,
                shift_duration=INT_MAX if vt.max_shift_seconds is None else vt.max_shift_seconds,
                unit_distance_cost=per_m,
                unit_duration_cost=per_s,
                profile=profiles[forbidden],
                reload_depots=[depot] if slot.reloads > 0 else [],
                max_reloads=slot.reloads,
                name=f"{vt.key}:{','.join(map(str, slot.indices))}",
            )
        )

    def client(location: int, stop: Stop, prize: int, required: bool) -> pyvrp.Client:
        amount = load(stop.demand_kg, stop.demand_crates)
        empty = [0] * len(amount)
        collection = stop.kind == StopKind.COLLECTION
        return pyvrp.Client(
            location=location,
            delivery=empty if collection else amount,
            pickup=amount if collection else empty,
            service_duration=stop.service_seconds,
            tw_early=stop.window.start if stop.window else 0,
            tw_late=stop.window.end if stop.window else INT_MAX,
            release_time=stop.release,
            prize=prize,
            required=required,
            name=stop.key,
        )

    def prize_of(stop: Stop) -> int:
        return round(problem.priority_value * stop.priority * scale)

    clients = [
        client(first_client + c, stop, 0 if stop.required else prize_of(stop), stop.required)
        for c, stop in enumerate(stops)
    ]
    locations = [_location(d.position, d.key) for d in depots] + [_location(s.position, s.key) for s in stops]
    pyvrp_depots = [
        pyvrp.Depot(
            location=k,
            tw_early=d.opens,
            tw_late=INT_MAX if d.closes is None else d.closes,
            service_duration=d.reload_seconds,
            name=d.key,
        )
        for k, d in enumerate(depots)
    ]

    def data_with(with_clients: list[pyvrp.Client]) -> pyvrp.ProblemData:
        matrices: Any = (distance_matrices, duration_matrices)  # PyVRP's stubs type matrices oddly
        return pyvrp.ProblemData(locations, with_clients, pyvrp_depots, vehicle_types, *matrices)

    soft_data = None
    if any(stop.required for stop in stops) and vehicle_types:
        big = _prohibitive_prize(distance, duration, vehicle_types, stops, [c.prize for c in clients])
        soft = [client(first_client + c, s, big if s.required else prize_of(s), False) for c, s in enumerate(stops)]
        soft_data = data_with(soft)
    return Built(
        data=data_with(clients) if vehicle_types else None,
        soft_data=soft_data,
        slots=tuple(slots),
        stops=stops,
        excluded=tuple(excluded),
        cost_scale=scale,
        max_unit_cost=max_unit_cost,
    )


def _location(position: Point, name: str) -> pyvrp.Location:
    return pyvrp.Location(x=position.lon, y=position.lat, name=name)


def _slots(problem: Problem, available: dict[VehicleRef, Availability]) -> list[Slot]:
    locked: dict[str, set[int]] = {}
    for stop in problem.stops:
        if stop.locked_to is not None:
            locked.setdefault(stop.locked_to.type_key, set()).add(stop.locked_to.index)
    slots: list[Slot] = []
    for vt in problem.vehicle_types:
        if vt.count == 0:
            continue
        depot = problem.depot(vt.depot)
        tw_early = max(vt.shift_start, depot.opens)
        ends = [end for end in (vt.shift_end, depot.closes) if end is not None]
        tw_late = min(ends) if ends else INT_MAX
        own = sorted(i for i in locked.get(vt.key, set()) if 0 <= i < vt.count)
        busy = sorted(i for i in range(vt.count) if VehicleRef(vt.key, i) in available and i not in own)
        for index in own + busy:
            free = available.get(VehicleRef(vt.key, index))
            if free is None:
                slots.append(Slot(vt, (index,), index in own, tw_early, tw_late))
            elif free.reloads_left >= 0:
                late = tw_late if free.latest is None else min(tw_late, free.latest)
                slots.append(Slot(vt, (index,), index in own, max(tw_early, free.earliest), late, free.reloads_left))
        rest = tuple(i for i in range(vt.count) if i not in own and i not in busy)
        if rest:
            slots.append(Slot(vt, rest, False, tw_early, tw_late))
    return slots


def _exclusion(
    problem: Problem,
    stop: Stop,
    location: int,
    slots: list[Slot],
    base: Matrices,
    depot_index: dict[str, int],
) -> UnplannedReason | None:
    """Why no vehicle at all could serve this stop, checked in the order a dispatcher would look."""
    if stop.locked_to is not None:
        vt = problem.vehicle_type(stop.locked_to.type_key)
        if vt is None or not 0 <= stop.locked_to.index < vt.count:
            return UnplannedReason.LOCKED_VEHICLE_UNAVAILABLE
        if stop.needs_cooling and not vt.cooled:
            return UnplannedReason.LOCKED_VEHICLE_NOT_COOLED
    candidates = [slot for slot in slots if slot.accepts(stop)]
    if not candidates:
        if stop.depot is not None and not any(s.vehicle_type.depot == stop.depot for s in slots):
            return UnplannedReason.NO_VEHICLE_AT_HUB
        return UnplannedReason.NO_COOLED_VEHICLE if stop.needs_cooling else UnplannedReason.LOCKED_VEHICLE_UNAVAILABLE
    candidates = [slot for slot in candidates if _fits(stop, slot.vehicle_type)]
    if not candidates:
        return UnplannedReason.TOO_LARGE
    checks: list[Callable[[Slot], bool]] = [
        lambda slot: _reachable(base, depot_index[slot.vehicle_type.depot], location),
        lambda slot: _in_hours(stop, slot, base, depot_index[slot.vehicle_type.depot], location),
    ]
    reasons = [UnplannedReason.UNREACHABLE, UnplannedReason.OUT_OF_HOURS]
    for check, reason in zip(checks, reasons, strict=True):
        remaining = [slot for slot in candidates if check(slot)]
        if not remaining:
            if reason == UnplannedReason.OUT_OF_HOURS and stop.release > 0 and stop.window is not None:
                end = stop.window.end
                out = [int(base.duration_s[depot_index[s.vehicle_type.depot], location]) for s in candidates]
                if all(stop.release + seconds > end for seconds in out):
                    return UnplannedReason.GOODS_TOO_LATE
            return reason
        candidates = remaining
    return None


def _fits(stop: Stop, vt: VehicleType) -> bool:
    crates_ok = vt.capacity_crates is None or stop.demand_crates <= vt.capacity_crates
    return kg_units(stop.demand_kg) <= kg_units(vt.capacity_kg) and crates_ok


def _reachable(base: Matrices, depot: int, location: int) -> bool:
    return bool(base.distance_m[depot, location] < UNREACHABLE_M and base.distance_m[location, depot] < UNREACHABLE_M)


def _in_hours(stop: Stop, slot: Slot, base: Matrices, depot: int, location: int) -> bool:
    out = int(base.duration_s[depot, location])
    back = int(base.duration_s[location, depot])
    start = max(slot.tw_early, stop.release) + out
    if stop.window is not None:
        if start > stop.window.end:
            return False
        start = max(start, stop.window.start)
    if start + stop.service_seconds + back > slot.tw_late:
        return False
    shift = slot.vehicle_type.max_shift_seconds
    return shift is None or out + stop.service_seconds + back <= shift


def _forbid(matrix: IntMatrix, forbidden: frozenset[int], value: int) -> IntMatrix:
    result = matrix.copy()
    if forbidden:
        rows = np.array(sorted(forbidden), dtype=np.int64)
        result[rows, :] = value
        result[:, rows] = value
        result[rows, rows] = 0
    return result


def _prohibitive_prize(
    distance: IntMatrix,
    duration: IntMatrix,
    vehicle_types: list[pyvrp.VehicleType],
    stops: tuple[Stop, ...],
    prizes: list[int],
) -> int:
    """A prize larger than any detour could cost, so a required stop is only left out when it cannot fit."""
    d_max = int(distance[distance < UNREACHABLE_M].max(initial=0))
    t_max = int(duration[duration < UNREACHABLE_S].max(initial=0))
    service = max((stop.service_seconds for stop in stops), default=0)
    worst = max(
        vt.fixed_cost + vt.unit_distance_cost * 2 * d_max + vt.unit_duration_cost * (2 * t_max + service)
        for vt in vehicle_types
    )
    return min(10 * (worst + max(prizes, default=0)) + 1, 1 << 50)
