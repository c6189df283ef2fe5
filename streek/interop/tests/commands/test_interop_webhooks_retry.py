from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from streek.interop.choices import DeliveryStatus
from streek.interop.tests.factories import WebhookDeliveryFactory, WebhookEndpointFactory
from streek.interop.tests.loopback import loopback_server

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("loopback_webhooks")]  # the receiver is on loopback


def test_sends_the_due_deliveries_only():
    with loopback_server() as server:
        endpoint = WebhookEndpointFactory(url=server.url)
        now = timezone.now()
        due = WebhookDeliveryFactory(
            endpoint=endpoint, status=DeliveryStatus.RETRYING, attempts=1, next_attempt_at=now - timedelta(seconds=1)
        )
        later = WebhookDeliveryFactory(
            endpoint=endpoint, status=DeliveryStatus.RETRYING, attempts=1, next_attempt_at=now + timedelta(minutes=4)
        )
        failed = WebhookDeliveryFactory(endpoint=endpoint, status=DeliveryStatus.FAILED, next_attempt_at=None)
        out = StringIO()

        call_command("interop_webhooks_retry", stdout=out)

    assert "1 delivered" in out.getvalue()
    assert len(server.received) == 1
    for delivery in (due, later, failed):
        delivery.refresh_from_db()
    assert (due.status, due.attempts) == (DeliveryStatus.SUCCEEDED, 2)
    assert later.status == DeliveryStatus.RETRYING and later.attempts == 1
    assert failed.status == DeliveryStatus.FAILED
