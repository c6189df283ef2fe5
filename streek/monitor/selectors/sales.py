"""K4-K7, K9-K11 (sales part) and K15 from the sale facts: one aggregate query per attribution."""

from decimal import Decimal
from typing import Any

from django.db.models import Count, DecimalField, ExpressionWrapper, F, Q, Sum
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


def _producer_aggregates(scope: Scope, year: int, quarter: int | None, codes: set[str]) -> dict[str, Any]:
    cur = _period(year, quarter)
    prev = _period(year - 1, quarter)
    producers = "producer"
    aggs: dict[str, Any] = {
        "lines": Count("id", filter=cur),
        "producers": Count(producers, distinct=True, filter=cur),
        "value_all": Sum("value", filter=cur),
        "short_value": Sum("value", filter=cur & SHORT),
        "short_producer_value": Sum("producer_value", filter=cur & SHORT),
        "short_producers": Count(producers, distinct=True, filter=cur & SHORT),
    }
    if "K6" in codes:
        aggs["prev_short_value"] = Sum("value", filter=prev & SHORT)
        aggs["prev_short_producers"] = Count(producers, distinct=True, filter=prev & SHORT)
        for channel in CHANNELS:
            in_channel = cur & SHORT & Q(channel=channel)
            aggs[f"ch_{channel}_value"] = Sum("value", filter=in_channel)
            aggs[f"ch_{channel}_producers"] = Count(producers, distinct=True, filter=in_channel)
    if "K7" in codes:
        aggs["lines_0"] = Count("id", filter=cur & Q(intermediaries=0))
        aggs["lines_1"] = Count("id", filter=cur & Q(intermediaries=1))
        aggs["lines_2"] = Count("id", filter=cur & Q(intermediaries__gte=2))
    if "K9" in codes:
        if scope.by_municipality:
            within = cur & Q(buyer_municipality_id=F("producer_municipality_id"))
        else:
            within = cur & Q(buyer_municipality_id__in=scope.municipality_ids or ())
        aggs["within_value"] = Sum("value", filter=within)
        aggs["within_kg"] = Sum("weight_kg", filter=within)
        aggs["within_producers"] = Count(producers, distinct=True, filter=within)
    if "K10" in codes:
        weighed = cur & Q(weight_kg__isnull=False, distance_km__isnull=False, weight_kg__gt=0)
        product = ExpressionWrapper(
            F("distance_km") * F("weight_kg"), output_field=DecimalField(max_digits=24, decimal_places=5)
        )
        aggs["dist_weighted"] = Sum(product, filter=weighed)
        aggs["dist_kg"] = Sum("weight_kg", filter=weighed)
        aggs["dist_producers"] = Count(producers, distinct=True, filter=weighed)
    return aggs


def _no_sales() -> str:
    return _("No delivered sales in this period.")


def sales_figures(
    *, scope: Scope, year: int, quarter: int | None, codes: set[str], entered: EnteredTable
) -> dict[int, dict[str, RawFigure]]:
    """Figures attributed to the producer's municipality, for each group of the scope."""
    wanted = codes & SALES_CODES
    if not wanted:
        return {}
    years = [year - 1, year] if "K6" in wanted else [year]
    qs = SaleFact.objects.filter(year__in=years)
    if quarter:
        qs = qs.filter(quarter=quarter)
    rows = grouped(qs, "producer_municipality_id", scope, _producer_aggregates(scope, year, quarter, wanted))
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
