from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from streek.accounts.tests.factories import MembershipFactory, UserFactory
from streek.api.schemas.orders import CycleDetail, CyclePage
from streek.orders.choices import ChannelKind, CycleStatus
from streek.orders.tests.factories import (
    CycleOfferFactory,
    CycleProducerFactory,
    DeliveryZoneFactory,
    HubFactory,
    HubFeeFactory,
    OrderCycleFactory,
    PickupSlotFactory,
)

pytestmark = pytest.mark.django_db


def hub_cycles(hub_id: int) -> str:
    return f"/api/v1/hubs/{hub_id}/cycles"


def names(response: Any) -> list[str]:
    return [item["name"] for item in response.json()["items"]]


def test_public_list_has_published_cycles_newest_first(client: Client) -> None:
    # given a hub with two published cycles, a draft and another hub's cycle
    hub = HubFactory()
    now = timezone.now()
    OrderCycleFactory(hub=hub, name="Week 1", opens_at=now - timedelta(days=8), closes_at=now - timedelta(days=2))
    OrderCycleFactory(hub=hub, name="Week 2")
    OrderCycleFactory(hub=hub, name="Draft", status=CycleStatus.DRAFT)
    OrderCycleFactory(name="Elsewhere")

    # when a guest lists the hub's cycles
    response = client.get(hub_cycles(hub.pk))

    # then only the published ones, newest first, with their channels and no order count
    assert response.status_code == 200
    assert names(response) == ["Week 2", "Week 1"]
    item = response.json()["items"][0]
    assert item["hub"] == {"id": hub.pk, "slug": hub.slug, "name": hub.name}
    assert item["is_open"] is True
    assert item["channels"] == [{"key": "consumer", "label": str(ChannelKind.CONSUMER.label)}]
    assert item["order_count"] is None
    assert item["url"].endswith(f"/api/v1/cycles/{item['id']}")
    CyclePage.model_validate(response.json())


def test_members_see_drafts_and_the_order_count(client: Client) -> None:
    # given a hub's staff member and a draft
    hub = HubFactory()
    OrderCycleFactory(hub=hub, name="Draft", status=CycleStatus.DRAFT)
    client.force_login(MembershipFactory(organisation=hub, role="staff").user)

    # when
    response = client.get(hub_cycles(hub.pk), {"status": "draft"})

    # then
    assert names(response) == ["Draft"]
    assert response.json()["items"][0]["order_count"] == 0


def test_cursor_walks_every_cycle_once(client: Client) -> None:
    hub = HubFactory()
    now = timezone.now()
    cycles = [
        OrderCycleFactory(hub=hub, opens_at=now - timedelta(days=n % 3), closes_at=now + timedelta(days=5))
        for n in range(5)
    ]

    seen: list[int] = []
    response = client.get(hub_cycles(hub.pk), {"limit": "2", "count": "true"})
    assert response.json()["count"] == 5
    while True:
        body = response.json()
        seen.extend(item["id"] for item in body["items"])
        if body["next"] is None:
            break
        response = client.get(body["next"])

    assert seen == [c.pk for c in sorted(cycles, key=lambda c: (c.opens_at, c.pk), reverse=True)]


@pytest.mark.parametrize("n", [3, 30])
def test_list_query_count_does_not_grow(n: int, client: Client, django_assert_num_queries: Any) -> None:
    hub = HubFactory()
    for _ in range(n):
        cycle = OrderCycleFactory(hub=hub, with_channels=[ChannelKind.CONSUMER, ChannelKind.HORECA])
        CycleOfferFactory(exchange=CycleProducerFactory(cycle=cycle))

    # hub, cycles with their counts, their channels
    with django_assert_num_queries(3):
        response = client.get(hub_cycles(hub.pk), {"limit": "200"})

    assert len(response.json()["items"]) == n
    assert response.json()["items"][0]["offer_count"] == 1


def test_unknown_hub_is_a_404_problem(client: Client) -> None:
    response = client.get(hub_cycles(999999))

    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


def test_detail_has_producers_fees_slots_and_zones(client: Client) -> None:
    # given
    cycle = OrderCycleFactory()
    exchange = CycleProducerFactory(cycle=cycle)
    CycleOfferFactory(exchange=exchange)
    HubFeeFactory(cycle=cycle, name="Inpakken")
    slot = PickupSlotFactory(cycle=cycle, capacity=5)
    zone = DeliveryZoneFactory(hub=cycle.hub)
    cycle.delivery_zones.add(zone)

    # when
    response = client.get(f"/api/v1/cycles/{cycle.pk}")

    # then
    assert response.status_code == 200
    body = response.json()
    CycleDetail.model_validate(body)
    assert body["producers"] == [
        {"id": exchange.producer.pk, "slug": exchange.producer.slug, "name": exchange.producer.name}
    ]
    assert body["fees"] == [{"kind": "packing", "name": "Inpakken", "calculation": "percentage", "amount": "10.00"}]
    assert body["pickup_slots"][0]["id"] == slot.pk
    assert body["pickup_slots"][0]["remaining"] == 5
    assert body["pickup_slots"][0]["pickup_point"]["name"] == slot.pickup_point.name
    assert body["delivery_zones"][0]["postal_codes"] == ["3800", "3803"]
    assert body["offer_count"] == 1


def test_a_draft_is_hidden_from_others_but_shown_to_members(client: Client) -> None:
    cycle = OrderCycleFactory(status=CycleStatus.DRAFT)
    url = f"/api/v1/cycles/{cycle.pk}"

    client.force_login(UserFactory())
    assert client.get(url).status_code == 404

    client.force_login(MembershipFactory(organisation=cycle.hub, role="staff").user)
    assert client.get(url).status_code == 200
