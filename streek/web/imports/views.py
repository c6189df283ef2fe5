"""Inventory import pages: upload a file, follow the check (dry run) and apply it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from streek.accounts.selectors import is_platform_admin, officer_municipality_ids
from streek.catalog.access import access_inventory_import
from streek.catalog.choices import ImportStatus
from streek.catalog.selectors.inventory_imports import inventory_import_list
from streek.catalog.services.inventory_import import inventory_import_create, inventory_import_start_apply
from streek.core.exceptions import ApplicationError, NotFound
from streek.territory.models import Municipality

from .forms import ImportUploadForm

RUNNING = (ImportStatus.PENDING, ImportStatus.VALIDATING, ImportStatus.APPLYING)


def _scope(request: HttpRequest) -> tuple[QuerySet[Municipality], bool]:
    """Municipalities the user may import into, and whether choosing one is required (officers) or not (admins)."""
    if is_platform_admin(actor=request.user):
        return Municipality.objects.order_by("name_nl"), False
    ids = officer_municipality_ids(actor=request.user)
    if not ids:
        raise Http404("not an officer")
    return Municipality.objects.filter(pk__in=ids).order_by("name_nl"), True


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest) -> HttpResponse:
    municipalities, required = _scope(request)
    preselected = municipalities.filter(code=request.GET.get("municipality", "")).first()
    form = ImportUploadForm(
        request.POST or None,
        request.FILES or None,
        municipalities=municipalities,
        required=required,
        initial={"municipality": preselected},
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            job = inventory_import_create(
                actor=request.user,
                file_name=upload.name,
                data=upload.read(),
                municipality=form.cleaned_data["municipality"],
                language=(get_language() or "nl")[:2],
            )
        except ApplicationError as error:
            form.add_error("file", error.message)
        else:
            return redirect("web:import_detail", import_id=job.pk)
    return render(
        request,
        "web/imports/upload.html",
        {"form": form, "imports": inventory_import_list(actor=request.user)},
    )


@login_required
@require_http_methods(["GET"])
def import_detail(request: HttpRequest, import_id: int) -> HttpResponse:
    try:
        job = access_inventory_import(actor=request.user, import_id=import_id)
    except NotFound as error:
        raise Http404(error.message) from error
    context = {"job": job, "running": job.status in RUNNING, "statuses": ImportStatus}
    if request.headers.get("HX-Request") == "true":
        return render(request, "web/imports/_status.html", context)
    return render(request, "web/imports/detail.html", context)


@login_required
@require_POST
def import_apply(request: HttpRequest, import_id: int) -> HttpResponse:
    try:
        job = access_inventory_import(actor=request.user, import_id=import_id)
    except NotFound as error:
        raise Http404(error.message) from error
    try:
        inventory_import_start_apply(job=job)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The import is running. This page shows its progress."))
    return redirect("web:import_detail", import_id=job.pk)
