"""Custom regions (sets of municipalities across borders) for platform admins and municipal officers."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from streek.accounts.models import User
from streek.accounts.selectors import is_platform_admin, officer_municipality_ids
from streek.territory.access import access_custom_region, can_manage_regions
from streek.territory.selectors import custom_region_list
from streek.territory.services import custom_region_create, custom_region_update

from .forms import RegionForm
from .http import add_validation_errors, refusals_as_http, signed_in_user


def _require_region_manager(request: HttpRequest) -> User:
    if not can_manage_regions(actor=request.user):
        raise Http404("regions")
    return signed_in_user(request)


@require_GET
@login_required
def region_list(request: HttpRequest) -> HttpResponse:
    user = _require_region_manager(request)
    kept = officer_municipality_ids(actor=user)
    regions = list(
        custom_region_list().annotate(municipality_count=Count("municipalities")).prefetch_related("municipalities")
    )
    admin = is_platform_admin(actor=user)
    rows = [(region, admin or any(m.pk in kept for m in region.municipalities.all())) for region in regions]
    return render(request, "web/inventory/region_list.html", {"rows": rows})


@require_http_methods(["GET", "POST"])
@login_required
@refusals_as_http
def region_edit(request: HttpRequest, custom_region_id: int | None = None) -> HttpResponse:
    """Create a region (no id) or edit one."""
    user = _require_region_manager(request)
    region = None
    initial: dict[str, Any] = {"municipalities": list(officer_municipality_ids(actor=user))}
    if custom_region_id is not None:
        region = access_custom_region(actor=user, custom_region_id=custom_region_id, for_write=True)
        initial = {
            "name": region.name,
            "description": region.description,
            "municipalities": list(region.municipalities.values_list("pk", flat=True)),
        }
    form = RegionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        ids = [m.pk for m in data["municipalities"]]
        try:
            if region is None:
                region = custom_region_create(
                    actor=user, name=data["name"], description=data["description"], municipality_ids=ids
                )
            else:
                region = custom_region_update(
                    custom_region=region,
                    actor=user,
                    name=data["name"],
                    description=data["description"],
                    municipality_ids=ids,
                )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The region '%(name)s' is saved.") % {"name": region.name})
            return redirect("web:region_list")
    return render(
        request,
        "web/inventory/region_form.html",
        {"form": form, "region": region, "picker_texts": {"chosen": _("%(count)s municipalities chosen")}},
        status=400 if form.is_bound else 200,
    )
