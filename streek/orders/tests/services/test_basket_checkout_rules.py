"""The channel's rules at checkout: admission, cut-off, delivery days, minimum order, case sizes."""

from datetime import time, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from streek.catalog.choices import OrganisationKind
from streek.catalog.tests.factories import OrganisationFactory
from streek.orders.choices import AdmissionStatus, ChannelKind, CycleStatus
from streek.orders.exceptions import CheckoutRefused
from streek.orders.models import BasketLine, ChannelAdmission, ChannelTerms, CycleOffer, Order, PickupSlot
from streek.orders.services.basket import basket_get_or_create, basket_set_line
from streek.orders.tests.buyer_scenarios import buyer_with_basket, checkout_pickup, organisation_member, shop_open
from streek.orders.tests.factories import ChannelAdmissionFactory, ChannelVariantTermFactory

pytestmark = pytest.mark.django_db


def _state(shop):  # noqa: ANN001, ANN202
    return (
        Order.objects.count(),
        sorted(CycleOffer.objects.values_list("pk", "sold")),
        PickupSlot.objects.get(pk=shop.slot.pk).booked,
        sorted(BasketLine.objects.values_list("offer_id", "quantity")),
    )


def _business_shop():  # noqa: ANN202
    """A cycle on the consumer and horeca channels, a restaurant admitted to horeca, its owner with a basket."""
    shop = shop_open(with_channels=[ChannelKind.CONSUMER, ChannelKind.HORECA])
    horeca = ChannelTerms.objects.get(hub=shop.hub, kind=ChannelKind.HORECA)
    restaurant = OrganisationFactory(kind=OrganisationKind.HORECA)
    ChannelAdmissionFactory(terms=horeca, buyer=restaurant)
    owner = organisation_member(restaurant)
    basket = basket_get_or_create(cycle=shop.cycle, user=owner, session_key="", buyer_organisation=restaurant)
    basket_set_line(basket=basket, offer_id=shop.offers[0].pk, quantity=2)
    return shop, horeca, restaurant, owner, basket


def test_an_admitted_business_buyer_orders_on_its_channel():
    shop, horeca, restaurant, owner, basket = _business_shop()

    order = checkout_pickup(shop, owner, basket)

    assert (order.channel, order.terms, order.buyer_organisation) == (ChannelKind.HORECA, horeca, restaurant)


def test_a_buyer_whose_admission_was_revoked_is_refused():
    # given an admission revoked after the basket was filled
    shop, horeca, restaurant, owner, basket = _business_shop()
    ChannelAdmission.objects.filter(terms=horeca, buyer=restaurant).update(status=AdmissionStatus.REVOKED)
    before = _state(shop)

    # when the owner checks out
    with pytest.raises(CheckoutRefused) as refused:
        checkout_pickup(shop, owner, basket)

    # then the channel is named and nothing changed
    assert refused.value.field == "channel"
    assert _state(shop) == before


def test_after_the_cut_off_the_checkout_is_refused():
    # given a consumer channel that stops orders two days before a fulfilment day tomorrow
    shop = shop_open(fulfilment_date=(timezone.now() + timedelta(days=1)).date())
    shop.terms.cutoff_days_before = 2
    shop.terms.cutoff_time = time(12, 0)
    shop.terms.save()
    buyer, basket = buyer_with_basket(shop)
    before = _state(shop)

    # when the buyer checks out
    with pytest.raises(CheckoutRefused) as refused:
        checkout_pickup(shop, buyer, basket)

    # then it is too late, and nothing changed
    assert refused.value.field == "cycle"
    assert _state(shop) == before


def test_a_closed_cycle_is_refused():
    shop = shop_open()
    buyer, basket = buyer_with_basket(shop)
    shop.cycle.status = CycleStatus.CLOSED
    shop.cycle.save()
    before = _state(shop)

    with pytest.raises(CheckoutRefused):
        checkout_pickup(shop, buyer, basket)

    assert _state(shop) == before


def test_a_fulfilment_day_the_channel_does_not_deliver_is_refused():
    shop = shop_open()
    day = shop.cycle.fulfilment_date.weekday()
    shop.terms.delivery_weekdays = [(day + 1) % 7, (day + 3) % 7]
    shop.terms.save()
    buyer, basket = buyer_with_basket(shop)
    before = _state(shop)

    with pytest.raises(CheckoutRefused) as refused:
        checkout_pickup(shop, buyer, basket)

    assert refused.value.field == "cycle"
    assert _state(shop) == before


def test_below_the_minimum_order_value_is_refused():
    # given a channel with a minimum of 50 EUR and a basket of 2 EUR
    shop = shop_open()
    shop.terms.minimum_order_value = Decimal("50.00")
    shop.terms.save()
    buyer, basket = buyer_with_basket(shop)
    before = _state(shop)

    # when checked out
    with pytest.raises(CheckoutRefused) as refused:
        checkout_pickup(shop, buyer, basket)

    # then the minimum is named and the stock taken for the lines is given back
    assert "50" in refused.value.message
    assert refused.value.field == "basket"
    assert _state(shop) == before


def test_a_quantity_that_breaks_the_case_size_is_refused_naming_the_line():
    # given a basket of 3 and, since, a case size of 6 for that variant
    shop = shop_open(stock=20)
    buyer, basket = buyer_with_basket(shop, {0: 3, 1: 1})
    ChannelVariantTermFactory(terms=shop.terms, variant=shop.offers[0].variant, case_size=6)
    before = _state(shop)

    # when checked out
    with pytest.raises(CheckoutRefused) as refused:
        checkout_pickup(shop, buyer, basket)

    # then the line and the case are named; nothing changed
    assert refused.value.offer_id == shop.offers[0].pk
    assert "6" in refused.value.message
    assert _state(shop) == before


def test_a_channel_not_served_in_the_cycle_is_refused():
    shop = shop_open()
    buyer, basket = buyer_with_basket(shop)
    shop.cycle.channels.clear()
    before = _state(shop)

    with pytest.raises(CheckoutRefused) as refused:
        checkout_pickup(shop, buyer, basket)

    assert refused.value.field == "channel"
    assert _state(shop) == before
