"""The planning input: hubs, vehicle types and stops, as plain frozen dataclasses (no database).

Units: times are whole seconds from `Problem.origin` (an aware datetime, the start of the planning day, or
None when the times are abstract, as in the benchmarks); loads in kg and in crates; money in Decimal euro;
positions are `Point(lat, lon)` (the Euclidean benchmark backend reads `lon` as x and `lat` as y).
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from streek.core.geo import Point


class StopKind(models.TextChoices):
    """A collection picks goods up at a producer for the hub; a delivery brings goods from the hub."""

    COLLECTION = "collection", _("Collection")
    DELIVERY = "delivery", _("Delivery")


@dataclass(frozen=True)
class TimeWindow:
    """[start, end] in seconds from the problem's origin: service must start within it."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start > self.end:
            raise ValueError(f"time window starts after it ends: {self.start} > {self.end}")


@dataclass(frozen=True)
class VehicleRef:
    """One vehicle: the key of its type and its number within the type (0 .. count - 1)."""

    type_key: str
    index: int = 0

    def __str__(self) -> str:
        return f"{self.type_key}#{self.index}"


@dataclass(frozen=True)
class Depot:
    """A hub: vehicles start and end there, load deliveries and unload collections."""

    key: str
    position: Point
    opens: int = 0
    closes: int | None = None
    reload_seconds: int = 0  # time to unload and reload between two trips


@dataclass(frozen=True)
class VehicleType:
    """`count` identical vehicles based at `depot`; `max_reloads` extra trips back through the depot."""

    key: str
    depot: str
    capacity_kg: float
    capacity_crates: int | None = None  # None: crates are not limited
    cooled: bool = False
    cost_per_km: Decimal = Decimal("0.35")
    cost_per_hour: Decimal = Decimal("0")
    fixed_cost: Decimal = Decimal("0")  # per vehicle used
    shift_start: int = 0
    shift_end: int | None = None
    max_shift_seconds: int | None = None
    count: int = 1
    max_reloads: int = 0
    co2_kg_per_km: float | None = None  # None: settings.ROUTING_CO2_KG_PER_KM
    name: str = ""

    def __post_init__(self) -> None:
        if self.count < 0 or self.max_reloads < 0:
            raise ValueError("count and max_reloads cannot be negative")
        if self.capacity_kg < 0 or (self.capacity_crates is not None and self.capacity_crates < 0):
            raise ValueError("capacities cannot be negative")

    def refs(self) -> list[VehicleRef]:
        return [VehicleRef(self.key, index) for index in range(self.count)]


@dataclass(frozen=True)
class Stop:
    """A visit to make. Optional stops (required=False) are worth `priority` x `Problem.priority_value`."""

    key: str
    kind: StopKind
    position: Point
    demand_kg: float = 0.0
    demand_crates: int = 0
    window: TimeWindow | None = None  # ready window of a collection, delivery window of a delivery
    service_seconds: int = 0
    needs_cooling: bool = False
    required: bool = True
    priority: int = 1
    locked_to: VehicleRef | None = None  # the dispatcher's lock: only this vehicle may serve the stop
    label: str = ""
    # Cross-docking: the collections whose goods this delivery carries. The trip carrying it may leave its hub
    # only once they are unloaded there (the solver plans the collections first, see ADR 0009).
    after: tuple[str, ...] = ()
    release: int = 0  # the trip carrying this stop may not leave its depot earlier
    depot: str | None = None  # the stop must be served from this depot (where its goods are)

    def __post_init__(self) -> None:
        if self.demand_kg < 0 or self.demand_crates < 0:
            raise ValueError(f"stop {self.key}: demand cannot be negative")
        if self.service_seconds < 0 or self.priority < 0:
            raise ValueError(f"stop {self.key}: service time and priority cannot be negative")
        if self.after and self.kind != StopKind.DELIVERY:
            raise ValueError(f"stop {self.key}: only a delivery waits for collections")
        if self.release < 0:
            raise ValueError(f"stop {self.key}: release time cannot be negative")


@dataclass(frozen=True)
class Problem:
    depots: tuple[Depot, ...]
    vehicle_types: tuple[VehicleType, ...]
    stops: tuple[Stop, ...]
    origin: datetime | None = None
    priority_value: Decimal = Decimal("20")  # euro an optional stop is worth per point of priority
    name: str = ""
    _depot_by_key: dict[str, Depot] = field(init=False, repr=False, compare=False)
    _stop_by_key: dict[str, Stop] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for label, keys in (
            ("depot", [d.key for d in self.depots]),
            ("vehicle type", [v.key for v in self.vehicle_types]),
            ("stop", [s.key for s in self.stops]),
        ):
            if len(set(keys)) != len(keys):
                raise ValueError(f"{label} keys must be unique")
        depots = {depot.key: depot for depot in self.depots}
        for vehicle_type in self.vehicle_types:
            if vehicle_type.depot not in depots:
                raise ValueError(f"vehicle type {vehicle_type.key}: unknown depot {vehicle_type.depot}")
        object.__setattr__(self, "_depot_by_key", depots)
        stops = {stop.key: stop for stop in self.stops}
        for stop in self.stops:
            for source in stop.after:
                if source in stops and stops[source].kind != StopKind.COLLECTION:
                    raise ValueError(f"stop {stop.key}: waits for {source}, which is not a collection")
        object.__setattr__(self, "_stop_by_key", stops)

    @classmethod
    def build(
        cls,
        *,
        depots: Sequence[Depot],
        vehicle_types: Sequence[VehicleType],
        stops: Sequence[Stop],
        origin: datetime | None = None,
        priority_value: Decimal = Decimal("20"),
        name: str = "",
    ) -> "Problem":
        return cls(tuple(depots), tuple(vehicle_types), tuple(stops), origin, priority_value, name)

    def depot(self, key: str) -> Depot:
        return self._depot_by_key[key]

    def vehicle_type(self, key: str) -> VehicleType | None:
        return next((vt for vt in self.vehicle_types if vt.key == key), None)

    def stop(self, key: str) -> Stop:
        return self._stop_by_key[key]

    def has_stop(self, key: str) -> bool:
        return key in self._stop_by_key

    @property
    def has_dependencies(self) -> bool:
        """Some delivery waits for collections of the same problem."""
        return any(stop.after for stop in self.stops)
