"""plan_run with same-day cross-docking: deliveries leave the hub only after their producers' goods are in."""

from datetime import time

import pytest

from streek.logistics.choices import StopKind, StopUnplannedReason
from streek.logistics.models import Plan, Stop
from streek.logistics.services.plans import plan_run

from ..factories import DAY, Day, VehicleFactory, at, day_setup, join, order, pickup_slot, producer_at, zone

pytestmark = pytest.mark.django_db


def queued(day: Day) -> Plan:
    plan = Plan.objects.create(hub=day.hub, day=DAY, time_limit_seconds=1)
    plan.hubs.set([day.hub])
    plan.cycles.set([day.cycle])
    return plan


def assert_no_delivery_before_its_goods(plan: Plan) -> None:
    stops = {stop.key: stop for stop in Stop.objects.filter(plan=plan)}
    for stop in stops.values():
        if stop.kind != StopKind.DELIVERY or stop.route_id is None:
            continue
        assert stop.waits_for, stop.key
        assert stop.goods_ready_at is not None and stop.arrival_at is not None
        for key in stop.waits_for:
            collection = stops[key]
            assert collection.hub_arrival_at is not None
            assert collection.hub_arrival_at <= stop.goods_ready_at
        # every stop of the trip that carries these goods comes after they are ready
        trip = [s for s in stops.values() if s.route_id == stop.route_id and s.trip == stop.trip]
        assert all(s.arrival_at is not None and s.arrival_at > stop.goods_ready_at for s in trip)


def test_deliveries_wait_for_the_collections_of_the_producers_whose_goods_they_carry():
    # given three farms, a pickup point with goods of two of them and a home delivery from the third, two vans
    day = day_setup()
    VehicleFactory(depot=day.depot, is_cooled=False)
    farms = [producer_at(50.85, 5.10), producer_at(50.78, 5.22), producer_at(50.88, 5.25)]
    for farm in farms:
        join(day, farm, ready=(7, 12))
    slot = pickup_slot(day, starts=16)
    order(day, lines=[(farms[0], "30", 3), (farms[1], "10", 1)], slot=slot)
    home = order(day, lines=[(farms[2], "5", 1)], position=(50.83, 5.20))
    # when
    plan = plan_run(plan_id=queued(day).pk)
    # then everything is planned, each delivery knows its collections, none leaves before their goods are in
    assert plan.is_feasible
    pickup = Stop.objects.get(plan=plan, key=f"pickup:{slot.pickup_point_id}")
    assert pickup.waits_for == sorted([f"collect:{farms[0].pk}", f"collect:{farms[1].pk}"])
    assert Stop.objects.get(plan=plan, key=f"order:{home.pk}").waits_for == [f"collect:{farms[2].pk}"]
    assert not Stop.objects.filter(plan=plan, route__isnull=True).exists()
    assert_no_delivery_before_its_goods(plan)


def test_a_delivery_due_before_its_producer_is_ready_is_unplanned_with_the_reason():
    # given a farm ready only from 14:00 and a home delivery window from 9:00 to 11:00
    day = day_setup()
    farm = producer_at(50.85, 5.10)
    join(day, farm, ready=(14, 16))
    home = order(
        day, lines=[(farm, "5", 1)], position=(50.83, 5.20), delivery_zone=zone(day, start=time(9), end=time(11))
    )
    # when
    plan = plan_run(plan_id=queued(day).pk)
    # then the farm is collected, the delivery is reported, not delivered before its goods
    assert not plan.is_feasible
    delivery = Stop.objects.get(plan=plan, key=f"order:{home.pk}")
    assert delivery.route_id is None
    assert delivery.unplanned_reason == StopUnplannedReason.GOODS_TOO_LATE
    collection = Stop.objects.get(plan=plan, key=f"collect:{farm.pk}")
    assert collection.route_id is not None and collection.hub_arrival_at is not None
    assert collection.hub_arrival_at >= at(14)


def test_a_delivery_whose_producer_has_no_position_waits_for_nothing_that_comes():
    # given a producer without coordinates
    day = day_setup()
    farm = producer_at(50.85, 5.10)
    farm.lat = farm.lon = None
    farm.save()
    slot = pickup_slot(day)
    order(day, lines=[(farm, "5", 1)], slot=slot)
    # when
    plan = plan_run(plan_id=queued(day).pk)
    # then both are reported: the collection without position, the delivery without its goods
    reasons = dict(Stop.objects.filter(plan=plan).values_list("kind", "unplanned_reason"))
    assert reasons == {
        StopKind.COLLECTION: StopUnplannedReason.NO_POSITION,
        StopKind.DELIVERY: StopUnplannedReason.GOODS_NOT_COLLECTED,
    }
