"""The planning output: routes with their timed visits, unplanned stops with a reason, and what failed a check."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from .problem import StopKind, VehicleRef


class UnplannedReason(models.TextChoices):
    DID_NOT_FIT = "did_not_fit", _("did not fit in the capacity or time windows")
    NO_COOLED_VEHICLE = "no_cooled_vehicle", _("needs a cooled vehicle and none is available")
    TOO_LARGE = "too_large", _("is larger than the capacity of every suitable vehicle")
    OUT_OF_HOURS = "out_of_hours", _("cannot be reached within its time window and the vehicles' hours")
    LOCKED_VEHICLE_UNAVAILABLE = "locked_vehicle_unavailable", _("is locked to a vehicle that is not available")
    LOCKED_VEHICLE_NOT_COOLED = "locked_vehicle_not_cooled", _("needs cooling but is locked to a vehicle without it")
    OPTIONAL_LEFT_OUT = (
        "optional_left_out",
        _("optional: left out because it did not fit or was not worth the detour at its priority"),
    )
    UNREACHABLE = "unreachable", _("cannot be reached by road from the hub")
    GOODS_NOT_COLLECTED = "goods_not_collected", _("waits for goods from a collection that could not be planned")
    GOODS_AT_SEVERAL_HUBS = "goods_at_several_hubs", _("its goods are collected to different hubs")
    GOODS_TOO_LATE = (
        "goods_too_late",
        _("its goods reach the hub too late to deliver it within its time window"),
    )
    NO_VEHICLE_AT_HUB = "no_vehicle_at_hub", _("no vehicle is left at the hub where its goods arrive")


class ViolationKind(models.TextChoices):
    """What the check after solving found wrong in a route: the plan is then not feasible."""

    NOT_COOLED = "not_cooled", _("chilled goods on a vehicle without cooling")
    LOCKED_ELSEWHERE = "locked_elsewhere", _("a locked stop on another vehicle")
    OVERLOADED = "overloaded", _("more load than the vehicle carries")
    LATE = "late", _("service outside the time window")
    SHIFT_EXCEEDED = "shift_exceeded", _("route outside the vehicle's shift")
    TOO_MANY_TRIPS = "too_many_trips", _("more trips than the vehicle's reloads allow")
    VISITED_TWICE = "visited_twice", _("a stop is visited more than once")
    MISSING = "missing", _("a stop is neither planned nor reported as unplanned")
    GOODS_NOT_READY = "goods_not_ready", _("leaves the hub before the goods it carries have arrived")


@dataclass(frozen=True)
class Visit:
    stop_key: str
    kind: StopKind
    trip: int  # 0 for the first trip, 1 after the first reload, ...
    arrival: int  # seconds from the origin
    start: int  # service starts (after waiting for the window)
    departure: int
    wait_seconds: int
    late_seconds: int  # time warp: > 0 only in an infeasible plan
    load_kg: float  # on board after this stop
    load_crates: int


@dataclass(frozen=True)
class Trip:
    index: int
    departure: int  # leaves the depot
    arrival: int  # back at the depot
    load_out_kg: float  # deliveries loaded at the depot
    load_out_crates: int
    load_back_kg: float  # collections brought back
    load_back_crates: int
    stop_keys: tuple[str, ...]


@dataclass(frozen=True)
class Route:
    vehicle: VehicleRef
    depot_key: str
    cooled: bool
    start: int
    end: int
    visits: tuple[Visit, ...]
    trips: tuple[Trip, ...]
    distance_m: int
    duration_s: int
    cost: Decimal
    co2_kg: float

    @property
    def km(self) -> float:
        return self.distance_m / 1000

    @property
    def hours(self) -> float:
        return self.duration_s / 3600

    @property
    def stop_keys(self) -> tuple[str, ...]:
        return tuple(visit.stop_key for visit in self.visits)

    def hub_arrivals(self) -> dict[str, tuple[str, int]]:
        """Each collection on this route -> (depot, when the trip that picked it up is back at the depot)."""
        back = {trip.index: trip.arrival for trip in self.trips}
        return {
            visit.stop_key: (self.depot_key, back[visit.trip])
            for visit in self.visits
            if visit.kind == StopKind.COLLECTION and visit.trip in back
        }

    def trip_departure(self, trip: int) -> int | None:
        return next((t.departure for t in self.trips if t.index == trip), None)


@dataclass(frozen=True)
class UnplannedStop:
    stop_key: str
    reason: UnplannedReason

    @property
    def message(self) -> str:
        return str(self.reason.label)


@dataclass(frozen=True)
class Violation:
    kind: ViolationKind
    stop_key: str | None = None
    vehicle: VehicleRef | None = None
    amount: float = 0  # by how much (kg, crates, seconds or trips), when it applies
    unit: str = ""  # what `amount` counts when the kind alone does not say: "kg" or "crates" for an overload
    trip: int | None = None  # the trip it happens on, when it applies

    @property
    def message(self) -> str:
        return str(self.kind.label)


@dataclass(frozen=True)
class PlanResult:
    routes: tuple[Route, ...]
    unplanned: tuple[UnplannedStop, ...]
    violations: tuple[Violation, ...]
    feasible: bool  # no violation and every required stop planned
    distance_m: int
    duration_s: int
    cost: Decimal
    co2_kg: float
    runtime_seconds: float
    iterations: int
    origin: datetime | None = None
    # Deliveries that wait for collections: stop key -> when their goods are unloaded at the hub.
    ready: dict[str, int] = field(default_factory=dict)

    @property
    def km(self) -> float:
        return self.distance_m / 1000

    @property
    def hours(self) -> float:
        return self.duration_s / 3600

    @property
    def vehicles_used(self) -> int:
        return len(self.routes)

    def at(self, seconds: int) -> datetime | None:
        """The moment `seconds` after the origin, or None when the problem had no origin."""
        return None if self.origin is None else self.origin + timedelta(seconds=seconds)

    def route_of(self, stop_key: str) -> Route | None:
        return next((route for route in self.routes if stop_key in route.stop_keys), None)

    def hub_arrivals(self) -> dict[str, tuple[str, int]]:
        """Collection stop key -> (depot, when its trip is back there)."""
        return {key: value for route in self.routes for key, value in route.hub_arrivals().items()}
