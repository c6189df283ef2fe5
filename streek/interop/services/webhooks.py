"""Webhooks: an organisation's endpoints, the deliveries of each event to them, and sending with retries.

An event becomes one WebhookDelivery per active endpoint of the organisations concerned that subscribed to it
(idempotent per event id). A delivery is POSTed as JSON, signed (see interop/signing.py); a 2xx answer is a
success, anything else is retried after 1 min, 5 min, 30 min, 2 h and 12 h, and the delivery fails after
6 attempts. The interface guards (interop/access.py) decide who may call the endpoint services.
"""

import ipaddress
import json
import urllib.error
import urllib.request
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


def _is_loopback(host: str) -> bool:
    if host in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def webhook_url_validate(url: str) -> None:
    """https only; http when DEBUG, or for a loopback address when STREEK_WEBHOOKS_ALLOW_LOOPBACK (tests)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("http", "https") or not host:
        raise ValidationError({"url": _("Enter an http(s) address.")})
    loopback_allowed = settings.DEBUG or getattr(settings, "STREEK_WEBHOOKS_ALLOW_LOOPBACK", False)
    if _is_loopback(host) and not loopback_allowed:
        raise ValidationError({"url": _("Webhooks cannot be sent to this server itself.")})
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        address = None
    if address is not None and not address.is_loopback and (address.is_private or address.is_link_local):
        if not settings.DEBUG:
            raise ValidationError({"url": _("Webhooks cannot be sent to a private network address.")})
    if parts.scheme == "http" and not (settings.DEBUG or (loopback_allowed and _is_loopback(host))):
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


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer that is not 2xx: it is recorded and retried, never followed."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def _post(*, url: str, body: bytes, headers: Mapping[str, str]) -> tuple[int, str]:
    """POST the body; returns (status, excerpt of the answer). Raises OSError on network trouble."""
    # http(s) only: webhook_url_validate checked the address when it was saved
    request = urllib.request.Request(url, data=body, method="POST", headers=dict(headers))  # noqa: S310
    handlers: list[urllib.request.BaseHandler] = [_NoRedirects()]
    if _is_loopback((urlsplit(url).hostname or "").lower()):
        handlers.append(urllib.request.ProxyHandler({}))
    opener = urllib.request.build_opener(*handlers)
    try:
        with opener.open(request, timeout=TIMEOUT_SECONDS) as response:
            return response.status, response.read(RESPONSE_EXCERPT).decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        excerpt = error.read(RESPONSE_EXCERPT).decode("utf-8", "replace") if error.fp else ""
        return error.code, excerpt


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
    except (TimeoutError, OSError, ValueError) as problem:
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
