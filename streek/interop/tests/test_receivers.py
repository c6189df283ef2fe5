"""Domain events of the services below fire webhooks: deliveries in the same transaction, sent after commit."""

import json

import pytest
from django.db import transaction

from streek.catalog.tests.factories import concept
from streek.interop.choices import DeliveryStatus
from streek.interop.models import WebhookDelivery
from streek.interop.signing import verify_signature
from streek.interop.tests.factories import WebhookEndpointFactory
from streek.interop.tests.loopback import loopback_server
from streek.market.matching.engine import match_post
from streek.market.models import Match
from streek.market.tests.factories import OfferFactory, RequestFactory
from streek.orders.choices import CycleStatus
from streek.orders.models import Order
from streek.orders.services.cycles import order_cycle_publish
from streek.orders.tests.buyer_scenarios import buyer_with_basket, checkout_pickup, shop_open
from streek.orders.tests.factories import CycleOfferFactory, PickupSlotFactory
from streek.orders.tests.hub_scenarios import member_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("loopback_webhooks")]  # the receiver is on loopback


def test_placing_an_order_creates_deliveries_for_the_hub_and_the_producer(django_capture_on_commit_callbacks):
    # given an open shop whose hub and producer have webhooks (and a third organisation that is not concerned)
    shop = shop_open(stock=10)
    hub_hook = WebhookEndpointFactory(organisation=shop.hub, events=["order.placed"])
    producer_hook = WebhookEndpointFactory(organisation=shop.producer, events=["order.placed", "cycle.closed"])
    WebhookEndpointFactory(events=["order.placed"])
    buyer, basket = buyer_with_basket(shop)

    # when the buyer checks out
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        order = checkout_pickup(shop, buyer, basket)

    # then one pending delivery per concerned endpoint, with the order's ids, reference and API URL
    deliveries = WebhookDelivery.objects.order_by("endpoint_id")
    assert [d.endpoint_id for d in deliveries] == [hub_hook.pk, producer_hook.pk]
    assert {d.status for d in deliveries} == {DeliveryStatus.PENDING}
    assert len({d.event_id for d in deliveries}) == 1
    data = deliveries[0].payload["data"]["order"]
    assert data["id"] == order.pk and data["reference"] == order.reference
    assert data["hub_id"] == shop.hub.pk and data["producer_ids"] == [shop.producer.pk]
    assert data["url"].endswith(f"/api/v1/orders/{order.pk}")
    # and sending is left to after the commit
    assert callbacks


def test_nothing_is_recorded_or_sent_when_the_order_is_rolled_back(django_capture_on_commit_callbacks):
    shop = shop_open(stock=10)
    WebhookEndpointFactory(organisation=shop.hub, events=["order.placed"])
    buyer, basket = buyer_with_basket(shop)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError):
            with transaction.atomic():
                checkout_pickup(shop, buyer, basket)
                raise RuntimeError("the surrounding change fails")

    assert not Order.objects.exists()
    assert not WebhookDelivery.objects.exists()
    assert callbacks == []


def test_the_delivery_reaches_a_real_receiver_after_commit(django_capture_on_commit_callbacks):
    with loopback_server() as server:
        # given the hub's endpoint on a loopback server
        shop = shop_open(stock=10)
        endpoint = WebhookEndpointFactory(organisation=shop.hub, url=server.url, events=["order.placed"])
        buyer, basket = buyer_with_basket(shop)

        # when an order is placed and the transaction commits (the task runs at once in tests)
        with django_capture_on_commit_callbacks(execute=True):
            order = checkout_pickup(shop, buyer, basket)

    # then the receiver got the signed event
    (request,) = server.received
    assert verify_signature(endpoint.secret, request.headers["Streek-Signature"], request.body)
    body = json.loads(request.body)
    assert body["event"] == "order.placed" and body["data"]["order"]["reference"] == order.reference
    assert WebhookDelivery.objects.get().status == DeliveryStatus.SUCCEEDED


def test_publishing_a_cycle_tells_the_hub_and_its_producers():
    offer = CycleOfferFactory(exchange__cycle__status=CycleStatus.DRAFT)
    cycle = offer.cycle
    PickupSlotFactory(cycle=cycle)
    hub_hook = WebhookEndpointFactory(organisation=cycle.hub, events=["cycle.opened"])
    producer_hook = WebhookEndpointFactory(organisation=offer.exchange.producer, events=["cycle.opened"])
    WebhookEndpointFactory(organisation=cycle.hub, events=["cycle.closed"])

    order_cycle_publish(actor=member_of(cycle.hub), cycle=cycle)

    deliveries = WebhookDelivery.objects.order_by("endpoint_id")
    assert [d.endpoint_id for d in deliveries] == [hub_hook.pk, producer_hook.pk]
    data = deliveries[0].payload["data"]["cycle"]
    assert data["id"] == cycle.pk and data["status"] == CycleStatus.PUBLISHED
    assert data["producer_ids"] == [offer.exchange.producer_id]


def test_new_matches_are_told_to_both_organisations():
    # given an offer and a request that fit, both organisations with a webhook
    offer = OfferFactory(product_type=concept("product_type", "carrot"))
    request = RequestFactory(product_type=concept("product_type", "carrot"))
    offer_hook = WebhookEndpointFactory(organisation=offer.organisation, events=["match.found"])
    request_hook = WebhookEndpointFactory(organisation=request.organisation, events=["match.found"])

    # when the offer is matched
    match_post(kind="offer", post_id=offer.pk)

    # then both hear about the match
    match = Match.objects.get()
    deliveries = WebhookDelivery.objects.order_by("endpoint_id")
    assert [d.endpoint_id for d in deliveries] == sorted([offer_hook.pk, request_hook.pk])
    data = deliveries[0].payload["data"]["match"]
    assert data["id"] == match.pk
    assert data["offer"]["organisation_id"] == offer.organisation_id
    assert data["request"]["organisation_id"] == request.organisation_id


def test_no_subscribers_means_no_deliveries():
    shop = shop_open(stock=10)
    WebhookEndpointFactory(organisation=shop.hub, events=["cycle.closed"])
    buyer, basket = buyer_with_basket(shop)

    checkout_pickup(shop, buyer, basket)

    assert not WebhookDelivery.objects.exists()
