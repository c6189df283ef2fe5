"""A producer proposes a new sales point for its organisation; the municipality approves it."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from streek.catalog.access import access_organisation
from streek.catalog.models import Organisation
from streek.catalog.services.inventory import sales_point_propose
from streek.territory.models import Municipality

from .forms import SalesPointProposeForm, location_context
from .http import add_validation_errors, refusals_as_http, signed_in_user


def _map_center(organisation: Organisation) -> dict[str, Any]:
    if organisation.lat is None and organisation.municipality is not None:
        return location_context(lat=organisation.municipality.lat, lon=organisation.municipality.lon)
    return location_context(lat=organisation.lat, lon=organisation.lon)


@require_http_methods(["GET", "POST"])
@login_required
@refusals_as_http
def sales_point_propose_view(request: HttpRequest) -> HttpResponse:
    raw = request.GET.get("organisation") or request.POST.get("organisation") or ""
    if not raw.isdigit():
        raise Http404("organisation")
    organisation = access_organisation(actor=request.user, organisation_id=int(raw), for_write=True)
    initial = {
        "country": organisation.country.code,
        "street": organisation.street,
        "postal_code": organisation.postal_code,
        "locality": organisation.locality,
        "lat": organisation.lat,
        "lon": organisation.lon,
        "position_exact": "1" if organisation.lat is not None else "0",
        "phone": organisation.phone,
        "email": organisation.email,
        "website": organisation.website,
    }
    form = SalesPointProposeForm(request.POST or None, municipalities=Municipality.objects.none(), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            sales_point_propose(
                actor=signed_in_user(request),
                organisation=organisation,
                categories=form.cleaned_data["categories"],
                labels=form.cleaned_data["labels"],
                message=form.cleaned_data["message"],
                **form.service_fields(),
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(
                request,
                _("Thank you. The sales point is sent to the municipality of %(municipality)s for approval.")
                % {"municipality": form.cleaned_data["municipality"].name},
            )
            return redirect("web:dashboard")
    return render(
        request,
        "web/inventory/propose.html",
        {"form": form, "organisation": organisation, **_map_center(organisation)},
        status=400 if form.is_bound else 200,
    )
