"""Approximate municipal shapes for maps: Voronoi cells of the municipality centres.

Streek ships no municipal boundary data. For a choropleth, each municipality gets the Voronoi cell of its
representative point (`Municipality.lat/lon`), computed per country, clipped to the country's buffered convex hull
and to a disc around its own point (so coastal and border cells do not run far into the sea or the neighbour
country), then simplified. The cells approximate the municipalities: borders are straight lines halfway between
neighbouring centres, not the legal boundaries. Every map that uses them says so.

The cells are computed once per country and cached (Django cache) under a key that includes the number of
municipalities with a point, so a merger or a new point invalidates it.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import numpy as np
from django.core.cache import cache
from django.utils.translation import gettext as _
from matplotlib import rc_context
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.patches import Polygon as PolygonPatch
from scipy.spatial import Voronoi  # type: ignore[import-untyped]
from shapely.geometry import MultiPoint, MultiPolygon, Point, Polygon  # type: ignore[import-untyped]

from streek.territory.models import Municipality

from .charts import CHART_RC, figure_svg, format_value

CACHE_VERSION = 1
CACHE_SECONDS = 60 * 60 * 24 * 30
HULL_BUFFER_KM = 4.0
MAX_RADIUS_KM = 15.0
SIMPLIFY_KM = 0.25
KM_PER_DEGREE = 111.32

# Sequential ColorBrewer YlGnBu (colour-blind safe, prints in grey scale in order); unknown values are grey.
CLASS_COLOURS = ("#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494")
MISSING_COLOUR = "#d9d9d9"

Geometry = dict[str, Any]


@dataclass(frozen=True)
class _Projection:
    """Equirectangular km around a reference latitude: good enough for the size of a country."""

    lat0: float

    def forward(self, lon: float, lat: float) -> tuple[float, float]:
        return lon * KM_PER_DEGREE * math.cos(math.radians(self.lat0)), lat * KM_PER_DEGREE

    def inverse(self, x: float, y: float) -> tuple[float, float]:
        return x / (KM_PER_DEGREE * math.cos(math.radians(self.lat0))), y / KM_PER_DEGREE


def _to_lonlat(geometry: Polygon | MultiPolygon, projection: _Projection) -> Geometry:
    polygons = list(geometry.geoms) if isinstance(geometry, MultiPolygon) else [geometry]
    rings: list[list[list[list[float]]]] = []
    for polygon in polygons:
        if polygon.is_empty:
            continue
        shell = [
            [round(lon, 5), round(lat, 5)]
            for lon, lat in (projection.inverse(x, y) for x, y in polygon.exterior.coords)
        ]
        rings.append([shell])
    if len(rings) == 1:
        return {"type": "Polygon", "coordinates": rings[0]}
    return {"type": "MultiPolygon", "coordinates": rings}


def _cells_compute(points: Sequence[tuple[int, float, float]]) -> dict[int, Geometry]:
    """Voronoi cells (GeoJSON geometries, lon/lat) for (municipality id, lat, lon) points of one country."""
    if not points:
        return {}
    projection = _Projection(lat0=sum(lat for _i, lat, _l in points) / len(points))
    seen: set[tuple[float, float]] = set()
    ids: list[int] = []
    coords: list[tuple[float, float]] = []
    for municipality_id, lat, lon in sorted(points):
        x, y = projection.forward(lon, lat)
        # Two centres on the same spot would make Qhull fail: move the later one by a metre, deterministically.
        while (round(x, 3), round(y, 3)) in seen:
            x += 0.001
        seen.add((round(x, 3), round(y, 3)))
        ids.append(municipality_id)
        coords.append((x, y))
    array = np.array(coords)
    outline = MultiPoint(coords).convex_hull.buffer(HULL_BUFFER_KM)
    # Four far points make every real cell finite.
    min_x, min_y = array.min(axis=0)
    max_x, max_y = array.max(axis=0)
    span = max(max_x - min_x, max_y - min_y, 10.0) * 10
    far = np.array(
        [
            [min_x - span, min_y - span],
            [min_x - span, max_y + span],
            [max_x + span, min_y - span],
            [max_x + span, max_y + span],
        ]
    )
    voronoi = Voronoi(np.vstack([array, far]))
    cells: dict[int, Geometry] = {}
    for index, municipality_id in enumerate(ids):
        region = voronoi.regions[voronoi.point_region[index]]
        if not region or -1 in region:
            continue
        cell = Polygon(voronoi.vertices[region])
        if not cell.is_valid:
            cell = cell.buffer(0)
        cell = cell.intersection(outline).intersection(Point(coords[index]).buffer(MAX_RADIUS_KM, 16))
        cell = cell.simplify(SIMPLIFY_KM, preserve_topology=True)
        if cell.is_empty or not isinstance(cell, Polygon | MultiPolygon):
            continue
        cells[municipality_id] = _to_lonlat(cell, projection)
    return cells


def country_cells(*, country_id: int) -> dict[int, Geometry]:
    """The approximate cell (GeoJSON geometry) of every municipality with a point in the country, cached."""
    points: list[tuple[int, float, float]] = list(
        Municipality.objects.filter(country_id=country_id, lat__isnull=False, lon__isnull=False)
        .order_by("id")
        .values_list("id", "lat", "lon")  # type: ignore[arg-type]
    )
    digest = hashlib.sha256(repr(points).encode()).hexdigest()[:12]
    key = f"monitor:cells:v{CACHE_VERSION}:{country_id}:{len(points)}:{digest}"
    cached = cache.get(key)
    if cached is not None:
        return {int(k): v for k, v in cached.items()}
    cells = _cells_compute(points)
    cache.set(key, cells, CACHE_SECONDS)
    return cells


def municipality_cells(*, municipality_ids: Iterable[int] | None = None) -> dict[int, Geometry]:
    """Cells of the given municipalities (all municipalities with a point when None), from their countries."""
    wanted = None if municipality_ids is None else set(municipality_ids)
    query = Municipality.objects.all()
    if wanted is not None:
        query = query.filter(id__in=wanted)
    country_ids = sorted(set(query.values_list("country_id", flat=True).distinct()))
    cells: dict[int, Geometry] = {}
    for country_id in country_ids:
        for municipality_id, geometry in country_cells(country_id=country_id).items():
            if wanted is None or municipality_id in wanted:
                cells[municipality_id] = geometry
    return cells


def cells_feature_collection(
    *, municipality_ids: Iterable[int] | None = None, properties: Mapping[int, Mapping[str, Any]] | None = None
) -> dict[str, Any]:
    """A GeoJSON FeatureCollection of the cells, one Feature per municipality id (`id` and `properties`)."""
    properties = properties or {}
    cells = municipality_cells(municipality_ids=municipality_ids)
    features = [
        {
            "type": "Feature",
            "id": municipality_id,
            "geometry": geometry,
            "properties": {"id": municipality_id, **properties.get(municipality_id, {})},
        }
        for municipality_id, geometry in sorted(cells.items())
    ]
    return {"type": "FeatureCollection", "features": features}


# --- classes and the static map --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ValueClass:
    low: Decimal
    high: Decimal
    colour: str
    count: int


def value_classes(values: Iterable[Decimal | None], *, classes: int = 5) -> list[ValueClass]:
    """Up to `classes` quantile classes over the known values (ties stay together), each with its colour."""
    known = sorted(v for v in values if v is not None)
    if not known:
        return []
    distinct = sorted(set(known))
    number = min(classes, len(distinct))
    bounds: list[Decimal] = []
    for index in range(1, number):
        cut = known[min(len(known) - 1, (index * len(known)) // number)]
        if cut not in bounds and cut > known[0]:
            bounds.append(cut)
    if len(bounds) < number - 1:
        # Many equal values (often zeros): cut the distinct values instead, so the classes still tell apart.
        bounds = []
        for index in range(1, number):
            cut = distinct[(index * len(distinct)) // number]
            if cut not in bounds and cut > known[0]:
                bounds.append(cut)
    edges = [known[0], *bounds, known[-1]]
    result: list[ValueClass] = []
    colours = _colours_for(len(edges) - 1)
    for index in range(len(edges) - 1):
        low, high = edges[index], edges[index + 1]
        last = index == len(edges) - 2
        count = sum(1 for v in known if low <= v < high or (last and v == high))
        result.append(ValueClass(low=low, high=high, colour=colours[index], count=count))
    if len(edges) == 2 and edges[0] == edges[1]:
        result = [ValueClass(low=edges[0], high=edges[1], colour=CLASS_COLOURS[2], count=len(known))]
    return result


def _colours_for(number: int) -> tuple[str, ...]:
    if number >= len(CLASS_COLOURS):
        return CLASS_COLOURS
    picks = {1: (2,), 2: (1, 3), 3: (0, 2, 4), 4: (0, 1, 3, 4)}[max(number, 1)]
    return tuple(CLASS_COLOURS[i] for i in picks)


def value_colour(value: Decimal | None, classes: Sequence[ValueClass]) -> str:
    if value is None or not classes:
        return MISSING_COLOUR
    for value_class in classes:
        if value < value_class.high:
            return value_class.colour
    return classes[-1].colour


def _rings(geometry: Geometry) -> list[list[list[float]]]:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"][0]]
    return [polygon[0] for polygon in geometry["coordinates"]]


@rc_context(CHART_RC)
def choropleth_svg(
    *,
    values: Mapping[int, Decimal | None],
    title: str,
    unit: str = "",
    municipality_ids: Iterable[int] | None = None,
    highlight: Iterable[int] = (),
    width: float = 5.5,
    height: float = 5.0,
) -> str:
    """A static choropleth (SVG string) of `values` per municipality id on the approximate cells, with a legend;
    for the PDF report and pages without JavaScript. Draws `municipality_ids` (default: the keys of `values`);
    municipalities without a value are grey; `highlight` gets a thick outline."""
    ids = sorted(set(values) if municipality_ids is None else set(municipality_ids))
    cells = municipality_cells(municipality_ids=ids)
    classes = value_classes(values.get(i) for i in ids)
    highlighted = set(highlight)
    figure = Figure(figsize=(width, height), dpi=72)
    FigureCanvasSVG(figure)
    axes = figure.add_axes((0.0, 0.2, 1.0, 0.73))
    axes.set_axis_off()
    lats: list[float] = []
    for municipality_id in ids:
        geometry = cells.get(municipality_id)
        if geometry is None:
            continue
        colour = value_colour(values.get(municipality_id), classes)
        for ring in _rings(geometry):
            lats.extend(lat for _lon, lat in ring)
            axes.add_patch(
                PolygonPatch(
                    ring,
                    closed=True,
                    facecolor=colour,
                    edgecolor="#222222" if municipality_id in highlighted else "#ffffff",
                    linewidth=1.6 if municipality_id in highlighted else 0.3,
                    hatch="///" if colour == MISSING_COLOUR else None,
                )
            )
    axes.autoscale_view()
    if lats:
        axes.set_aspect(1 / math.cos(math.radians(sum(lats) / len(lats))))
    axes.set_title(title, loc="left", fontsize=10)
    handles = [
        Patch(
            facecolor=c.colour,
            edgecolor="#888888",
            label=f"{format_value(c.low, unit)} – {format_value(c.high, unit)} ({c.count})",
        )
        for c in classes
    ]
    missing = sum(1 for i in ids if values.get(i) is None)
    if missing:
        handles.append(
            Patch(
                facecolor=MISSING_COLOUR,
                edgecolor="#888888",
                hatch="///",
                label=_("unknown or hidden (%(n)s)") % {"n": missing},
            )
        )
    figure.legend(handles=handles, loc="lower left", fontsize=7, frameon=False, ncols=2)
    figure.text(
        0.01,
        0.175,
        _("Shapes approximate the municipalities (Voronoi cells of their centres)."),
        ha="left",
        va="bottom",
        fontsize=6,
        color="#555555",
    )
    description = " ".join(
        [
            _("Map of %(title)s per municipality.") % {"title": title},
            *(
                _("%(low)s to %(high)s: %(count)s municipalities.")
                % {"low": format_value(c.low, unit), "high": format_value(c.high, unit), "count": c.count}
                for c in classes
            ),
            _("Unknown or hidden: %(count)s.") % {"count": missing} if missing else "",
        ]
    ).strip()
    salt = hashlib.sha256(repr((title, unit, sorted(values.items()), ids, sorted(highlighted))).encode()).hexdigest()
    svg = figure_svg(figure, title=title, description=description, salt=salt[:16], css_class="map")
    figure.clear()
    return svg
