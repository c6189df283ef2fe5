"""Indicative times of a route changed by hand: its stops in the dispatcher's order, driven with the plan's matrices.

No solver: each trip leaves the depot at the time the plan had for it (or as soon as the vehicle is back and
reloaded, when that is later), drives to its stops in order, waits for a window that has not opened yet, and
comes back. Nothing is refused here; `plan_verify` then says what the changed route breaks.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings

from .distances import Matrices
from .model import KG_UNITS
from .problem import Problem, StopKind, VehicleRef
from .result import Route, Trip, Visit

DEFAULT_CO2_KG_PER_KM = 0.2


@dataclass(frozen=True)
class RouteOrder:
    """A vehicle's stops as the dispatcher left them: (trip index, stop keys in driving order) per trip."""

    vehicle: VehicleRef
    trips: Sequence[tuple[int, Sequence[str]]]
    departures: Mapping[int, int] = field(default_factory=dict)  # trip index -> leaves the depot not before


def _co2_per_km(value: float | None) -> float:
    if value is not None:
        return value
    return float(getattr(settings, "ROUTING_CO2_KG_PER_KM", DEFAULT_CO2_KG_PER_KM)) if settings.configured else 0.2


def route_retime(*, problem: Problem, order: RouteOrder, matrices: Matrices, index: Mapping[str, int]) -> Route:
    """Time `order` on the matrices; `index` maps depot and stop keys to rows (a stop without a row: no travel)."""
    vt = problem.vehicle_type(order.vehicle.type_key)
    if vt is None:
        raise ValueError(f"route of unknown vehicle type {order.vehicle.type_key}")
    depot = problem.depot(vt.depot)
    distance, duration = matrices.distance_m, matrices.duration_s
    home = index[depot.key]
    clock = max(vt.shift_start, depot.opens)
    start: int | None = None
    metres = 0
    visits: list[Visit] = []
    trips: list[Trip] = []
    for trip_index, keys in sorted(order.trips, key=lambda item: item[0]):
        if not keys:
            continue
        if trips:
            clock += depot.reload_seconds
        departure = max(clock, order.departures.get(trip_index, clock))
        stops = [problem.stop(key) for key in keys]
        out_kg = sum(stop.demand_kg for stop in stops if stop.kind == StopKind.DELIVERY)
        out_crates = sum(stop.demand_crates for stop in stops if stop.kind == StopKind.DELIVERY)
        load_kg, load_crates = out_kg, out_crates
        here, now = home, departure
        for stop in stops:
            there = index.get(stop.key, here)
            arrival = now + int(duration[here, there])
            metres += int(distance[here, there])
            begin = max(arrival, stop.window.start) if stop.window is not None else arrival
            sign = 1 if stop.kind == StopKind.COLLECTION else -1
            load_kg += sign * stop.demand_kg
            load_crates += sign * stop.demand_crates
            visits.append(
                Visit(
                    stop_key=stop.key,
                    kind=stop.kind,
                    trip=trip_index,
                    arrival=arrival,
                    start=begin,
                    departure=begin + stop.service_seconds,
                    wait_seconds=begin - arrival,
                    late_seconds=0,  # plan_verify compares the start with the window
                    load_kg=round(load_kg * KG_UNITS) / KG_UNITS,
                    load_crates=load_crates,
                )
            )
            here, now = there, begin + stop.service_seconds
        back = now + int(duration[here, home])
        metres += int(distance[here, home])
        trips.append(
            Trip(
                index=trip_index,
                departure=departure,
                arrival=back,
                load_out_kg=round(out_kg * KG_UNITS) / KG_UNITS,
                load_out_crates=out_crates,
                load_back_kg=round(load_kg * KG_UNITS) / KG_UNITS,
                load_back_crates=load_crates,
                stop_keys=tuple(keys),
            )
        )
        start = departure if start is None else start
        clock = back
    first = clock if start is None else start
    seconds = clock - first
    km, hours = Decimal(metres) / 1000, Decimal(seconds) / 3600
    cost = (km * vt.cost_per_km + hours * vt.cost_per_hour + (vt.fixed_cost if trips else 0)).quantize(Decimal("0.01"))
    return Route(
        vehicle=order.vehicle,
        depot_key=vt.depot,
        cooled=vt.cooled,
        start=first,
        end=clock,
        visits=tuple(visits),
        trips=tuple(trips),
        distance_m=metres,
        duration_s=seconds,
        cost=cost,
        co2_kg=metres / 1000 * _co2_per_km(vt.co2_kg_per_km),
    )
