"""An organisation's webhooks: list, create, edit, secret (shown once) and rotation, test event, delivery log.

Owners and managers only (interop/access.py): staff members get 403, everyone else 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from streek.interop.access import access_organisation_webhooks, access_webhook_delivery, access_webhook_endpoint
from streek.interop.choices import WebhookEvent
from streek.interop.models import WebhookEndpoint
from streek.interop.selectors.webhooks import webhook_delivery_list, webhook_endpoint_list
from streek.interop.services.webhooks import (
    webhook_create,
    webhook_delete,
    webhook_redeliver,
    webhook_rotate_secret,
    webhook_send_test,
    webhook_update,
)
from streek.web.inventory.http import add_validation_errors, refusals_as_http, signed_in_user

from .webhooks_forms import WebhookForm

DELIVERIES_PER_PAGE = 25
SECRET_SESSION_KEY = "webhook_secret_once"  # noqa: S105  (a session key name, not a secret)


def _remember_secret(request: HttpRequest, endpoint: WebhookEndpoint) -> None:
    """The secret is shown on the next page only: kept in the session until then."""
    request.session[SECRET_SESSION_KEY] = {"id": endpoint.pk, "secret": endpoint.secret}


def _secret_once(request: HttpRequest, endpoint: WebhookEndpoint) -> str:
    kept = request.session.get(SECRET_SESSION_KEY)
    if isinstance(kept, dict) and kept.get("id") == endpoint.pk:
        del request.session[SECRET_SESSION_KEY]
        return str(kept.get("secret", ""))
    return ""


@require_GET
@login_required
@refusals_as_http
def webhook_list(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = access_organisation_webhooks(actor=request.user, organisation_id=organisation_id)
    return render(
        request,
        "web/integrations/webhooks.html",
        {
            "organisation": organisation,
            "endpoints": list(webhook_endpoint_list(organisation_id=organisation.pk)),
            "event_labels": dict(WebhookEvent.choices),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
@refusals_as_http
def webhook_new(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = access_organisation_webhooks(actor=request.user, organisation_id=organisation_id)
    bound = request.method == "POST"
    form = WebhookForm(request.POST if bound else None)
    if bound and form.is_valid():
        try:
            endpoint = webhook_create(organisation=organisation, actor=signed_in_user(request), **form.service_fields())
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            _remember_secret(request, endpoint)
            messages.success(request, _("The webhook is saved. Copy its signing secret now."))
            return redirect("web:integration_webhook_detail", organisation_id=organisation.pk, endpoint_id=endpoint.pk)
    return render(
        request,
        "web/integrations/webhooks_form.html",
        {"organisation": organisation, "form": form, "endpoint": None},
        status=400 if bound else 200,
    )


@require_GET
@login_required
@refusals_as_http
def webhook_detail(request: HttpRequest, organisation_id: int, endpoint_id: int) -> HttpResponse:
    """The webhook with its delivery log (paginated)."""
    endpoint = access_webhook_endpoint(actor=request.user, organisation_id=organisation_id, endpoint_id=endpoint_id)
    page = Paginator(webhook_delivery_list(endpoint_id=endpoint.pk), DELIVERIES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "web/integrations/webhooks_detail.html",
        {
            "organisation": endpoint.organisation,
            "endpoint": endpoint,
            "secret": _secret_once(request, endpoint),
            "page": page,
            "event_labels": dict(WebhookEvent.choices),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
@refusals_as_http
def webhook_edit(request: HttpRequest, organisation_id: int, endpoint_id: int) -> HttpResponse:
    endpoint = access_webhook_endpoint(actor=request.user, organisation_id=organisation_id, endpoint_id=endpoint_id)
    bound = request.method == "POST"
    form = WebhookForm(request.POST if bound else None, initial=WebhookForm.initial_from(endpoint))
    if bound and form.is_valid():
        try:
            webhook_update(endpoint=endpoint, **form.service_fields())
        except ValidationError as error:
            endpoint.refresh_from_db()
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The webhook is saved."))
            return redirect("web:integration_webhook_detail", organisation_id=organisation_id, endpoint_id=endpoint.pk)
    return render(
        request,
        "web/integrations/webhooks_form.html",
        {"organisation": endpoint.organisation, "form": form, "endpoint": endpoint},
        status=400 if bound else 200,
    )


@require_POST
@login_required
@refusals_as_http
def webhook_rotate(request: HttpRequest, organisation_id: int, endpoint_id: int) -> HttpResponse:
    endpoint = access_webhook_endpoint(actor=request.user, organisation_id=organisation_id, endpoint_id=endpoint_id)
    webhook_rotate_secret(endpoint=endpoint)
    _remember_secret(request, endpoint)
    messages.success(request, _("A new signing secret was made; the old one no longer works. Copy it now."))
    return redirect("web:integration_webhook_detail", organisation_id=organisation_id, endpoint_id=endpoint.pk)


@require_POST
@login_required
@refusals_as_http
def webhook_test(request: HttpRequest, organisation_id: int, endpoint_id: int) -> HttpResponse:
    endpoint = access_webhook_endpoint(actor=request.user, organisation_id=organisation_id, endpoint_id=endpoint_id)
    webhook_send_test(endpoint=endpoint)
    messages.success(request, _("A test event is on its way; its outcome appears in the log below."))
    return redirect("web:integration_webhook_detail", organisation_id=organisation_id, endpoint_id=endpoint.pk)


@require_http_methods(["GET", "POST"])
@login_required
@refusals_as_http
def webhook_remove(request: HttpRequest, organisation_id: int, endpoint_id: int) -> HttpResponse:
    """A confirmation page, then the deletion (with the delivery log)."""
    endpoint = access_webhook_endpoint(actor=request.user, organisation_id=organisation_id, endpoint_id=endpoint_id)
    if request.method == "POST":
        url = endpoint.url
        webhook_delete(endpoint=endpoint)
        messages.success(request, _("The webhook to %(url)s is deleted.") % {"url": url})
        return redirect("web:integration_webhooks", organisation_id=organisation_id)
    return render(
        request,
        "web/integrations/webhooks_delete.html",
        {"organisation": endpoint.organisation, "endpoint": endpoint},
    )


@require_POST
@login_required
@refusals_as_http
def webhook_delivery_retry(request: HttpRequest, organisation_id: int, delivery_id: int) -> HttpResponse:
    delivery = access_webhook_delivery(actor=request.user, organisation_id=organisation_id, delivery_id=delivery_id)
    webhook_redeliver(delivery=delivery)
    messages.success(request, _("The delivery will be sent again."))
    return redirect("web:integration_webhook_detail", organisation_id=organisation_id, endpoint_id=delivery.endpoint_id)
