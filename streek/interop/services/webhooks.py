"""Webhooks: an organisation's endpoints, the deliveries of each event to them, and sending with retries.

An event becomes one WebhookDelivery per active endpoint of the organisations concerned that subscribed to it
(idempotent per event id). A delivery is POSTed as JSON, signed (see interop/signing.py); a 2xx answer is a
success, anything else is retried after 1 min, 5 min, 30 min, 2 h and 12 h, and the delivery fails after
6 attempts. The interface guards (interop/access.py) decide who may call the endpoint services.
"""

import http.client
import ipaddress
import json
import socket
import uuid
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from streek.accounts.models import User
from streek.catalog.models import Organisation
from streek.core.exceptions import ApplicationError

from ..choices import DeliveryStatus, WebhookEvent
from ..models import WebhookDelivery, WebhookEndpoint
from ..signing import DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, secret_generate, signature_header

# Seconds to wait after the n-th failed attempt (n = 1..5); the 6th failure is final.
BACKOFF_SECONDS: tuple[int, ...] = (60, 5 * 60, 30 * 60, 2 * 3600, 12 * 3600)
MAX_ATTEMPTS = len(BACKOFF_SECONDS) + 1
TIMEOUT_SECONDS = 10
# While an attempt is under way the delivery is not due for the sweeper (a crashed worker is retried after this).
ATTEMPT_LEASE = timedelta(minutes=2)
RESPONSE_EXCERPT = 500
EVENT_NAMESPACE = uuid.UUID("6f1c2f0e-7d55-4c1b-9a53-3b7f0e0c5a11")
TEST_EVENT = "ping"
USER_AGENT = "Streek-Webhooks/1.0"


def event_id_for(*, event: str, key: str) -> uuid.UUID:
    """A stable event id: the same domain event (e.g. order 12 placed) always gets the same id."""
    return uuid.uuid5(EVENT_NAMESPACE, f"{event}:{key}")


def backoff_delay(*, attempts: int) -> timedelta | None:
    """How long to wait after `attempts` failed attempts; None once the delivery gives up."""
    if attempts >= MAX_ATTEMPTS:
        return None
    return timedelta(seconds=BACKOFF_SECONDS[attempts - 1])


# Endpoints --------------------------------------------------------------------------------------------------


class WebhookAddressRefused(OSError):
    """The host of a webhook URL cannot be resolved, or resolves to an address webhooks may not reach."""


IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def _loopback_allowed() -> bool:
    """Loopback receivers only with the explicit setting (tests, a developer's local receiver); never by default."""
    return bool(getattr(settings, "STREEK_WEBHOOKS_ALLOW_LOOPBACK", False))


def _address_refused(address: IPAddress) -> bool:
    """Private, loopback, link-local, multicast, reserved, unspecified or otherwise not public (shared address
    space, documentation ranges...); an IPv4-mapped IPv6 address is judged as its IPv4 address."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    if address.is_loopback:
        return not _loopback_allowed()
    return not address.is_global or address.is_multicast or address.is_reserved or address.is_unspecified


def webhook_address(host: str, port: int) -> str:
    """Resolve `host` once and return the address to connect to; WebhookAddressRefused (with a translated
    message) when it cannot be resolved or any of its addresses is one webhooks may not reach (DNS rebinding:
    the address is checked when sending, and the connection goes to that checked address)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise WebhookAddressRefused(gettext("The host name %(host)s cannot be resolved.") % {"host": host}) from error
    addresses: list[IPAddress] = []
    for _family, _type, _proto, _name, sockaddr in infos:
        address = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])
        if _address_refused(address):
            message = gettext(
                "%(host)s resolves to %(address)s, a private, loopback, link-local, multicast or reserved address: "
                "webhooks are only sent to public addresses."
            )
            raise WebhookAddressRefused(message % {"host": host, "address": address})
        addresses.append(address)
    if not addresses:
        raise WebhookAddressRefused(gettext("The host name %(host)s cannot be resolved.") % {"host": host})
    return str(addresses[0])


def _default_port(scheme: str) -> int:
    return 443 if scheme == "https" else 80


def webhook_url_validate(url: str) -> None:
    """https (http in DEBUG, or to a loopback receiver when STREEK_WEBHOOKS_ALLOW_LOOPBACK), to a host name that
    resolves to public addresses only; a ValidationError on the field "url" otherwise."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    try:
        port = parts.port or _default_port(parts.scheme)
    except ValueError:
        port = 0
    if parts.scheme not in ("http", "https") or not host or not port:
        raise ValidationError({"url": _("Enter an http(s) address.")})
    try:
        address = ipaddress.ip_address(webhook_address(host, port))
    except WebhookAddressRefused as refused:
        raise ValidationError({"url": str(refused)}) from refused
    if parts.scheme == "http" and not (settings.DEBUG or address.is_loopback):
        raise ValidationError({"url": _("The address must start with https://.")})


def _clean_events(events: Iterable[str]) -> list[str]:
    chosen = list(dict.fromkeys(events))
    unknown = [event for event in chosen if event not in WebhookEvent.values]
    if unknown:
        raise ValidationError({"events": _("Unknown event: %(events)s.") % {"events": ", ".join(unknown)}})
    if not chosen:
        raise ValidationError({"events": _("Choose at least one event.")})
    return [event for event in WebhookEvent.values if event in chosen]


@transaction.atomic
def webhook_create(
    *,
    organisation: Organisation,
    actor: User,
    url: str,
    events: Iterable[str],
    description: str = "",
    is_active: bool = True,
) -> WebhookEndpoint:
    """A new endpoint with a fresh secret (show it to the user once)."""
    webhook_url_validate(url)
    endpoint = WebhookEndpoint(
        organisation=organisation,
        url=url,
        description=description,
        events=_clean_events(events),
        secret=secret_generate(),
        is_active=is_active,
        created_by=actor,
    )
    endpoint.full_clean()
    endpoint.save()
    return endpoint


@transaction.atomic
def webhook_update(
    *, endpoint: WebhookEndpoint, url: str, events: Iterable[str], description: str = "", is_active: bool = True
) -> WebhookEndpoint:
    webhook_url_validate(url)
    endpoint.url = url
    endpoint.events = _clean_events(events)
    endpoint.description = description
    endpoint.is_active = is_active
    endpoint.full_clean()
    endpoint.save(update_fields=["url", "events", "description", "is_active", "updated_at"])
    return endpoint


@transaction.atomic
def webhook_delete(*, endpoint: WebhookEndpoint) -> None:
    """Removes the endpoint and its delivery log."""
    endpoint.delete()


@transaction.atomic
def webhook_rotate_secret(*, endpoint: WebhookEndpoint) -> WebhookEndpoint:
    """A new secret; requests signed with the old one stop at once (retries are signed with the new one)."""
    endpoint.secret = secret_generate()
    endpoint.save(update_fields=["secret", "updated_at"])
    return endpoint


# Events and deliveries ----------------------------------------------------------------------------------------


def _envelope(*, event: str, event_id: uuid.UUID, payload: Mapping[str, Any], occurred_at: datetime) -> dict[str, Any]:
    return {
        "id": str(event_id),
        "event": event,
        "created_at": occurred_at.isoformat(timespec="seconds"),
        "data": dict(payload),
    }


@transaction.atomic
def webhook_event_dispatch(
    *,
    event: str,
    organisation_ids: Iterable[int],
    payload: Mapping[str, Any],
    event_id: uuid.UUID | None = None,
    occurred_at: datetime | None = None,
) -> list[WebhookDelivery]:
    """One pending delivery per active endpoint of these organisations subscribed to `event`.

    Dispatching the same event id again creates nothing new. Returns the deliveries created now; the caller
    enqueues them (on commit) with `webhook_deliveries_enqueue`.
    """
    if event not in WebhookEvent.values:
        raise ApplicationError(gettext("Unknown webhook event."), extra={"event": event})
    organisations = set(organisation_ids)
    if not organisations:
        return []
    endpoints = [
        endpoint
        for endpoint in WebhookEndpoint.objects.filter(organisation_id__in=organisations, is_active=True).only(
            "id", "events"
        )
        if event in (endpoint.events or [])
    ]
    if not endpoints:
        return []
    the_id = event_id or uuid.uuid4()
    envelope = _envelope(event=event, event_id=the_id, payload=payload, occurred_at=occurred_at or timezone.now())
    already = set(
        WebhookDelivery.objects.filter(endpoint__in=endpoints, event_id=the_id).values_list("endpoint_id", flat=True)
    )
    now = timezone.now()
    fresh = [
        WebhookDelivery(endpoint_id=endpoint.pk, event=event, event_id=the_id, payload=envelope, next_attempt_at=now)
        for endpoint in endpoints
        if endpoint.pk not in already
    ]
    return WebhookDelivery.objects.bulk_create(fresh)


def webhook_deliveries_enqueue(delivery_ids: Iterable[int], *, manual: bool = False) -> None:
    """Schedule sending after the current transaction commits (nothing is sent for a rolled-back change).

    `manual` (a test event, "send again"): sent even when the endpoint is paused."""
    ids = list(delivery_ids)
    if not ids:
        return

    def enqueue() -> None:
        from ..tasks import webhook_delivery_send_task

        for delivery_id in ids:
            webhook_delivery_send_task.enqueue(delivery_id, manual)

    transaction.on_commit(enqueue)


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """An HTTP connection to an address checked beforehand (the Host header keeps the URL's host name)."""

    def __init__(self, host: str, port: int, *, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self.address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """An HTTPS connection to an address checked beforehand; the certificate is verified for the URL's host."""

    def __init__(self, host: str, port: int, *, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self.address = address

    def connect(self) -> None:
        sock = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)  # type: ignore[attr-defined]


def _post(*, url: str, body: bytes, headers: Mapping[str, str]) -> tuple[int, str]:
    """POST the body to the address the URL's host resolves to now, if that address may be reached; returns
    (status, excerpt of the answer). Redirects are answers like any other (not followed), no proxy is used.
    Raises OSError on network trouble, WebhookAddressRefused (an OSError) for a refused address."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.scheme not in ("http", "https") or not host:
        raise ValueError(gettext("Enter an http(s) address."))
    port = parts.port or _default_port(parts.scheme)
    address = webhook_address(host, port)
    connection_class = _PinnedHTTPSConnection if parts.scheme == "https" else _PinnedHTTPConnection
    connection = connection_class(host, port, address=address, timeout=TIMEOUT_SECONDS)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        connection.request("POST", path, body=body, headers=dict(headers))
        response = connection.getresponse()
        return response.status, response.read(RESPONSE_EXCERPT).decode("utf-8", "replace")
    finally:
        connection.close()


def _claim(delivery_id: int, *, force: bool) -> WebhookDelivery | None:
    """Take the delivery for one attempt (row locked while it is marked), or None when it is not due."""
    with transaction.atomic():
        delivery = WebhookDelivery.objects.select_for_update().select_related("endpoint").filter(pk=delivery_id).first()
        if delivery is None:
            return None
        now = timezone.now()
        if not force:
            if not delivery.endpoint.is_active:  # paused: its deliveries wait until it is active again
                return None
            if delivery.status not in (DeliveryStatus.PENDING, DeliveryStatus.RETRYING):
                return None
            if delivery.next_attempt_at is not None and delivery.next_attempt_at > now:
                return None
        delivery.attempts += 1
        delivery.last_attempt_at = now
        delivery.next_attempt_at = now + ATTEMPT_LEASE
        delivery.save(update_fields=["attempts", "last_attempt_at", "next_attempt_at", "updated_at"])
        return delivery


def webhook_request_body(delivery: WebhookDelivery) -> bytes:
    return json.dumps(delivery.payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")


def webhook_delivery_attempt(*, delivery_id: int, force: bool = False) -> WebhookDelivery | None:
    """Send a due delivery once and record the outcome; None when it was not due (or is gone)."""
    delivery = _claim(delivery_id, force=force)
    if delivery is None:
        return None
    endpoint = delivery.endpoint
    body = webhook_request_body(delivery)
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": USER_AGENT,
        EVENT_HEADER: delivery.event,
        DELIVERY_HEADER: str(delivery.event_id),
        SIGNATURE_HEADER: signature_header(secret=endpoint.secret, body=body),
    }
    status: int | None
    try:
        status, excerpt = _post(url=endpoint.url, body=body, headers=headers)
        error = "" if 200 <= status < 300 else f"HTTP {status}: {excerpt}".strip()
    except (TimeoutError, OSError, ValueError, http.client.HTTPException) as problem:
        status, error = None, f"{type(problem).__name__}: {problem}"
    now = timezone.now()
    delivery.response_status = status
    delivery.error = error[:RESPONSE_EXCERPT]
    if status is not None and 200 <= status < 300:
        delivery.status = DeliveryStatus.SUCCEEDED
        delivery.delivered_at = now
        delivery.next_attempt_at = None
    else:
        delay = backoff_delay(attempts=delivery.attempts)
        if delay is None:
            delivery.status = DeliveryStatus.FAILED
            delivery.next_attempt_at = None
        else:
            delivery.status = DeliveryStatus.RETRYING
            delivery.next_attempt_at = now + delay
    delivery.save(update_fields=["status", "response_status", "error", "delivered_at", "next_attempt_at", "updated_at"])
    return delivery


def webhook_deliveries_due(*, now: datetime | None = None, limit: int = 500) -> list[int]:
    """Ids of pending and retrying deliveries whose next attempt is due, oldest first."""
    moment = now or timezone.now()
    return list(
        WebhookDelivery.objects.filter(
            status__in=(DeliveryStatus.PENDING, DeliveryStatus.RETRYING),
            next_attempt_at__lte=moment,
            endpoint__is_active=True,
        )
        .order_by("next_attempt_at", "id")
        .values_list("id", flat=True)[:limit]
    )


@transaction.atomic
def webhook_redeliver(*, delivery: WebhookDelivery) -> WebhookDelivery:
    """Send again from the log (also a failed or succeeded one): due now, with a fresh series of attempts."""
    delivery.status = DeliveryStatus.PENDING
    delivery.attempts = 0
    delivery.next_attempt_at = timezone.now()
    delivery.error = ""
    delivery.save(update_fields=["status", "attempts", "next_attempt_at", "error", "updated_at"])
    webhook_deliveries_enqueue([delivery.pk], manual=True)
    return delivery


@transaction.atomic
def webhook_send_test(*, endpoint: WebhookEndpoint) -> WebhookDelivery:
    """A 'ping' event to this endpoint (whatever it subscribed to), queued like any delivery."""
    event_id = uuid.uuid4()
    now = timezone.now()
    payload = {
        "organisation_id": endpoint.organisation_id,
        "webhook_id": endpoint.pk,
        "message": "Test event from Streek.",
    }
    delivery = WebhookDelivery.objects.create(
        endpoint=endpoint,
        event=TEST_EVENT,
        event_id=event_id,
        payload=_envelope(event=TEST_EVENT, event_id=event_id, payload=payload, occurred_at=now),
        next_attempt_at=now,
    )
    webhook_deliveries_enqueue([delivery.pk], manual=True)
    return delivery
