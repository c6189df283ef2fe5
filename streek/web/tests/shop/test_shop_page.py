from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from streek.catalog.choices import StorageTemperature
from streek.catalog.tests.factories import ProductFactory, VariantFactory
from streek.orders.choices import CycleStatus
from streek.orders.tests.factories import (
    ChannelVariantTermFactory,
    CycleOfferFactory,
    CycleProducerFactory,
    HubFeeFactory,
    OrderCycleFactory,
)

from .conftest import Market, english_client, market_open

pytestmark = pytest.mark.django_db


def _url(market: Market, query: str = "") -> str:
    return reverse("web:shop_page", args=[market.hub.slug]) + query


def test_shows_each_offer_with_its_price_share_producer_and_an_add_form(market: Market) -> None:
    # given a 10% packing fee on the cycle
    HubFeeFactory(cycle=market.cycle, amount=Decimal("10"))

    # when a visitor opens the hub's shop
    response = english_client().get(_url(market))

    # then every offer shows its price incl. VAT, the producer's share, the route, the producer and a quantity field
    html = response.content.decode()
    assert response.status_code == 200
    offer = market.offers[0]
    assert offer.variant.product.name in html
    # 2.00 + 10% fee = 2.20 excl. VAT; the factory's variants carry 6% VAT: 2.33 incl. VAT
    assert "€ 2.33" in html
    assert "91% goes to the producer" in html
    assert "via 1 intermediary" in html
    assert reverse("web:organisation_detail", args=[market.producers[0].slug]) in html
    assert f'id="quantity-{offer.pk}"' in html and f'for="quantity-{offer.pk}"' in html
    assert 'id="basket-summary"' in html


def test_badges_for_chilled_low_stock_and_sold_out_goods() -> None:
    # given a chilled product with 3 left and a product that is sold out
    market = market_open(stock=None)
    exchange = CycleProducerFactory(cycle=market.cycle, producer=market.producers[0])
    chilled = VariantFactory(
        product=ProductFactory(organisation=exchange.producer, storage_temperature=StorageTemperature.CHILLED)
    )
    CycleOfferFactory(exchange=exchange, variant=chilled, stock=3)
    gone = CycleOfferFactory(exchange=exchange, stock=2)
    gone.sold = 2
    gone.save()

    response = english_client().get(_url(market))

    html = response.content.decode()
    assert "Chilled" in html
    assert "Only 3 left" in html
    assert "Sold out" in html
    assert f'id="quantity-{gone.pk}"' not in html


def test_case_size_sets_the_quantity_step_for_business_terms(market: Market) -> None:
    # given the consumer channel sells the first variant per case of 6, at least 12
    terms = market.cycle.channels.get()
    offer = market.offers[0]
    ChannelVariantTermFactory(terms=terms, variant=offer.variant, case_size=6, minimum_quantity=12)

    response = english_client().get(_url(market))

    html = response.content.decode()
    assert "Per case of 6, order at least 12" in html
    assert f'id="quantity-{offer.pk}" name="quantity" value="12" min="0" step="6"' in html


def test_filters_by_producer_and_search(market: Market) -> None:
    first, second = market.offers
    first.variant.product.name_nl = "Spruitjes"
    first.variant.product.save()

    by_producer = english_client().get(_url(market, f"?producer={market.producers[1].pk}"))
    by_search = english_client().get(_url(market, "?q=spruit"))

    assert f'id="offer-{second.pk}"' in by_producer.content.decode()
    assert f'id="offer-{first.pk}"' not in by_producer.content.decode()
    assert f'id="offer-{first.pk}"' in by_search.content.decode()
    assert f'id="offer-{second.pk}"' not in by_search.content.decode()


def test_htmx_filtering_returns_only_the_catalogue(market: Market) -> None:
    response = english_client().get(_url(market, "?q=x"), HTTP_HX_REQUEST="true")

    html = response.content.decode()
    assert "catalogue-heading" in html
    assert "<html" not in html


def test_a_closed_shop_says_when_the_next_cycle_opens_and_what_was_offered_last_time() -> None:
    # given a hub whose last cycle closed yesterday and whose next cycle opens in three days
    last = OrderCycleFactory(
        opens_at=timezone.now() - timedelta(days=8),
        closes_at=timezone.now() - timedelta(days=1),
        fulfilment_date=timezone.localdate(),
        status=CycleStatus.CLOSED,
    )
    offer = CycleOfferFactory(exchange=CycleProducerFactory(cycle=last))
    OrderCycleFactory(
        hub=last.hub,
        opens_at=timezone.now() + timedelta(days=3),
        closes_at=timezone.now() + timedelta(days=6),
        fulfilment_date=timezone.localdate() + timedelta(days=7),
    )

    response = english_client().get(reverse("web:shop_page", args=[last.hub.slug]))

    html = response.content.decode()
    assert "This shop is not taking orders right now." in html
    assert "The next order round opens on" in html
    assert "Offered last time" in html and offer.variant.product.name in html


def test_unknown_hub_is_not_found() -> None:
    assert english_client().get(reverse("web:shop_page", args=["no-such-hub"])).status_code == 404


# For a guest with a basket: the open cycle with its hub, the cycle's channels (the consumer terms among them), the
# session, the producers of the filter, the product types, the basket, its lines, fees and price list, the page's
# fees, count, offers and price list. The same whatever the number of products.
SHOP_PAGE_QUERIES = 13


@pytest.mark.parametrize("offers_per_producer", [5, 50])
def test_query_count_does_not_grow_with_the_number_of_products(
    offers_per_producer: int, django_assert_num_queries: Any
) -> None:
    # given a shop with 10 or 100 offers (two producers) and a guest with a basket
    market = market_open(offers_per_producer=offers_per_producer)
    client = english_client()
    client.post(
        reverse("web:basket_add", args=[market.hub.slug]),
        {"cycle": market.cycle.pk, "offer": market.offers[0].pk, "quantity": 1},
    )
    client.get(_url(market))  # warm caches (product type choices)

    # when the shop page is rendered, then always the same number of queries
    with django_assert_num_queries(SHOP_PAGE_QUERIES):
        response = client.get(_url(market))
    assert response.status_code == 200


def test_offer_cards_escape_names_and_carry_the_order_form() -> None:
    # given an offered product whose name and variant name contain markup
    market = market_open()
    variant = market.offers[0].variant
    product = variant.product
    product.name_nl = product.name_en = "<b>Wortels</b> & co"
    product.save()
    variant.name = '"bos"'
    variant.save()

    # when the shop page is shown
    html = english_client().get(_url(market)).content.decode()

    # then the names are escaped, and the card has its own add form for this offer
    assert "<b>Wortels</b>" not in html
    assert "&lt;b&gt;Wortels&lt;/b&gt; &amp; co" in html and "&quot;bos&quot;" in html
    offer_id = market.offers[0].pk
    assert f'id="offer-{offer_id}"' in html
    assert f'<input type="hidden" name="offer" value="{offer_id}">' in html
    assert f'hx-target="#offer-{offer_id}-status"' in html
    assert 'name="csrfmiddlewaretoken"' in html
