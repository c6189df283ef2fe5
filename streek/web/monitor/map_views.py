"""The choropleth: one figure of one year across municipalities, on approximate municipal shapes."""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from streek.core.exceptions import NotFound
from streek.monitor.charts import format_value
from streek.monitor.geometry import MISSING_COLOUR, cells_feature_collection, value_classes, value_colour
from streek.monitor.selectors import (
    Audience,
    Figure,
    area_choices,
    figure_by_municipality,
    figure_definition,
    indicator_definitions,
)
from streek.territory.models import Municipality
from streek.web.inventory.http import refusals_as_http

from .areas import area_from_url
from .dashboard import figure_text
from .forms import MapForm, default_year

DEFAULT_FIGURE = "K6.turnover"


@dataclass(frozen=True)
class MapRow:
    municipality: Municipality
    figure: Figure
    text: str
    url: str


def _figure_groups() -> list[tuple[str, list[tuple[str, str]]]]:
    return [
        (f"{d.code} {d.title}", [(f.key, str(f.label)) for f in d.figures])
        for d in indicator_definitions()
        if d.figures
    ]


def _region_groups() -> list[tuple[str, list[tuple[str, str]]]]:
    groups = area_choices()
    labels = {
        "countries": _("Countries"),
        "admin_regions": _("Regions"),
        "provinces": _("Provinces"),
        "custom_regions": _("Own regions"),
    }
    return [(str(labels[name]), [(c.url_key, c.name) for c in choices]) for name, choices in groups.items() if choices]


@require_GET
@refusals_as_http
def choropleth(request: HttpRequest) -> HttpResponse:
    data = request.GET.copy()
    data.setdefault("figure", DEFAULT_FIGURE)
    data.setdefault("year", str(default_year()))
    form = MapForm(data, figure_groups=_figure_groups(), region_groups=_region_groups())
    if not form.is_valid():
        return render(request, "web/monitor/map.html", {"form": form, "rows": None}, status=400)
    figure_key = form.cleaned_data["figure"]
    year = form.cleaned_data["year"]
    region = form.cleaned_data["region"]
    definition = figure_definition(key=figure_key)
    ids: list[int] | None = None
    region_name = ""
    if region:
        try:
            area = area_from_url(region)
        except NotFound:
            form.add_error("region", _("This area is unknown."))
            return render(request, "web/monitor/map.html", {"form": form, "rows": None}, status=400)
        ids = list(area.municipality_ids)
        region_name = area.name
    audience = Audience.for_user(request.user)
    figures = figure_by_municipality(figure_key=figure_key, year=year, municipality_ids=ids, audience=audience)
    municipalities = list(
        Municipality.objects.filter(id__in=list(figures)).select_related("country").order_by("name_nl")
    )
    values: dict[int, Decimal | None] = {m_id: (None if f.suppressed else f.value) for m_id, f in figures.items()}
    classes = value_classes(values.values())
    rows = [
        MapRow(
            municipality=m,
            figure=figures[m.pk],
            text=figure_text(figures[m.pk], definition.unit),
            url=reverse("web:monitor_dashboard", kwargs={"area": f"municipality-{m.code}", "year": year}),
        )
        for m in municipalities
    ]
    properties: dict[int, dict[str, Any]] = {
        row.municipality.pk: {
            "name": row.municipality.name,
            "code": row.municipality.code,
            "text": row.text,
            "colour": value_colour(values.get(row.municipality.pk), classes),
            "url": row.url,
        }
        for row in rows
    }
    config = {
        "tileUrl": settings.STREEK_TILE_URL,
        "attribution": settings.STREEK_TILE_ATTRIBUTION,
        "geojson": cells_feature_collection(municipality_ids=list(figures), properties=properties),
        "label": str(definition.label),
    }
    legend = [
        {
            "colour": c.colour,
            "text": format_value(c.low, definition.unit)
            if c.low == c.high
            else _("%(low)s to %(high)s")
            % {"low": format_value(c.low, definition.unit), "high": format_value(c.high, definition.unit)},
            "count": c.count,
        }
        for c in classes
    ]
    unknown = sum(1 for value in values.values() if value is None)
    return render(
        request,
        "web/monitor/map.html",
        {
            "form": form,
            "definition": definition,
            "indicator_code": figure_key.split(".", 1)[0],
            "year": year,
            "region_name": region_name,
            "rows": rows,
            "legend": legend,
            "unknown": unknown,
            "missing_colour": MISSING_COLOUR,
            "map_config": config,
        },
    )
