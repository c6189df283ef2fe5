"""Build the planning problem of a plan from the orders of its cycles, the hubs' depots and their vehicles.

- A collection at each producer with lines in the cycles: its kg and crates summed over the lines, within the
  producer's ready window (CycleProducer.ready_from/ready_until), chilled when a line is chilled or frozen.
- A delivery to each pickup point (one stop per point for the day, the orders summed), before the first
  pickup slot there starts.
- A delivery to each order delivered at home or at a business, within its zone's delivery hours that day.
- Stops without a position are left out with their reason. Locks from the previous version carry over.
- Same-day cross-docking: each delivery waits for the collections of the producers whose lines it carries, so
  it leaves the hub only once they are back there (see ADR 0009).

The same lines give the solo baseline: each producer driving its own orders to their destinations.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from streek.catalog.choices import COLD_CHAIN_TEMPERATURES
from streek.core.geo import Point
from streek.orders.choices import CycleStatus, FulfilmentMethod, OrderStatus
from streek.orders.models import CycleProducer, OrderCycle, OrderLine

from ..choices import StopKind, StopUnplannedReason
from ..models import Depot, Plan, Stop, Vehicle
from ..planning import problem as planning
from ..planning.savings import SoloOrder, SoloProducer

PLANNABLE_CYCLE_STATUSES = (CycleStatus.PUBLISHED, CycleStatus.CLOSED)
SKIPPED_ORDER_STATUSES = (OrderStatus.CANCELLED, OrderStatus.DELIVERED)


def depot_key(depot_id: int) -> str:
    return f"depot:{depot_id}"


def vehicle_key(vehicle_id: int) -> str:
    return f"vehicle:{vehicle_id}"


def collection_key(producer_id: int) -> str:
    return f"collect:{producer_id}"


def vehicle_id_of(key: str) -> int:
    return int(key.split(":", 1)[1])


@dataclass
class StopSpec:
    """What is stored for a stop, beside what the planner needs."""

    key: str
    kind: StopKind
    name: str
    address: str = ""
    position: Point | None = None
    window_start: datetime | None = None
    window_end: datetime | None = None
    service_minutes: int = 0
    kg: Decimal = Decimal("0")
    crates: int = 0
    deposit: Decimal = Decimal("0")
    needs_cooling: bool = False
    items: dict[str, Decimal] = field(default_factory=dict)  # what to load or unload: text -> quantity
    producer_id: int | None = None
    order_id: int | None = None
    pickup_point_id: int | None = None
    locked_vehicle_id: int | None = None
    producer_ids: set[int] = field(default_factory=set)  # whose goods this stop loads or unloads

    @property
    def waits_for(self) -> tuple[str, ...]:
        """A delivery waits for the collections of the producers whose goods it carries."""
        if self.kind != StopKind.DELIVERY:
            return ()
        return tuple(collection_key(producer_id) for producer_id in sorted(self.producer_ids))

    def item_rows(self) -> list[dict[str, str]]:
        return [{"text": text, "quantity": _number(quantity)} for text, quantity in sorted(self.items.items())]


@dataclass(frozen=True)
class PlanInput:
    """The planner's problem, the stops as they will be stored, what was left out before planning, the baseline."""

    problem: planning.Problem
    specs: dict[str, StopSpec]
    left_out: dict[str, StopUnplannedReason]
    solo: tuple[SoloProducer, ...]
    depots: dict[str, Depot]
    vehicles: dict[str, Vehicle]


def _number(value: Decimal) -> str:
    """2, 2.5 or 0.25: without trailing zeros and never in exponent notation."""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def day_origin(day: date) -> datetime:
    """Midnight of the day in the platform's time zone: the zero of the planner's seconds."""
    return timezone.make_aware(datetime.combine(day, time.min))


def _seconds(origin: datetime, moment: datetime) -> int:
    return int((moment - origin).total_seconds())


def _clock(value: time) -> int:
    return value.hour * 3600 + value.minute * 60 + value.second


def _address(street: str, postal_code: str, locality: str) -> str:
    return ", ".join(part for part in (street, f"{postal_code} {locality}".strip()) if part)


def _point(lat: float | None, lon: float | None) -> Point | None:
    return Point(lat, lon) if lat is not None and lon is not None else None


def _ready_window(exchanges: Iterable[CycleProducer]) -> tuple[datetime | None, datetime | None]:
    """A producer's ready window over the cycles of the day: ready when everything is, until the earliest end."""
    starts = [e.ready_from for e in exchanges if e.ready_from is not None]
    ends = [e.ready_until for e in exchanges if e.ready_until is not None]
    start = max(starts) if starts else None
    end = min(ends) if ends else None
    if start is not None and end is not None and end < start:
        end = max(max(ends), start)  # windows that do not overlap: until the latest end
    return start, end


def plan_lines(*, cycles: Iterable[OrderCycle]) -> list[OrderLine]:
    """The order lines to move: not out of stock, of orders neither cancelled nor already delivered."""
    return list(
        OrderLine.objects.filter(order__cycle__in=list(cycles), is_out_of_stock=False)
        .exclude(order__status__in=SKIPPED_ORDER_STATUSES)
        .select_related(
            "producer",
            "variant__product",
            "order__delivery_zone",
            "order__pickup_slot__pickup_point",
            "order__buyer_organisation",
            "order__buyer",
        )
        .order_by("order_id", "pk")
    )


def _on_the_day(day: date, start: datetime | None, end: datetime | None) -> tuple[datetime | None, datetime | None]:
    """A ready window that ends before the plan's day (goods ready the day before) moves to the same hours that day.

    The plan covers one day: the goods waiting at the farm are collected on it, within the producer's usual hours,
    so that the deliveries carrying them can wait for them (same-day cross-docking).
    """
    if end is None or timezone.localtime(end).date() >= day:
        return start, end
    shift = timedelta(days=(day - timezone.localtime(end).date()).days)
    return (None if start is None else start + shift), end + shift


def _collection_specs(
    lines: list[OrderLine], exchanges: dict[int, list[CycleProducer]], minutes: int, day: date
) -> dict[str, StopSpec]:
    specs: dict[str, StopSpec] = {}
    for line in lines:
        producer = line.producer
        key = collection_key(producer.pk)
        spec = specs.get(key)
        if spec is None:
            start, end = _on_the_day(day, *_ready_window(exchanges.get(producer.pk, [])))
            spec = specs[key] = StopSpec(
                key=key,
                kind=StopKind.COLLECTION,
                name=producer.name,
                address=_address(producer.street, producer.postal_code, producer.locality),
                position=_point(producer.lat, producer.lon),
                window_start=start,
                window_end=end,
                service_minutes=minutes,
                producer_id=producer.pk,
            )
        _add_line(spec, line)
    return specs


def _add_line(spec: StopSpec, line: OrderLine, *, text: str | None = None, quantity: Decimal | None = None) -> None:
    spec.kg += line.weight_kg or Decimal("0")
    spec.crates += line.crates
    spec.deposit += line.crate_deposit
    spec.producer_ids.add(line.producer_id)
    spec.needs_cooling = spec.needs_cooling or line.variant.product.storage_temperature in COLD_CHAIN_TEMPERATURES
    label = text if text is not None else line.description
    amount = quantity if quantity is not None else (line.final_quantity or Decimal(line.quantity))
    spec.items[label] = spec.items.get(label, Decimal("0")) + amount


def _delivery_specs(lines: list[OrderLine], day: date, minutes: int) -> dict[str, StopSpec]:
    specs: dict[str, StopSpec] = {}
    for line in lines:
        order = line.order
        if order.fulfilment_method == FulfilmentMethod.PICKUP and order.pickup_slot is not None:
            slot = order.pickup_slot
            point = slot.pickup_point
            key = f"pickup:{point.pk}"
            spec = specs.get(key)
            if spec is None:
                spec = specs[key] = StopSpec(
                    key=key,
                    kind=StopKind.DELIVERY,
                    name=point.name,
                    address=_address(point.street, point.postal_code, point.locality),
                    position=_point(point.lat, point.lon),
                    window_end=slot.starts_at,
                    service_minutes=minutes,
                    pickup_point_id=point.pk,
                )
            if spec.window_end is None or slot.starts_at < spec.window_end:
                spec.window_end = slot.starts_at
            _add_line(spec, line, text=order.reference, quantity=Decimal(line.quantity))
            continue
        key = f"order:{order.pk}"
        spec = specs.get(key)
        if spec is None:
            buyer = order.buyer_organisation.name if order.buyer_organisation else order.buyer.get_full_name()
            zone = order.delivery_zone
            start = end = None
            if zone is not None and zone.delivery_from is not None:
                start = timezone.make_aware(datetime.combine(day, zone.delivery_from))
            if zone is not None and zone.delivery_until is not None:
                end = timezone.make_aware(datetime.combine(day, zone.delivery_until))
            spec = specs[key] = StopSpec(
                key=key,
                kind=StopKind.DELIVERY,
                name=f"{order.reference} {buyer}".strip(),
                address=_address(order.delivery_street, order.delivery_postal_code, order.delivery_locality),
                position=_point(order.lat, order.lon),
                window_start=start,
                window_end=end,
                service_minutes=minutes,
                order_id=order.pk,
            )
        _add_line(spec, line)
    return specs


def _solo(lines: list[OrderLine]) -> tuple[SoloProducer, ...]:
    """Each producer's own orders: to the pickup point or the buyer's address, kg per destination."""
    farms: dict[int, Point] = {}
    kg: dict[int, dict[Point, float]] = defaultdict(lambda: defaultdict(float))
    for line in lines:
        farm = _point(line.producer.lat, line.producer.lon)
        order = line.order
        if order.pickup_slot is not None:
            point = order.pickup_slot.pickup_point
            destination = _point(point.lat, point.lon)
        else:
            destination = _point(order.lat, order.lon)
        if farm is None or destination is None:
            continue
        farms[line.producer_id] = farm
        kg[line.producer_id][destination] += float(line.weight_kg or 0)
    return tuple(
        SoloProducer(
            key=str(producer_id),
            farm=farms[producer_id],
            orders=tuple(SoloOrder(destination, amount) for destination, amount in kg[producer_id].items()),
        )
        for producer_id in sorted(kg)
    )


def _window(origin: datetime, spec: StopSpec) -> planning.TimeWindow | None:
    if spec.window_start is None and spec.window_end is None:
        return None
    start = 0 if spec.window_start is None else max(0, _seconds(origin, spec.window_start))
    end = 7 * 24 * 3600 if spec.window_end is None else _seconds(origin, spec.window_end)
    return planning.TimeWindow(start, max(start, end))


def plan_locks(*, plan: Plan) -> dict[str, int]:
    """Stops the dispatcher locked in the previous version: stop key -> vehicle id."""
    if plan.parent_id is None:
        return {}
    locked = Stop.objects.filter(plan_id=plan.parent_id, is_locked=True, route__vehicle__isnull=False)
    return dict(locked.values_list("key", "route__vehicle_id"))


def plan_input_build(*, plan: Plan) -> PlanInput:
    """The problem to solve for a plan, from its cycles, hubs and the locks of its previous version."""
    origin = day_origin(plan.day)
    cycles = list(plan.cycles.filter(status__in=PLANNABLE_CYCLE_STATUSES))
    hub_ids = set(plan.hubs.values_list("pk", flat=True)) | {plan.hub_id}
    lines = plan_lines(cycles=cycles)
    exchanges: dict[int, list[CycleProducer]] = defaultdict(list)
    for exchange in CycleProducer.objects.filter(cycle__in=cycles):
        exchanges[exchange.producer_id].append(exchange)
    specs = _collection_specs(lines, exchanges, plan.collection_minutes, plan.day)
    specs.update(_delivery_specs(lines, plan.day, plan.delivery_minutes))

    depots = {depot_key(d.pk): d for d in Depot.objects.filter(hub_id__in=hub_ids, is_active=True).order_by("pk")}
    vehicles = {
        vehicle_key(v.pk): v
        for v in Vehicle.objects.filter(hub_id__in=hub_ids, is_active=True, depot__is_active=True).order_by("pk")
    }
    locks = plan_locks(plan=plan)
    left_out: dict[str, StopUnplannedReason] = {}
    stops: list[planning.Stop] = []
    for key, spec in specs.items():
        spec.locked_vehicle_id = locks.get(key)
        if spec.position is None:
            left_out[key] = StopUnplannedReason.NO_POSITION
            continue
        if not vehicles:
            left_out[key] = StopUnplannedReason.NO_VEHICLE
            continue
        locked_to = None
        if spec.locked_vehicle_id is not None:
            locked_to = planning.VehicleRef(vehicle_key(spec.locked_vehicle_id), 0)
        stops.append(
            planning.Stop(
                key=key,
                kind=spec.kind,
                position=spec.position,
                demand_kg=float(spec.kg),
                demand_crates=spec.crates,
                window=_window(origin, spec),
                service_seconds=spec.service_minutes * 60,
                needs_cooling=spec.needs_cooling,
                locked_to=locked_to,
                label=spec.name,
                after=spec.waits_for,
            )
        )
    problem = planning.Problem.build(
        depots=[
            planning.Depot(
                key=key,
                position=Point(depot.lat, depot.lon),
                opens=_clock(depot.opens),
                closes=_clock(depot.closes),
                reload_seconds=depot.reload_minutes * 60,
            )
            for key, depot in depots.items()
        ],
        vehicle_types=[
            planning.VehicleType(
                key=key,
                depot=depot_key(vehicle.depot_id),
                capacity_kg=float(vehicle.capacity_kg),
                capacity_crates=vehicle.capacity_crates,
                cooled=vehicle.is_cooled,
                cost_per_km=vehicle.cost_per_km,
                cost_per_hour=vehicle.cost_per_hour,
                shift_start=_clock(vehicle.shift_start),
                shift_end=_clock(vehicle.shift_end),
                count=1,
                max_reloads=vehicle.max_trips - 1,
                co2_kg_per_km=None if vehicle.co2_kg_per_km is None else float(vehicle.co2_kg_per_km),
                name=vehicle.name,
            )
            for key, vehicle in vehicles.items()
        ],
        stops=stops,
        origin=origin,
        name=str(plan),
    )
    return PlanInput(
        problem=problem, specs=specs, left_out=left_out, solo=_solo(lines), depots=depots, vehicles=vehicles
    )
