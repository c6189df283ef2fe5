"""The hub's back office home: its cycles open now, to come and closed, and what needs attention."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from streek.accounts.selectors import organisation_ids
from streek.catalog.models import Organisation
from streek.orders.access import is_editor
from streek.orders.services.channels import SELLER_KINDS

from ..inventory.http import refusals_as_http
from .http import hub_get
from .reads import hub_overview


@require_GET
@login_required
def hub_index(request: HttpRequest) -> HttpResponse:
    """The organisations the user may run cycles for; straight to the hub when there is one."""
    hubs = list(
        Organisation.objects.filter(pk__in=organisation_ids(actor=request.user), kind__in=SELLER_KINDS).order_by("name")
    )
    if len(hubs) == 1:
        return redirect("web:hub_home", hub_id=hubs[0].pk)
    return render(request, "web/hub/index.html", {"hubs": hubs})


@require_GET
@login_required
@refusals_as_http
def hub_home(request: HttpRequest, hub_id: int) -> HttpResponse:
    hub = hub_get(request, hub_id)
    return render(
        request,
        "web/hub/home.html",
        {
            "hub": hub,
            "overview": hub_overview(hub=hub),
            "can_edit": is_editor(actor=request.user, organisation_id=hub.pk),
        },
    )
