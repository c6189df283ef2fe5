"""The logistics demo: a fleet and a planned day for the demo hub, fast, through the services, idempotent."""

import time
from collections.abc import Iterator
from typing import Any

import pytest

from streek.catalog.demo.generator import demo_delete, demo_load
from streek.catalog.demo.names import CUSTOM_REGIONS
from streek.logistics.choices import PlanStatus, StopKind
from streek.logistics.demo import (
    DRIVER_USERNAME,
    LogisticsDemoResult,
    logistics_demo_delete,
    logistics_demo_load,
    logistics_login_rows,
)
from streek.logistics.models import Depot, Driver, Plan, Stop, Vehicle
from streek.monitor.demo import monitor_demo_delete
from streek.orders.demo import trade_demo_delete, trade_demo_load
from streek.territory.models import CustomRegion


@pytest.fixture(scope="module")
def logistics_demo(django_db_setup: None, django_db_blocker: Any) -> Iterator[tuple[LogisticsDemoResult, float]]:
    with django_db_blocker.unblock():
        demo_load()
        trade_demo_load(seed=1)
        started = time.monotonic()
        result = logistics_demo_load(time_limit_seconds=1)
        seconds = time.monotonic() - started
        yield result, seconds
        logistics_demo_delete()
        monitor_demo_delete()  # the delivered demo orders appended sale facts, which outlive their orders
        trade_demo_delete()
        demo_delete()
        CustomRegion.objects.filter(slug__in=[slug for _name, slug, _text, _members in CUSTOM_REGIONS]).delete()


@pytest.mark.django_db
def test_the_demo_hub_gets_a_depot_two_vans_a_driver_and_a_planned_day(
    logistics_demo: tuple[LogisticsDemoResult, float],
) -> None:
    result, seconds = logistics_demo
    assert result.created
    assert seconds < 20
    assert Depot.objects.count() == 1 and Vehicle.objects.count() == 2
    driver = Driver.objects.get()
    assert driver.user.username == DRIVER_USERNAME and driver.user.check_password("streek-demo")
    plan = Plan.objects.get()
    assert plan.status == PlanStatus.DONE
    assert plan.routes.exists()
    assert plan.routes.filter(driver=driver).exists()
    planned = Stop.objects.filter(plan=plan, route__isnull=False)
    assert planned.filter(kind=StopKind.COLLECTION).exists() and planned.filter(kind=StopKind.DELIVERY).exists()
    for delivery in planned.filter(kind=StopKind.DELIVERY):
        assert delivery.waits_for and delivery.goods_ready_at is not None
    assert DRIVER_USERNAME in [row[0] for row in logistics_login_rows()]


@pytest.mark.django_db
def test_loading_again_changes_nothing(logistics_demo: tuple[LogisticsDemoResult, float]) -> None:
    counts = (Depot.objects.count(), Vehicle.objects.count(), Plan.objects.count())
    again = logistics_demo_load(time_limit_seconds=1)
    assert not again.created
    assert (Depot.objects.count(), Vehicle.objects.count(), Plan.objects.count()) == counts
