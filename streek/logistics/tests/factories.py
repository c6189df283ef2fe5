"""Factories and scenarios for logistics: a hub's fleet and a closed cycle with orders to collect and deliver.

Orders and lines are written directly (not through the checkout) so each test states the kg, crates,
temperatures, windows and addresses it asserts on. Positions are around Sint-Truiden.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from streek.accounts.models import User
from streek.accounts.tests.factories import UserFactory
from streek.catalog.choices import StorageTemperature
from streek.catalog.models import Organisation
from streek.catalog.tests.factories import OrganisationFactory, ProductFactory, VariantFactory
from streek.logistics.models import Depot, Driver, Vehicle
from streek.orders.choices import ChannelKind, CycleStatus, FulfilmentMethod, OrderStatus
from streek.orders.models import (
    ChannelTerms,
    CycleOffer,
    CycleProducer,
    DeliveryZone,
    Order,
    OrderCycle,
    OrderLine,
    PickupPoint,
    PickupSlot,
    ProducerOrder,
)
from streek.orders.tests.factories import (
    DeliveryZoneFactory,
    HubFactory,
    OrderCycleFactory,
    PickupPointFactory,
)

DAY = date(2031, 3, 14)  # a Friday, far from today's cycles
HUB_POSITION = (50.8167, 5.1867)


def at(hour: float, day: date = DAY) -> datetime:
    """An aware moment on the planning day."""
    return timezone.make_aware(datetime.combine(day, time.min)) + timedelta(hours=hour)


class DepotFactory(DjangoModelFactory):
    class Meta:
        model = Depot

    hub = factory.SubFactory(HubFactory)
    name = factory.Sequence(lambda n: f"Depot {n}")
    street = "Stationsstraat 1"
    postal_code = "3800"
    locality = "Sint-Truiden"
    lat = HUB_POSITION[0]
    lon = HUB_POSITION[1]
    opens = time(6)
    closes = time(20)


class VehicleFactory(DjangoModelFactory):
    class Meta:
        model = Vehicle

    hub = factory.LazyAttribute(lambda o: o.depot.hub)
    depot = factory.SubFactory(DepotFactory)
    name = factory.Sequence(lambda n: f"Bestelwagen {n}")
    capacity_kg = Decimal("800")
    capacity_crates = 60
    is_cooled = True
    shift_start = time(6)
    shift_end = time(20)


class DriverFactory(DjangoModelFactory):
    class Meta:
        model = Driver

    hub = factory.SubFactory(HubFactory)
    user = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Chauffeur {n}")


@dataclass
class Day:
    """A hub with a depot and a cooled van, a closed cycle delivering on DAY, and the orders put in it."""

    hub: Organisation
    depot: Depot
    vehicle: Vehicle
    cycle: OrderCycle
    terms: ChannelTerms
    orders: list[Order] = field(default_factory=list)
    counter: int = 0


def day_setup(*, hub: Organisation | None = None, vehicle: bool = True, **cycle: Any) -> Day:
    hub = hub or HubFactory(lat=HUB_POSITION[0], lon=HUB_POSITION[1])
    depot = DepotFactory(hub=hub)
    van = VehicleFactory(depot=depot) if vehicle else None
    values: dict[str, Any] = {
        "hub": hub,
        "status": CycleStatus.CLOSED,
        "opens_at": at(-96),
        "closes_at": at(-24),
        "fulfilment_date": DAY,
    }
    values.update(cycle)
    order_cycle = OrderCycleFactory(**values)
    terms, _ = ChannelTerms.objects.get_or_create(hub=hub, kind=ChannelKind.CONSUMER)
    return Day(hub=hub, depot=depot, vehicle=van, cycle=order_cycle, terms=terms)  # type: ignore[arg-type]


def producer_at(lat: float, lon: float, **kwargs: Any) -> Organisation:
    return OrganisationFactory(
        lat=lat, lon=lon, street="Veldweg 3", postal_code="3800", locality="Sint-Truiden", **kwargs
    )


def join(day: Day, producer: Organisation, *, ready: tuple[float, float] | None = None) -> CycleProducer:
    exchange, _ = CycleProducer.objects.get_or_create(cycle=day.cycle, producer=producer)
    if ready is not None:
        exchange.ready_from, exchange.ready_until = at(ready[0]), at(ready[1])
        exchange.save()
    return exchange


def pickup_slot(day: Day, *, point: PickupPoint | None = None, starts: float = 16) -> PickupSlot:
    point = point or PickupPointFactory(hub=day.hub, lat=50.83, lon=5.21)
    return PickupSlot.objects.create(
        cycle=day.cycle, pickup_point=point, starts_at=at(starts), ends_at=at(starts + 2), capacity=50
    )


def zone(day: Day, *, start: time | None = time(17), end: time | None = time(20)) -> DeliveryZone:
    return DeliveryZoneFactory(hub=day.hub, delivery_from=start, delivery_until=end)


def order(
    day: Day,
    *,
    lines: list[tuple[Organisation, Decimal | str, int]],
    slot: PickupSlot | None = None,
    delivery_zone: DeliveryZone | None = None,
    position: tuple[float, float] | None = None,
    temperature: str = StorageTemperature.AMBIENT,
    status: str = OrderStatus.CONFIRMED,
    buyer: User | None = None,
) -> Order:
    """An order of the day's cycle with (producer, kg, crates) lines: at a pickup slot or delivered to `position`."""
    day.counter += 1
    buyer = buyer or UserFactory(first_name="An", last_name=f"Koper{day.counter}")
    pickup = slot is not None
    placed = Order.objects.create(
        reference=f"L-{day.cycle.pk}-{day.counter}",
        cycle=day.cycle,
        hub=day.hub,
        buyer=buyer,
        channel=day.terms.kind,
        terms=day.terms,
        status=status,
        payment_terms=day.terms.payment_terms,
        structured_communication="+++000/0000/00097+++",
        fulfilment_method=FulfilmentMethod.PICKUP if pickup else FulfilmentMethod.DELIVERY,
        pickup_slot=slot,
        delivery_zone=None if pickup else (delivery_zone or zone(day)),
        delivery_street="" if pickup else "Kerkstraat 5",
        delivery_postal_code="" if pickup else "3800",
        delivery_locality="" if pickup else "Sint-Truiden",
        lat=None if pickup or position is None else position[0],
        lon=None if pickup or position is None else position[1],
        idempotency_key=f"logistics-{day.cycle.pk}-{day.counter}",
        placed_at=at(-48),
    )
    for producer, kg, crates in lines:
        exchange = join(day, producer)
        product = ProductFactory(organisation=producer, storage_temperature=temperature)
        variant = VariantFactory(product=product)
        offer = CycleOffer.objects.create(
            cycle=day.cycle, exchange=exchange, variant=variant, producer_price=Decimal("2.00"), stock=None
        )
        producer_order, _ = ProducerOrder.objects.get_or_create(order=placed, cycle=day.cycle, producer=producer)
        OrderLine.objects.create(
            order=placed,
            producer_order=producer_order,
            offer=offer,
            variant=variant,
            producer=producer,
            description=f"{product.name_nl} {variant.name}",
            quantity=2,
            producer_unit_price=Decimal("2.00"),
            unit_price=Decimal("2.00"),
            vat_rate=Decimal("6.00"),
            amount=Decimal("4.00"),
            vat_amount=Decimal("0.24"),
            producer_amount=Decimal("4.00"),
            producer_share=Decimal("1"),
            intermediaries=1,
            weight_kg=Decimal(kg),
            crates=crates,
            crate_deposit=Decimal("3.00") * crates,
        )
    day.orders.append(placed)
    return placed
