"""Editing the opening hours of a point: weekly rules with seasons, and exceptional closures."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from streek.catalog.access import access_sales_point
from streek.catalog.services.sales_points import sales_point_set_hours

from .hours_forms import ClosureForm, ClosureFormSet, OpeningRuleForm, OpeningRuleFormSet, kept_forms
from .http import redirect_back, refusals_as_http, signed_in_user
from .points import dashboard_url


@require_http_methods(["GET", "POST"])
@login_required
@refusals_as_http
def inventory_hours(request: HttpRequest, sales_point_id: int) -> HttpResponse:
    point = access_sales_point(actor=request.user, sales_point_id=sales_point_id, for_write=True)
    data = request.POST if request.method == "POST" else None
    rules = OpeningRuleFormSet(
        data, prefix="rules", initial=[OpeningRuleForm.initial_from(r) for r in point.opening_rules.all()]
    )
    closures = ClosureFormSet(
        data, prefix="closures", initial=[ClosureForm.initial_from(c) for c in point.closures.all()]
    )
    error_message = ""
    if data is not None and rules.is_valid() and closures.is_valid():
        try:
            sales_point_set_hours(
                sales_point=point,
                actor=signed_in_user(request),
                rules=[form.rule() for form in kept_forms(rules)],  # type: ignore[attr-defined]
                closures=[form.closure() for form in kept_forms(closures)],  # type: ignore[attr-defined]
            )
        except ValidationError as error:
            error_message = " ".join(error.messages)
        else:
            messages.success(request, _("The opening hours of '%(name)s' are saved.") % {"name": point.name})
            return redirect_back(request, dashboard_url(point))
    return render(
        request,
        "web/inventory/hours.html",
        {
            "point": point,
            "municipality": point.municipality,
            "rules": rules,
            "closures": closures,
            "error_message": error_message,
        },
        status=400 if data is not None else 200,
    )
