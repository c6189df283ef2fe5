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
    webhook_update(endpoint=endpoint, url="http://erp.example.org/hook", events=["cycle.closed"])
    assert endpoint.url == "http://erp.example.org/hook"


@pytest.mark.parametrize(
    "address",
    [
        "10.1.2.3",  # private
        "172.16.0.9",
        "192.168.1.10",
        "127.0.0.1",  # loopback
        "::1",
        "169.254.169.254",  # link-local (cloud metadata)
        "fe80::1",
        "224.0.0.251",  # multicast
        "ff02::1",
        "240.0.0.1",  # reserved
        "0.0.0.0",  # unspecified  # noqa: S104
        "100.64.0.1",  # shared address space
        "::ffff:10.0.0.1",  # IPv4-mapped private
        "fd00::5",  # unique local
    ],
)
def test_a_host_name_resolving_to_a_private_or_reserved_address_is_refused(fake_dns, settings, address):
    # given a host name that resolves to a non-public address (even in DEBUG, where http is allowed)
    settings.DEBUG = True
    fake_dns["intranet.example.org"] = ["93.184.216.34", address]
    endpoint = WebhookEndpointFactory(url="https://erp.example.org/hook")

    # when it is registered, or an endpoint is changed to it
    with pytest.raises(ValidationError) as refused:
        webhook_create(
            organisation=OrganisationFactory(),
            actor=UserFactory(),
            url="https://intranet.example.org/hook",
            events=["order.placed"],
        )
    with pytest.raises(ValidationError):
        webhook_update(endpoint=endpoint, url="https://intranet.example.org/hook", events=["order.placed"])

    # then the error names the field and the address, and nothing is saved
    assert list(refused.value.message_dict) == ["url"]
    assert "private, loopback, link-local, multicast or reserved" in refused.value.message_dict["url"][0]
    assert WebhookEndpoint.objects.get().url == "https://erp.example.org/hook"


def test_an_unknown_host_name_is_refused():
    with pytest.raises(ValidationError) as refused:
        webhook_create(
            organisation=OrganisationFactory(),
            actor=UserFactory(),
            url="https://nowhere.invalid/",
            events=["order.placed"],
        )
    assert refused.value.message_dict["url"] == ["The host name nowhere.invalid cannot be resolved."]
    assert not WebhookEndpoint.objects.exists()


def test_loopback_is_refused_by_default(settings):
    assert settings.STREEK_WEBHOOKS_ALLOW_LOOPBACK is False
    with pytest.raises(ValidationError):
        webhook_create(
            organisation=OrganisationFactory(),
            actor=UserFactory(),
            url="https://localhost/hook",
            events=["order.placed"],
        )
    assert not WebhookEndpoint.objects.exists()


def test_rotating_the_secret_changes_it():
    endpoint = WebhookEndpointFactory()
    old = endpoint.secret

    webhook_rotate_secret(endpoint=endpoint)

    endpoint.refresh_from_db()
    assert endpoint.secret != old
