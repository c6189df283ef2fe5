"""K8 (collaborations), K10 (km per kg of shared rounds) and K13 (surplus and waste): one query per fact table."""

from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from ..choices import CollaborationKind
from ..models import CollaborationFact, DonationFact, RouteFact, WasteFact
from .scope import Scope, dec, grouped, num
from .types import RawFigure


def collaboration_figures(*, scope: Scope, year: int, codes: set[str]) -> dict[int, dict[str, RawFigure]]:
    """K8 by the producer's municipality; yearly (a relation counts once a year)."""
    if "K8" not in codes:
        return {}
    aggs: dict[str, Any] = {
        "total": Count("id"),
        "new": Count("id", filter=Q(is_new=True)),
        "producers": Count("producer", distinct=True),
    }
    for kind in CollaborationKind.values:
        aggs[kind] = Count("id", filter=Q(kind=kind))
    rows = grouped(CollaborationFact.objects.filter(year=year), "producer_municipality_id", scope, aggs)
    out: dict[int, dict[str, RawFigure]] = {}
    for group in scope.groups(set(rows)):
        row = rows.get(group, {})
        producers = num(row.get("producers"))
        figures = {
            "K8.total": RawFigure(Decimal(num(row.get("total"))), producers),
            "K8.new": RawFigure(Decimal(num(row.get("new"))), producers),
        }
        for kind in CollaborationKind.values:
            figures[f"K8.{kind}"] = RawFigure(Decimal(num(row.get(kind))), producers)
        out[group] = figures
    return out


def _period_qs(model: Any, year: int, quarter: int | None) -> Any:
    qs = model.objects.filter(year=year)
    return qs.filter(quarter=quarter) if quarter else qs


def route_figures(*, scope: Scope, year: int, quarter: int | None, codes: set[str]) -> dict[int, dict[str, RawFigure]]:
    """K10 km per kg, by the hub's municipality."""
    if "K10" not in codes:
        return {}
    aggs = {"km": Sum("km"), "kg": Sum("kg_delivered"), "hubs": Count("hub", distinct=True)}
    rows = grouped(_period_qs(RouteFact, year, quarter), "hub_municipality_id", scope, aggs)
    out: dict[int, dict[str, RawFigure]] = {}
    for group in scope.groups(set(rows)):
        row = rows.get(group, {})
        km, kg, hubs = dec(row.get("km")), dec(row.get("kg")), num(row.get("hubs"))
        missing = "" if kg else _("No delivery rounds driven in this period.")
        out[group] = {
            "K10.km_per_kg": RawFigure(km / kg if kg else None, hubs, missing),
            "K10.km_driven": RawFigure(km, hubs),
        }
    return out


def surplus_figures(
    *, scope: Scope, year: int, quarter: int | None, codes: set[str]
) -> dict[int, dict[str, RawFigure]]:
    """K13: donations by the donor's municipality, waste by the organisation's municipality."""
    if "K13" not in codes:
        return {}
    donations = grouped(
        _period_qs(DonationFact, year, quarter),
        "donor_municipality_id",
        scope,
        {"kg": Sum("kg"), "count": Count("id"), "donors": Count("donor", distinct=True)},
    )
    waste = grouped(
        _period_qs(WasteFact, year, quarter),
        "municipality_id",
        scope,
        {"kg": Sum("kg"), "organisations": Count("organisation", distinct=True)},
    )
    out: dict[int, dict[str, RawFigure]] = {}
    for group in scope.groups(set(donations) | set(waste)):
        d, w = donations.get(group, {}), waste.get(group, {})
        donors = num(d.get("donors"))
        out[group] = {
            "K13.redistributed_kg": RawFigure(dec(d.get("kg")), donors),
            "K13.donations": RawFigure(Decimal(num(d.get("count"))), donors),
            "K13.waste_kg": RawFigure(dec(w.get("kg")), num(w.get("organisations"))),
        }
    return out
