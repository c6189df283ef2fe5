from decimal import Decimal

import pytest

from streek.accounts.tests.factories import UserFactory
from streek.catalog.choices import StorageTemperature
from streek.orders.choices import FeeCalculation
from streek.orders.models import CycleOffer
from streek.orders.selectors.baskets import basket_for, basket_summary
from streek.orders.services.basket import basket_get_or_create
from streek.orders.tests.buyer_scenarios import buyer_with_basket, shop_open
from streek.orders.tests.factories import (
    ChannelVariantTermFactory,
    CycleOfferFactory,
    CycleProducerFactory,
    HubFeeFactory,
    ReturnableCrateFactory,
)

pytestmark = pytest.mark.django_db


def test_the_summary_prices_lines_groups_them_per_producer_and_warns():
    # given a 1.00 fee per line, a minimum of 30 EUR, a chilled product, a crate, and a line with 2 left after it
    shop = shop_open(stock=4)
    HubFeeFactory(cycle=shop.cycle, calculation=FeeCalculation.PER_LINE, amount=Decimal("1.00"))
    shop.terms.minimum_order_value = Decimal("30.00")
    shop.terms.save()
    product = shop.offers[1].variant.product
    product.storage_temperature = StorageTemperature.CHILLED
    product.save()
    crate = ReturnableCrateFactory(hub=shop.hub, deposit=Decimal("2.50"))
    ChannelVariantTermFactory(terms=shop.terms, variant=shop.offers[1].variant, crate=crate, units_per_crate=10)
    other = CycleOfferFactory(exchange=CycleProducerFactory(cycle=shop.cycle), producer_price=Decimal("3.00"))
    shop.offers.append(other)
    _buyer, basket = buyer_with_basket(shop, {0: 2, 1: 1, 2: 1})

    # when summarised
    summary = basket_summary(basket=basket)

    # then
    assert len(summary.groups) == 2
    assert summary.item_count == 4
    assert summary.goods_total == Decimal("9.00")
    assert summary.fees_total == Decimal("3.00")
    assert summary.vat_total == Decimal("0.72")
    assert summary.deposit_total == Decimal("2.50")
    assert summary.total == Decimal("15.22")
    assert summary.below_minimum is True
    assert summary.needs_cooled_pickup is True
    assert len(summary.warnings) == 2
    first = next(row for row in summary.rows if row.offer.pk == shop.offers[0].pk)
    assert first.price.amount == Decimal("5.00")
    assert len(first.warnings) == 1 and "4" in first.warnings[0]
    assert first.can_order


def test_a_line_over_the_stock_left_warns_and_cannot_be_ordered():
    shop = shop_open(stock=5)
    _buyer, basket = buyer_with_basket(shop, {0: 3})
    CycleOffer.objects.filter(pk=shop.offers[0].pk).update(sold=4)

    row = basket_summary(basket=basket).rows[0]

    assert row.available == 1
    assert not row.can_order
    assert any(row.description in warning for warning in row.warnings)


@pytest.mark.parametrize("lines", [1, 12])
def test_the_summary_query_count_does_not_grow_with_the_lines(lines, django_assert_num_queries):  # noqa: ANN001
    shop = shop_open(stock=None, offers=lines)
    _buyer, basket = buyer_with_basket(shop, dict.fromkeys(range(lines), 1))
    basket = type(basket).objects.select_related("terms").get(pk=basket.pk)

    with django_assert_num_queries(3):
        summary = basket_summary(basket=basket)

    assert len(summary.rows) == lines


def test_basket_for_finds_without_creating():
    shop = shop_open()
    user = UserFactory()

    assert basket_for(cycle=shop.cycle, user=user, session_key="") is None
    basket = basket_get_or_create(cycle=shop.cycle, user=user, session_key="")
    guest = basket_get_or_create(cycle=shop.cycle, user=None, session_key="g")

    assert basket_for(cycle=shop.cycle, user=user, session_key="") == basket
    assert basket_for(cycle=shop.cycle, user=None, session_key="g") == guest
    assert basket_for(cycle=shop.cycle, user=None, session_key="") is None
