"""The webhook pages of an organisation: owners and managers only; secret once; delivery log."""

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from streek.accounts.choices import MembershipRole
from streek.accounts.models import User
from streek.accounts.tests.factories import AdminUserFactory, MembershipFactory, UserFactory
from streek.catalog.models import Organisation
from streek.catalog.tests.factories import OrganisationFactory
from streek.interop.choices import DeliveryStatus
from streek.interop.models import WebhookDelivery, WebhookEndpoint
from streek.interop.tests.dns import install_fake_dns
from streek.interop.tests.factories import WebhookDeliveryFactory, WebhookEndpointFactory

# host names resolve from a table (no DNS query): webhooks are registered only for public addresses
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fake_dns")]


@pytest.fixture
def fake_dns(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    return install_fake_dns(monkeypatch)


def client_for(user: User) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def member(organisation: Organisation, role: str = MembershipRole.OWNER) -> User:
    return MembershipFactory(organisation=organisation, role=role).user


def url(name: str, *args: int) -> str:
    return reverse(f"web:integration_{name}", args=args)


def state() -> tuple:
    return (
        sorted(WebhookEndpoint.objects.values_list("pk", "url", "secret", "is_active")),
        sorted(WebhookDelivery.objects.values_list("pk", "status", "attempts")),
    )


def test_an_owner_adds_a_webhook_and_sees_the_secret_once(django_capture_on_commit_callbacks):
    organisation = OrganisationFactory()
    client = client_for(member(organisation))

    response = client.post(
        url("webhook_create", organisation.pk),
        {
            "url": "https://erp.example.org/hook",
            "description": "ERP",
            "events": ["order.placed", "match.found"],
            "is_active": "on",
        },
    )

    endpoint = WebhookEndpoint.objects.get()
    detail = url("webhook_detail", organisation.pk, endpoint.pk)
    assert response.status_code == 302 and response["Location"] == detail
    assert (endpoint.organisation, endpoint.events) == (organisation, ["order.placed", "match.found"])
    first = client.get(detail)
    assert endpoint.secret in first.content.decode()
    again = client.get(detail)
    assert endpoint.secret not in again.content.decode()


def test_the_form_shows_errors_next_to_the_fields_and_saves_nothing():
    organisation = OrganisationFactory()
    client = client_for(member(organisation, MembershipRole.MANAGER))

    response = client.post(url("webhook_create", organisation.pk), {"url": "http://erp.example.org/hook"})

    assert response.status_code == 400
    content = response.content.decode()
    assert "https://" in content and "This field is required." in content
    assert not WebhookEndpoint.objects.exists()


def test_edit_rotate_test_and_delete(django_capture_on_commit_callbacks):
    organisation = OrganisationFactory()
    endpoint = WebhookEndpointFactory(organisation=organisation)
    client = client_for(member(organisation))
    old_secret = endpoint.secret

    response = client.post(
        url("webhook_edit", organisation.pk, endpoint.pk),
        {"url": "https://new.example.org/hook", "events": ["cycle.closed"]},
    )
    assert response.status_code == 302
    endpoint.refresh_from_db()
    assert (endpoint.url, endpoint.events, endpoint.is_active) == (
        "https://new.example.org/hook",
        ["cycle.closed"],
        False,
    )

    client.post(url("webhook_rotate", organisation.pk, endpoint.pk))
    endpoint.refresh_from_db()
    assert endpoint.secret != old_secret
    assert endpoint.secret in client.get(url("webhook_detail", organisation.pk, endpoint.pk)).content.decode()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(url("webhook_test", organisation.pk, endpoint.pk))
    assert WebhookDelivery.objects.get().event == "ping" and len(callbacks) == 1

    confirm = client.get(url("webhook_delete", organisation.pk, endpoint.pk))
    assert confirm.status_code == 200 and "Delete the webhook" in confirm.content.decode()
    assert client.post(url("webhook_delete", organisation.pk, endpoint.pk)).status_code == 302
    assert not WebhookEndpoint.objects.exists() and not WebhookDelivery.objects.exists()


def test_redeliver_from_the_log(django_capture_on_commit_callbacks):
    organisation = OrganisationFactory()
    delivery = WebhookDeliveryFactory(endpoint__organisation=organisation, status=DeliveryStatus.FAILED, attempts=6)
    client = client_for(member(organisation))

    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(url("webhook_redeliver", organisation.pk, delivery.pk))

    assert response.status_code == 302
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.PENDING, 0)


@pytest.mark.parametrize(
    ("who", "expected"),
    [("staff", 403), ("other", 404), ("stranger", 404), ("admin", 404)],
)
def test_staff_other_organisations_and_admins_are_refused_and_nothing_changes(who, expected):
    organisation = OrganisationFactory()
    delivery = WebhookDeliveryFactory(endpoint__organisation=organisation, status=DeliveryStatus.FAILED, attempts=6)
    endpoint = delivery.endpoint
    makers: dict[str, Callable[[], User]] = {
        "staff": lambda: member(organisation, MembershipRole.STAFF),
        "other": lambda: member(OrganisationFactory()),
        "stranger": lambda: UserFactory(),
        "admin": lambda: AdminUserFactory(),
    }
    user = makers[who]()
    client = client_for(user)
    before = state()
    form = {"url": "https://evil.example.org/", "events": ["order.placed"], "is_active": "on"}

    pages = [
        ("get", url("webhooks", organisation.pk), None),
        ("get", url("webhook_detail", organisation.pk, endpoint.pk), None),
        ("post", url("webhook_create", organisation.pk), form),
        ("post", url("webhook_edit", organisation.pk, endpoint.pk), form),
        ("post", url("webhook_rotate", organisation.pk, endpoint.pk), {}),
        ("post", url("webhook_test", organisation.pk, endpoint.pk), {}),
        ("post", url("webhook_delete", organisation.pk, endpoint.pk), {}),
        ("post", url("webhook_redeliver", organisation.pk, delivery.pk), {}),
    ]
    for method, address, data in pages:
        response = getattr(client, method)(address, data) if data is not None else client.get(address)
        assert response.status_code == expected, address
    assert state() == before


def test_an_endpoint_of_another_organisation_is_not_found_through_ones_own():
    mine, theirs = OrganisationFactory(), OrganisationFactory()
    endpoint = WebhookEndpointFactory(organisation=theirs)
    client = client_for(member(mine))

    assert client.get(url("webhook_detail", mine.pk, endpoint.pk)).status_code == 404
    assert client.post(url("webhook_delete", mine.pk, endpoint.pk)).status_code == 404
    assert WebhookEndpoint.objects.filter(pk=endpoint.pk).exists()


def test_anonymous_visitors_are_sent_to_sign_in():
    organisation = OrganisationFactory()
    response = Client().get(url("webhooks", organisation.pk))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:login"))


def test_the_list_and_the_delivery_log_use_a_fixed_number_of_queries(django_assert_num_queries):
    organisation = OrganisationFactory()
    client = client_for(member(organisation))
    endpoints = [WebhookEndpointFactory(organisation=organisation) for _ in range(3)]
    for endpoint in endpoints:
        WebhookDeliveryFactory.create_batch(4, endpoint=endpoint, status=DeliveryStatus.RETRYING, attempts=2)

    # session, user, organisation, memberships (twice), endpoints with counts
    with django_assert_num_queries(6):
        response = client.get(url("webhooks", organisation.pk))
    assert response.status_code == 200
    assert response.content.decode().count("0 delivered, 4 waiting, 0 failed") == 3

    WebhookDeliveryFactory.create_batch(30, endpoint=endpoints[0], status=DeliveryStatus.SUCCEEDED)
    # session, user, organisation, memberships (twice), endpoint, count, page of deliveries
    with django_assert_num_queries(8):
        response = client.get(url("webhook_detail", organisation.pk, endpoints[0].pk))
    assert response.status_code == 200
    assert "Page 1 of 2" in response.content.decode()
