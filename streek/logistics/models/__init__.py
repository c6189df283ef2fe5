from .fleet import Depot, Driver, Vehicle
from .plan import Plan, Route, Stop

__all__ = ["Depot", "Driver", "Plan", "Route", "Stop", "Vehicle"]
