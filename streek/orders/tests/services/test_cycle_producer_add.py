from datetime import timedelta
from decimal import Decimal

import pytest

from streek.catalog.choices import OrganisationKind
from streek.catalog.tests.factories import OrganisationFactory
from streek.core.exceptions import ApplicationError, PermissionRefused
from streek.orders.choices import CycleStatus
from streek.orders.models import CycleOffer, CycleProducer
from streek.orders.services.cycles import cycle_producer_add, cycle_producer_remove
from streek.orders.tests.factories import CycleOfferFactory, CycleProducerFactory, OrderCycleFactory
from streek.orders.tests.hub_scenarios import member_of

pytestmark = pytest.mark.django_db


def test_cycle_producer_add_lets_a_producer_take_part_with_a_ready_window():
    cycle = OrderCycleFactory(status=CycleStatus.DRAFT)
    farm = OrganisationFactory(kind=OrganisationKind.PRODUCER)
    ready = cycle.closes_at + timedelta(hours=12)

    exchange = cycle_producer_add(
        actor=member_of(cycle.hub), cycle=cycle, producer=farm, ready_from=ready, ready_until=ready + timedelta(hours=4)
    )

    exchange.refresh_from_db()
    assert (exchange.cycle, exchange.producer, exchange.ready_from) == (cycle, farm, ready)


def test_cycle_producer_add_again_changes_the_window_and_keeps_one_exchange():
    exchange = CycleProducerFactory()
    ready = exchange.cycle.closes_at

    cycle_producer_add(
        actor=member_of(exchange.cycle.hub), cycle=exchange.cycle, producer=exchange.producer, ready_from=ready
    )

    assert CycleProducer.objects.get().ready_from == ready


def test_cycle_producer_add_records_the_market_board_opt_in_and_adding_again_changes_it():
    exchange = CycleProducerFactory()
    hub_member = member_of(exchange.cycle.hub)

    cycle_producer_add(actor=hub_member, cycle=exchange.cycle, producer=exchange.producer, surplus_to_market=True)
    opted_in = CycleProducer.objects.get().surplus_to_market
    cycle_producer_add(actor=hub_member, cycle=exchange.cycle, producer=exchange.producer)

    assert (opted_in, CycleProducer.objects.get().surplus_to_market) == (True, False)


def test_cycle_producer_add_lets_the_hub_sell_its_own_goods():
    cycle = OrderCycleFactory()

    exchange = cycle_producer_add(actor=member_of(cycle.hub), cycle=cycle, producer=cycle.hub)

    assert exchange.producer == cycle.hub


def test_cycle_producer_add_refuses_a_buyer_organisation():
    cycle = OrderCycleFactory()

    with pytest.raises(ApplicationError) as error:
        cycle_producer_add(
            actor=member_of(cycle.hub), cycle=cycle, producer=OrganisationFactory(kind=OrganisationKind.HORECA)
        )

    assert error.value.extra["field"] == "producer"
    assert not CycleProducer.objects.exists()


def test_cycle_producer_add_refuses_a_window_that_ends_before_it_starts():
    cycle = OrderCycleFactory()
    ready = cycle.closes_at

    with pytest.raises(ApplicationError) as error:
        cycle_producer_add(
            actor=member_of(cycle.hub),
            cycle=cycle,
            producer=OrganisationFactory(),
            ready_from=ready,
            ready_until=ready - timedelta(hours=1),
        )

    assert error.value.extra["field"] == "ready_until"
    assert not CycleProducer.objects.exists()


def test_cycle_producer_add_refuses_the_producer_itself_and_a_cancelled_cycle():
    cycle = OrderCycleFactory()
    cancelled = OrderCycleFactory(status=CycleStatus.CANCELLED)
    farm = OrganisationFactory()

    with pytest.raises(PermissionRefused):
        cycle_producer_add(actor=member_of(farm), cycle=cycle, producer=farm)
    with pytest.raises(ApplicationError):
        cycle_producer_add(actor=member_of(cancelled.hub), cycle=cancelled, producer=farm)

    assert not CycleProducer.objects.exists()


def test_cycle_producer_remove_takes_its_offers_along():
    offer = CycleOfferFactory()

    cycle_producer_remove(actor=member_of(offer.cycle.hub), exchange=offer.exchange)

    assert not CycleProducer.objects.exists()
    assert not CycleOffer.objects.exists()


def test_cycle_producer_remove_refuses_once_it_has_sold():
    offer = CycleOfferFactory(stock=10, sold=2, producer_price=Decimal("1.00"))

    with pytest.raises(ApplicationError, match="already sold"):
        cycle_producer_remove(actor=member_of(offer.cycle.hub), exchange=offer.exchange)

    assert CycleOffer.objects.get().sold == 2
