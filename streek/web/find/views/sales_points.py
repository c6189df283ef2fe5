"""The map, the list, the map data, the sales point page and its change report form."""

import json
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from django_htmx.http import push_url
from django_htmx.middleware import HtmxDetails

from streek.catalog.choices import Accessibility, PaymentMethod, SalesPointType
from streek.catalog.directory_cache import DIRECTORY
from streek.catalog.models import SalesPoint
from streek.catalog.opening_hours import local_now, opening_status
from streek.catalog.selectors.events import event_list
from streek.catalog.selectors.organisations import organisation_label_list, organisation_product_list
from streek.catalog.selectors.sales_points import MapResult, PointPieces, sales_point_get, sales_point_map
from streek.catalog.services.change_reports import change_report_submit
from streek.core.exceptions import NotFound
from streek.core.rate_limit import RateLimit, hit
from streek.core.response_cache import cache_anonymous_get, csrf_context

from ...client_address import client_address
from ..display import PointRow, choice_labels, point_rows, season_overview, season_schedules, upcoming_closures
from ..filtering import FindQuery, clean_querystring, find_points, find_query, points_bounds, unknown_area
from ..forms import FILTER_FIELDS, ChangeReportForm, FindFilterForm
from ..maps import find_map_config, point_markers, points_map_config

PAGE_SIZE = 25
DEFAULT_ZOOM = 10


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


def _results_context(request: HttpRequest, query: FindQuery, points: QuerySet[SalesPoint]) -> dict[str, Any]:
    page = Paginator(points, PAGE_SIZE).get_page(request.GET.get("page"))
    rows: list[PointRow] = point_rows(page.object_list)
    near = query.filters.near
    return {
        "page": page,
        "rows": rows,
        "query": query,
        "errors": query.errors,
        "error_slots": [(name, query.errors.get(name, "")) for name in FILTER_FIELDS],
        "other_errors": [message for name, message in query.errors.items() if name not in FILTER_FIELDS],
        "querystring": clean_querystring(request.GET, without=("page",)),
        "list_url": reverse("web:sales_point_list"),
        "results_meta": {
            "bounds": points_bounds(points),
            "near": {"lat": near.lat, "lon": near.lon, "radius_km": query.filters.radius_km} if near else None,
        },
    }


def _filter_form(query: FindQuery) -> FindFilterForm:
    return FindFilterForm(params=query.params, errors=query.errors)


@require_GET
@cache_anonymous_get(DIRECTORY)
def map_page(request: HttpRequest) -> HttpResponse:
    query = find_query(request.GET)
    points = find_points(query)
    context = _results_context(request, query, points)
    context["form"] = _filter_form(query)
    context["map_config"] = find_map_config(
        bounds=context["results_meta"]["bounds"],
        form_id="find-form",
        results_id="results",
        status_id="map-status",
        near=context["results_meta"]["near"],
    )
    return render(request, "web/find/map.html", context | csrf_context(request))


def _permalink(request: HtmxHttpRequest) -> str:
    """The page the visitor is on (the map or the list) with the current filters, for the address bar."""
    current = urlsplit(request.htmx.current_url or "").path if request.htmx else ""
    base = reverse("web:map") if current == reverse("web:map") else reverse("web:sales_point_list")
    querystring = clean_querystring(request.GET)
    return f"{base}?{querystring}" if querystring else base


@require_GET
@cache_anonymous_get(DIRECTORY)
def sales_point_list(request: HtmxHttpRequest) -> HttpResponse:
    query = find_query(request.GET)
    points = find_points(query)
    context = _results_context(request, query, points)
    if request.htmx:
        response = render(request, "web/find/_results.html", context | csrf_context(request))
        return push_url(response, _permalink(request))
    context["form"] = _filter_form(query)
    return render(request, "web/find/list.html", context | csrf_context(request))


def _zoom(raw: str | None) -> int:
    try:
        return max(0, min(int(raw or DEFAULT_ZOOM), 20))
    except ValueError:
        return DEFAULT_ZOOM


@require_GET
@cache_anonymous_get(DIRECTORY)
def map_data(request: HttpRequest) -> HttpResponse:
    """Markers for the map of the Find pages: the viewport (bbox), the zoom and the same filters as the list."""
    query = find_query(request.GET)
    zoom = _zoom(request.GET.get("zoom"))
    try:
        result: MapResult = sales_point_map(query.filters, zoom=zoom)
    except NotFound:
        unknown_area(query)
        result = sales_point_map(query.filters, zoom=zoom)
    pieces = PointPieces(
        type_labels={key: str(label) for key, label in SalesPointType.choices},
        url=reverse("web:sales_point_detail", args=[PointPieces.SLUG]),
    )
    # Joined from pre-encoded JSON: what JsonResponse gives for {"total", "clusters", "points"[, "errors"]}.
    content = f'{{"total": {result.total}, "clusters": {result.clusters_json()}, "points": {result.points_json(pieces)}'
    if query.errors:
        content += ", " + json.dumps({"errors": query.errors}, cls=DjangoJSONEncoder)[1:-1]
    return HttpResponse(content + "}", content_type="application/json")


def _public_point(slug: str) -> SalesPoint:
    try:
        return sales_point_get(slug=slug)
    except NotFound as error:
        raise Http404(error.message) from error


@require_GET
@cache_anonymous_get(DIRECTORY)
def sales_point_detail(request: HttpRequest, slug: str) -> HttpResponse:
    point = _public_point(slug)
    now = local_now()
    today = now.date()
    operator = point.operator
    # The selector says whether there is anything to ask for (most points have no events, labels or products).
    has_labels = operator is not None and getattr(point, "operator_has_labels", True)
    has_products = operator is not None and getattr(point, "operator_has_products", True)
    labels = list(organisation_label_list(organisation_id=operator.pk)) if operator and has_labels else []
    products = list(organisation_product_list(organisation_id=operator.pk)) if operator and has_products else []
    events = []
    if getattr(point, "may_have_events", True):
        events = list(event_list(start=now, end=now + timedelta(days=365), sales_point_id=point.pk)[:10])
    context = {
        "point": point,
        "status": opening_status(point),
        "schedules": season_schedules(point, today),
        "closures": upcoming_closures(point, today),
        "operator_labels": labels,
        "season": season_overview(products, today.month) if products else None,
        "payment_methods": choice_labels(point.payment_methods or [], PaymentMethod),
        "accessibility": choice_labels(point.accessibility or [], Accessibility),
        "events": events,
        "route_url": f"https://www.openstreetmap.org/directions?to={point.lat:.6f},{point.lon:.6f}",
        "map_config": points_map_config(point_markers([point]), zoom=15),
    }
    return render(request, "web/find/sales_point_detail.html", context | csrf_context(request))


def _report_allowed(request: HttpRequest) -> bool:
    """Change reports are open to anyone: a few per client address per window keeps floods out."""
    rate = RateLimit.parse(settings.STREEK_CHANGE_REPORT_RATE)
    return hit(scope="change-report", key=client_address(request), rate=rate).allowed


@require_http_methods(["GET", "POST"])
def sales_point_report(request: HttpRequest, slug: str) -> HttpResponse:
    point = _public_point(slug)
    form = ChangeReportForm(request.POST or None)
    if request.method == "POST" and not _report_allowed(request):
        messages.error(request, _("You sent many reports in a short time. Please try again later."))
        return render(request, "web/find/sales_point_report.html", {"point": point, "form": form}, status=429)
    if request.method == "POST" and form.is_valid() and form.is_spam():
        # Answer a robot as if it worked, and keep nothing.
        messages.success(request, _("Thank you. The municipality will look at your report and update the information."))
        return redirect("web:sales_point_detail", slug=point.slug)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            change_report_submit(
                sales_point=point,
                kind=data["kind"],
                message=data["message"],
                proposed_changes=form.proposed_changes(),
                reporter=request.user if request.user.is_authenticated else None,  # type: ignore[arg-type]
                reporter_name=data["reporter_name"],
                reporter_email=data["reporter_email"],
            )
        except ValidationError as error:
            for field, field_errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, field_errors)
        else:
            messages.success(
                request, _("Thank you. The municipality will look at your report and update the information.")
            )
            return redirect("web:sales_point_detail", slug=point.slug)
    return render(request, "web/find/sales_point_report.html", {"point": point, "form": form})
