"""Where the order goes at checkout: pickup slots (capacity, cold chain) and home delivery zones."""

from decimal import Decimal

import pytest

from streek.catalog.choices import StorageTemperature
from streek.orders.choices import FulfilmentMethod
from streek.orders.exceptions import CheckoutRefused
from streek.orders.models import BasketLine, CycleOffer, Order, PickupSlot
from streek.orders.services.checkout import basket_checkout
from streek.orders.tests.buyer_scenarios import buyer_with_basket, checkout_pickup, shop_open
from streek.orders.tests.factories import DeliveryZoneFactory, OrderCycleFactory, PickupPointFactory, PickupSlotFactory

pytestmark = pytest.mark.django_db


def _state():  # noqa: ANN202
    return (
        Order.objects.count(),
        sorted(CycleOffer.objects.values_list("pk", "sold")),
        sorted(PickupSlot.objects.values_list("pk", "booked")),
        sorted(BasketLine.objects.values_list("offer_id", "quantity")),
    )


def _chill(offer: CycleOffer, temperature: str = StorageTemperature.CHILLED) -> None:
    product = offer.variant.product
    product.storage_temperature = temperature
    product.save()


def test_chilled_goods_to_an_uncooled_pickup_point_are_refused_naming_the_line():
    # given a basket with a chilled product and an uncooled pickup point
    shop = shop_open()
    _chill(shop.offers[1])
    buyer, basket = buyer_with_basket(shop, {0: 1, 1: 1})
    before = _state()

    # when checking out for that point
    with pytest.raises(CheckoutRefused) as refused:
        checkout_pickup(shop, buyer, basket)

    # then the chilled line is named and nothing changed
    assert refused.value.offer_id == shop.offers[1].pk
    assert refused.value.field == "pickup_slot"
    assert _state() == before


def test_frozen_goods_go_to_a_cooled_pickup_point():
    shop = shop_open()
    _chill(shop.offers[0], StorageTemperature.FROZEN)
    cooled = PickupSlotFactory(cycle=shop.cycle, pickup_point=PickupPointFactory(hub=shop.hub, is_cooled=True))
    buyer, basket = buyer_with_basket(shop)

    order = checkout_pickup(shop, buyer, basket, pickup_slot_id=cooled.pk)

    assert order.pickup_slot == cooled


def test_a_full_slot_is_refused():
    shop = shop_open()
    PickupSlot.objects.filter(pk=shop.slot.pk).update(capacity=1, booked=1)
    buyer, basket = buyer_with_basket(shop)
    before = _state()

    with pytest.raises(CheckoutRefused) as refused:
        checkout_pickup(shop, buyer, basket)

    assert refused.value.field == "pickup_slot"
    assert _state() == before


def test_a_slot_of_another_cycle_is_refused():
    shop = shop_open()
    elsewhere = PickupSlotFactory(cycle=OrderCycleFactory())
    buyer, basket = buyer_with_basket(shop)
    before = _state()

    with pytest.raises(CheckoutRefused) as refused:
        checkout_pickup(shop, buyer, basket, pickup_slot_id=elsewhere.pk)

    assert refused.value.field == "pickup_slot"
    assert _state() == before


def _deliver(shop, buyer, basket, zone, postal_code="3800"):  # noqa: ANN001, ANN202
    return basket_checkout(
        basket=basket,
        actor=buyer,
        idempotency_key="delivery-1",
        fulfilment_method=FulfilmentMethod.DELIVERY,
        delivery_zone_id=zone.pk,
        street="Naamsestraat 5",
        postal_code=postal_code,
        locality="Sint-Truiden",
    )


def test_home_delivery_in_a_zone_adds_its_fee_and_records_the_position():
    # given a zone of the cycle covering 3800 from 10 EUR, and a basket of 10.60 EUR incl. VAT
    shop = shop_open()
    zone = DeliveryZoneFactory(hub=shop.hub, postal_codes=["3800"], fee=Decimal("4.50"), minimum_order=Decimal("10"))
    shop.cycle.delivery_zones.add(zone)
    buyer, basket = buyer_with_basket(shop, {0: 5})

    # when delivered at home in 3800
    order = _deliver(shop, buyer, basket, zone)

    # then the fee is added and the buyer's municipality known
    assert order.fulfilment_method == FulfilmentMethod.DELIVERY
    assert order.delivery_zone == zone
    assert (order.delivery_street, order.delivery_postal_code) == ("Naamsestraat 5", "3800")
    assert order.delivery_fee == Decimal("4.50")
    assert order.total == Decimal("10.60") + Decimal("4.50")
    assert order.municipality is not None and order.municipality.code == "71053"
    assert order.lines.get().distance_km is not None


def test_an_address_outside_the_zone_is_refused():
    shop = shop_open()
    zone = DeliveryZoneFactory(hub=shop.hub, postal_codes=["3800"], minimum_order=Decimal("0"))
    shop.cycle.delivery_zones.add(zone)
    buyer, basket = buyer_with_basket(shop)
    before = _state()

    with pytest.raises(CheckoutRefused) as refused:
        _deliver(shop, buyer, basket, zone, postal_code="9000")

    assert refused.value.field == "postal_code"
    assert _state() == before


def test_below_the_zone_minimum_is_refused():
    shop = shop_open()
    zone = DeliveryZoneFactory(hub=shop.hub, postal_codes=["3800"], minimum_order=Decimal("25"))
    shop.cycle.delivery_zones.add(zone)
    buyer, basket = buyer_with_basket(shop)
    before = _state()

    with pytest.raises(CheckoutRefused) as refused:
        _deliver(shop, buyer, basket, zone)

    assert refused.value.field == "delivery_zone"
    assert "25" in refused.value.message
    assert _state() == before


def test_a_zone_the_cycle_does_not_serve_is_refused():
    shop = shop_open()
    zone = DeliveryZoneFactory(hub=shop.hub, postal_codes=["3800"], minimum_order=Decimal("0"))
    buyer, basket = buyer_with_basket(shop)
    before = _state()

    with pytest.raises(CheckoutRefused) as refused:
        _deliver(shop, buyer, basket, zone)

    assert refused.value.field == "delivery_zone"
    assert _state() == before
