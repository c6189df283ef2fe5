"""An organisation's API tokens: listed, created (the token shown once) and revoked, by its owners and managers."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from streek.accounts.access import access_api_token, access_api_tokens
from streek.accounts.selectors import api_token_list
from streek.accounts.services.api_tokens import api_token_create, api_token_revoke
from streek.catalog.access import access_organisation
from streek.catalog.models import Organisation
from streek.web.inventory.http import add_validation_errors, refusals_as_http, signed_in_user

from .tokens_forms import ApiTokenForm


def guarded_organisation(request: HttpRequest, organisation_id: int) -> Organisation:
    organisation = access_organisation(actor=request.user, organisation_id=organisation_id)
    access_api_tokens(actor=request.user, organisation_id=organisation.pk)
    return organisation


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
@refusals_as_http
def api_tokens(request: HttpRequest, organisation_id: int) -> HttpResponse:
    """The tokens with their state; the form creates one and shows it once (never stored, never in a URL)."""
    organisation = guarded_organisation(request, organisation_id)
    bound = request.method == "POST"
    form = ApiTokenForm(request.POST if bound else None)
    plain = ""
    if bound and form.is_valid():
        try:
            issued = api_token_create(
                organisation_id=organisation.pk,
                actor=signed_in_user(request),
                name=form.cleaned_data["name"],
                scopes=form.cleaned_data["scopes"],
                expires_at=form.expires_at(),
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            plain = issued.plain
            form = ApiTokenForm()
    return render(
        request,
        "web/integrations/tokens.html",
        {
            "organisation": organisation,
            "tokens": api_token_list(organisation_id=organisation.pk),
            "form": form,
            "plain_token": plain,
            "now": timezone.now(),
        },
        status=400 if bound and not plain else 200,
    )


@require_http_methods(["GET", "POST"])
@login_required
@refusals_as_http
def api_token_revoke_confirm(request: HttpRequest, organisation_id: int, token_id: int) -> HttpResponse:
    """Asks to confirm, then revokes: programs using the token are refused at once."""
    organisation = guarded_organisation(request, organisation_id)
    token = access_api_token(actor=request.user, organisation_id=organisation.pk, token_id=token_id)
    if request.method == "POST":
        api_token_revoke(token=token, actor=signed_in_user(request))
        messages.success(request, _("The API token '%(name)s' is revoked.") % {"name": token.name})
        return redirect("web:integration_tokens", organisation_id=organisation.pk)
    return render(request, "web/integrations/tokens_revoke.html", {"organisation": organisation, "token": token})
