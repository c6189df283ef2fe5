"""A business buyer asks a hub to admit its organisation to one of the hub's business channels."""

from typing import cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from streek.catalog.models import Organisation
from streek.core.exceptions import ApplicationError
from streek.orders.choices import BUSINESS_CHANNELS
from streek.orders.models import ChannelAdmission, ChannelTerms
from streek.orders.services.channels import channel_admission_request

from ...inventory.http import refusals_as_http, signed_in_user
from ..buyer import buying_for_choices
from .catalogue import hub_for_slug


class AdmissionForm(forms.Form):
    organisation = forms.TypedChoiceField(label=gettext_lazy("Your organisation"), coerce=int)
    terms = forms.TypedChoiceField(label=gettext_lazy("Channel"), coerce=int)

    def __init__(
        self, data: QueryDict | None, *, organisations: list[Organisation], channels: list[ChannelTerms]
    ) -> None:
        super().__init__(data, auto_id="admission-%s")
        cast(forms.ChoiceField, self.fields["organisation"]).choices = [(o.pk, o.name) for o in organisations]
        cast(forms.ChoiceField, self.fields["terms"]).choices = [(t.pk, t.get_kind_display()) for t in channels]


@require_http_methods(["GET", "POST"])
@login_required
@refusals_as_http
def admission_request_view(request: HttpRequest, slug: str) -> HttpResponse:
    hub = hub_for_slug(slug)
    user = signed_in_user(request)
    organisations = [o for o in buying_for_choices(request) if o.pk != hub.pk]
    channels = list(ChannelTerms.objects.filter(hub=hub, kind__in=BUSINESS_CHANNELS, is_active=True).order_by("kind"))
    admissions = list(
        ChannelAdmission.objects.filter(terms__hub=hub, buyer__in=organisations)
        .select_related("terms", "buyer")
        .order_by("buyer__name", "terms__kind")
    )
    form = AdmissionForm(
        request.POST if request.method == "POST" else None, organisations=organisations, channels=channels
    )
    if request.method == "POST" and form.is_valid():
        organisation = next(o for o in organisations if o.pk == form.cleaned_data["organisation"])
        terms = next(t for t in channels if t.pk == form.cleaned_data["terms"])
        try:
            admission = channel_admission_request(actor=user, terms=terms, buyer=organisation)
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("%(hub)s received the request of %(buyer)s for the channel %(channel)s (%(status)s).")
                % {
                    "hub": hub.name,
                    "buyer": organisation.name,
                    "channel": terms.get_kind_display(),
                    "status": admission.get_status_display(),
                },
            )
            return HttpResponseRedirect(reverse("web:shop_admission", args=[hub.slug]))
    return render(
        request,
        "web/shop/admission.html",
        {"hub": hub, "form": form, "organisations": organisations, "channels": channels, "admissions": admissions},
        status=400 if request.method == "POST" else 200,
    )
