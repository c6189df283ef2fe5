"""The embeddable map of a municipality or region, and the page that hands out its iframe code."""

from html import escape

from django.conf import settings
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_GET

from streek.catalog.choices import PUBLIC_STATUSES
from streek.catalog.selectors.sales_points import SalesPointFilters, sales_point_filter
from streek.core.exceptions import NotFound
from streek.territory.models import Municipality
from streek.territory.selectors import custom_region_list, municipality_get, region_get

from ..filtering import points_bounds
from ..maps import find_map_config


def embed_code(*, municipality: str = "", region: str = "", title: str = "") -> str:
    """The iframe a municipal website pastes to show the map of its sales points (plain text, to be escaped)."""
    query = f"municipality={municipality}" if municipality else f"region={region}"
    url = f"{settings.STREEK_PUBLIC_URL.rstrip('/')}{reverse('web:map_embed')}?{query}"
    return (
        f'<iframe src="{escape(url)}" title="{escape(title)}" width="100%" height="480" style="border:0" '
        'loading="lazy"></iframe>'
    )


def _area(request: HttpRequest) -> tuple[str, SalesPointFilters, tuple[float, float] | None]:
    """Title, filters and fallback centre of the area asked for; 404 when unknown or missing."""
    code = request.GET.get("municipality", "").strip()
    region = request.GET.get("region", "").strip()
    try:
        if code:
            municipality = municipality_get(code=code)
            centre = (municipality.lat, municipality.lon) if municipality.lat and municipality.lon else None
            return municipality.name, SalesPointFilters(municipality=code), centre
        if region:
            return region_get(region=region).name, SalesPointFilters(region=region), None
    except NotFound as error:
        raise Http404("area") from error
    raise Http404("area")


@xframe_options_exempt
@require_GET
def map_embed(request: HttpRequest) -> HttpResponse:
    """A bare map of one municipality or region for other websites' iframes; links open in a new tab."""
    title, filters, centre = _area(request)
    bounds = points_bounds(sales_point_filter(filters))
    params = {"municipality": filters.municipality} if filters.municipality else {"region": filters.region}
    config = find_map_config(bounds=bounds, params=params, new_tab=True, status_id="map-status")
    if bounds is None and centre is not None:
        config["center"] = {"lat": centre[0], "lon": centre[1], "zoom": 12}
    return render(request, "web/find/embed_map.html", {"title": title, "map_config": config})


@require_GET
def embed_help(request: HttpRequest) -> HttpResponse:
    """How to put the map on another website: the iframe code of each municipality with points and each region."""
    municipalities = (
        Municipality.objects.annotate(
            point_count=Count("sales_points", filter=Q(sales_points__status__in=PUBLIC_STATUSES))
        )
        .filter(point_count__gt=0)
        .order_by("name_nl")
    )
    municipality_items = [
        {
            "name": m.name,
            "count": m.point_count,
            "code": embed_code(municipality=m.code, title=m.name),
            "url": f"{reverse('web:map_embed')}?municipality={m.code}",
        }
        for m in municipalities
    ]
    region_items = [
        {
            "name": r.name,
            "code": embed_code(region=r.slug, title=r.name),
            "url": f"{reverse('web:map_embed')}?region={r.slug}",
        }
        for r in custom_region_list()
    ]
    return render(
        request,
        "web/find/embed_help.html",
        {"municipality_items": municipality_items, "region_items": region_items},
    )
