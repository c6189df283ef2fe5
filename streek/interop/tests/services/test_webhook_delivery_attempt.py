import json
from datetime import timedelta

import pytest
from django.utils import timezone

from streek.interop.choices import DeliveryStatus
from streek.interop.models import WebhookDelivery
from streek.interop.services.webhooks import (
    MAX_ATTEMPTS,
    webhook_deliveries_due,
    webhook_delivery_attempt,
    webhook_redeliver,
    webhook_send_test,
)
from streek.interop.signing import verify_signature
from streek.interop.tests.factories import WebhookDeliveryFactory, WebhookEndpointFactory
from streek.interop.tests.loopback import loopback_server

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("loopback_webhooks")]  # the receiver is on loopback


def test_posts_the_signed_body_to_the_endpoint_and_records_the_success():
    with loopback_server(status=204, body=b"") as server:
        # given a pending delivery to a loopback receiver
        endpoint = WebhookEndpointFactory(url=server.url + "hook")
        delivery = WebhookDeliveryFactory(endpoint=endpoint, payload={"id": "e1", "event": "order.placed"})

        # when it is attempted
        result = webhook_delivery_attempt(delivery_id=delivery.pk)

    # then the receiver got the JSON body with a valid signature and the event headers
    assert len(server.received) == 1
    request = server.received[0]
    assert request.method == "POST" and request.path == "/hook"
    assert json.loads(request.body) == {"id": "e1", "event": "order.placed"}
    assert verify_signature(endpoint.secret, request.headers["Streek-Signature"], request.body)
    assert request.headers["Streek-Event"] == "order.placed"
    assert request.headers["Streek-Delivery"] == str(delivery.event_id)
    # and the delivery is recorded as a success
    assert result is not None and result.status == DeliveryStatus.SUCCEEDED
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.response_status) == (DeliveryStatus.SUCCEEDED, 1, 204)
    assert delivery.delivered_at is not None and delivery.next_attempt_at is None


def test_a_failure_is_retried_with_exponential_backoff_and_gives_up_after_six_attempts():
    expected_waits = [60, 300, 1800, 7200, 43200]
    with loopback_server(status=500, body=b"boom") as server:
        endpoint = WebhookEndpointFactory(url=server.url)
        delivery = WebhookDeliveryFactory(endpoint=endpoint)
        for attempt, wait in enumerate(expected_waits, start=1):
            # when an attempt fails
            before = timezone.now()
            webhook_delivery_attempt(delivery_id=delivery.pk, force=True)
            delivery.refresh_from_db()
            # then it waits 1 min, 5 min, 30 min, 2 h, 12 h
            assert delivery.status == DeliveryStatus.RETRYING
            assert delivery.attempts == attempt
            assert delivery.response_status == 500 and "boom" in delivery.error
            assert delivery.next_attempt_at is not None
            delay = (delivery.next_attempt_at - before).total_seconds()
            assert wait - 1 <= delay <= wait + 5

        # when the sixth attempt fails too
        webhook_delivery_attempt(delivery_id=delivery.pk, force=True)

    # then the delivery failed for good
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.FAILED
    assert delivery.attempts == MAX_ATTEMPTS == 6
    assert delivery.next_attempt_at is None
    assert len(server.received) == 6


def test_a_delivery_that_is_not_due_is_not_sent():
    with loopback_server() as server:
        later = timezone.now() + timedelta(minutes=5)
        delivery = WebhookDeliveryFactory(
            endpoint=WebhookEndpointFactory(url=server.url), status=DeliveryStatus.RETRYING, next_attempt_at=later
        )
        done = WebhookDeliveryFactory(endpoint=delivery.endpoint, status=DeliveryStatus.SUCCEEDED)

        assert webhook_delivery_attempt(delivery_id=delivery.pk) is None
        assert webhook_delivery_attempt(delivery_id=done.pk) is None

    assert server.received == []
    assert WebhookDelivery.objects.get(pk=delivery.pk).attempts == 0


def test_an_unreachable_endpoint_is_retried_with_the_error():
    # given a port nobody listens on (the server is closed again)
    with loopback_server() as server:
        url = server.url
    delivery = WebhookDeliveryFactory(endpoint=WebhookEndpointFactory(url=url))

    webhook_delivery_attempt(delivery_id=delivery.pk)

    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.RETRYING
    assert delivery.response_status is None and delivery.error


def test_a_redirect_is_not_followed():
    with loopback_server(status=302) as server:
        delivery = WebhookDeliveryFactory(endpoint=WebhookEndpointFactory(url=server.url))
        webhook_delivery_attempt(delivery_id=delivery.pk)

    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.RETRYING and delivery.response_status == 302


def test_redeliver_sends_a_failed_delivery_again(django_capture_on_commit_callbacks):
    with loopback_server() as server:
        delivery = WebhookDeliveryFactory(
            endpoint=WebhookEndpointFactory(url=server.url), status=DeliveryStatus.FAILED, attempts=6
        )

        with django_capture_on_commit_callbacks(execute=True):
            webhook_redeliver(delivery=delivery)

    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SUCCEEDED and delivery.attempts == 1
    assert len(server.received) == 1


def test_a_paused_webhook_waits_but_a_test_event_reaches_it(django_capture_on_commit_callbacks):
    with loopback_server() as server:
        endpoint = WebhookEndpointFactory(url=server.url, is_active=False)
        waiting = WebhookDeliveryFactory(endpoint=endpoint, next_attempt_at=timezone.now())

        assert webhook_deliveries_due() == []
        assert webhook_delivery_attempt(delivery_id=waiting.pk) is None
        with django_capture_on_commit_callbacks(execute=True):
            test = webhook_send_test(endpoint=endpoint)

    test.refresh_from_db()
    assert test.status == DeliveryStatus.SUCCEEDED
    assert [json.loads(r.body)["event"] for r in server.received] == ["ping"]


def test_dns_rebinding_is_refused_at_delivery_and_nothing_is_sent(fake_dns, settings):
    with loopback_server(status=204, body=b"") as server:
        # given an endpoint registered while its name pointed to a public address, which now resolves to loopback
        port = server.url.rsplit(":", 1)[1].strip("/")
        endpoint = WebhookEndpointFactory(url=f"http://rebind.example.org:{port}/hook")
        delivery = WebhookDeliveryFactory(endpoint=endpoint)
        fake_dns["rebind.example.org"] = ["127.0.0.1"]
        settings.STREEK_WEBHOOKS_ALLOW_LOOPBACK = False

        # when the delivery is attempted
        webhook_delivery_attempt(delivery_id=delivery.pk)

    # then no request reached the address, and the refusal is recorded for a retry
    assert server.received == []
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.RETRYING
    assert delivery.response_status is None
    assert "private, loopback, link-local, multicast or reserved" in delivery.error


def test_the_connection_goes_to_the_address_checked(fake_dns):
    with loopback_server(status=204, body=b"") as server:
        # given a name that resolves (once, checked) to the loopback receiver, allowed for the tests
        port = server.url.rsplit(":", 1)[1].strip("/")
        fake_dns["receiver.example.org"] = ["127.0.0.1"]
        endpoint = WebhookEndpointFactory(url=f"http://receiver.example.org:{port}/hook?x=1")
        delivery = WebhookDeliveryFactory(endpoint=endpoint)

        webhook_delivery_attempt(delivery_id=delivery.pk)

    # then the request reached it, with the URL's host name in the Host header and the query kept
    assert [(r.path, r.headers["Host"]) for r in server.received] == [("/hook?x=1", f"receiver.example.org:{port}")]
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SUCCEEDED
