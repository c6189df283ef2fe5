"""K4-K7, K9-K11 (sales part) and K15 from the sale facts: one aggregate query per attribution."""

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import Count, DecimalField, ExpressionWrapper, F, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from streek.orders.choices import ChannelKind

from ..choices import FigureKind
from ..models import ProducerCost, SaleFact
from .entered import EnteredTable
from .scope import AREA, Scope, dec, grouped, num, percent
from .types import RawFigure

SALES_CODES = {"K4", "K5", "K6", "K7", "K9", "K10"}
SHORT = Q(intermediaries__lte=1)
CHANNELS = [value for value, _label in ChannelKind.choices]


def _period(year: int, quarter: int | None) -> Q:
    q = Q(year=year)
    return q & Q(quarter=quarter) if quarter else q


# Per-producer aggregates whose name ends in this count lines; at the second level each becomes the number of
# producers with at least one such line (a plain count instead of COUNT(DISTINCT producer), which sorts).
LINES = "_lines"


def _per_producer_aggregates(scope: Scope, codes: set[str]) -> dict[str, Any]:
    """First level: one row per group, year and producer (the period is filtered and grouped by the caller)."""
    aggs: dict[str, Any] = {
        "lines": Count("id"),
        "value_all": Sum("value"),
        "short_value": Sum("value", filter=SHORT),
        "short_producer_value": Sum("producer_value", filter=SHORT),
        "short_lines": Count("id", filter=SHORT),
    }
    if "K6" in codes:
        for channel in CHANNELS:
            in_channel = SHORT & Q(channel=channel)
            aggs[f"ch_{channel}_value"] = Sum("value", filter=in_channel)
            aggs[f"ch_{channel}_lines"] = Count("id", filter=in_channel)
    if "K7" in codes:
        aggs["lines_0"] = Count("id", filter=Q(intermediaries=0))
        aggs["lines_1"] = Count("id", filter=Q(intermediaries=1))
        aggs["lines_2"] = Count("id", filter=Q(intermediaries__gte=2))
    if "K9" in codes:
        if scope.by_municipality:
            within = Q(buyer_municipality_id=F("producer_municipality_id"))
        else:
            within = Q(buyer_municipality_id__in=scope.municipality_ids or ())
        aggs["within_value"] = Sum("value", filter=within)
        aggs["within_kg"] = Sum("weight_kg", filter=within)
        aggs["within_lines"] = Count("id", filter=within)
    if "K10" in codes:
        weighed = Q(weight_kg__isnull=False, distance_km__isnull=False, weight_kg__gt=0)
        product = ExpressionWrapper(
            F("distance_km") * F("weight_kg"), output_field=DecimalField(max_digits=24, decimal_places=5)
        )
        aggs["dist_weighted"] = Sum(product, filter=weighed)
        aggs["dist_kg"] = Sum("weight_kg", filter=weighed)
        aggs["dist_lines"] = Count("id", filter=weighed)
    return aggs


def _rows(qs: QuerySet[Any]) -> Iterable[tuple[Any, ...]]:
    """The rows of a values_list query; on PostgreSQL straight from the cursor (numeric already arrives as Decimal
    and counts as int, so Django's per-value converters are skipped: they cost seconds on 100,000 rows)."""
    if connection.vendor != "postgresql":
        return qs.iterator(chunk_size=10_000)
    sql, params = qs.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _producer_stats(
    *, scope: Scope, years: list[int], quarter: int | None, codes: set[str]
) -> dict[tuple[int, int], dict[str, Any]]:
    """Sales aggregates per (group, year) in two levels: GROUP BY group, year, producer in the database, then the
    producer rows summed here (distinct producer counts become plain counts)."""
    field = "producer_municipality_id"
    qs = SaleFact.objects.filter(year__in=years)
    if quarter:
        qs = qs.filter(quarter=quarter)
    if scope.municipality_ids is not None:
        qs = qs.filter(**{f"{field}__in": scope.municipality_ids})
    keys = ["year", "producer_id"]
    if scope.by_municipality:
        qs = qs.filter(**{f"{field}__isnull": False})
        keys.insert(0, field)
    aggs = _per_producer_aggregates(scope, codes)
    names = list(aggs)
    offset = len(keys)
    summed = [(offset + i, name) for i, name in enumerate(names) if not name.endswith(LINES)]
    counted = [(offset + i, name[: -len(LINES)] + "_producers") for i, name in enumerate(names) if name.endswith(LINES)]
    stats: dict[tuple[int, int], dict[str, Any]] = {}
    for row in _rows(qs.values(*keys).annotate(**aggs).order_by().values_list(*keys, *names)):
        group = row[0] if scope.by_municipality else AREA
        acc = stats.get((group, row[offset - 2]))
        if acc is None:
            acc = stats[(group, row[offset - 2])] = {"producers": 0}
        acc["producers"] += 1
        for index, name in counted:
            if row[index]:
                acc[name] = acc.get(name, 0) + 1
        for index, name in summed:
            value = row[index]
            if value is not None:
                acc[name] = acc.get(name, 0) + value
    return stats


def sales_rows_by_year(*, scope: Scope, years: list[int], codes: set[str]) -> dict[int, dict[int, dict[str, Any]]]:
    """The sales aggregates of each whole year of `years` in one pass (for `sales_figures(rows=...)`)."""
    return _producer_rows(scope=scope, years=years, quarter=None, codes=codes & SALES_CODES)


def _producer_rows(
    *, scope: Scope, years: list[int], quarter: int | None, codes: set[str]
) -> dict[int, dict[int, dict[str, Any]]]:
    """The aggregate row of each group for each of the years (K6 also reads the year before each)."""
    wanted = set(years) | ({y - 1 for y in years} if "K6" in codes else set())
    stats = _producer_stats(scope=scope, years=sorted(wanted), quarter=quarter, codes=codes)
    out: dict[int, dict[int, dict[str, Any]]] = {y: {} for y in years}
    for year in years:
        groups = {g for g, y in stats if y in (year, year - 1)} if "K6" in codes else {g for g, y in stats if y == year}
        for group in groups:
            row = dict(stats.get((group, year), {}))
            if "K6" in codes:
                previous = stats.get((group, year - 1), {})
                row["prev_short_value"] = previous.get("short_value")
                row["prev_short_producers"] = previous.get("short_producers")
            out[year][group] = row
    return out


def _no_sales() -> str:
    return _("No delivered sales in this period.")


def sales_figures(
    *,
    scope: Scope,
    year: int,
    quarter: int | None,
    codes: set[str],
    entered: EnteredTable,
    rows: dict[int, dict[str, Any]] | None = None,
) -> dict[int, dict[str, RawFigure]]:
    """Figures attributed to the producer's municipality, for each group of the scope (`rows`: from
    `sales_rows_by_year`, read for several years at once)."""
    wanted = codes & SALES_CODES
    if not wanted:
        return {}
    if rows is None:
        rows = _producer_rows(scope=scope, years=[year], quarter=quarter, codes=wanted)[year]
    return _sales_from_rows(scope=scope, rows=rows, wanted=wanted, entered=entered)


def _sales_from_rows(
    *, scope: Scope, rows: dict[int, dict[str, Any]], wanted: set[str], entered: EnteredTable
) -> dict[int, dict[str, RawFigure]]:
    out: dict[int, dict[str, RawFigure]] = {}
    for group in scope.groups(set(rows)):
        row = rows.get(group, {})
        figures: dict[str, RawFigure] = {}
        if "K4" in wanted:
            figures.update(_k4(row, entered, group))
        if "K5" in wanted:
            figures.update(_k5(row, entered, group))
        if "K6" in wanted:
            figures.update(_k6(row))
        if "K7" in wanted:
            figures.update(_k7(row))
        if "K9" in wanted:
            organisations = num(row.get("within_producers"))
            share = percent(dec(row.get("within_value")), dec(row.get("value_all")))
            figures["K9.value_within"] = RawFigure(dec(row.get("within_value")), organisations)
            figures["K9.kg_within"] = RawFigure(dec(row.get("within_kg")), organisations)
            figures["K9.share_within"] = RawFigure(share, organisations, "" if share is not None else _no_sales())
        if "K10" in wanted:
            kg = dec(row.get("dist_kg"))
            mean = dec(row.get("dist_weighted")) / kg if kg else None
            missing = "" if mean is not None else _("No sales with a known weight and distance in this period.")
            figures["K10.mean_distance_km"] = RawFigure(mean, num(row.get("dist_producers")), missing)
        out[group] = figures
    return out


def _k4(row: dict[str, Any], entered: EnteredTable, group: int) -> dict[str, RawFigure]:
    producers = num(row.get("short_producers"))
    farms = entered.total(group, FigureKind.FARMS)
    share = percent(Decimal(producers), farms.value) if farms.value is not None else None
    missing = farms.missing or ("" if share is not None else _("The number of farms entered is zero."))
    return {
        "K4.producers": RawFigure(Decimal(producers), producers),
        "K4.share_of_farms": RawFigure(share, producers, missing),
    }


def _k5(row: dict[str, Any], entered: EnteredTable, group: int) -> dict[str, RawFigure]:
    producers = num(row.get("short_producers"))
    value = dec(row.get("short_producer_value"))
    output = entered.total(group, FigureKind.FARM_OUTPUT)
    share = percent(value, output.value) if output.value is not None else None
    missing = output.missing or ("" if share is not None else _("The farm output entered is zero."))
    return {"K5.producer_value": RawFigure(value, producers), "K5.share": RawFigure(share, producers, missing)}


def _k6(row: dict[str, Any]) -> dict[str, RawFigure]:
    producers = num(row.get("short_producers"))
    turnover = dec(row.get("short_value"))
    previous = dec(row.get("prev_short_value"))
    growth = (turnover - previous) * 100 / previous if previous else None
    figures = {
        "K6.turnover": RawFigure(turnover, producers),
        "K6.growth": RawFigure(
            growth,
            min(producers, num(row.get("prev_short_producers"))) if previous else producers,
            "" if growth is not None else _("No short-chain turnover in the same period of the previous year."),
        ),
    }
    for channel in CHANNELS:
        figures[f"K6.channel.{channel}"] = RawFigure(
            dec(row.get(f"ch_{channel}_value")), num(row.get(f"ch_{channel}_producers"))
        )
    return figures


def _k7(row: dict[str, Any]) -> dict[str, RawFigure]:
    lines = num(row.get("lines"))
    producers = num(row.get("producers"))
    missing = "" if lines else _no_sales()
    figures = {"K7.lines": RawFigure(Decimal(lines), producers)}
    for key, field in (("K7.share_0", "lines_0"), ("K7.share_1", "lines_1"), ("K7.share_2plus", "lines_2")):
        figures[key] = RawFigure(percent(Decimal(num(row.get(field))), Decimal(lines)), producers, missing)
    return figures


def public_buyer_figures(
    *, scope: Scope, year: int, quarter: int | None, codes: set[str], entered: EnteredTable
) -> dict[int, dict[str, RawFigure]]:
    """K11, attributed to the buyer's municipality."""
    if "K11" not in codes:
        return {}
    cur = _period(year, quarter) & Q(is_public_buyer=True) & SHORT
    qs = SaleFact.objects.filter(year=year, is_public_buyer=True)
    aggs = {"value": Sum("value", filter=cur), "producers": Count("producer", distinct=True, filter=cur)}
    rows = grouped(qs, "buyer_municipality_id", scope, aggs)
    out: dict[int, dict[str, RawFigure]] = {}
    for group in scope.groups(set(rows)):
        row = rows.get(group, {})
        value, producers = dec(row.get("value")), num(row.get("producers"))
        if quarter:
            share = RawFigure(None, producers, _("The share is computed for whole years only."))
        else:
            spend = entered.total(group, FigureKind.PUBLIC_FOOD_SPEND)
            ratio = percent(value, spend.value) if spend.value is not None else None
            share = RawFigure(ratio, producers, spend.missing or ("" if ratio is not None else _("The spend is zero.")))
        out[group] = {"K11.value": RawFigure(value, producers), "K11.share": share}
    return out


def profitability_figures(*, scope: Scope, year: int, codes: set[str]) -> dict[int, dict[str, RawFigure]]:
    """K15: margins of consenting producers who entered costs (two queries: costs, then their sales)."""
    if "K15" not in codes:
        return {}
    costs_qs = ProducerCost.objects.filter(year=year, consent=True)
    if scope.municipality_ids is not None:
        costs_qs = costs_qs.filter(organisation__municipality_id__in=scope.municipality_ids)
    costs = list(costs_qs.values_list("organisation_id", "organisation__municipality_id", "channel", "costs"))
    sales: dict[tuple[int, str], Decimal] = {}
    if costs:
        rows = (
            SaleFact.objects.filter(year=year, producer_id__in={c[0] for c in costs})
            .values("producer_id", "channel")
            .annotate(total=Sum("producer_value"))
            .order_by()
        )
        sales = {(r["producer_id"], r["channel"]): dec(r["total"]) for r in rows}
    # per group and channel: (value, costs, producers)
    sums: dict[int, dict[str, tuple[Decimal, Decimal, set[int]]]] = {}
    for producer_id, municipality_id, channel, cost in costs:
        group = municipality_id if scope.by_municipality else AREA
        value = sales.get((producer_id, channel), Decimal("0"))
        for key in (channel, "*"):
            v, c, p = sums.setdefault(group, {}).get(key, (Decimal("0"), Decimal("0"), set()))
            sums[group][key] = (v + value, c + cost, p | {producer_id})
    out: dict[int, dict[str, RawFigure]] = {}
    for group in scope.groups(set(sums)):
        by_channel = sums.get(group, {})
        figures: dict[str, RawFigure] = {}
        for channel, key in [("*", "K15.margin"), *((c, f"K15.channel.{c}") for c in CHANNELS)]:
            value, cost, producers = by_channel.get(channel, (Decimal("0"), Decimal("0"), set()))
            margin = percent(value - cost, value)
            missing = "" if margin is not None else _("No producer entered costs and sales for this channel.")
            figures[key] = RawFigure(margin, len(producers), missing)
        out[group] = figures
    return out
