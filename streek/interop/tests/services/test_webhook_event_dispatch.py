import uuid

import pytest

from streek.catalog.tests.factories import OrganisationFactory
from streek.interop.choices import DeliveryStatus
from streek.interop.models import WebhookDelivery
from streek.interop.services.webhooks import webhook_event_dispatch
from streek.interop.tests.factories import WebhookEndpointFactory

pytestmark = pytest.mark.django_db


def test_one_delivery_per_active_subscribed_endpoint_and_idempotent_per_event_id():
    # given endpoints: subscribed, subscribed to something else, paused, of another organisation
    organisation = OrganisationFactory()
    wanted = WebhookEndpointFactory(organisation=organisation, events=["order.placed"])
    WebhookEndpointFactory(organisation=organisation, events=["cycle.opened"])
    WebhookEndpointFactory(organisation=organisation, is_active=False)
    WebhookEndpointFactory()
    event_id = uuid.uuid4()

    # when the event is dispatched twice with the same id
    first = webhook_event_dispatch(
        event="order.placed", organisation_ids=[organisation.pk], payload={"order": {"id": 1}}, event_id=event_id
    )
    second = webhook_event_dispatch(
        event="order.placed", organisation_ids=[organisation.pk], payload={"order": {"id": 1}}, event_id=event_id
    )

    # then one pending delivery to the subscribed endpoint, with the envelope
    assert [d.endpoint_id for d in first] == [wanted.pk]
    assert second == []
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.PENDING
    assert delivery.payload["id"] == str(event_id)
    assert delivery.payload["event"] == "order.placed"
    assert delivery.payload["data"] == {"order": {"id": 1}}
