from decimal import Decimal

import pytest

from streek.accounts.choices import MembershipRole
from streek.catalog.tests.factories import VariantFactory
from streek.core.exceptions import ApplicationError, PermissionRefused
from streek.orders.choices import CycleStatus
from streek.orders.models import CycleOffer
from streek.orders.services.cycles import cycle_offer_remove, cycle_offer_set
from streek.orders.tests.factories import CycleOfferFactory, CycleProducerFactory, OrderCycleFactory
from streek.orders.tests.hub_scenarios import member_of, outsider

pytestmark = pytest.mark.django_db


def test_cycle_offer_set_offers_a_variant_of_a_producer_taking_part():
    exchange = CycleProducerFactory()
    variant = VariantFactory(product__organisation=exchange.producer)

    offer = cycle_offer_set(
        actor=member_of(exchange.cycle.hub),
        cycle=exchange.cycle,
        variant=variant,
        producer_price=Decimal("2.40"),
        stock=30,
    )

    offer.refresh_from_db()
    assert (offer.exchange, offer.producer_price, offer.stock, offer.sold) == (exchange, Decimal("2.40"), 30, 0)


def test_cycle_offer_set_lets_the_producer_set_its_own_price_and_stock():
    offer = CycleOfferFactory(stock=10)
    producer_manager = member_of(offer.exchange.producer, MembershipRole.MANAGER)

    cycle_offer_set(
        actor=producer_manager, cycle=offer.cycle, variant=offer.variant, producer_price=Decimal("3.10"), stock=None
    )

    offer.refresh_from_db()
    assert (offer.producer_price, offer.stock) == (Decimal("3.10"), None)
    assert CycleOffer.objects.count() == 1


def test_cycle_offer_set_refuses_a_variant_of_a_producer_not_taking_part():
    cycle = OrderCycleFactory()
    variant = VariantFactory()

    with pytest.raises(ApplicationError, match="does not take part") as error:
        cycle_offer_set(actor=member_of(cycle.hub), cycle=cycle, variant=variant, producer_price=Decimal("1"), stock=5)

    assert error.value.extra["field"] == "variant"
    assert variant.product.organisation.name in error.value.message
    assert not CycleOffer.objects.exists()


def test_cycle_offer_set_refuses_stock_below_what_is_sold_and_changes_nothing():
    offer = CycleOfferFactory(stock=10, sold=7, producer_price=Decimal("2.00"))

    with pytest.raises(ApplicationError, match="7") as error:
        cycle_offer_set(
            actor=member_of(offer.cycle.hub),
            cycle=offer.cycle,
            variant=offer.variant,
            producer_price=Decimal("9"),
            stock=6,
        )

    assert error.value.extra == {"field": "stock", "sold": 7}
    offer.refresh_from_db()
    assert (offer.stock, offer.sold, offer.producer_price) == (10, 7, Decimal("2.00"))


def test_cycle_offer_set_accepts_stock_equal_to_what_is_sold():
    offer = CycleOfferFactory(stock=10, sold=7)

    updated = cycle_offer_set(
        actor=member_of(offer.cycle.hub), cycle=offer.cycle, variant=offer.variant, producer_price=Decimal("2"), stock=7
    )

    assert updated.available == 0


@pytest.mark.parametrize(
    ("price", "stock", "field"),
    [(Decimal("-0.01"), 5, "producer_price"), (2.5, 5, "producer_price"), (Decimal("1"), -1, "stock")],
)
def test_cycle_offer_set_refuses_negative_or_float_values(price, stock, field):
    exchange = CycleProducerFactory()
    variant = VariantFactory(product__organisation=exchange.producer)

    with pytest.raises(ApplicationError) as error:
        cycle_offer_set(
            actor=member_of(exchange.cycle.hub),
            cycle=exchange.cycle,
            variant=variant,
            producer_price=price,
            stock=stock,
        )

    assert error.value.extra["field"] == field
    assert not CycleOffer.objects.exists()


def test_cycle_offer_set_refuses_an_inactive_variant():
    exchange = CycleProducerFactory()
    variant = VariantFactory(product__organisation=exchange.producer, is_active=False)

    with pytest.raises(ApplicationError, match="inactive"):
        cycle_offer_set(
            actor=member_of(exchange.cycle.hub),
            cycle=exchange.cycle,
            variant=variant,
            producer_price=Decimal("1"),
            stock=1,
        )

    assert not CycleOffer.objects.exists()


def test_cycle_offer_set_refuses_outsiders_and_closed_cycles():
    offer = CycleOfferFactory(stock=10, exchange__cycle__status=CycleStatus.CLOSED)

    with pytest.raises(PermissionRefused):
        cycle_offer_set(
            actor=outsider(), cycle=offer.cycle, variant=offer.variant, producer_price=Decimal("1"), stock=1
        )
    with pytest.raises(ApplicationError, match="no longer be changed"):
        cycle_offer_set(
            actor=member_of(offer.cycle.hub),
            cycle=offer.cycle,
            variant=offer.variant,
            producer_price=Decimal("1"),
            stock=1,
        )

    offer.refresh_from_db()
    assert offer.stock == 10


def test_cycle_offer_remove_withdraws_an_offer_nobody_ordered():
    offer = CycleOfferFactory()

    cycle_offer_remove(actor=member_of(offer.exchange.producer), offer=offer)

    assert not CycleOffer.objects.exists()


def test_cycle_offer_remove_refuses_a_sold_offer():
    offer = CycleOfferFactory(stock=5, sold=1)

    with pytest.raises(ApplicationError, match="has been ordered"):
        cycle_offer_remove(actor=member_of(offer.cycle.hub), offer=offer)

    assert CycleOffer.objects.filter(pk=offer.pk).exists()
