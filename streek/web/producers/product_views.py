"""A producer's own products: the list, the product form with variants and claims, (de)activation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.dates import MONTHS_3
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from streek.catalog.access import access_organisation
from streek.catalog.models import Organisation, Product
from streek.catalog.selectors.products import product_get, product_list
from streek.catalog.services.products import (
    product_activate,
    product_create,
    product_deactivate,
    product_update,
)
from streek.core.exceptions import NotFound

from ..inventory.hours_forms import kept_forms
from ..inventory.http import add_validation_errors, refusals_as_http, signed_in_user
from .product_forms import ClaimForm, ClaimFormSet, ProductForm, VariantForm, VariantFormSet, unit_choices


def _list_url(organisation: Organisation) -> str:
    return reverse("web:product_list", args=[organisation.pk])


def _own_product(organisation: Organisation, product_id: int) -> Product:
    try:
        return product_get(organisation=organisation, product_id=product_id)
    except NotFound as error:
        raise Http404(error.message) from error


def _month_cells(product: Product) -> list[tuple[str, bool]]:
    return [(str(MONTHS_3[month]), product.available_in(month)) for month in range(1, 13)]


@require_http_methods(["GET"])
@login_required
@refusals_as_http
def product_list_view(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = access_organisation(actor=request.user, organisation_id=organisation_id, for_write=True)
    products = list(product_list(organisation=organisation))
    rows = [(product, _month_cells(product)) for product in products]
    return render(
        request,
        "web/producers/product_list.html",
        {"organisation": organisation, "rows": rows, "month_names": [str(MONTHS_3[m]) for m in range(1, 13)]},
    )


def _product_form(request: HttpRequest, organisation: Organisation, product: Product | None) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    units = unit_choices()
    form = ProductForm(data, initial=ProductForm.initial_from(product) if product else {"months": list(range(1, 13))})
    variants = VariantFormSet(
        data,
        prefix="variants",
        initial=[VariantForm.initial_from(v) for v in product.variants.all()] if product else [],
        form_kwargs={"units": units},
    )
    claims = ClaimFormSet(
        data, prefix="claims", initial=[ClaimForm.initial_from(c) for c in product.claims.all()] if product else []
    )
    if data is not None and all([form.is_valid(), variants.is_valid(), claims.is_valid()]):
        arguments = {
            **form.product_fields(),
            "actor": signed_in_user(request),
            "variants": [f.variant() for f in kept_forms(variants)],  # type: ignore[attr-defined]
            "claims": [f.claim() for f in kept_forms(claims)],  # type: ignore[attr-defined]
        }
        try:
            if product is None:
                saved = product_create(organisation=organisation, **arguments)
            else:
                saved = product_update(product=product, **arguments)
        except ValidationError as error:
            add_validation_errors(form, error, field_map={"season_months": "months"})
        else:
            messages.success(request, _("The product '%(name)s' is saved.") % {"name": saved.name})
            return HttpResponseRedirect(_list_url(organisation))
    return render(
        request,
        "web/producers/product_form.html",
        {"organisation": organisation, "product": product, "form": form, "variants": variants, "claims": claims},
        status=400 if data is not None else 200,
    )


@require_http_methods(["GET", "POST"])
@login_required
@refusals_as_http
def product_create_view(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = access_organisation(actor=request.user, organisation_id=organisation_id, for_write=True)
    return _product_form(request, organisation, None)


@require_http_methods(["GET", "POST"])
@login_required
@refusals_as_http
def product_edit_view(request: HttpRequest, organisation_id: int, product_id: int) -> HttpResponse:
    organisation = access_organisation(actor=request.user, organisation_id=organisation_id, for_write=True)
    return _product_form(request, organisation, _own_product(organisation, product_id))


@require_POST
@login_required
@refusals_as_http
def product_deactivate_view(request: HttpRequest, organisation_id: int, product_id: int) -> HttpResponse:
    organisation = access_organisation(actor=request.user, organisation_id=organisation_id, for_write=True)
    product = product_deactivate(product=_own_product(organisation, product_id), actor=signed_in_user(request))
    messages.success(request, _("'%(name)s' is no longer shown to the public.") % {"name": product.name})
    return HttpResponseRedirect(_list_url(organisation))


@require_POST
@login_required
@refusals_as_http
def product_activate_view(request: HttpRequest, organisation_id: int, product_id: int) -> HttpResponse:
    organisation = access_organisation(actor=request.user, organisation_id=organisation_id, for_write=True)
    product = product_activate(product=_own_product(organisation, product_id), actor=signed_in_user(request))
    messages.success(request, _("'%(name)s' is shown to the public again.") % {"name": product.name})
    return HttpResponseRedirect(_list_url(organisation))
