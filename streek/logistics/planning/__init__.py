"""Route planning core of the logistics app: problem in, routes out (PyVRP), no database.

The lead's models (Depot, Vehicle, Plan, Route, Stop) build a `Problem` and store a `PlanResult`.
"""

from .distances import EuclideanBackend, HaversineBackend, Matrices, OsrmBackend, default_backend, matrices_for
from .problem import Depot, Problem, Stop, StopKind, TimeWindow, VehicleRef, VehicleType
from .result import PlanResult, Route, Trip, UnplannedReason, UnplannedStop, Violation, ViolationKind, Visit
from .solver import plan_solve

__all__ = [
    "Depot",
    "EuclideanBackend",
    "HaversineBackend",
    "Matrices",
    "OsrmBackend",
    "PlanResult",
    "Problem",
    "Route",
    "Stop",
    "StopKind",
    "TimeWindow",
    "Trip",
    "UnplannedReason",
    "UnplannedStop",
    "VehicleRef",
    "VehicleType",
    "Violation",
    "ViolationKind",
    "Visit",
    "default_backend",
    "matrices_for",
    "plan_solve",
]
