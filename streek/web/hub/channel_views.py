"""A hub's channels: the terms per channel, its price list, the buyers it admits, and the returnable crates."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from streek.core.exceptions import ApplicationError
from streek.orders.access import is_editor
from streek.orders.choices import BUSINESS_CHANNELS, ChannelKind
from streek.orders.models import ChannelAdmission, ChannelTerms, ChannelVariantTerm, ReturnableCrate
from streek.orders.services.channels import (
    channel_admission_decide,
    channel_price_remove,
    channel_price_set,
    channel_terms_save,
    returnable_crate_save,
)

from ..inventory.http import refusals_as_http, signed_in_user
from .channel_forms import AdmissionDecideForm, ChannelPriceForm, ChannelTermsForm, CrateForm
from .http import hub_get, hub_terms_get, refusal_message, show_service_error
from .reads import channel_admissions, channel_prices, hub_channels, hub_crates


@require_GET
@login_required
@refusals_as_http
def channel_list(request: HttpRequest, hub_id: int) -> HttpResponse:
    hub = hub_get(request, hub_id)
    channels = hub_channels(hub=hub)
    present = {terms.kind for terms in channels}
    return render(
        request,
        "web/hub/channel_list.html",
        {
            "hub": hub,
            "channels": channels,
            "missing": [(kind, label) for kind, label in ChannelKind.choices if kind not in present],
            "business": BUSINESS_CHANNELS,
            "can_edit": is_editor(actor=request.user, organisation_id=hub.pk),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
@refusals_as_http
def channel_terms_edit(request: HttpRequest, hub_id: int, kind: str) -> HttpResponse:
    """The terms of one channel of the hub: created at the first save."""
    hub = hub_get(request, hub_id, for_write=True)
    if kind not in ChannelKind.values:
        raise Http404("channel")
    terms = ChannelTerms.objects.filter(hub=hub, kind=kind).first()
    bound = request.method == "POST"
    form = ChannelTermsForm(
        request.POST if bound else None, initial=ChannelTermsForm.initial_from(terms) if terms else None
    )
    if bound and form.is_valid():
        try:
            saved = channel_terms_save(actor=signed_in_user(request), hub=hub, kind=kind, **form.service_fields())
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            messages.success(request, _("The terms of %(channel)s are saved.") % {"channel": saved.get_kind_display()})
            return redirect("web:hub_channels", hub_id=hub.pk)
    return render(
        request,
        "web/hub/channel_terms_form.html",
        {"hub": hub, "terms": terms, "kind_label": ChannelKind(kind).label, "form": form},
        status=400 if bound else 200,
    )


@require_http_methods(["GET", "POST"])
@login_required
@refusals_as_http
def channel_price_list(request: HttpRequest, terms_id: int) -> HttpResponse:
    """The price list of a channel: per variant a price (or the channel's rule), case size, minimum, crate."""
    bound = request.method == "POST"
    terms = hub_terms_get(request, terms_id, for_write=bound)
    hub = terms.hub
    form = ChannelPriceForm(request.POST if bound else None, hub=hub)
    if bound and form.is_valid():
        try:
            row = channel_price_set(actor=signed_in_user(request), terms=terms, **form.cleaned_data)
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            messages.success(request, _("The price of %(variant)s is saved.") % {"variant": row.variant})
            return redirect("web:hub_channel_prices", terms_id=terms.pk)
    return render(
        request,
        "web/hub/channel_prices.html",
        {
            "hub": hub,
            "terms": terms,
            "rows": channel_prices(terms=terms),
            "form": form,
            "can_edit": is_editor(actor=request.user, organisation_id=hub.pk),
        },
        status=400 if bound else 200,
    )


@require_POST
@login_required
@refusals_as_http
def channel_price_remove_view(request: HttpRequest, terms_id: int, row_id: int) -> HttpResponse:
    terms = hub_terms_get(request, terms_id, for_write=True)
    row = ChannelVariantTerm.objects.select_related("terms", "variant__product").filter(pk=row_id, terms=terms).first()
    if row is None:
        raise Http404("price")
    try:
        channel_price_remove(actor=signed_in_user(request), variant_term=row)
    except ApplicationError as error:
        messages.error(request, refusal_message(error))
    else:
        messages.success(request, _("%(variant)s follows the channel's price rule again.") % {"variant": row.variant})
    return redirect("web:hub_channel_prices", terms_id=terms.pk)


@require_GET
@login_required
@refusals_as_http
def channel_admission_list(request: HttpRequest, terms_id: int) -> HttpResponse:
    terms = hub_terms_get(request, terms_id)
    return render(
        request,
        "web/hub/channel_admissions.html",
        {
            "hub": terms.hub,
            "terms": terms,
            "admissions": channel_admissions(terms=terms),
            "can_edit": is_editor(actor=request.user, organisation_id=terms.hub_id),
        },
    )


@require_POST
@login_required
@refusals_as_http
def channel_admission_decide_view(request: HttpRequest, terms_id: int, admission_id: int) -> HttpResponse:
    """Admit a buyer, refuse its request, or revoke its admission (refusing an admitted buyer revokes it)."""
    terms = hub_terms_get(request, terms_id, for_write=True)
    admission = ChannelAdmission.objects.select_related("buyer").filter(pk=admission_id, terms=terms).first()
    if admission is None:
        raise Http404("admission")
    form = AdmissionDecideForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose to admit or refuse."))
        return redirect("web:hub_channel_admissions", terms_id=terms.pk)
    admit = form.cleaned_data["decision"] == "admit"
    try:
        decided = channel_admission_decide(
            actor=signed_in_user(request), admission=admission, admit=admit, note=form.cleaned_data["note"]
        )
    except ApplicationError as error:
        messages.error(request, refusal_message(error))
    else:
        messages.success(
            request,
            _("%(buyer)s: %(status)s.")
            % {"buyer": admission.buyer.name, "status": decided.get_status_display().lower()},
        )
    return redirect("web:hub_channel_admissions", terms_id=terms.pk)


@require_http_methods(["GET", "POST"])
@login_required
@refusals_as_http
def crate_list(request: HttpRequest, hub_id: int) -> HttpResponse:
    """The hub's returnable crates; the form adds one, or changes the one named by ?krat=<id>."""
    bound = request.method == "POST"
    hub = hub_get(request, hub_id, for_write=bound)
    crate_id = request.POST.get("crate") or request.GET.get("krat") or ""
    crate = None
    if crate_id:
        crate = ReturnableCrate.objects.filter(pk=int(crate_id) if crate_id.isdigit() else 0, hub=hub).first()
        if crate is None:
            raise Http404("crate")
    initial = {"name": crate.name, "deposit": crate.deposit} if crate is not None else None
    form = CrateForm(request.POST if bound else None, initial=initial)
    if bound and form.is_valid():
        try:
            saved = returnable_crate_save(actor=signed_in_user(request), hub=hub, crate=crate, **form.cleaned_data)
        except ApplicationError as error:
            show_service_error(form, error)
        else:
            messages.success(request, _("The crate '%(name)s' is saved.") % {"name": saved.name})
            return redirect("web:hub_crates", hub_id=hub.pk)
    return render(
        request,
        "web/hub/crate_list.html",
        {
            "hub": hub,
            "crates": hub_crates(hub=hub),
            "crate": crate,
            "form": form,
            "can_edit": is_editor(actor=request.user, organisation_id=hub.pk),
        },
        status=400 if bound else 200,
    )
