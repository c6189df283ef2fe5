"""Figures entered per municipality and year (population, census, markets, education), summed over an area."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from streek.territory.models import Municipality, MunicipalityFusion

from ..choices import FigureKind
from ..models import ExternalFigure
from .scope import AREA, Scope
from .types import RawFigure

MAX_NAMES = 5


@dataclass
class EnteredTable:
    """Entered values per municipality and kind for one year; totals per group with a reason when one is missing."""

    scope: Scope
    year: int
    values: dict[int, dict[str, Decimal]] = field(default_factory=dict)
    names: dict[int, str] = field(default_factory=dict)
    # (municipality, kind) -> former municipalities whose figure is missing (entered for some parts of a merger only)
    incomplete: dict[tuple[int, str], list[str]] = field(default_factory=dict)

    def municipalities_of(self, group: int) -> tuple[int, ...]:
        if group == AREA:
            return self.scope.municipality_ids or ()
        return (group,)

    def value(self, municipality_id: int, kind: str) -> Decimal | None:
        return self.values.get(municipality_id, {}).get(kind)

    def missing_ids(self, group: int, kind: str) -> list[int]:
        return [m for m in self.municipalities_of(group) if kind not in self.values.get(m, {})]

    def total(self, group: int, kind: str) -> RawFigure:
        """The sum over the group's municipalities, or None with the reason naming those that lack it."""
        ids = self.municipalities_of(group)
        missing = self.missing_ids(group, kind)
        former = [name for m in missing for name in self.incomplete.get((m, kind), [])]
        if former:
            return RawFigure(value=None, missing=self.former_text(kind, former))
        if not ids or missing:
            return RawFigure(value=None, missing=self.missing_text(kind, missing, len(ids)))
        return RawFigure(value=sum((self.values[m][kind] for m in ids), Decimal("0")))

    def former_text(self, kind: str, former: list[str]) -> str:
        return _("%(figure)s for %(year)s not entered for the former municipalities %(names)s.") % {
            "figure": str(FigureKind(kind).label),
            "year": self.year,
            "names": ", ".join(former[:MAX_NAMES]),
        }

    def missing_text(self, kind: str, missing: list[int], total: int) -> str:
        label = str(FigureKind(kind).label)
        if total <= 1 or not missing:
            return _("%(figure)s for %(year)s not entered.") % {"figure": label, "year": self.year}
        names = [self.names.get(m, str(m)) for m in missing[:MAX_NAMES]]
        if len(missing) > MAX_NAMES:
            names.append(_("%(count)s more") % {"count": len(missing) - MAX_NAMES})
        return _("%(figure)s for %(year)s not entered for %(names)s.") % {
            "figure": label,
            "year": self.year,
            "names": ", ".join(names),
        }


def entered_table(*, scope: Scope, year: int, kinds: Iterable[str]) -> EnteredTable:
    """One query for the values (plus one for the names of municipalities lacking one, only when an area lacks some)."""
    table = EnteredTable(scope=scope, year=year)
    kinds = sorted(set(kinds))
    if not kinds:
        return table
    qs = ExternalFigure.objects.filter(year=year, kind__in=kinds)
    if scope.municipality_ids is not None:
        qs = qs.filter(municipality_id__in=scope.municipality_ids)
    current: dict[tuple[int, str], Decimal] = {}
    parts: dict[tuple[int, str], dict[str, Decimal]] = defaultdict(dict)
    for municipality_id, kind, original_code, value in qs.values_list(
        "municipality_id", "kind", "original_code", "value"
    ).order_by():
        if original_code:
            parts[(municipality_id, kind)][original_code] = value
        else:
            current[(municipality_id, kind)] = value
    values: dict[int, dict[str, Decimal]] = defaultdict(dict)
    for (municipality_id, kind), value in current.items():
        values[municipality_id][kind] = value
    incomplete = _incomplete_mergers(year, {key: set(codes) for key, codes in parts.items() if key not in current})
    for key, by_code in parts.items():
        if key not in current and key not in incomplete:
            values[key[0]][key[1]] = sum(by_code.values(), Decimal("0"))
    table.incomplete = incomplete
    table.values = dict(values)
    if not scope.by_municipality and len(scope.municipality_ids or ()) > 1:
        lacking = {m for kind in kinds for m in table.missing_ids(AREA, kind)}
        if lacking:
            first = sorted(lacking)[: MAX_NAMES * len(kinds)]
            table.names = {m.pk: m.name for m in Municipality.objects.filter(pk__in=first).only("name_nl", "name_fr")}
    return table


def _incomplete_mergers(year: int, parts: dict[tuple[int, str], set[str]]) -> dict[tuple[int, str], list[str]]:
    """Figures given per former municipality (before a merger) where some former parts lack one (one query)."""
    if not parts:
        return {}
    fusions: dict[int, dict[str, str]] = defaultdict(dict)
    rows = MunicipalityFusion.objects.filter(
        municipality_id__in={m for m, _kind in parts}, effective__year__gt=year
    ).values_list("municipality_id", "old_code", "old_name")
    for municipality_id, old_code, old_name in rows:
        fusions[municipality_id][old_code] = old_name
    incomplete = {}
    for (municipality_id, kind), codes in parts.items():
        lacking = sorted(name for code, name in fusions.get(municipality_id, {}).items() if code not in codes)
        if lacking:
            incomplete[(municipality_id, kind)] = lacking
    return incomplete


K12_KINDS = {
    "K12.markets": FigureKind.FARMERS_MARKETS,
    "K12.market_days": FigureKind.MARKET_DAYS,
    "K12.visitors": FigureKind.MARKET_VISITORS,
}
K14_KINDS = {"K14.schools": FigureKind.SCHOOLS_WITH_ACTIVITY, "K14.pupils": FigureKind.PUPILS_REACHED}
ENTERED_ONLY = {"K12": K12_KINDS, "K14": K14_KINDS}

# The entered kinds each indicator needs.
KINDS_NEEDED: dict[str, set[str]] = {
    "K2": {FigureKind.POPULATION},
    "K4": {FigureKind.FARMS},
    "K5": {FigureKind.FARM_OUTPUT},
    "K11": {FigureKind.PUBLIC_FOOD_SPEND},
    "K12": set(K12_KINDS.values()),
    "K14": set(K14_KINDS.values()),
}


def entered_figures(*, table: EnteredTable, codes: set[str], groups: list[int]) -> dict[int, dict[str, RawFigure]]:
    """K12 and K14: the entered values summed over each group (no organisations behind them: never suppressed)."""
    out: dict[int, dict[str, RawFigure]] = {}
    for group in groups:
        figures: dict[str, RawFigure] = {}
        for code, kinds in ENTERED_ONLY.items():
            if code in codes:
                figures.update({key: table.total(group, kind) for key, kind in kinds.items()})
        out[group] = figures
    return out
