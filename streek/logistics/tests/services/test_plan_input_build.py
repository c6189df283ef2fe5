from datetime import time
from decimal import Decimal

import pytest

from streek.catalog.choices import StorageTemperature
from streek.logistics.choices import PlanStatus, StopKind, StopUnplannedReason
from streek.logistics.models import Plan, Route, Stop
from streek.logistics.planning import TimeWindow, VehicleRef
from streek.logistics.services.problem import day_origin, plan_input_build
from streek.orders.choices import OrderStatus
from streek.orders.models import OrderLine

from ..factories import DAY, Day, at, day_setup, join, order, pickup_slot, producer_at, zone

pytestmark = pytest.mark.django_db
HOUR = 3600


def plan_for(day: Day, **fields: object) -> Plan:
    plan = Plan.objects.create(hub=day.hub, day=DAY, time_limit_seconds=1, **fields)
    plan.hubs.set([day.hub])
    plan.cycles.set([day.cycle])
    return plan


def test_a_collection_per_producer_sums_kg_and_crates_within_its_ready_window():
    # given a producer with lines in two orders, ready from 8 to 11, one of its lines chilled
    day = day_setup()
    farm = producer_at(50.85, 5.10)
    join(day, farm, ready=(8, 11))
    slot = pickup_slot(day)
    order(day, lines=[(farm, "12.5", 2)], slot=slot)
    order(day, lines=[(farm, "7.5", 1)], slot=slot, temperature=StorageTemperature.CHILLED)
    # when
    built = plan_input_build(plan=plan_for(day))
    # then one collection stop carries the sums, the window and the cold chain
    stop = built.problem.stop(f"collect:{farm.pk}")
    assert stop.kind == StopKind.COLLECTION
    assert stop.demand_kg == 20.0
    assert stop.demand_crates == 3
    assert stop.needs_cooling is True
    assert stop.window == TimeWindow(8 * HOUR, 11 * HOUR)
    assert stop.service_seconds == 10 * 60
    spec = built.specs[stop.key]
    assert spec.deposit == Decimal("9.00")
    assert spec.producer_id == farm.pk
    assert built.problem.origin == day_origin(DAY)


def test_a_pickup_point_gets_one_delivery_with_every_order_summed_before_its_first_slot():
    # given two slots at the same point (16 h and 14 h) with three orders of two producers
    day = day_setup()
    farm, bakery = producer_at(50.85, 5.10), producer_at(50.80, 5.25)
    late = pickup_slot(day, starts=16)
    early = pickup_slot(day, point=late.pickup_point, starts=14)
    order(day, lines=[(farm, "10", 1), (bakery, "2", 0)], slot=late)
    order(day, lines=[(farm, "5", 1)], slot=early)
    order(day, lines=[(bakery, "3", 1)], slot=late)
    # when
    built = plan_input_build(plan=plan_for(day))
    # then
    stop = built.problem.stop(f"pickup:{late.pickup_point_id}")
    assert stop.kind == StopKind.DELIVERY
    assert stop.demand_kg == 20.0
    assert stop.demand_crates == 3
    assert stop.window == TimeWindow(0, 14 * HOUR)
    assert stop.needs_cooling is False
    assert [row["text"] for row in built.specs[stop.key].item_rows()] == sorted(o.reference for o in day.orders)
    assert {s.key for s in built.problem.stops} == {stop.key, f"collect:{farm.pk}", f"collect:{bakery.pk}"}


def test_a_home_delivery_is_one_stop_at_the_buyers_address_in_its_zones_hours():
    day = day_setup()
    farm = producer_at(50.85, 5.10)
    placed = order(
        day, lines=[(farm, "4", 1)], delivery_zone=zone(day, start=time(17), end=time(19)), position=(50.82, 5.19)
    )
    built = plan_input_build(plan=plan_for(day))
    stop = built.problem.stop(f"order:{placed.pk}")
    assert stop.position.lat == 50.82 and stop.position.lon == 5.19
    assert stop.window == TimeWindow(17 * HOUR, 19 * HOUR)
    assert stop.service_seconds == 5 * 60
    assert built.specs[stop.key].address == "Kerkstraat 5, 3800 Sint-Truiden"


def test_cancelled_orders_and_out_of_stock_lines_are_not_moved():
    day = day_setup()
    farm, other = producer_at(50.85, 5.10), producer_at(50.86, 5.12)
    slot = pickup_slot(day)
    order(day, lines=[(other, "9", 1)], slot=slot, status=OrderStatus.CANCELLED)
    kept = order(day, lines=[(farm, "4", 1), (other, "6", 1)], slot=slot)
    OrderLine.objects.filter(order=kept, producer=other).update(is_out_of_stock=True)
    built = plan_input_build(plan=plan_for(day))
    assert {s.key for s in built.problem.stops} == {f"collect:{farm.pk}", f"pickup:{slot.pickup_point_id}"}
    assert built.problem.stop(f"pickup:{slot.pickup_point_id}").demand_kg == 4.0


def test_stops_without_a_position_are_left_out_with_their_reason():
    day = day_setup()
    farm = producer_at(50.85, 5.10)
    placed = order(day, lines=[(farm, "4", 1)], position=None)
    built = plan_input_build(plan=plan_for(day))
    assert built.left_out == {f"order:{placed.pk}": StopUnplannedReason.NO_POSITION}
    assert [s.key for s in built.problem.stops] == [f"collect:{farm.pk}"]


def test_without_vehicles_every_stop_is_left_out_as_such():
    day = day_setup(vehicle=False)
    farm = producer_at(50.85, 5.10)
    order(day, lines=[(farm, "4", 1)], slot=pickup_slot(day))
    built = plan_input_build(plan=plan_for(day))
    assert built.problem.stops == ()
    assert set(built.left_out.values()) == {StopUnplannedReason.NO_VEHICLE}


def test_the_fleet_becomes_depots_and_vehicle_types_with_their_hours_and_trips():
    day = day_setup()
    day.vehicle.max_trips = 3
    day.vehicle.is_cooled = False
    day.vehicle.save()
    built = plan_input_build(plan=plan_for(day))
    (depot,) = built.problem.depots
    (van,) = built.problem.vehicle_types
    assert depot.opens == 6 * HOUR and depot.closes == 20 * HOUR and depot.reload_seconds == 15 * 60
    assert van.depot == depot.key
    assert van.capacity_kg == 800.0 and van.capacity_crates == 60
    assert van.max_reloads == 2 and van.cooled is False
    assert (van.shift_start, van.shift_end) == (6 * HOUR, 20 * HOUR)


def test_locked_stops_of_the_previous_version_stay_locked_to_their_vehicle():
    # given a finished plan where the dispatcher locked the farm's collection to the van
    day = day_setup()
    farm = producer_at(50.85, 5.10)
    order(day, lines=[(farm, "4", 1)], slot=pickup_slot(day))
    parent = plan_for(day, status=PlanStatus.DONE)
    route = Route.objects.create(plan=parent, number=1, vehicle=day.vehicle, vehicle_name="van", colour="#000000")
    Stop.objects.create(
        plan=parent, route=route, key=f"collect:{farm.pk}", kind=StopKind.COLLECTION, name="farm", is_locked=True
    )
    # when the next version is built
    built = plan_input_build(plan=plan_for(day, parent=parent, version=2))
    # then the stop is locked to that vehicle, the others are free
    assert built.problem.stop(f"collect:{farm.pk}").locked_to == VehicleRef(f"vehicle:{day.vehicle.pk}", 0)
    assert all(s.locked_to is None for s in built.problem.stops if s.kind == StopKind.DELIVERY)


def test_ready_windows_are_taken_from_the_cycles_of_the_day():
    day = day_setup()
    farm = producer_at(50.85, 5.10)
    join(day, farm, ready=(9, 12))
    other = day_setup(hub=day.hub)
    join(other, farm, ready=(10, 13))
    order(day, lines=[(farm, "4", 1)], slot=pickup_slot(day))
    order(other, lines=[(farm, "4", 1)], slot=pickup_slot(other))
    plan = plan_for(day)
    plan.cycles.add(other.cycle)
    built = plan_input_build(plan=plan)
    stop = built.problem.stop(f"collect:{farm.pk}")
    assert stop.window == TimeWindow(10 * HOUR, 12 * HOUR)
    assert stop.demand_kg == 8.0
    assert at(10) == built.specs[stop.key].window_start


def test_a_ready_window_the_day_before_moves_to_the_same_hours_on_the_plan_day():
    # given a producer ready for collection the day before, from 7 to 12
    day = day_setup()
    farm = producer_at(50.85, 5.10)
    join(day, farm, ready=(7 - 24, 12 - 24))
    order(day, lines=[(farm, "4", 1)], slot=pickup_slot(day))
    # when
    built = plan_input_build(plan=plan_for(day))
    # then the goods are collected on the plan's day in the same hours, and the delivery waits for them
    stop = built.problem.stop(f"collect:{farm.pk}")
    assert stop.window == TimeWindow(7 * HOUR, 12 * HOUR)
    assert built.specs[stop.key].window_start == at(7)
    delivery = next(s for s in built.problem.stops if s.kind == StopKind.DELIVERY)
    assert delivery.after == (stop.key,)
