"""Factories of interop objects (webhooks, mirrored sources)."""

import uuid

import factory
from factory.django import DjangoModelFactory

from streek.catalog.tests.factories import OrganisationFactory
from streek.interop.choices import WebhookEvent
from streek.interop.models import MirrorSource, WebhookDelivery, WebhookEndpoint
from streek.interop.signing import secret_generate


class WebhookEndpointFactory(DjangoModelFactory):
    class Meta:
        model = WebhookEndpoint

    organisation = factory.SubFactory(OrganisationFactory)
    url = factory.Sequence(lambda n: f"https://hooks{n}.example.org/streek")
    events = factory.LazyFunction(lambda: list(WebhookEvent.values))
    secret = factory.LazyFunction(secret_generate)
    is_active = True


class WebhookDeliveryFactory(DjangoModelFactory):
    class Meta:
        model = WebhookDelivery

    endpoint = factory.SubFactory(WebhookEndpointFactory)
    event = WebhookEvent.ORDER_PLACED
    event_id = factory.LazyFunction(uuid.uuid4)
    payload = factory.LazyAttribute(lambda o: {"id": str(o.event_id), "event": o.event, "data": {}})


class MirrorSourceFactory(DjangoModelFactory):
    class Meta:
        model = MirrorSource

    name = factory.Sequence(lambda n: f"Streek {n}")
    url = factory.Sequence(lambda n: f"https://streek{n}.example.org/open-data/verkooppunten.geojson")
