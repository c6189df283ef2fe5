from decimal import Decimal

import pytest

from streek.accounts.tests.factories import UserFactory
from streek.core.exceptions import NotFound
from streek.orders.choices import ChannelKind, FeeCalculation, FeeKind, OrderStatus, PaymentTerms, PriceRule
from streek.orders.exceptions import CheckoutRefused
from streek.orders.models import BasketLine, CycleOffer, Order, OrderLine, PickupSlot, ProducerOrder
from streek.orders.payment_reference import is_valid_structured_communication
from streek.orders.services.basket import basket_set_line
from streek.orders.tests.buyer_scenarios import buyer_with_basket, checkout_pickup, shop_open
from streek.orders.tests.factories import (
    ChannelVariantTermFactory,
    CycleOfferFactory,
    CycleProducerFactory,
    HubFeeFactory,
    ReturnableCrateFactory,
)

pytestmark = pytest.mark.django_db


def _state(shop):  # noqa: ANN001, ANN202
    """What a refused checkout must leave as it was."""
    return (
        Order.objects.count(),
        ProducerOrder.objects.count(),
        OrderLine.objects.count(),
        sorted(CycleOffer.objects.values_list("pk", "sold")),
        PickupSlot.objects.get(pk=shop.slot.pk).booked,
        sorted(BasketLine.objects.values_list("offer_id", "quantity")),
    )


def test_splits_the_basket_into_one_order_and_one_order_per_producer(django_capture_on_commit_callbacks, mailoutbox):
    # given two producers in a cycle with a 10% packing fee, and a basket with lines of both
    shop = shop_open(stock=10)
    HubFeeFactory(cycle=shop.cycle, kind=FeeKind.PACKING, calculation=FeeCalculation.PERCENTAGE, amount=Decimal("10"))
    other = CycleOfferFactory(
        exchange=CycleProducerFactory(cycle=shop.cycle), stock=None, producer_price=Decimal("4.00")
    )
    shop.offers.append(other)
    buyer, basket = buyer_with_basket(shop, {0: 3, 2: 1})

    # when the buyer checks out for the pickup slot
    with django_capture_on_commit_callbacks(execute=True):
        order = checkout_pickup(shop, buyer, basket, note="Achterdeur")

    # then one order with a producer order per producer, priced per line
    assert order.status == OrderStatus.PLACED
    assert order.buyer == buyer
    assert order.channel == ChannelKind.CONSUMER
    assert order.pickup_slot == shop.slot
    assert order.reference.startswith("ST")
    assert is_valid_structured_communication(order.structured_communication)
    assert order.subtotal == Decimal("10.00")  # 3 x 2.00 + 1 x 4.00
    assert order.fees_total == Decimal("1.00")  # 10% of the producer value
    assert order.vat_total == Decimal("0.66")  # 6% of 6.60 and of 4.40
    assert order.total == Decimal("11.66")
    assert order.note == "Achterdeur"
    assert order.payment_due_on == order.placed_at.date()
    producer_orders = {po.producer_id: po.producer_total for po in order.producer_orders.all()}
    assert producer_orders == {shop.producer.pk: Decimal("6.00"), other.exchange.producer_id: Decimal("4.00")}
    line = order.lines.get(offer=shop.offers[0])
    assert (line.quantity, line.unit_price, line.fee_total, line.amount, line.vat_amount) == (
        3,
        Decimal("2.00"),
        Decimal("0.60"),
        Decimal("6.60"),
        Decimal("0.40"),
    )
    assert line.fees == [{"kind": "packing", "name": "Packing", "amount": "0.60"}]
    assert line.producer_share == Decimal("0.9091")
    assert line.intermediaries == 1
    assert line.producer_set_price is True
    assert line.weight_kg == Decimal("3.000")  # three bags of 1 kg
    assert line.distance_km is not None and line.distance_km < Decimal("5")
    assert line.description.startswith(shop.offers[0].variant.product.name)
    # and the stock is taken, the slot booked, the basket emptied, the buyer told
    assert CycleOffer.objects.get(pk=shop.offers[0].pk).sold == 3
    assert CycleOffer.objects.get(pk=other.pk).sold == 1
    assert PickupSlot.objects.get(pk=shop.slot.pk).booked == 1
    assert not basket.lines.exists()
    assert [message.to for message in mailoutbox if buyer.email in message.to] == [[buyer.email]]


def test_a_hub_selling_its_own_produce_has_no_intermediary():
    # given a hub that offers its own variant
    shop = shop_open()
    own = CycleOfferFactory(exchange=CycleProducerFactory(cycle=shop.cycle, producer=shop.hub))
    shop.offers.append(own)
    buyer, basket = buyer_with_basket(shop, {2: 1})

    # when checked out
    order = checkout_pickup(shop, buyer, basket)

    # then the line passes no intermediary
    assert order.lines.get().intermediaries == 0


def test_channel_price_list_markup_crates_and_payment_terms():
    # given a consumer channel with a 20% markup, paying within 14 days, a list price and a crate for one variant
    shop = shop_open(producer_price=Decimal("2.00"))
    shop.terms.price_rule = PriceRule.MARKUP
    shop.terms.markup_percent = Decimal("20")
    shop.terms.payment_terms = PaymentTerms.NET_14
    shop.terms.save()
    crate = ReturnableCrateFactory(hub=shop.hub, deposit=Decimal("3.00"))
    ChannelVariantTermFactory(
        terms=shop.terms, variant=shop.offers[1].variant, price=Decimal("5.00"), crate=crate, units_per_crate=4
    )
    buyer, basket = buyer_with_basket(shop, {0: 1, 1: 5})

    # when checked out
    order = checkout_pickup(shop, buyer, basket)

    # then the markup and the list price apply, with two crates on deposit
    marked_up = order.lines.get(offer=shop.offers[0])
    listed = order.lines.get(offer=shop.offers[1])
    assert (marked_up.unit_price, marked_up.producer_set_price) == (Decimal("2.40"), False)
    assert (listed.unit_price, listed.crates, listed.crate_deposit) == (Decimal("5.00"), 2, Decimal("6.00"))
    assert order.deposit_total == Decimal("6.00")
    assert order.total == order.subtotal + order.vat_total + Decimal("6.00")
    assert order.payment_due_on is not None
    assert (order.payment_due_on - order.placed_at.date()).days == 14


def test_the_same_idempotency_key_twice_gives_one_order():
    # given a checked-out basket
    shop = shop_open()
    buyer, basket = buyer_with_basket(shop, {0: 2})
    first = checkout_pickup(shop, buyer, basket, key="submit-1")

    # when the form is submitted again with the same key (and even a refilled basket)
    basket_set_line(basket=basket, offer_id=shop.offers[0].pk, quantity=1)
    second = checkout_pickup(shop, buyer, basket, key="submit-1")

    # then the first order comes back and nothing more is taken
    assert second.pk == first.pk
    assert Order.objects.count() == 1
    assert CycleOffer.objects.get(pk=shop.offers[0].pk).sold == 2
    assert PickupSlot.objects.get(pk=shop.slot.pk).booked == 1


def test_oversell_is_refused_naming_the_line_and_the_basket_is_kept():
    # given a basket of 2 while another buyer took all but one
    shop = shop_open(stock=3)
    buyer, basket = buyer_with_basket(shop, {0: 2, 1: 1})
    CycleOffer.objects.filter(pk=shop.offers[0].pk).update(sold=2)
    before = _state(shop)

    # when the buyer checks out
    with pytest.raises(CheckoutRefused) as refused:
        checkout_pickup(shop, buyer, basket)

    # then the line is named with what is left, and nothing changed
    description = shop.offers[0].variant.product.name
    assert refused.value.offer_id == shop.offers[0].pk
    assert refused.value.extra["available"] == 1
    assert description in refused.value.message
    assert "1" in refused.value.message
    assert _state(shop) == before


def test_another_users_basket_is_not_found():
    # given someone's basket
    shop = shop_open()
    _owner, basket = buyer_with_basket(shop)
    before = _state(shop)

    # when another user checks it out
    with pytest.raises(NotFound):
        checkout_pickup(shop, UserFactory(), basket)

    # then nothing changed
    assert _state(shop) == before


def test_an_empty_basket_is_refused():
    shop = shop_open()
    buyer, basket = buyer_with_basket(shop, {})

    with pytest.raises(CheckoutRefused) as refused:
        checkout_pickup(shop, buyer, basket)

    assert refused.value.field == "basket"
    assert Order.objects.count() == 0


def test_a_missing_idempotency_key_is_refused():
    shop = shop_open()
    buyer, basket = buyer_with_basket(shop)
    before = _state(shop)

    with pytest.raises(CheckoutRefused) as refused:
        checkout_pickup(shop, buyer, basket, key=" ")

    assert refused.value.field == "idempotency_key"
    assert _state(shop) == before


def test_producer_without_coordinates_leaves_the_distance_from_its_municipality():
    # given a producer without its own position (its municipality's point is used)
    shop = shop_open()
    buyer, basket = buyer_with_basket(shop)

    order = checkout_pickup(shop, buyer, basket)

    assert order.lines.get().distance_km is not None
