"""Everything the yearly report of an area shows, gathered from the monitor and the published goals.

The report is public, so it uses the public audience: a figure built from fewer than 3 organisations is
suppressed, as on the public dashboard. It is reproducible: nothing depends on the moment it is made (the
goals' progress is computed as seen at the end of the report's year), and `data_hash` fingerprints every value
shown, so the same data gives the same report.
"""

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Q

from streek.catalog.choices import SalesPointType
from streek.monitor.areas import Area
from streek.monitor.choices import AreaKind
from streek.monitor.models import ExternalFigure
from streek.monitor.selectors import (
    Audience,
    Figure,
    IndicatorDefinition,
    IndicatorResult,
    figures_by_municipality,
    indicator_definitions,
    indicator_results_by_year,
)
from streek.territory.models import Municipality

from ..choices import GoalStatus
from ..models import PolicyGoal
from ..selectors.progress import MeasureProgress, goal_progress

YEARS_SHOWN = 5
# The figure drawn over five years for each indicator, and the one drawn on the map.
TREND_FIGURES = {
    "K1": "K1.total",
    "K2": "K2.per_10000",
    "K3": "K3.verified_share",
    "K4": "K4.producers",
    "K5": "K5.share",
    "K6": "K6.turnover",
    "K7": "K7.share_0",
    "K8": "K8.total",
    "K9": "K9.share_within",
    "K10": "K10.mean_distance_km",
    "K11": "K11.value",
    "K12": "K12.market_days",
    "K13": "K13.redistributed_kg",
    "K14": "K14.pupils",
    "K15": "K15.margin",
}
MAP_FIGURES = ("K6.turnover", "K2.per_10000")


@dataclass(frozen=True)
class IndicatorSection:
    definition: IndicatorDefinition
    current: IndicatorResult
    previous: IndicatorResult | None
    trend_key: str
    trend: tuple[tuple[int, Figure], ...]


@dataclass(frozen=True)
class GoalSection:
    goal: PolicyGoal
    progress: tuple[MeasureProgress, ...]


@dataclass(frozen=True)
class SourceLine:
    kind: str
    label: str
    municipalities: int
    sources: str


@dataclass(frozen=True)
class ReportData:
    area: Area
    year: int
    indicators: tuple[IndicatorSection, ...]
    goals: tuple[GoalSection, ...]
    maps: tuple[tuple[str, dict[int, Decimal | None]], ...]  # (figure key, value per municipality id)
    map_municipality_ids: tuple[int, ...]
    sources: tuple[SourceLine, ...]
    data_hash: str

    def section(self, code: str) -> IndicatorSection | None:
        for section in self.indicators:
            if section.definition.code == code:
                return section
        return None

    @property
    def sales_point_types(self) -> list[tuple[str, Figure]]:
        """K1 split by sales-point type: (type label, figure) for the types the area has."""
        section = self.section("K1")
        if section is None:
            return []
        labels = dict(SalesPointType.choices)
        rows = []
        for figure in section.current.figures:
            if figure.key.startswith("K1.type."):
                rows.append((str(labels.get(figure.key.removeprefix("K1.type."), figure.key)), figure))
        return rows


def _goals(area: Area) -> list[PolicyGoal]:
    """Published goals of the area: those of its municipalities, and those of the custom region itself."""
    condition = Q(municipalities__in=area.municipality_ids)
    if area.kind == AreaKind.CUSTOM_REGION:
        condition |= Q(custom_region__slug=area.key)
    return list(
        PolicyGoal.objects.filter(condition, status=GoalStatus.PUBLISHED)
        .distinct()
        .prefetch_related("municipalities", "measures")
        .order_by("published_at", "id")
    )


def _map_ids(area: Area) -> tuple[int, ...]:
    """The municipalities drawn on the maps: the area's, or for one municipality its whole province."""
    if not area.is_municipality:
        return area.municipality_ids
    municipality = Municipality.objects.only("province_id", "country_id").get(pk=area.municipality_ids[0])
    if municipality.province_id is not None:
        scope = Municipality.objects.filter(province_id=municipality.province_id)
    else:
        scope = Municipality.objects.filter(country_id=municipality.country_id, province__isnull=True)
    return tuple(sorted(scope.values_list("id", flat=True)))


def _sources(area: Area, year: int) -> list[SourceLine]:
    """Which entered figures the report used for the year, with their sources."""
    rows = (
        ExternalFigure.objects.filter(municipality_id__in=area.municipality_ids, year=year)
        .order_by("kind", "source")
        .values_list("kind", "source", "source_date", "municipality_id")
    )
    grouped: dict[str, tuple[set[int], set[str]]] = {}
    for kind, source, source_date, municipality_id in rows:
        municipalities, sources = grouped.setdefault(kind, (set(), set()))
        municipalities.add(municipality_id)
        sources.add(f"{source} ({source_date.isoformat()})")
    from streek.monitor.choices import FigureKind

    labels = dict(FigureKind.choices)
    return [
        SourceLine(kind=kind, label=str(labels.get(kind, kind)), municipalities=len(ids), sources="; ".join(sorted(s)))
        for kind, (ids, s) in sorted(grouped.items())
    ]


def _fingerprint(payload: object) -> str:
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()


def _figure_payload(figure: Figure) -> list[object]:
    return [figure.key, str(figure.value), figure.organisations, figure.suppressed, figure.missing]


def report_data(*, area: Area, year: int, progress: Callable[[int], None] | None = None) -> ReportData:
    """Gather the report of `area` for `year` (public audience); `progress` gets a percentage now and then."""
    audience = Audience.public()
    step = progress or (lambda _percent: None)
    years = list(range(year - YEARS_SHOWN + 1, year + 1))
    results = indicator_results_by_year(area=area, years=years, audience=audience)
    by_year = {y: {r.code: r for r in results[y]} for y in years}
    step(40)
    sections = []
    for definition in indicator_definitions():
        current = by_year[year].get(definition.code)
        if current is None:  # K16 is per measure of a goal, not per area
            continue
        trend_key = TREND_FIGURES.get(definition.code) or definition.figures[0].key
        trend = []
        for y in years:
            result = by_year[y].get(definition.code)
            figure = result.figure(trend_key) if result else None
            if figure is not None:
                trend.append((y, figure))
        sections.append(
            IndicatorSection(
                definition=definition,
                current=current,
                previous=by_year.get(year - 1, {}).get(definition.code),
                trend_key=trend_key,
                trend=tuple(trend),
            )
        )
    step(55)
    end_of_year = date(year + 1, 1, 1)
    goals = tuple(
        GoalSection(goal=goal, progress=tuple(goal_progress(goal=goal, audience=audience, today=end_of_year)))
        for goal in _goals(area)
    )
    step(65)
    map_ids = _map_ids(area)
    table = figures_by_municipality(
        year=year, municipality_ids=map_ids, audience=audience, codes=[key.split(".", 1)[0] for key in MAP_FIGURES]
    )
    maps = [
        (key, {municipality_id: table[municipality_id][key].value for municipality_id in sorted(table)})
        for key in MAP_FIGURES
    ]
    step(75)
    sources = tuple(_sources(area, year))
    payload = {
        "area": area.slug,
        "year": year,
        "indicators": [
            [
                s.definition.code,
                [_figure_payload(f) for f in s.current.figures],
                [[y, _figure_payload(f)] for y, f in s.trend],
            ]
            for s in sections
        ],
        "goals": [
            [
                g.goal.pk,
                g.goal.version,
                [[p.measure.pk, [[y, _figure_payload(f)] for y, f in p.observed]] for p in g.progress],
            ]
            for g in goals
        ],
        "maps": [[key, {str(k): str(v) for k, v in values.items()}] for key, values in maps],
        "sources": [[s.kind, s.municipalities, s.sources] for s in sources],
    }
    return ReportData(
        area=area,
        year=year,
        indicators=tuple(sections),
        goals=goals,
        maps=tuple(maps),
        map_municipality_ids=map_ids,
        sources=sources,
        data_hash=_fingerprint(payload),
    )
