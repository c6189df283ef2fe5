from datetime import timedelta

import pytest
from django.utils import timezone

from streek.accounts.choices import MembershipRole
from streek.core.exceptions import ApplicationError, PermissionRefused
from streek.orders.choices import CycleStatus
from streek.orders.models import OrderCycle, OrderCycleSeries
from streek.orders.services.cycles import (
    order_cycle_cancel,
    order_cycle_series_create,
    order_cycle_series_generate,
    order_cycle_series_stop,
)
from streek.orders.tests.factories import CycleOfferFactory, OrderCycleFactory, PickupSlotFactory
from streek.orders.tests.hub_scenarios import member_of

pytestmark = pytest.mark.django_db


def template(**fields):
    """A published cycle, open now, with an offer and a pickup slot."""
    offer = CycleOfferFactory(**{f"exchange__cycle__{name}": value for name, value in fields.items()})
    PickupSlotFactory(cycle=offer.cycle)
    return offer.cycle


def weekly(cycle, weeks=4):
    return order_cycle_series_create(
        actor=member_of(cycle.hub),
        cycle=cycle,
        interval_weeks=1,
        repeat_until=cycle.fulfilment_date + timedelta(weeks=weeks),
    )


# order_cycle_series_create


def test_order_cycle_series_create_makes_the_cycle_the_template():
    cycle = template()

    series = order_cycle_series_create(
        actor=member_of(cycle.hub),
        cycle=cycle,
        interval_weeks=2,
        repeat_until=cycle.fulfilment_date + timedelta(weeks=8),
    )

    cycle.refresh_from_db()
    assert cycle.series == series
    assert (series.hub, series.template, series.interval_weeks, series.is_active) == (cycle.hub, cycle, 2, True)


@pytest.mark.parametrize(
    ("interval", "until_days", "field"),
    [(0, 60, "interval_weeks"), (53, 400, "interval_weeks"), (2, 13, "repeat_until"), (1, 800, "repeat_until")],
)
def test_order_cycle_series_create_refuses_wrong_intervals_and_ends(interval, until_days, field):
    cycle = template()

    with pytest.raises(ApplicationError) as error:
        order_cycle_series_create(
            actor=member_of(cycle.hub),
            cycle=cycle,
            interval_weeks=interval,
            repeat_until=cycle.fulfilment_date + timedelta(days=until_days),
        )

    assert error.value.extra["field"] == field
    assert not OrderCycleSeries.objects.exists()
    assert OrderCycle.objects.get(pk=cycle.pk).series is None


def test_order_cycle_series_create_refuses_a_second_schedule_a_cancelled_cycle_and_staff():
    scheduled = template()
    weekly(scheduled)
    cancelled = OrderCycleFactory(status=CycleStatus.CANCELLED)
    cycle = template()
    until = cycle.fulfilment_date + timedelta(weeks=4)

    with pytest.raises(ApplicationError, match="already repeats"):
        weekly(scheduled)
    with pytest.raises(ApplicationError, match="cancelled"):
        weekly(cancelled)
    with pytest.raises(PermissionRefused):
        order_cycle_series_create(
            actor=member_of(cycle.hub, MembershipRole.STAFF), cycle=cycle, interval_weeks=1, repeat_until=until
        )

    assert OrderCycleSeries.objects.count() == 1


# order_cycle_series_generate


def test_order_cycle_series_generate_makes_the_repetitions_and_publishes_them():
    cycle = template()
    series = weekly(cycle, weeks=4)

    made = order_cycle_series_generate(series=series)

    assert [c.fulfilment_date for c in made] == [cycle.fulfilment_date + timedelta(weeks=k) for k in range(1, 5)]
    assert {c.status for c in made} == {CycleStatus.PUBLISHED}
    assert all(c.series == series and c.cloned_from == cycle and c.offers.count() == 1 for c in made)


def test_order_cycle_series_generate_is_idempotent():
    series = weekly(template())
    order_cycle_series_generate(series=series)

    assert order_cycle_series_generate(series=series) == []
    assert OrderCycle.objects.filter(series=series).count() == 5


def test_order_cycle_series_generate_stops_at_the_horizon():
    cycle = template()
    series = weekly(cycle, weeks=10)

    made = order_cycle_series_generate(series=series, horizon=timedelta(weeks=2))

    assert len(made) == 2
    later = order_cycle_series_generate(
        series=series, horizon=timedelta(weeks=2), now=timezone.now() + timedelta(weeks=1)
    )
    assert [c.fulfilment_date for c in later] == [cycle.fulfilment_date + timedelta(weeks=3)]


def test_order_cycle_series_generate_skips_repetitions_that_already_closed():
    now = timezone.now()
    cycle = template(opens_at=now - timedelta(days=30), closes_at=now - timedelta(days=25))
    OrderCycle.objects.filter(pk=cycle.pk).update(fulfilment_date=(now - timedelta(days=24)).date())
    cycle.refresh_from_db()
    series = weekly(cycle, weeks=6)

    made = order_cycle_series_generate(series=series)

    assert all(c.closes_at > now for c in made)
    assert [c.fulfilment_date for c in made] == [cycle.fulfilment_date + timedelta(weeks=k) for k in (4, 5, 6)]


def test_order_cycle_series_generate_does_not_make_a_cancelled_repetition_again():
    cycle = template()
    series = weekly(cycle, weeks=2)
    first, _second = order_cycle_series_generate(series=series)
    order_cycle_cancel(actor=member_of(cycle.hub), cycle=first)

    assert order_cycle_series_generate(series=series) == []
    assert OrderCycle.objects.filter(series=series).count() == 3


def test_order_cycle_series_generate_keeps_drafts_of_a_draft_template():
    cycle = template(status=CycleStatus.DRAFT)

    made = order_cycle_series_generate(series=weekly(cycle, weeks=1))

    assert [c.status for c in made] == [CycleStatus.DRAFT]


def test_order_cycle_series_generate_leaves_a_repetition_that_cannot_be_published_as_a_draft():
    cycle = OrderCycleFactory()
    CycleOfferFactory(exchange__cycle=cycle)

    made = order_cycle_series_generate(series=weekly(cycle, weeks=1))

    assert [c.status for c in made] == [CycleStatus.DRAFT]


def test_order_cycle_series_generate_makes_nothing_for_a_stopped_schedule():
    cycle = template()
    series = weekly(cycle)
    order_cycle_series_stop(actor=member_of(cycle.hub), series=series)

    assert order_cycle_series_generate(series=series) == []
    assert OrderCycle.objects.count() == 1
