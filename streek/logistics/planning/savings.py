"""What the shared rounds save against every producer delivering its own orders alone.

The baseline: each producer drives one closed tour from its farm through the destinations of its own orders
and back (the shortest tour found by `tour.closed_tour`), in its own car or van, with the same distance
backend as the plan. Compared per plan: km, hours, estimated CO2 and food-km per kg delivered (vehicle km
divided by kg delivered: the lower the better).
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings

from streek.core.geo import Point

from .distances import DistanceBackend, default_backend, matrices_for
from .result import PlanResult
from .tour import closed_tour, tour_length


@dataclass(frozen=True)
class SoloOrder:
    destination: Point
    kg: float


@dataclass(frozen=True)
class SoloProducer:
    key: str
    farm: Point
    orders: tuple[SoloOrder, ...]


@dataclass(frozen=True)
class SoloTour:
    producer_key: str
    destinations: tuple[Point, ...]  # in driving order, from and back to the farm
    distance_m: int
    duration_s: int


@dataclass(frozen=True)
class Footprint:
    km: float
    hours: float
    co2_kg: float
    kg_delivered: float
    vehicles: int

    @property
    def km_per_kg(self) -> float:
        """Food-km per kg delivered: vehicle kilometres per kilogram of food brought to its buyer."""
        return self.km / self.kg_delivered if self.kg_delivered else 0.0


@dataclass(frozen=True)
class SavingsReport:
    shared: Footprint
    solo: Footprint
    tours: tuple[SoloTour, ...]

    @property
    def saved_km(self) -> float:
        return self.solo.km - self.shared.km

    @property
    def saved_hours(self) -> float:
        return self.solo.hours - self.shared.hours

    @property
    def saved_co2_kg(self) -> float:
        return self.solo.co2_kg - self.shared.co2_kg

    @property
    def saved_km_percent(self) -> float:
        return 100 * self.saved_km / self.solo.km if self.solo.km else 0.0


def solo_tour(*, producer: SoloProducer, backend: DistanceBackend, stop_seconds: int) -> SoloTour:
    destinations = list(dict.fromkeys(order.destination for order in producer.orders))
    if not destinations:
        return SoloTour(producer.key, (), 0, 0)
    matrices = matrices_for(backend, [producer.farm, *destinations])
    order = closed_tour(matrices.distance_m)
    distance = tour_length(matrices.distance_m, order)
    duration = tour_length(matrices.duration_s, order) + stop_seconds * len(destinations)
    return SoloTour(producer.key, tuple(destinations[k - 1] for k in order), distance, duration)


def savings_compute(
    *,
    plan: PlanResult,
    producers: Sequence[SoloProducer],
    backend: DistanceBackend | None = None,
    stop_seconds: int = 300,
    solo_co2_kg_per_km: float | None = None,
) -> SavingsReport:
    """Compare the planned shared rounds with the solo baseline of the same orders."""
    backend = backend or default_backend()
    co2_per_km = (
        solo_co2_kg_per_km if solo_co2_kg_per_km is not None else float(getattr(settings, "ROUTING_CO2_KG_PER_KM", 0.2))
    )
    kg = sum(order.kg for producer in producers for order in producer.orders)
    tours = tuple(solo_tour(producer=p, backend=backend, stop_seconds=stop_seconds) for p in producers)
    solo_km = sum(tour.distance_m for tour in tours) / 1000
    solo = Footprint(
        km=solo_km,
        hours=sum(tour.duration_s for tour in tours) / 3600,
        co2_kg=solo_km * co2_per_km,
        kg_delivered=kg,
        vehicles=sum(1 for tour in tours if tour.destinations),
    )
    shared = Footprint(km=plan.km, hours=plan.hours, co2_kg=plan.co2_kg, kg_delivered=kg, vehicles=len(plan.routes))
    return SavingsReport(shared=shared, solo=solo, tours=tours)
