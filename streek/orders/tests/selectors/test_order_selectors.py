"""Buyer history, order detail, a cycle's orders, a producer's lines, standing orders, reorder: fixed query counts."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from streek.accounts.tests.factories import MembershipFactory, UserFactory
from streek.catalog.choices import OrganisationKind
from streek.catalog.tests.factories import OrganisationFactory
from streek.orders.choices import ChannelKind, FulfilmentMethod, OrderStatus, StandingOrderKind
from streek.orders.models import ChannelTerms, CycleOffer, OrderCycle
from streek.orders.selectors.orders import (
    order_get_detail,
    order_list_for_buyer,
    order_list_for_cycle,
    producer_cycle_lines,
    reorder_lines,
    standing_order_list,
    standing_order_upcoming,
)
from streek.orders.services.basket import basket_get_or_create, basket_set_line
from streek.orders.services.orders import order_cancel
from streek.orders.services.standing import StandingLineInput, standing_order_create, standing_orders_generate
from streek.orders.tests.buyer_scenarios import buyer_with_basket, checkout_pickup, organisation_member, shop_open
from streek.orders.tests.factories import (
    ChannelAdmissionFactory,
    CycleOfferFactory,
    CycleProducerFactory,
    OrderCycleFactory,
)

pytestmark = pytest.mark.django_db


def _orders(shop, buyer, count):  # noqa: ANN001, ANN202
    orders = []
    for index in range(count):
        _buyer, basket = buyer_with_basket(shop, {0: 1, 1: 1}, user=buyer)
        orders.append(checkout_pickup(shop, buyer, basket, key=f"k-{index}"))
    return orders


@pytest.mark.parametrize("count", [1, 6])
def test_buyer_history_has_the_buyers_and_its_organisations_orders(count, django_assert_num_queries):  # noqa: ANN001
    # given orders of the buyer, of its restaurant by a colleague, and of a stranger
    shop = shop_open(stock=None, with_channels=[ChannelKind.CONSUMER, ChannelKind.HORECA])
    buyer = UserFactory()
    mine = _orders(shop, buyer, count)
    restaurant = OrganisationFactory(kind=OrganisationKind.HORECA)
    ChannelAdmissionFactory(terms=ChannelTerms.objects.get(hub=shop.hub, kind=ChannelKind.HORECA), buyer=restaurant)
    MembershipFactory(user=buyer, organisation=restaurant, role="staff")
    colleague = organisation_member(restaurant)
    basket = basket_get_or_create(cycle=shop.cycle, user=colleague, session_key="", buyer_organisation=restaurant)
    basket_set_line(basket=basket, offer_id=shop.offers[0].pk, quantity=1)
    theirs = checkout_pickup(shop, colleague, basket)
    _orders(shop, UserFactory(), 1)

    # when the buyer lists its orders
    with django_assert_num_queries(2):
        orders = order_list_for_buyer(actor=buyer)
        assert [order.line_count for order in orders][-1] == 2  # type: ignore[attr-defined]
        assert all(order.hub.name and order.cycle.name for order in orders)

    # then its own and the restaurant's, newest first
    assert {order.pk for order in orders} == {order.pk for order in [*mine, theirs]}


def test_order_detail_has_the_parts_lines_vat_and_whether_it_is_editable(django_assert_num_queries):
    shop = shop_open()
    other = CycleOfferFactory(exchange=CycleProducerFactory(cycle=shop.cycle))
    shop.offers.append(other)
    buyer, basket = buyer_with_basket(shop, {0: 2, 2: 1})
    order = checkout_pickup(shop, buyer, basket)

    with django_assert_num_queries(3):
        detail = order_get_detail(order=order)
        assert all(line.variant.product.name for line in detail.lines)

    assert len(detail.parts) == 2
    assert len(detail.lines) == 2
    assert detail.vat == [{"rate": "6.00", "base": "6.00", "vat": "0.36"}]
    assert detail.editable is True
    assert detail.cutoff == shop.cycle.closes_at


@pytest.mark.parametrize("count", [1, 5])
def test_cycle_orders_and_producer_lines_in_fixed_queries(count, django_assert_num_queries):  # noqa: ANN001
    # given orders in a cycle with a line of another producer, and a cancelled one
    shop = shop_open(stock=None)
    other = CycleOfferFactory(exchange=CycleProducerFactory(cycle=shop.cycle), stock=None)
    shop.offers.append(other)
    buyer = UserFactory()
    orders = []
    for index in range(count):
        _buyer, basket = buyer_with_basket(shop, {0: 1, 2: 1}, user=buyer)
        orders.append(checkout_pickup(shop, buyer, basket, key=f"c-{index}"))
    order_cancel(actor=buyer, order=orders[0])

    with django_assert_num_queries(1):
        cycle_orders = order_list_for_cycle(cycle=shop.cycle)
        assert all(
            order.buyer.email and order.pickup_slot and order.pickup_slot.pickup_point.name for order in cycle_orders
        )
    with django_assert_num_queries(1):
        lines = producer_cycle_lines(cycle=shop.cycle, producer=shop.producer)
        assert all(line.order.reference and line.variant.product.name for line in lines)

    assert len(cycle_orders) == count
    assert len(order_list_for_cycle(cycle=shop.cycle, status=OrderStatus.CANCELLED)) == 1
    assert len(lines) == count - 1
    assert all(line.producer_id == shop.producer.pk for line in lines)


def _box(shop, buyer, starts_on, interval_weeks=1):  # noqa: ANN001, ANN202
    return standing_order_create(
        actor=buyer,
        hub=shop.hub,
        kind=StandingOrderKind.SUBSCRIPTION,
        name="Pakket",
        lines=[StandingLineInput(variant_id=shop.offers[0].variant_id, quantity=1)],
        fulfilment_method=FulfilmentMethod.PICKUP,
        pickup_point=shop.slot.pickup_point,
        starts_on=starts_on,
        interval_weeks=interval_weeks,
    )


@pytest.mark.parametrize("count", [1, 4])
def test_standing_order_list_in_fixed_queries(count, django_assert_num_queries):  # noqa: ANN001
    shop = shop_open()
    buyer = UserFactory()
    for _ in range(count):
        _box(shop, buyer, timezone.localdate())
    _box(shop, UserFactory(), timezone.localdate())

    with django_assert_num_queries(3):
        mine = standing_order_list(actor=buyer)
        assert all(line.variant.product.name for standing in mine for line in standing.lines.all())

    assert len(mine) == count
    assert len(standing_order_list(actor=UserFactory(), hub=shop.hub)) == count + 1


def test_upcoming_shows_the_matching_cycles_with_their_orders(django_assert_num_queries):
    # given a fortnightly box and weekly cycles of the hub, the first generated
    shop = shop_open()
    buyer = UserFactory()
    day = shop.cycle.fulfilment_date
    box = _box(shop, buyer, day, interval_weeks=2)
    later = [
        OrderCycleFactory(
            hub=shop.hub,
            opens_at=shop.cycle.opens_at + timedelta(weeks=week),
            closes_at=shop.cycle.closes_at + timedelta(weeks=week),
            fulfilment_date=day + timedelta(weeks=week),
        )
        for week in range(1, 6)
    ]
    generated = standing_orders_generate(cycle=shop.cycle)
    box = type(box).objects.select_related("terms").get(pk=box.pk)

    with django_assert_num_queries(2):
        upcoming = standing_order_upcoming(standing_order=box, count=3)

    assert [item.cycle.pk for item in upcoming] == [shop.cycle.pk, later[1].pk, later[3].pk]
    assert upcoming[0].order == generated[0]
    assert upcoming[1].order is None
    assert upcoming[0].editable


def test_reorder_offers_the_variants_still_offered_in_the_open_cycle(django_assert_num_queries):
    # given an order in a closed cycle and a new open cycle offering one of its two variants
    shop = shop_open()
    buyer, basket = buyer_with_basket(shop, {0: 2, 1: 3})
    order = checkout_pickup(shop, buyer, basket)
    OrderCycle.objects.filter(pk=shop.cycle.pk).update(closes_at=timezone.now() - timedelta(hours=1))
    new_cycle = OrderCycleFactory(hub=shop.hub)
    exchange = CycleProducerFactory(cycle=new_cycle, producer=shop.producer)
    again = CycleOffer.objects.create(
        cycle=new_cycle, exchange=exchange, variant=shop.offers[1].variant, producer_price=Decimal("2.20"), stock=2
    )
    order.refresh_from_db()

    with django_assert_num_queries(3):
        lines = reorder_lines(order=order)

    assert [(line.offer, line.cycle, line.quantity, line.available) for line in lines] == [(again, new_cycle, 3, 2)]
