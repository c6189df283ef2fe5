"""plan_check: a plan re-timed from its stored stops and checked by plan_verify, one warning per broken rule."""

from datetime import time
from decimal import Decimal

import pytest
from django.utils import translation

from streek.logistics.models import Plan, Route, Stop
from streek.logistics.selectors.plan_check import PlanCheck, plan_check, plan_detail_check
from streek.logistics.selectors.plans import plan_detail

from ..dispatch import add_stop, dispatch_plan
from ..factories import at

pytestmark = pytest.mark.django_db


def check_of(plan: Plan) -> PlanCheck:
    routes = list(Route.objects.filter(plan=plan).select_related("vehicle__depot", "depot"))
    with translation.override("en"):
        return plan_check(plan=plan, routes=routes, stops=Stop.objects.filter(plan=plan))


def put(stop: Stop, route: Route, *, sequence: int = 9, trip: int = 0) -> None:
    Stop.objects.filter(pk=stop.pk).update(route=route, sequence=sequence, trip=trip, unplanned_reason="")


def kinds(check: PlanCheck) -> list[str]:
    return sorted(warning.kind for warning in check.warnings)


def test_the_plan_as_stored_breaks_nothing_and_keeps_its_times():
    # given a plan written as the solver would have left it
    dispatch = dispatch_plan()
    # when
    check = check_of(dispatch.plan)
    # then no warning, and each trip leaves when it left
    assert check.warnings == []
    cooled = check.timed[dispatch.cooled.pk]
    assert check.at(cooled.trips[0].departure) == at(8)
    assert check.at(cooled.visits[1].start) == at(9.2)  # the shop, first stop of the second trip
    assert check.at(check.timed[dispatch.dry.pk].start) == at(7)


def test_a_delivery_on_a_trip_leaving_before_its_goods_are_in_names_the_collection_route_and_the_time():
    # given the shop's goods come back with route 1 around 08:35; route 2 leaves at 07:00
    dispatch = dispatch_plan()
    put(dispatch.shop, dispatch.dry)
    # when
    check = check_of(dispatch.plan)
    # then
    [warning] = check.warnings
    assert warning.kind == "goods_not_ready"
    assert (warning.route_id, warning.stop_id) == (dispatch.dry.pk, dispatch.shop.pk)
    back = check.at(check.timed[dispatch.cooled.pk].trips[0].arrival)
    assert warning.message.startswith("Leaves the hub at 07:00, before the goods of Buurtwinkel are in")
    assert f"collection route 1 is back at {back:%H:%M}" in warning.message
    assert check.at(check.ready["pickup:1"]) == back + (at(0.25) - at(0))  # + 15 min to unload and reload


@pytest.mark.parametrize(
    ("capacity", "message"),
    [
        ({"dry_kg": "25"}, "Over capacity on trip 1: 40 kg on board, the vehicle carries 25 kg."),
        ({"dry_crates": 2}, "Over capacity on trip 1: 4 crates on board, the vehicle takes 2."),
    ],
)
def test_more_load_than_the_vehicle_takes_says_kg_or_crates(capacity, message):
    # given the dry van with a small capacity, and the shop's 30 kg / 3 crates put on it next to 10 kg / 1 crate
    dispatch = dispatch_plan(**capacity)
    Stop.objects.filter(pk=dispatch.shop.pk).update(waits_for=[])
    put(dispatch.shop, dispatch.dry)
    # when
    check = check_of(dispatch.plan)
    # then a warning on the route as a whole
    [warning] = check.warnings
    assert (warning.kind, warning.stop_id, warning.route_id) == ("overloaded", None, dispatch.dry.pk)
    assert warning.message == message
    assert check.route_warnings(dispatch.dry.pk) == [warning]


def test_a_stop_reached_after_its_window_says_when_and_by_how_much():
    # given the restaurant must be served by 09:00 and goes last on route 1, whose second trip leaves ~09:09
    dispatch = dispatch_plan()
    Stop.objects.filter(pk=dispatch.restaurant.pk).update(window_end=at(9))
    put(dispatch.restaurant, dispatch.cooled, trip=1)
    # when
    check = check_of(dispatch.plan)
    # then
    [warning] = check.warnings
    assert (warning.kind, warning.stop_id) == ("late", dispatch.restaurant.pk)
    visit = next(v for v in check.timed[dispatch.cooled.pk].visits if v.stop_key == "order:1")
    reached = check.at(visit.start)
    minutes = int((reached - at(9)).total_seconds() // 60)
    assert warning.message == (
        f"Restaurant De Linde is reached at {reached:%H:%M}, {minutes} min after its window closes (09:00)."
    )


def test_a_route_too_long_for_the_drivers_shift_says_when_it_is_back():
    # given the dry van's driver stops at 07:30 and the farm, 20 minutes away, goes on its round
    dispatch = dispatch_plan(dry_shift_end=time(7, 30))
    Stop.objects.filter(pk=dispatch.shop.pk).update(waits_for=[])
    put(dispatch.farm, dispatch.dry)
    # when
    check = check_of(dispatch.plan)
    # then
    [warning] = check.warnings
    assert (warning.kind, warning.stop_id, warning.route_id) == ("shift_exceeded", None, dispatch.dry.pk)
    back = check.at(check.timed[dispatch.dry.pk].end)
    assert warning.message.startswith(f"Back at {back:%H:%M}: ")
    assert warning.message.endswith("min past the end of the shift (07:30).")


def test_a_stop_without_position_is_timed_where_the_van_is_and_flagged():
    dispatch = dispatch_plan()
    lost = add_stop(dispatch.plan, dispatch.dry, "order:9", name="Zonder adres", lat=None, lon=None, sequence=5)
    check = check_of(dispatch.plan)
    assert [(w.kind, w.stop_id) for w in check.warnings] == [("no_position", lost.pk)]


def test_the_plan_page_check_runs_only_for_an_edited_plan_and_sets_the_warnings_on_routes_and_stops(
    django_assert_num_queries,
):
    # given an edited plan whose shop is on the early dry round
    dispatch = dispatch_plan()
    put(dispatch.shop, dispatch.dry)
    detail = plan_detail(plan=dispatch.plan)
    # when the plan is as solved: nothing is computed
    assert plan_detail_check(plan=dispatch.plan, routes=detail.routes, unplanned=detail.unplanned) is None
    # when it was changed by hand: no query, warnings set where the page shows them
    Plan.objects.filter(pk=dispatch.plan.pk).update(is_edited=True)
    dispatch.plan.refresh_from_db()
    with django_assert_num_queries(0), translation.override("en"):
        check = plan_detail_check(plan=dispatch.plan, routes=detail.routes, unplanned=detail.unplanned)
    assert check is not None and kinds(check) == ["goods_not_ready"]
    dry = next(route for route in detail.routes if route.pk == dispatch.dry.pk)
    shop = next(stop for stop in dry.stops.all() if stop.pk == dispatch.shop.pk)
    assert [w.kind for w in shop.warnings] == ["goods_not_ready"]  # type: ignore[attr-defined]
    assert dry.warnings == []  # type: ignore[attr-defined]


def test_loads_are_read_from_the_stops_in_kg_with_tenths():
    dispatch = dispatch_plan(dry_kg="10.5")
    Stop.objects.filter(pk=dispatch.restaurant.pk).update(load_kg=Decimal("10.4"))
    assert check_of(dispatch.plan).warnings == []
