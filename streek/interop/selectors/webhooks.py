"""Reads on webhooks: an organisation's endpoints with their latest outcome, an endpoint's delivery log."""

from django.db.models import Count, Q, QuerySet

from ..choices import DeliveryStatus
from ..models import WebhookDelivery, WebhookEndpoint


def webhook_endpoint_list(*, organisation_id: int) -> QuerySet[WebhookEndpoint]:
    """The endpoints of an organisation with the number of deliveries per outcome (one query)."""
    return (
        WebhookEndpoint.objects.filter(organisation_id=organisation_id)
        .annotate(
            delivered=Count("deliveries", filter=Q(deliveries__status=DeliveryStatus.SUCCEEDED)),
            waiting=Count(
                "deliveries", filter=Q(deliveries__status__in=(DeliveryStatus.PENDING, DeliveryStatus.RETRYING))
            ),
            failed=Count("deliveries", filter=Q(deliveries__status=DeliveryStatus.FAILED)),
        )
        .order_by("id")
    )


def webhook_delivery_list(*, endpoint_id: int) -> QuerySet[WebhookDelivery]:
    """The delivery log of an endpoint, newest first (the payload is left out: the log shows the outcome)."""
    return WebhookDelivery.objects.filter(endpoint_id=endpoint_id).defer("payload").order_by("-created_at", "-id")
