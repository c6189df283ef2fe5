"""Guards of the interop objects: webhooks belong to their organisation's owners and managers.

Webhook secrets and payloads are business data: staff members of the organisation are refused (403), anyone
else does not learn that the organisation's webhook exists (404). Platform admins use the Django admin.
"""

from streek.accounts.selectors import Actor, organisation_ids
from streek.catalog.models import Organisation
from streek.core.exceptions import NotFound, PermissionRefused

from .models import WebhookDelivery, WebhookEndpoint


def access_organisation_webhooks(*, actor: Actor, organisation_id: int) -> Organisation:
    """The organisation whose webhooks the actor keeps: its owners and managers only."""
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None:
        raise NotFound("organisation")
    if organisation.pk not in organisation_ids(actor=actor):
        raise NotFound("organisation")
    if organisation.pk not in organisation_ids(actor=actor, editors_only=True):
        raise PermissionRefused("organisation")
    return organisation


def access_webhook_endpoint(*, actor: Actor, organisation_id: int, endpoint_id: int) -> WebhookEndpoint:
    """A webhook of the organisation, for its owners and managers (404 when it belongs to another one)."""
    organisation = access_organisation_webhooks(actor=actor, organisation_id=organisation_id)
    endpoint = WebhookEndpoint.objects.filter(pk=endpoint_id, organisation_id=organisation.pk).first()
    if endpoint is None:
        raise NotFound("webhook")
    endpoint.organisation = organisation
    return endpoint


def access_webhook_delivery(*, actor: Actor, organisation_id: int, delivery_id: int) -> WebhookDelivery:
    organisation = access_organisation_webhooks(actor=actor, organisation_id=organisation_id)
    delivery = (
        WebhookDelivery.objects.select_related("endpoint")
        .filter(pk=delivery_id, endpoint__organisation_id=organisation.pk)
        .first()
    )
    if delivery is None:
        raise NotFound("webhook delivery")
    return delivery
