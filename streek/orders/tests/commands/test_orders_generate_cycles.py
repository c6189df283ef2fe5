from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command

from streek.orders.models import OrderCycle
from streek.orders.services.cycles import order_cycle_series_create, order_cycle_series_stop
from streek.orders.tests.factories import CycleOfferFactory, PickupSlotFactory
from streek.orders.tests.hub_scenarios import member_of

pytestmark = pytest.mark.django_db


def scheduled(weeks):
    offer = CycleOfferFactory()
    PickupSlotFactory(cycle=offer.cycle)
    owner = member_of(offer.cycle.hub)
    return owner, order_cycle_series_create(
        actor=owner,
        cycle=offer.cycle,
        interval_weeks=1,
        repeat_until=offer.cycle.fulfilment_date + timedelta(weeks=weeks),
    )


def test_orders_generate_cycles_makes_the_repetitions_of_active_schedules_once():
    scheduled(weeks=2)
    owner, stopped = scheduled(weeks=2)
    order_cycle_series_stop(actor=owner, series=stopped)
    out = StringIO()

    call_command("orders_generate_cycles", stdout=out)
    call_command("orders_generate_cycles", "--horizon-weeks", "1", stdout=out)

    assert OrderCycle.objects.filter(cloned_from__isnull=False).count() == 2
    assert "2 cycles made." in out.getvalue()
    assert out.getvalue().strip().endswith("0 cycles made.")
