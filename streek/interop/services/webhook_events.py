"""The domain events webhooks carry: who hears about them and what the (small, stable) payload says.

Called by interop/receivers.py inside the transaction of the change: deliveries are rows of that transaction and
are only sent after it commits. Payloads hold ids, references, timestamps and the URLs of the API resources;
docs/webhooks.md documents each of them. Event ids are derived from the object, so a repeated signal is harmless.
"""

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone

from streek.market.models import Match, Offer, Request
from streek.orders.models import CycleProducer, Order, OrderCycle, ProducerOrder

from ..choices import WebhookEvent
from ..models import WebhookEndpoint
from .webhooks import event_id_for, webhook_deliveries_enqueue, webhook_event_dispatch

MATCH_WINDOW = timedelta(seconds=1)


def api_url(path: str) -> str:
    """Absolute URL of a resource of the JSON API (/api/v1/...)."""
    return settings.STREEK_PUBLIC_URL.rstrip("/") + "/api/v1/" + path.lstrip("/")


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat(timespec="seconds") if moment else None


def _dispatch(*, event: str, key: str, organisation_ids: set[int], payload: dict[str, Any]) -> int:
    deliveries = webhook_event_dispatch(
        event=event,
        organisation_ids=organisation_ids,
        payload=payload,
        event_id=event_id_for(event=event, key=key),
    )
    webhook_deliveries_enqueue(delivery.pk for delivery in deliveries)
    return len(deliveries)


def _subscribers(event: str) -> set[int]:
    """Organisations with an active endpoint for the event (endpoints are few: read them all)."""
    return {
        organisation_id
        for organisation_id, events in WebhookEndpoint.objects.filter(is_active=True).values_list(
            "organisation_id", "events"
        )
        if event in (events or [])
    }


def webhook_order_placed(*, order_id: int) -> int:
    """order.placed to the hub and every producer of the order; returns the number of deliveries."""
    event = WebhookEvent.ORDER_PLACED
    listeners = _subscribers(event)
    if not listeners:
        return 0
    order = Order.objects.filter(pk=order_id).first()
    if order is None:
        return 0
    producer_ids = sorted(set(ProducerOrder.objects.filter(order_id=order.pk).values_list("producer_id", flat=True)))
    payload = {
        "order": {
            "id": order.pk,
            "reference": order.reference,
            "status": order.status,
            "cycle_id": order.cycle_id,
            "hub_id": order.hub_id,
            "producer_ids": producer_ids,
            "fulfilment_method": order.fulfilment_method,
            "placed_at": _iso(order.placed_at),
            "url": api_url(f"orders/{order.pk}"),
        }
    }
    recipients = ({order.hub_id} | set(producer_ids)) & listeners
    return _dispatch(event=event, key=str(order.pk), organisation_ids=recipients, payload=payload)


def _cycle_event(*, event: str, cycle_id: int) -> int:
    listeners = _subscribers(event)
    if not listeners:
        return 0
    cycle = OrderCycle.objects.filter(pk=cycle_id).first()
    if cycle is None:
        return 0
    producer_ids = sorted(CycleProducer.objects.filter(cycle_id=cycle.pk).values_list("producer_id", flat=True))
    payload = {
        "cycle": {
            "id": cycle.pk,
            "name": cycle.name,
            "status": cycle.status,
            "hub_id": cycle.hub_id,
            "producer_ids": producer_ids,
            "opens_at": _iso(cycle.opens_at),
            "closes_at": _iso(cycle.closes_at),
            "closed_at": _iso(cycle.closed_at),
            "fulfilment_date": cycle.fulfilment_date.isoformat(),
            "url": api_url(f"cycles/{cycle.pk}"),
        }
    }
    recipients = ({cycle.hub_id} | set(producer_ids)) & listeners
    return _dispatch(event=event, key=str(cycle.pk), organisation_ids=recipients, payload=payload)


def webhook_cycle_opened(*, cycle_id: int) -> int:
    """cycle.opened to the hub and the cycle's producers."""
    return _cycle_event(event=WebhookEvent.CYCLE_OPENED, cycle_id=cycle_id)


def webhook_cycle_closed(*, cycle_id: int) -> int:
    """cycle.closed to the hub and the cycle's producers."""
    return _cycle_event(event=WebhookEvent.CYCLE_CLOSED, cycle_id=cycle_id)


def webhook_matches_found(*, created_at: datetime) -> int:
    """match.found, one event per new match, to the offering and the requesting organisation.

    Only matches that concern a subscribed organisation are read (through the offer and request indexes).
    """
    event = WebhookEvent.MATCH_FOUND
    listeners = _subscribers(event)
    if not listeners:
        return 0
    offer_ids = list(Offer.objects.filter(organisation_id__in=listeners).values_list("id", flat=True))
    request_ids = list(Request.objects.filter(organisation_id__in=listeners).values_list("id", flat=True))
    columns = ("id", "offer_id", "request_id", "score", "distance_km", "created_at")
    # The matching engine writes its rows with raw SQL: compare within a second rather than for equality (the
    # stored text may differ in precision or offset). A match told twice keeps its event id: nothing is duplicated.
    window = (created_at - MATCH_WINDOW, created_at + MATCH_WINDOW)
    rows = {
        row[0]: row
        for queryset in (
            Match.objects.filter(created_at__range=window, offer_id__in=offer_ids),
            Match.objects.filter(created_at__range=window, request_id__in=request_ids),
        )
        for row in queryset.values_list(*columns)
    }
    if not rows:
        return 0
    offer_org = dict(
        Offer.objects.filter(pk__in={row[1] for row in rows.values()}).values_list("id", "organisation_id")
    )
    request_org = dict(
        Request.objects.filter(pk__in={row[2] for row in rows.values()}).values_list("id", "organisation_id")
    )
    sent = 0
    for match_id, offer_id, request_id, score, distance_km, found_at in sorted(rows.values()):
        payload = {
            "match": {
                "id": match_id,
                "score": round(float(score), 4),
                "distance_km": round(float(distance_km), 2),
                "found_at": _iso(found_at or timezone.now()),
                "offer": {
                    "id": offer_id,
                    "organisation_id": offer_org.get(offer_id),
                    "url": api_url(f"offers/{offer_id}"),
                },
                "request": {
                    "id": request_id,
                    "organisation_id": request_org.get(request_id),
                    "url": api_url(f"requests/{request_id}"),
                },
                "url": api_url(f"offers/{offer_id}/matches"),
            }
        }
        recipients = {offer_org.get(offer_id), request_org.get(request_id)} & listeners
        sent += _dispatch(
            event=event,
            key=str(match_id),
            organisation_ids={r for r in recipients if r is not None},
            payload=payload,
        )
    return sent
