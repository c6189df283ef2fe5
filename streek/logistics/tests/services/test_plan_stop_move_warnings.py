"""plan_stop_move re-times the changed routes, stores the indicative times and returns what the move broke."""

from datetime import time

import pytest
from django.utils import translation

from streek.logistics.exceptions import PlanningRefused
from streek.logistics.models import Plan, Route, Stop
from streek.logistics.services.dispatch import plan_stop_move

from ..dispatch import dispatch_plan
from ..factories import at

pytestmark = pytest.mark.django_db


def test_a_delivery_moved_onto_a_round_leaving_before_its_goods_are_in_is_moved_with_a_warning():
    # given the shop's goods are back at the hub with route 1 around 08:35, route 2 leaves at 07:00
    dispatch = dispatch_plan()
    # when the dispatcher moves the shop onto route 2
    with translation.override("en"):
        moved = plan_stop_move(actor=dispatch.owner, stop=dispatch.shop, route=dispatch.dry)
    # then the move is made (a dispatcher may override) and says what it broke
    stop = Stop.objects.get(pk=dispatch.shop.pk)
    assert stop.route_id == dispatch.dry.pk and stop.is_locked and stop.sequence == 2
    assert [(w.kind, w.stop_id) for w in moved.warnings] == [("goods_not_ready", dispatch.shop.pk)]
    assert "collection route 1 is back at 08:35" in moved.warnings[0].message
    assert set(moved.route_ids) == {dispatch.cooled.pk, dispatch.dry.pk}
    # and the changed routes carry indicative times: the shop after the restaurant, route 1 without its trip 2
    restaurant = Stop.objects.get(pk=dispatch.restaurant.pk)
    assert stop.arrival_at is not None and restaurant.arrival_at is not None
    assert stop.arrival_at > restaurant.arrival_at
    dry, cooled = Route.objects.get(pk=dispatch.dry.pk), Route.objects.get(pk=dispatch.cooled.pk)
    assert dry.starts_at == at(7) and dry.kg_out == 40 and dry.crates_out == 4
    assert cooled.starts_at == at(8) and cooled.trips == 1 and cooled.kg_out == 0 and cooled.kg_back == 30
    assert cooled.ends_at is not None and cooled.ends_at < at(9)
    plan = Plan.objects.get(pk=dispatch.plan.pk)
    assert plan.is_edited and plan.total_km == dry.km + cooled.km


def test_a_collection_moved_to_a_later_round_warns_the_delivery_waiting_for_it_on_another_route():
    # given route 2 leaves late, at 10:00; the shop (route 1, trip 2 at ~09:09) waits for the farm's goods
    dispatch = dispatch_plan()
    Route.objects.filter(pk=dispatch.dry.pk).update(starts_at=at(10))
    Stop.objects.filter(pk=dispatch.restaurant.pk).update(arrival_at=at(10.1), window_end=at(14))
    # when the farm moves onto route 2
    with translation.override("en"):
        moved = plan_stop_move(actor=dispatch.owner, stop=dispatch.farm, route=Route.objects.get(pk=dispatch.dry.pk))
    # then the shop's route is warned: its goods now come back with route 2, after it leaves
    assert [(w.kind, w.route_id, w.stop_id) for w in moved.warnings] == [
        ("goods_not_ready", dispatch.cooled.pk, dispatch.shop.pk)
    ]
    assert "collection route 2 is back at 10:" in moved.warnings[0].message
    farm, shop = Stop.objects.get(pk=dispatch.farm.pk), Stop.objects.get(pk=dispatch.shop.pk)
    assert farm.hub_arrival_at is not None and farm.hub_arrival_at > at(10)
    assert shop.goods_ready_at is not None and shop.goods_ready_at > farm.hub_arrival_at


def test_a_move_within_the_rules_returns_no_warning():
    dispatch = dispatch_plan()
    Stop.objects.filter(pk=dispatch.restaurant.pk).update(needs_cooling=False)
    moved = plan_stop_move(actor=dispatch.owner, stop=dispatch.restaurant, route=dispatch.cooled)
    assert moved.warnings == []
    assert Stop.objects.get(pk=dispatch.restaurant.pk).trip == 1  # on the last trip of route 1
    assert Route.objects.get(pk=dispatch.dry.pk).starts_at is None  # route 2 is empty now


def test_overload_window_and_shift_are_returned_by_the_move():
    # given a small dry van whose driver stops at 07:30
    dispatch = dispatch_plan(dry_kg="20", dry_shift_end=time(7, 30))
    Stop.objects.filter(pk=dispatch.farm.pk).update(window_end=at(7.1))
    # when the farm (30 kg, ready until 07:06) goes on route 2 after the restaurant
    with translation.override("en"):
        moved = plan_stop_move(actor=dispatch.owner, stop=dispatch.farm, route=dispatch.dry)
    # then
    kinds = sorted((w.kind, w.route_id) for w in moved.warnings)
    assert ("overloaded", dispatch.dry.pk) in kinds
    assert ("late", dispatch.dry.pk) in kinds
    assert ("shift_exceeded", dispatch.dry.pk) in kinds
    assert Stop.objects.get(pk=dispatch.farm.pk).route_id == dispatch.dry.pk


def test_a_refused_move_changes_no_time():
    # given chilled goods and a van without cooling
    dispatch = dispatch_plan()
    Stop.objects.filter(pk=dispatch.shop.pk).update(needs_cooling=True)
    dispatch.shop.refresh_from_db()
    before = list(Stop.objects.filter(plan=dispatch.plan).order_by("pk").values())
    routes = list(Route.objects.filter(plan=dispatch.plan).order_by("pk").values())
    # when
    with pytest.raises(PlanningRefused):
        plan_stop_move(actor=dispatch.owner, stop=dispatch.shop, route=dispatch.dry)
    # then nothing changed
    assert list(Stop.objects.filter(plan=dispatch.plan).order_by("pk").values()) == before
    assert list(Route.objects.filter(plan=dispatch.plan).order_by("pk").values()) == routes
    assert not Plan.objects.get(pk=dispatch.plan.pk).is_edited
