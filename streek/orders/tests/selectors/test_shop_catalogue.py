from decimal import Decimal

import pytest

from streek.catalog.choices import StorageTemperature
from streek.catalog.tests.factories import VariantFactory, concept
from streek.core.exceptions import ApplicationError
from streek.orders.choices import ChannelKind, FeeCalculation, FeeKind, PriceRule
from streek.orders.selectors.shop import cycle_producer_list, shop_catalogue
from streek.orders.tests.factories import (
    ChannelTermsFactory,
    ChannelVariantTermFactory,
    CycleOfferFactory,
    CycleProducerFactory,
    HubFeeFactory,
    OrderCycleFactory,
)

pytestmark = pytest.mark.django_db


def offer_of(exchange, **variant):
    """An offer of a new variant (with these VariantFactory fields) of the exchange's producer."""
    return CycleOfferFactory(
        exchange=exchange, variant=VariantFactory(product__organisation=exchange.producer, **variant)
    )


def shop(offers: int, producers: int = 5):
    """A cycle with `offers` offers spread over `producers` producers, a fee and a horeca price list."""
    cycle = OrderCycleFactory(with_channels=[ChannelKind.CONSUMER, ChannelKind.HORECA])
    exchanges = [CycleProducerFactory(cycle=cycle) for _ in range(producers)]
    for number in range(offers):
        CycleOfferFactory(exchange=exchanges[number % producers])
    HubFeeFactory(cycle=cycle, calculation=FeeCalculation.PERCENTAGE, amount=Decimal("10"))
    return cycle


@pytest.mark.parametrize("offers", [5, 50])
def test_shop_catalogue_query_count_does_not_grow_with_the_products(offers, django_assert_num_queries):
    cycle = shop(offers)
    terms = cycle.channels.get(kind=ChannelKind.HORECA)
    for offer in cycle.offers.all()[:3]:
        ChannelVariantTermFactory(terms=terms, variant=offer.variant, case_size=6)

    with django_assert_num_queries(4):
        page = shop_catalogue(cycle=cycle, terms=terms, per_page=48)
        rendered = [
            (row.producer.name, row.product.name, row.variant.unit.key, row.price.amount_incl_vat) for row in page.rows
        ]

    assert len(rendered) == min(offers, 48)
    assert page.total == offers


def test_shop_catalogue_prices_a_row_as_the_buyer_pays_it():
    offer = CycleOfferFactory(producer_price=Decimal("2.00"), stock=10, sold=4)
    cycle = offer.cycle
    HubFeeFactory(cycle=cycle, kind=FeeKind.PACKING, calculation=FeeCalculation.PERCENTAGE, amount=Decimal("10"))
    terms = cycle.channels.get()

    (row,) = shop_catalogue(cycle=cycle, terms=terms).rows

    assert (row.offer, row.variant, row.product, row.producer) == (
        offer,
        offer.variant,
        offer.variant.product,
        offer.exchange.producer,
    )
    assert (row.available, row.case_size, row.minimum_quantity, row.is_chilled, row.is_sold_out) == (
        6,
        1,
        1,
        False,
        False,
    )
    assert (row.price.quantity, row.price.unit_price, row.price.fee_total, row.price.amount) == (
        1,
        Decimal("2.00"),
        Decimal("0.20"),
        Decimal("2.20"),
    )
    assert row.price.amount_incl_vat == Decimal("2.33")  # 6 % VAT


def test_shop_catalogue_applies_the_channel_price_list_rule_and_case_size():
    offer = CycleOfferFactory(producer_price=Decimal("2.00"), stock=None)
    cycle = offer.cycle
    terms = ChannelTermsFactory(hub=cycle.hub, kind=ChannelKind.HORECA, price_rule=PriceRule.MARKUP, markup_percent=25)
    listed = CycleOfferFactory(exchange=offer.exchange, producer_price=Decimal("2.00"))
    ChannelVariantTermFactory(
        terms=terms, variant=listed.variant, price=Decimal("1.90"), case_size=6, minimum_quantity=12
    )

    rows = {row.offer: row for row in shop_catalogue(cycle=cycle, terms=terms).rows}

    assert rows[offer].price.unit_price == Decimal("2.50")
    assert rows[offer].available is None
    listed_row = rows[listed]
    assert (listed_row.case_size, listed_row.minimum_quantity, listed_row.price.quantity) == (6, 12, 6)
    assert listed_row.price.goods_amount == Decimal("11.40")


def test_shop_catalogue_marks_chilled_and_sold_out_products():
    offer = offer_of(CycleProducerFactory(), product__storage_temperature=StorageTemperature.CHILLED)
    offer.stock = offer.sold = 3
    offer.save()

    (row,) = shop_catalogue(cycle=offer.cycle, terms=offer.cycle.channels.get()).rows

    assert (row.is_chilled, row.available, row.is_sold_out) == (True, 0, True)


def test_shop_catalogue_leaves_out_inactive_variants_and_other_cycles():
    offer = CycleOfferFactory()
    offer_of(offer.exchange, is_active=False)
    offer_of(offer.exchange, product__is_active=False)
    CycleOfferFactory()

    page = shop_catalogue(cycle=offer.cycle, terms=offer.cycle.channels.get())

    assert [row.offer for row in page.rows] == [offer]


def test_shop_catalogue_pages():
    cycle = shop(7, producers=1)
    terms = cycle.channels.get(kind=ChannelKind.CONSUMER)

    first = shop_catalogue(cycle=cycle, terms=terms, per_page=3)
    last = shop_catalogue(cycle=cycle, terms=terms, page=3, per_page=3)
    beyond = shop_catalogue(cycle=cycle, terms=terms, page=99, per_page=3)

    assert (len(first.rows), first.num_pages, first.has_next, first.has_previous) == (3, 3, True, False)
    assert (len(last.rows), last.page, last.has_next, last.has_previous) == (1, 3, False, True)
    assert beyond.page == 3
    assert {row.offer.pk for row in first.rows}.isdisjoint(row.offer.pk for row in last.rows)


def test_shop_catalogue_searches_and_filters_by_producer_and_product_type():
    cycle = OrderCycleFactory()
    exchange = CycleProducerFactory(cycle=cycle, producer__name="Hoeve Appelgaard")
    apples = offer_of(exchange, product__name_nl="Jonagold", product__product_type=concept("product_type", "apples"))
    other = CycleProducerFactory(cycle=cycle, producer__name="Zuivelhoeve")
    cheese = offer_of(other, product__name_nl="Kaas", product__product_type=concept("product_type", "dairy-product"))
    terms = cycle.channels.get()

    def offers(**filters):
        return [row.offer for row in shop_catalogue(cycle=cycle, terms=terms, **filters).rows]

    assert offers(search="jona") == [apples]
    assert offers(search="appelgaard") == [apples]
    assert offers(producer_id=other.producer_id) == [cheese]
    assert offers(product_type_key="apples") == [apples]
    assert offers(product_type_key="fruit") == [apples]
    assert offers(search="brood") == []


def test_shop_catalogue_search_matches_every_name_in_any_case_and_all_words():
    # given offers whose words sit in different names: product (3 languages), variant, producer
    cycle = OrderCycleFactory()
    farm = CycleProducerFactory(cycle=cycle, producer__name="Hoeve Appelgaard")
    dairy = CycleProducerFactory(cycle=cycle, producer__name="Zuivelhoeve")
    jonagold = offer_of(farm, product__name_nl="Jonagold", name="Kist van 5 kg")
    pear = offer_of(farm, product__name_nl="Conference", product__name_fr="Poire", product__name_en="Pear")
    cheese = offer_of(dairy, product__name_nl="Kaas", product__name_en="Cheese", name="Blok")
    # and the same word in an offer of another cycle, which must not show up
    offer_of(CycleProducerFactory(producer__name="Elders"), product__name_nl="Jonagold")
    terms = cycle.channels.get()

    def offers(search):
        return {row.offer for row in shop_catalogue(cycle=cycle, terms=terms, search=search, per_page=50).rows}

    # when searching, then each name is matched, case-insensitively, and every word must match
    assert offers("JONA") == {jonagold}
    assert offers("poire") == {pear}
    assert offers("pear") == {pear}
    assert offers("kist") == {jonagold}
    assert offers("appelgaard") == {jonagold, pear}
    assert offers("zuivel") == {cheese}
    assert offers("appelgaard kist") == {jonagold}
    assert offers("appelgaard cheese") == set()
    assert shop_catalogue(cycle=cycle, terms=terms, search="blok").total == 1


@pytest.mark.parametrize("search", ["", "hoeve", "hoeve kaas"])
def test_shop_catalogue_search_query_count_is_constant(search, django_assert_num_queries):
    # given a cycle with matching offers
    cycle = OrderCycleFactory()
    exchange = CycleProducerFactory(cycle=cycle, producer__name="Kaashoeve")
    for _ in range(3):
        offer_of(exchange, product__name_nl="Kaas")
    terms = cycle.channels.get()

    # when searching, then: fees, count, page, price list
    with django_assert_num_queries(4):
        page = shop_catalogue(cycle=cycle, terms=terms, search=search)
    assert len(page.rows) == 3


def test_shop_catalogue_refuses_terms_of_another_hub():
    cycle = OrderCycleFactory()

    with pytest.raises(ApplicationError):
        shop_catalogue(cycle=cycle, terms=ChannelTermsFactory())


def test_cycle_producer_list_by_name():
    cycle = OrderCycleFactory()
    b = CycleProducerFactory(cycle=cycle, producer__name="B-hoeve").producer
    a = CycleProducerFactory(cycle=cycle, producer__name="A-hoeve").producer
    CycleProducerFactory()

    assert cycle_producer_list(cycle=cycle) == [a, b]
