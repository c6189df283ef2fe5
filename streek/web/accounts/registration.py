"""Sign-up of an organisation: the public form, and the review of requests by platform admins and officers."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from streek.catalog.access import access_registration_request, can_review_registrations
from streek.catalog.selectors.registrations import registration_request_list_pending
from streek.catalog.services.registrations import (
    registration_request_approve,
    registration_request_reject,
    registration_request_submit,
)
from streek.core.exceptions import ApplicationError, NotFound, PermissionRefused
from streek.core.rate_limit import RateLimit, hit

from ..client_address import client_address
from ..inventory.http import add_validation_errors, refusals_as_http, signed_in_user
from .forms import RegistrationForm, RejectRegistrationForm


def _submission_allowed(request: HttpRequest) -> bool:
    """The form is open to anyone: a few complete submissions per client address per window keep floods out."""
    rate = RateLimit.parse(settings.STREEK_REGISTRATION_RATE)
    return hit(scope="registration", key=client_address(request), rate=rate).allowed


@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not _submission_allowed(request):
            messages.error(request, _("You sent many requests in a short time. Please try again later."))
            return render(request, "web/accounts/register.html", {"form": form}, status=429)
        if form.is_spam():
            return redirect("web:register_thanks")  # answer a robot as if it worked, and keep nothing
        try:
            registration_request_submit(**form.service_arguments())
        except ValidationError as error:
            add_validation_errors(form, error, field_map={"country_code": "country"})
        else:
            return redirect("web:register_thanks")
    return render(request, "web/accounts/register.html", {"form": form})


def register_thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "web/accounts/register_thanks.html")


@login_required
def registration_requests(request: HttpRequest) -> HttpResponse:
    if not can_review_registrations(actor=request.user):
        raise PermissionDenied("registration requests")
    pending = list(registration_request_list_pending(actor=request.user))
    return render(request, "web/accounts/registration_requests.html", {"requests": pending})


@require_POST
@login_required
@refusals_as_http
def registration_approve(request: HttpRequest, registration_request_id: int) -> HttpResponse:
    registration = access_registration_request(actor=request.user, registration_request_id=registration_request_id)
    try:
        registration_request_approve(request=registration, actor=signed_in_user(request))
    except (NotFound, PermissionRefused):
        raise
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("%(name)s is registered; %(email)s can log in now.")
            % {"name": registration.organisation_name, "email": registration.applicant_email},
        )
    return redirect("web:registration_requests")


@require_POST
@login_required
@refusals_as_http
def registration_reject(request: HttpRequest, registration_request_id: int) -> HttpResponse:
    registration = access_registration_request(actor=request.user, registration_request_id=registration_request_id)
    form = RejectRegistrationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please give a reason for rejecting the request."))
        return redirect("web:registration_requests")
    try:
        registration_request_reject(
            request=registration, actor=signed_in_user(request), reason=form.cleaned_data["reason"]
        )
    except (NotFound, PermissionRefused):
        raise
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The request of %(name)s is rejected.") % {"name": registration.organisation_name})
    return redirect("web:registration_requests")
