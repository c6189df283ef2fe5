"""Indicator results for an area and period, one figure across municipalities, series over years."""

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.translation import gettext as _

from streek.core.exceptions import NotFound
from streek.territory.models import Municipality

from ..areas import Area
from .audience import Audience, figure_for
from .definitions import figure_definition, indicator_definition, indicator_definitions
from .entered import KINDS_NEEDED, entered_figures, entered_table
from .exchanges import collaboration_figures, route_figures, surplus_figures
from .inventory import inventory_figures
from .sales import SALES_CODES, profitability_figures, public_buyer_figures, sales_figures, sales_rows_by_year
from .scope import AREA, Scope
from .types import Figure, IndicatorDefinition, IndicatorResult, RawFigure

# Decimal places each unit is reported with.
PLACES = {
    "count": Decimal("1"),
    "eur": Decimal("0.01"),
    "percent": Decimal("0.1"),
    "kg": Decimal("0.1"),
    "km": Decimal("0.1"),
    "km_per_kg": Decimal("0.001"),
    "per_10000": Decimal("0.01"),
    "days": Decimal("1"),
    "ratio": Decimal("0.001"),
}


def _rounded(value: Decimal | None, unit: str) -> Decimal | None:
    if value is None:
        return None
    return value.quantize(PLACES.get(unit, Decimal("0.01")), rounding=ROUND_HALF_UP)


def _computed(
    *,
    scope: Scope,
    year: int,
    quarter: int | None,
    codes: set[str],
    sales_rows: dict[int, dict[str, Any]] | None = None,
) -> dict[int, dict[str, RawFigure]]:
    """Raw figures per group for the indicators asked, a fixed small number of queries per fact table
    (`sales_rows`: the sales aggregates of the year, already read with those of other years)."""
    kinds = {kind for code in codes for kind in KINDS_NEEDED.get(code, set())}
    entered = entered_table(scope=scope, year=year, kinds=kinds)
    groups = scope.groups()
    out: dict[int, dict[str, RawFigure]] = {g: {} for g in groups}
    parts = (
        inventory_figures(scope=scope, year=year, codes=codes, entered=entered) if not quarter else {},
        sales_figures(scope=scope, year=year, quarter=quarter, codes=codes, entered=entered, rows=sales_rows),
        public_buyer_figures(scope=scope, year=year, quarter=quarter, codes=codes, entered=entered),
        collaboration_figures(scope=scope, year=year, codes=codes) if not quarter else {},
        route_figures(scope=scope, year=year, quarter=quarter, codes=codes),
        surplus_figures(scope=scope, year=year, quarter=quarter, codes=codes),
        entered_figures(table=entered, codes=codes, groups=groups) if not quarter else {},
        profitability_figures(scope=scope, year=year, codes=codes) if not quarter else {},
    )
    for part in parts:
        for group, figures in part.items():
            if group in out:
                out[group].update(figures)
    return out


def _figures(definition: IndicatorDefinition, raw: dict[str, RawFigure], unsuppressed: bool) -> tuple[Figure, ...]:
    figures = []
    for fd in definition.figures:
        item = raw.get(fd.key) or RawFigure(None, None, _("Not computed for this period."))
        item = RawFigure(_rounded(item.value, fd.unit), item.organisations, item.missing)
        figures.append(figure_for(key=fd.key, raw=item, unsuppressed=unsuppressed))
    return tuple(figures)


def _definitions(quarter: int | None, code: str | None = None) -> list[IndicatorDefinition]:
    if code is not None:
        definitions = [indicator_definition(code=code)]
    else:
        definitions = [d for d in indicator_definitions() if d.figures]
    if quarter:
        definitions = [d for d in definitions if d.per_quarter]
    return definitions


def _check_quarter(quarter: int | None) -> None:
    if quarter is not None and quarter not in (1, 2, 3, 4):
        raise NotFound(_("There is no quarter %(quarter)s.") % {"quarter": quarter})


def indicator_results(
    *, area: Area, year: int, quarter: int | None = None, audience: Audience
) -> list[IndicatorResult]:
    """K1-K15 for one area and year (or quarter: only the indicators computed per quarter); K16 is per measure."""
    _check_quarter(quarter)
    definitions = _definitions(quarter)
    scope = Scope(municipality_ids=area.municipality_ids)
    raw = _computed(scope=scope, year=year, quarter=quarter, codes={d.code for d in definitions})[AREA]
    unsuppressed = audience.sees_unsuppressed(area)
    return [
        IndicatorResult(code=d.code, area=area, year=year, quarter=quarter, figures=_figures(d, raw, unsuppressed))
        for d in definitions
    ]


def indicator_results_by_year(
    *, area: Area, years: Sequence[int], audience: Audience
) -> dict[int, list[IndicatorResult]]:
    """`indicator_results` for each of the years (a yearly report with trends); the sale facts are read once
    for all the years."""
    definitions = _definitions(None)
    codes = {d.code for d in definitions}
    scope = Scope(municipality_ids=area.municipality_ids)
    unsuppressed = audience.sees_unsuppressed(area)
    by_year = sales_rows_by_year(scope=scope, years=sorted(years), codes=codes)
    out: dict[int, list[IndicatorResult]] = {}
    for year in sorted(years):
        raw = _computed(scope=scope, year=year, quarter=None, codes=codes, sales_rows=by_year.get(year))[AREA]
        out[year] = [
            IndicatorResult(code=d.code, area=area, year=year, quarter=None, figures=_figures(d, raw, unsuppressed))
            for d in definitions
        ]
    return out


def indicator_series(*, area: Area, code: str, years: Sequence[int], audience: Audience) -> list[IndicatorResult]:
    """One indicator for each of the years (a trend chart); a few queries per year."""
    definition = indicator_definition(code=code)
    if not definition.figures:
        return []
    scope = Scope(municipality_ids=area.municipality_ids)
    unsuppressed = audience.sees_unsuppressed(area)
    results = []
    codes = {definition.code}
    by_year = sales_rows_by_year(scope=scope, years=sorted(years), codes=codes) if codes & SALES_CODES else {}
    for year in sorted(years):
        raw = _computed(scope=scope, year=year, quarter=None, codes=codes, sales_rows=by_year.get(year))[AREA]
        figures = _figures(definition, raw, unsuppressed)
        results.append(IndicatorResult(code=definition.code, area=area, year=year, quarter=None, figures=figures))
    return results


def figure_value(*, area: Area, figure_key: str, year: int, audience: Audience) -> Figure:
    """One figure for an area and year (a measure of a policy goal)."""
    fd = figure_definition(key=figure_key)
    code = figure_key.split(".", 1)[0]
    raw = _computed(scope=Scope(municipality_ids=area.municipality_ids), year=year, quarter=None, codes={code})[AREA]
    item = raw.get(figure_key) or RawFigure(None, None, _("Not computed for this period."))
    item = RawFigure(_rounded(item.value, fd.unit), item.organisations, item.missing)
    return figure_for(key=figure_key, raw=item, unsuppressed=audience.sees_unsuppressed(area))


def figure_by_municipality(
    *, figure_key: str, year: int, municipality_ids: Sequence[int] | None, audience: Audience
) -> dict[int, Figure]:
    """One figure for many municipalities at once (GROUP BY municipality); None means every municipality."""
    fd = figure_definition(key=figure_key)
    code = figure_key.split(".", 1)[0]
    if municipality_ids is None:
        ids = tuple(Municipality.objects.order_by("pk").values_list("pk", flat=True))
    else:
        ids = tuple(dict.fromkeys(municipality_ids))
    scope = Scope(municipality_ids=ids, by_municipality=True)
    computed = _computed(scope=scope, year=year, quarter=None, codes={code})
    out: dict[int, Figure] = {}
    for municipality_id in ids:
        item = computed.get(municipality_id, {}).get(figure_key) or RawFigure(None, None, "")
        item = RawFigure(_rounded(item.value, fd.unit), item.organisations, item.missing)
        out[municipality_id] = figure_for(
            key=figure_key, raw=item, unsuppressed=audience.sees_municipality(municipality_id)
        )
    return out


def figures_by_municipality(
    *, year: int, municipality_ids: Sequence[int] | None, audience: Audience, codes: Sequence[str] | None = None
) -> dict[int, dict[str, Figure]]:
    """Every figure of K1-K15 (or of `codes`) for many municipalities at once: one pass over each fact table,
    GROUP BY municipality (exports, maps of several figures, "every municipality of a year")."""
    definitions = [d for d in _definitions(None) if codes is None or d.code in codes]
    if municipality_ids is None:
        ids = tuple(Municipality.objects.order_by("pk").values_list("pk", flat=True))
    else:
        ids = tuple(dict.fromkeys(municipality_ids))
    scope = Scope(municipality_ids=ids, by_municipality=True)
    computed = _computed(scope=scope, year=year, quarter=None, codes={d.code for d in definitions})
    out: dict[int, dict[str, Figure]] = {}
    for municipality_id in ids:
        raw = computed.get(municipality_id, {})
        unsuppressed = audience.sees_municipality(municipality_id)
        out[municipality_id] = {figure.key: figure for d in definitions for figure in _figures(d, raw, unsuppressed)}
    return out
