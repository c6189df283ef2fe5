"""monitor_backfill appends the facts of what is already in the database, idempotently; monitor_snapshot."""

import io

import pytest
from django.core.management import call_command

from streek.catalog.tests.factories import SalesPointFactory
from streek.monitor.models import CollaborationFact, SaleFact, SalesPointSnapshot
from streek.orders.services.orders import order_mark_delivered
from streek.orders.tests.buyer_scenarios import buyer_with_basket, checkout_pickup, organisation_member, shop_open

pytestmark = pytest.mark.django_db


def test_backfill_appends_missing_facts_and_running_it_again_changes_nothing():
    shop = shop_open()
    buyer, basket = buyer_with_basket(shop, {0: 1, 1: 2})
    order = order_mark_delivered(
        actor=organisation_member(shop.hub, role="manager"), order=checkout_pickup(shop, buyer, basket)
    )
    SaleFact.objects.all().delete()  # as if delivered before the monitor existed
    CollaborationFact.objects.all().delete()

    out = io.StringIO()
    call_command("monitor_backfill", "--no-progress", stdout=out)
    facts = list(SaleFact.objects.order_by("pk").values())
    call_command("monitor_backfill", "--no-progress", stdout=io.StringIO())

    assert len(facts) == order.lines.count() == 2
    assert list(SaleFact.objects.order_by("pk").values()) == facts
    assert CollaborationFact.objects.count() == 1
    assert "orders: 1 read" in out.getvalue()


def test_snapshot_command_takes_the_year_given():
    SalesPointFactory()

    call_command("monitor_snapshot", "--year", "2024", stdout=io.StringIO())

    assert SalesPointSnapshot.objects.filter(year=2024).count() == 1
