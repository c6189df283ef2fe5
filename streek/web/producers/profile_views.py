"""An organisation keeps its own profile and labels: owners and managers, and platform admins."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from streek.catalog.access import access_organisation
from streek.catalog.services.organisations import (
    organisation_label_remove,
    organisation_label_set,
    organisation_update,
)
from streek.web.inventory.http import add_validation_errors, refusals_as_http, signed_in_user

from .profile_forms import OrganisationLabelForm, OrganisationProfileForm


@require_http_methods(["GET", "POST"])
@login_required
@refusals_as_http
def organisation_edit(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = access_organisation(actor=request.user, organisation_id=organisation_id, for_write=True)
    bound = request.method == "POST"
    form = OrganisationProfileForm(
        request.POST if bound else None,
        request.FILES if bound else None,
        initial=OrganisationProfileForm.initial_from(organisation),
    )
    if bound and form.is_valid():
        try:
            organisation_update(organisation=organisation, actor=signed_in_user(request), **form.service_fields())
        except ValidationError as error:
            organisation.refresh_from_db()
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The profile of '%(name)s' is saved.") % {"name": organisation.name})
            return redirect("web:organisation_edit", organisation_id=organisation.pk)
    return render(
        request,
        "web/producers/profile_form.html",
        {"form": form, "organisation": organisation},
        status=400 if bound else 200,
    )


@require_http_methods(["GET", "POST"])
@login_required
@refusals_as_http
def organisation_labels(request: HttpRequest, organisation_id: int) -> HttpResponse:
    """The declared labels with their certificates; the form adds one or updates the one with the same label."""
    organisation = access_organisation(actor=request.user, organisation_id=organisation_id, for_write=True)
    bound = request.method == "POST"
    form = OrganisationLabelForm(request.POST if bound else None)
    if bound and form.is_valid():
        try:
            label = organisation_label_set(
                organisation=organisation,
                actor=signed_in_user(request),
                facet_key=form.cleaned_data["facet"],
                certificate_number=form.cleaned_data["certificate_number"],
                certifier=form.cleaned_data["certifier"],
                valid_until=form.cleaned_data["valid_until"],
                evidence_url=form.cleaned_data["evidence_url"],
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The label '%(label)s' is saved.") % {"label": label.facet.label})
            return redirect("web:organisation_labels", organisation_id=organisation.pk)
    labels = organisation.labels.select_related("facet").order_by("facet__path")
    return render(
        request,
        "web/producers/profile_labels.html",
        {"form": form, "organisation": organisation, "labels": labels, "today": timezone.localdate()},
        status=400 if bound else 200,
    )


@require_POST
@login_required
@refusals_as_http
def organisation_label_delete(request: HttpRequest, organisation_id: int, label_id: int) -> HttpResponse:
    organisation = access_organisation(actor=request.user, organisation_id=organisation_id, for_write=True)
    label = organisation_label_remove(organisation=organisation, actor=signed_in_user(request), label_id=label_id)
    messages.success(request, _("The label '%(label)s' is removed.") % {"label": label.facet.label})
    return redirect("web:organisation_labels", organisation_id=organisation.pk)
