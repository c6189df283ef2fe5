from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from streek.accounts.tests.factories import MembershipFactory, UserFactory
from streek.api.schemas.orders import CataloguePage
from streek.catalog.choices import OrganisationKind
from streek.catalog.tests.factories import OrganisationFactory, ProductFactory, VariantFactory
from streek.orders.choices import ChannelKind, CycleStatus, FeeCalculation, FeeKind
from streek.orders.tests.factories import (
    ChannelAdmissionFactory,
    ChannelVariantTermFactory,
    CycleOfferFactory,
    CycleProducerFactory,
    HubFeeFactory,
    OrderCycleFactory,
)

from .conftest import concept

pytestmark = pytest.mark.django_db


def catalogue(cycle_id: int) -> str:
    return f"/api/v1/cycles/{cycle_id}/catalogue"


def test_guest_sees_consumer_prices_with_fees_vat_and_producer_share(client: Client) -> None:
    # given an open cycle with a 10% packing fee and one offer at 2.00 excl. VAT (6% VAT)
    cycle = OrderCycleFactory()
    HubFeeFactory(cycle=cycle, kind=FeeKind.PACKING, calculation=FeeCalculation.PERCENTAGE, amount=Decimal("10"))
    offer = CycleOfferFactory(exchange=CycleProducerFactory(cycle=cycle), producer_price=Decimal("2.00"), stock=7)

    # when a guest opens the catalogue
    response = client.get(catalogue(cycle.pk), HTTP_ACCEPT_LANGUAGE="en")

    # then the line is priced on the consumer channel
    assert response.status_code == 200
    body = response.json()
    CataloguePage.model_validate(body)
    assert body["channel"]["key"] == "consumer"
    assert (body["page"], body["num_pages"], body["count"], body["next"], body["previous"]) == (1, 1, 1, None, None)
    item = body["items"][0]
    assert item["offer_id"] == offer.pk
    assert item["producer"]["id"] == offer.exchange.producer_id
    assert item["available"] == 7
    assert item["is_sold_out"] is False
    assert item["intermediaries"] == 1
    assert item["variant"]["unit"]["key"] == "Kilogram"
    price = item["price"]
    assert price["quantity"] == 1
    assert Decimal(price["unit_price"]) == Decimal("2.00")
    assert price["fees"] == [{"kind": "packing", "name": "Packing", "amount": "0.20"}]
    assert Decimal(price["amount_excl_vat"]) == Decimal("2.20")
    assert Decimal(price["vat_rate"]) == Decimal("6.00")
    assert Decimal(price["vat_amount"]) == Decimal("0.13")
    assert Decimal(price["amount_incl_vat"]) == Decimal("2.33")
    assert Decimal(price["producer_share"]) == Decimal("0.9091")


def test_business_buyer_sees_its_channel_price_list_and_case_size(client: Client) -> None:
    # given a cycle on the consumer and horeca channels; a restaurant admitted to horeca with a case price
    cycle = OrderCycleFactory(with_channels=[ChannelKind.CONSUMER, ChannelKind.HORECA])
    offer = CycleOfferFactory(exchange=CycleProducerFactory(cycle=cycle), producer_price=Decimal("2.00"))
    horeca = cycle.channels.get(kind=ChannelKind.HORECA)
    admission = ChannelAdmissionFactory(terms=horeca)
    ChannelVariantTermFactory(terms=horeca, variant=offer.variant, price=Decimal("1.50"), case_size=6)
    client.force_login(MembershipFactory(organisation=admission.buyer, role="manager").user)

    # when it asks for the catalogue as the restaurant
    response = client.get(catalogue(cycle.pk), {"buyer_organisation": admission.buyer_id})

    # then the horeca price of a case of six
    assert response.status_code == 200
    body = response.json()
    assert body["channel"]["key"] == "horeca"
    item = body["items"][0]
    assert item["case_size"] == 6
    assert item["price"]["quantity"] == 6
    assert Decimal(item["price"]["unit_price"]) == Decimal("1.50")
    assert Decimal(item["price"]["goods_amount"]) == Decimal("9.00")


def test_buying_for_an_organisation_needs_a_login(client: Client) -> None:
    cycle = OrderCycleFactory()
    organisation = OrganisationFactory(kind=OrganisationKind.HORECA)

    response = client.get(catalogue(cycle.pk), {"buyer_organisation": organisation.pk})

    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 401


def test_buying_for_an_organisation_one_does_not_manage_is_forbidden(client: Client) -> None:
    cycle = OrderCycleFactory(with_channels=[ChannelKind.HORECA])
    admission = ChannelAdmissionFactory(terms=cycle.channels.get())
    client.force_login(MembershipFactory(organisation=admission.buyer, role="staff").user)

    response = client.get(catalogue(cycle.pk), {"buyer_organisation": admission.buyer_id})

    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"


def test_an_organisation_not_admitted_gets_a_problem_naming_the_channel(client: Client) -> None:
    cycle = OrderCycleFactory(with_channels=[ChannelKind.CONSUMER, ChannelKind.HORECA])
    restaurant = OrganisationFactory(kind=OrganisationKind.HORECA)
    client.force_login(MembershipFactory(organisation=restaurant).user)

    response = client.get(catalogue(cycle.pk), {"buyer_organisation": restaurant.pk})

    assert response.status_code == 403
    body = response.json()
    assert body["field"] == "channel"
    assert "channel" in body["errors"]
    assert restaurant.name in body["detail"]


def test_filters_on_search_producer_and_product_type(client: Client) -> None:
    # given two producers: carrots (vegetable) and apples (fruit)
    cycle = OrderCycleFactory()
    carrots_exchange, apples_exchange = CycleProducerFactory(cycle=cycle), CycleProducerFactory(cycle=cycle)
    carrots = CycleOfferFactory(
        exchange=carrots_exchange,
        variant=VariantFactory(
            product=ProductFactory(organisation=carrots_exchange.producer, name_nl="Wortelen"),
        ),
    )
    apples = CycleOfferFactory(
        exchange=apples_exchange,
        variant=VariantFactory(
            product=ProductFactory(
                organisation=apples_exchange.producer,
                name_nl="Jonagold",
                product_type=concept("product_type", "apples"),
            ),
        ),
    )

    def offers(**params: Any) -> list[int]:
        return [item["offer_id"] for item in client.get(catalogue(cycle.pk), params).json()["items"]]

    assert offers(q="wortel") == [carrots.pk]
    assert offers(producer=apples_exchange.producer_id) == [apples.pk]
    assert offers(product_type="fruit") == [apples.pk]


def test_pages_link_to_each_other(client: Client) -> None:
    cycle = OrderCycleFactory()
    exchange = CycleProducerFactory(cycle=cycle)
    CycleOfferFactory.create_batch(5, exchange=exchange)

    first = client.get(catalogue(cycle.pk), {"limit": "2"}).json()
    second = client.get(first["next"]).json()

    assert (first["num_pages"], first["count"]) == (3, 5)
    assert second["page"] == 2
    assert second["previous"].endswith("page=1")
    assert {i["offer_id"] for i in first["items"]}.isdisjoint({i["offer_id"] for i in second["items"]})


def test_invalid_limit_is_a_problem_naming_the_parameter(client: Client) -> None:
    cycle = OrderCycleFactory()

    response = client.get(catalogue(cycle.pk), {"limit": "0"})

    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert "limit" in response.json()["errors"]


def test_the_catalogue_of_a_draft_is_hidden_from_guests(client: Client) -> None:
    cycle = OrderCycleFactory(status=CycleStatus.DRAFT)

    response = client.get(catalogue(cycle.pk))

    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize("n", [3, 30])
def test_query_count_does_not_grow_with_the_offers(n: int, client: Client, django_assert_num_queries: Any) -> None:
    # given n offers from three producers, with a fee and a price list row each
    cycle = OrderCycleFactory()
    HubFeeFactory(cycle=cycle)
    exchanges = CycleProducerFactory.create_batch(3, cycle=cycle)
    terms = cycle.channels.get()
    for i in range(n):
        offer = CycleOfferFactory(exchange=exchanges[i % 3])
        ChannelVariantTermFactory(terms=terms, variant=offer.variant, case_size=2)
    client.force_login(UserFactory())

    # session, user, cycle, memberships, terms, fees, count, offers, price list
    with django_assert_num_queries(9):
        response = client.get(catalogue(cycle.pk), {"limit": "200"})

    assert len(response.json()["items"]) == n
