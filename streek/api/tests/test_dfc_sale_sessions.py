"""Order cycles as DFC sale sessions at /api/dfc/enterprises/{hub}/sale_sessions: published and closed cycles with
their offers (price, stock left, the producer's catalog item); drafts are not shown."""

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from streek.interop.dfc import ids
from streek.orders.choices import CycleStatus
from streek.orders.tests.factories import CycleOfferFactory, OrderCycleFactory

from .test_dfc import graph, signed_in, url

pytestmark = pytest.mark.django_db


def test_a_hubs_cycles_are_sale_sessions_with_their_offers(django_assert_num_queries: Any) -> None:
    # given a published cycle with a limited and an on-demand offer, and a draft
    offer = CycleOfferFactory(producer_price=Decimal("3.20"), stock=10, sold=4)
    cycle = offer.cycle
    on_demand = CycleOfferFactory(exchange=offer.exchange, stock=None)
    OrderCycleFactory(hub=cycle.hub, status=CycleStatus.DRAFT)
    client = signed_in()
    # when the sale sessions are read
    with django_assert_num_queries(5):  # session, user, organisation guard, cycles, offers
        response = client.get(url("dfc_sale_sessions", enterprise_id=cycle.hub_id))
    # then the one published cycle is a SaleSession listing both offers
    assert response.status_code == 200
    nodes = {node["@id"]: node for node in graph(response)}
    session = nodes[ids.sale_session_id(cycle.hub_id, cycle.pk)]
    assert session["@type"] == "dfc-b:SaleSession"
    assert session["dfc-b:name"] == cycle.name
    assert session["dfc-b:startDate"]["@value"] == cycle.opens_at.isoformat(timespec="seconds")
    assert session["dfc-b:objectOf"]["dfc-b:coordinatedBy"] == ids.enterprise_id(cycle.hub_id)
    assert len(session["dfc-b:lists"]) == 2
    limited = nodes[ids.sale_session_offer_id(cycle.hub_id, cycle.pk, offer.pk)]
    assert limited["dfc-b:hasPrice"]["dfc-b:value"] == 3.2
    assert limited["dfc-b:stockLimitation"] == 6
    assert limited["dfc-b:offers"] == ids.catalog_item_id(offer.exchange.producer_id, offer.variant_id)
    assert "dfc-b:stockLimitation" not in nodes[ids.sale_session_offer_id(cycle.hub_id, cycle.pk, on_demand.pk)]
    assert len(nodes) == 3


def test_one_sale_session_and_refusals() -> None:
    cycle = CycleOfferFactory().cycle
    draft = OrderCycleFactory(hub=cycle.hub, status=CycleStatus.DRAFT)
    client = signed_in()

    one = client.get(url("dfc_sale_session", enterprise_id=cycle.hub_id, session_id=cycle.pk))
    hidden = client.get(url("dfc_sale_session", enterprise_id=cycle.hub_id, session_id=draft.pk))
    other_hub = client.get(url("dfc_sale_session", enterprise_id=draft.hub_id + 999, session_id=cycle.pk))
    anonymous = Client().get(url("dfc_sale_sessions", enterprise_id=cycle.hub_id))

    assert one.status_code == 200
    assert [node["@type"] for node in graph(one)] == ["dfc-b:SaleSession", "dfc-b:Offer"]
    assert hidden.status_code == 404
    assert other_hub.status_code == 404
    assert anonymous.status_code == 401
