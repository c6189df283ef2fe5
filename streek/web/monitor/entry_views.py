"""Entering what the platform cannot know: figures of a municipality (officers of it, admins), one by one or from
a CSV file, and a producer's own costs per channel (K15, members of the producer)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from streek.accounts.selectors import is_platform_admin, officer_municipality_ids
from streek.core.exceptions import ApplicationError, NotFound, PermissionRefused
from streek.monitor.access import access_external_figure, access_producer_cost, access_producer_costs
from streek.monitor.models import ExternalFigure
from streek.monitor.selectors import external_figure_list, producer_cost_list
from streek.monitor.services import (
    external_figure_delete,
    external_figure_save,
    external_figures_import_csv,
    producer_cost_delete,
    producer_cost_save,
)
from streek.orders.choices import ChannelKind
from streek.territory.models import Municipality
from streek.web.inventory.http import add_validation_errors, refusals_as_http, signed_in_user

from .forms import ExternalFigureForm, ExternalFigureImportForm, FigureFilterForm, ProducerCostForm, default_year

PAGE_SIZE = 50


def _figures_of(user: object, *, is_admin: bool) -> QuerySet[ExternalFigure]:
    """The entered figures the user may see and change."""
    return external_figure_list(
        municipality_ids=None if is_admin else officer_municipality_ids(actor=user)  # type: ignore[arg-type]
    )


def _guard_enterer(request: HttpRequest) -> tuple[bool, set[int]]:
    """Officers and admins only: anyone else gets a 404 (the page does not exist for them)."""
    user = signed_in_user(request)
    admin = is_platform_admin(actor=user)
    ids = officer_municipality_ids(actor=user)
    if not admin and not ids:
        raise Http404(_("This page is for municipal officers."))
    return admin, ids


@login_required
@require_http_methods(["GET", "POST"])
@refusals_as_http
def figure_list(request: HttpRequest) -> HttpResponse:
    admin, ids = _guard_enterer(request)
    user = signed_in_user(request)
    filters = FigureFilterForm(request.GET or None)
    qs = _figures_of(user, is_admin=admin)
    if filters.is_valid():
        if filters.cleaned_data["municipality"]:
            qs = qs.filter(municipality__code=filters.cleaned_data["municipality"].strip())
        if filters.cleaned_data["year"]:
            qs = qs.filter(year=filters.cleaned_data["year"])
        if filters.cleaned_data["kind"]:
            qs = qs.filter(kind=filters.cleaned_data["kind"])
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    own = list(Municipality.objects.filter(id__in=ids).order_by("name_nl")) if ids else []
    initial = {"year": request.GET.get("year") or default_year()}
    if len(own) == 1:
        initial["municipality_code"] = own[0].code
    for name in ("municipality_code", "kind"):
        if request.GET.get(name):
            initial[name] = request.GET[name]
    form = ExternalFigureForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            figure = external_figure_save(
                actor=user,
                municipality_code=data["municipality_code"].strip(),
                year=data["year"],
                kind=data["kind"],
                value=data["value"],
                source=data["source"],
                source_date=data["source_date"],
                note=data["note"],
            )
        except (NotFound, PermissionRefused):
            raise
        except ApplicationError as refusal:
            field = refusal.extra.get("field", "")
            field = "municipality_code" if field == "municipality" else field
            form.add_error(field if field in form.fields else None, refusal.message)
        except ValidationError as error:
            add_validation_errors(form, error, field_map={"municipality": "municipality_code"})
        else:
            messages.success(
                request,
                _("Saved: %(kind)s %(year)s for %(municipality)s.")
                % {"kind": figure.get_kind_display(), "year": figure.year, "municipality": figure.municipality.name},
            )
            return redirect("web:monitor_figures")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "web/monitor/figures.html",
        {"page": page, "filters": filters, "form": form, "own": own, "is_admin": admin},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
@refusals_as_http
def figure_import(request: HttpRequest) -> HttpResponse:
    _guard_enterer(request)
    user = signed_in_user(request)
    form = ExternalFigureImportForm(request.POST or None, request.FILES or None)
    errors: list[dict[str, object]] = []
    if request.method == "POST" and form.is_valid():
        result = external_figures_import_csv(actor=user, file=form.cleaned_data["file"])
        if result.ok:
            messages.success(
                request,
                _("Imported: %(created)s new figures, %(updated)s replaced.")
                % {"created": result.created, "updated": result.updated},
            )
            return redirect("web:monitor_figures")
        errors = result.errors
    status = 400 if request.method == "POST" else 200
    return render(request, "web/monitor/figure_import.html", {"form": form, "errors": errors}, status=status)


@login_required
@require_POST
@refusals_as_http
def figure_delete(request: HttpRequest, figure_id: int) -> HttpResponse:
    user = signed_in_user(request)
    figure = access_external_figure(actor=user, external_figure_id=figure_id, for_write=True)
    external_figure_delete(actor=user, external_figure=figure)
    messages.success(request, _("The figure was deleted."))
    return redirect("web:monitor_figures")


@login_required
@require_http_methods(["GET", "POST"])
@refusals_as_http
def producer_costs(request: HttpRequest, organisation_id: int) -> HttpResponse:
    user = signed_in_user(request)
    organisation = access_producer_costs(actor=user, organisation_id=organisation_id, for_write=True)
    form = ProducerCostForm(request.POST or None, initial={"year": default_year(), "consent": True})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            producer_cost_save(
                actor=user,
                organisation_id=organisation.pk,
                year=data["year"],
                channel=data["channel"],
                costs=data["costs"],
                consent=data["consent"],
            )
        except (NotFound, PermissionRefused):
            raise
        except ApplicationError as refusal:
            field = refusal.extra.get("field", "")
            form.add_error(field if field in form.fields else None, refusal.message)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Your costs were saved."))
            return redirect("web:monitor_costs", organisation_id=organisation.pk)
    labels = dict(ChannelKind.choices)
    costs = [
        (cost, labels.get(cost.channel, cost.channel)) for cost in producer_cost_list(organisation_id=organisation.pk)
    ]
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "web/monitor/costs.html",
        {"organisation": organisation, "costs": costs, "form": form},
        status=status,
    )


@login_required
@require_POST
@refusals_as_http
def producer_cost_remove(request: HttpRequest, cost_id: int) -> HttpResponse:
    user = signed_in_user(request)
    cost = access_producer_cost(actor=user, producer_cost_id=cost_id, for_write=True)
    organisation_id = cost.organisation_id
    producer_cost_delete(actor=user, producer_cost=cost)
    messages.success(request, _("The costs were deleted."))
    return redirect("web:monitor_costs", organisation_id=organisation_id)
