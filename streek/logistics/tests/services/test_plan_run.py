from decimal import Decimal
from unittest import mock

import pytest

from streek.catalog.choices import StorageTemperature
from streek.logistics.choices import PlanStatus, StopKind, StopUnplannedReason
from streek.logistics.models import Plan, Stop, Vehicle
from streek.logistics.services.plans import plan_run

from ..factories import DAY, Day, VehicleFactory, day_setup, join, order, pickup_slot, producer_at

pytestmark = pytest.mark.django_db


def queued(day: Day, **fields: object) -> Plan:
    plan = Plan.objects.create(hub=day.hub, day=DAY, time_limit_seconds=1, **fields)
    plan.hubs.set([day.hub])
    plan.cycles.set([day.cycle])
    return plan


def test_routes_stops_times_loads_and_savings_are_stored():
    # given three producers delivering to one pickup point and one home address
    day = day_setup()
    farms = [producer_at(50.85, 5.10), producer_at(50.78, 5.22), producer_at(50.88, 5.25)]
    for farm in farms:
        join(day, farm, ready=(7, 12))
    slot = pickup_slot(day, starts=16)
    order(day, lines=[(farms[0], "30", 3), (farms[1], "10", 1)], slot=slot)
    home = order(day, lines=[(farms[2], "5", 1), (farms[0], "5", 0)], position=(50.83, 5.20))
    plan = queued(day)
    # when
    plan = plan_run(plan_id=plan.pk)
    # then every stop is on the one route, in order, timed, with loads, and the plan has its totals and savings
    assert plan.status == PlanStatus.DONE and plan.progress == 100 and plan.is_feasible
    (route,) = plan.routes.all()
    stops = list(route.stops.order_by("sequence"))
    assert [s.sequence for s in stops] == [1, 2, 3, 4, 5]
    assert {s.key for s in stops} == {f"collect:{f.pk}" for f in farms} | {f"pickup:{slot.pickup_point_id}"} | {
        f"order:{home.pk}"
    }
    times = [s.arrival_at for s in stops if s.arrival_at is not None]
    assert len(times) == 5 and times == sorted(times)
    assert route.starts_at is not None and route.ends_at is not None and stops[-1].departure_at is not None
    assert route.starts_at <= times[0] and route.ends_at >= stops[-1].departure_at
    pickup = next(s for s in stops if s.kind == StopKind.DELIVERY and s.pickup_point_id)
    assert pickup.load_kg == Decimal("40.0") and pickup.crates == 4 and pickup.deposit == Decimal("12.00")
    assert pickup.arrival_at is not None and pickup.arrival_at <= slot.starts_at
    assert route.kg_out == Decimal("50.00") and route.kg_back == Decimal("50.00")
    assert plan.total_km == route.km > 0
    assert plan.kg_delivered == Decimal("50.00")
    assert plan.solo_vehicles == 3
    assert plan.solo_km > 0 and plan.food_km_per_kg > 0 and plan.solo_food_km_per_kg > 0
    assert plan.finished_at is not None


def test_chilled_goods_without_a_cooled_vehicle_are_unplanned_with_the_reason():
    day = day_setup()
    day.vehicle.is_cooled = False
    day.vehicle.save()
    farm = producer_at(50.85, 5.10)
    order(day, lines=[(farm, "5", 1)], slot=pickup_slot(day), temperature=StorageTemperature.FROZEN)
    plan = plan_run(plan_id=queued(day).pk)
    assert plan.status == PlanStatus.DONE
    assert not plan.is_feasible
    reasons = dict(Stop.objects.filter(plan=plan).values_list("kind", "unplanned_reason"))
    assert reasons == {
        StopKind.COLLECTION: StopUnplannedReason.NO_COOLED_VEHICLE,
        StopKind.DELIVERY: StopUnplannedReason.GOODS_NOT_COLLECTED,
    }
    assert plan.routes.count() == 0


def test_what_does_not_fit_is_reported_not_overloaded():
    day = day_setup()
    day.vehicle.capacity_kg = Decimal("50")
    day.vehicle.save()
    farms = [producer_at(50.85, 5.10), producer_at(50.80, 5.25)]
    order(day, lines=[(farms[0], "40", 1)], slot=pickup_slot(day))
    order(day, lines=[(farms[1], "40", 1)], position=(50.83, 5.20))
    plan = plan_run(plan_id=queued(day).pk)
    unplanned = Stop.objects.filter(plan=plan, route__isnull=True)
    assert unplanned.exists()
    assert {s.unplanned_reason for s in unplanned} <= {
        StopUnplannedReason.DID_NOT_FIT,
        StopUnplannedReason.TOO_LARGE,
        StopUnplannedReason.GOODS_NOT_COLLECTED,  # a delivery whose collection did not fit
        StopUnplannedReason.NO_VEHICLE_AT_HUB,  # or whose van has no trip left after collecting
    }
    for route in plan.routes.all():
        assert all(s.on_board_kg <= 50 for s in route.stops.all())


def test_two_vans_share_the_work_in_different_colours():
    day = day_setup()
    VehicleFactory(depot=day.depot)
    Plan.objects.all().delete()
    for vehicle in Vehicle.objects.filter(hub=day.hub):
        vehicle.capacity_crates = 4
        vehicle.max_trips = 1
        vehicle.save()
    farms = [producer_at(50.85 + 0.01 * k, 5.10) for k in range(3)]
    order(day, lines=[(farm, "10", 2) for farm in farms], slot=pickup_slot(day))
    plan = plan_run(plan_id=queued(day).pk)
    routes = list(plan.routes.order_by("number"))
    assert len(routes) == 2
    assert routes[0].colour != routes[1].colour


def test_a_failure_is_recorded_on_the_plan():
    day = day_setup()
    plan = queued(day)
    with mock.patch("streek.logistics.services.plans.plan_solve", side_effect=RuntimeError("solver exploded")):
        plan = plan_run(plan_id=plan.pk)
    assert plan.status == PlanStatus.FAILED
    assert plan.error_message == "solver exploded"
    assert plan.routes.count() == 0


def test_a_plan_runs_only_once():
    day = day_setup()
    plan = queued(day, status=PlanStatus.DONE, progress=100)
    with mock.patch("streek.logistics.services.plans.plan_solve") as solve:
        plan_run(plan_id=plan.pk)
    solve.assert_not_called()


def test_progress_is_reported_while_solving():
    day = day_setup()
    farm = producer_at(50.85, 5.10)
    order(day, lines=[(farm, "4", 1)], slot=pickup_slot(day))
    plan = queued(day)
    seen: list[int] = []
    from streek.logistics.services import plans

    original = plans._progress

    def spy(plan_id: int):  # type: ignore[no-untyped-def]
        report = original(plan_id)

        def wrapped(fraction: float) -> None:
            report(fraction)
            seen.append(Plan.objects.get(pk=plan_id).progress)

        return wrapped

    with mock.patch.object(plans, "_progress", spy):
        plan_run(plan_id=plan.pk)
    assert seen and max(seen) <= 99
    assert Plan.objects.get(pk=plan.pk).progress == 100
