import pytest
from django.core.exceptions import ValidationError

from streek.accounts.tests.factories import UserFactory
from streek.catalog.tests.factories import OrganisationFactory
from streek.interop.models import WebhookEndpoint
from streek.interop.services.webhooks import webhook_create, webhook_rotate_secret, webhook_update
from streek.interop.tests.factories import WebhookEndpointFactory

pytestmark = pytest.mark.django_db


def test_creates_an_endpoint_with_a_secret_and_the_events_in_order():
    organisation, user = OrganisationFactory(), UserFactory()

    endpoint = webhook_create(
        organisation=organisation,
        actor=user,
        url="https://erp.example.org/hook",
        events=["match.found", "order.placed", "order.placed"],
        description="ERP",
    )

    assert endpoint.events == ["order.placed", "match.found"]
    assert endpoint.secret.startswith("whsec_") and len(endpoint.secret) > 30
    assert endpoint.created_by == user


@pytest.mark.parametrize(
    ("url", "events"),
    [
        ("http://erp.example.org/hook", ["order.placed"]),
        ("http://127.0.0.1:8000/hook", ["order.placed"]),
        ("https://10.0.0.5/hook", ["order.placed"]),
        ("ftp://erp.example.org/hook", ["order.placed"]),
        ("https://erp.example.org/hook", []),
        ("https://erp.example.org/hook", ["order.deleted"]),
    ],
)
def test_refuses_plain_http_private_addresses_and_unknown_or_no_events(url, events):
    with pytest.raises(ValidationError):
        webhook_create(organisation=OrganisationFactory(), actor=UserFactory(), url=url, events=events)

    assert not WebhookEndpoint.objects.exists()


def test_http_is_allowed_for_loopback_when_configured_and_in_debug(settings):
    settings.STREEK_WEBHOOKS_ALLOW_LOOPBACK = True
    endpoint = webhook_create(
        organisation=OrganisationFactory(), actor=UserFactory(), url="http://127.0.0.1:9/hook", events=["cycle.opened"]
    )
    assert endpoint.pk

    settings.STREEK_WEBHOOKS_ALLOW_LOOPBACK = False
    settings.DEBUG = True
    webhook_update(endpoint=endpoint, url="http://erp.local/hook", events=["cycle.closed"])
    assert endpoint.url == "http://erp.local/hook"


def test_rotating_the_secret_changes_it():
    endpoint = WebhookEndpointFactory()
    old = endpoint.secret

    webhook_rotate_secret(endpoint=endpoint)

    endpoint.refresh_from_db()
    assert endpoint.secret != old
