"""The shapes the monitor hands to its callers: definitions of indicators and figures, computed figures, results."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.functional import Promise

from ..areas import Area

StrOrPromise = str | Promise

# A public figure built from fewer organisations than this is suppressed (privacy of individual farms).
MIN_ORGANISATIONS = 3


@dataclass(frozen=True)
class FigureDefinition:
    key: str  # e.g. "K6.turnover", "K7.share_0", "K1.total", "K1.type.farm_shop"
    label: StrOrPromise
    unit: str  # "count", "eur", "percent", "kg", "km", "km_per_kg", "per_10000", "days", "ratio"
    higher_is_better: bool | None


@dataclass(frozen=True)
class IndicatorDefinition:
    code: str  # "K1".."K16"
    title: StrOrPromise
    question: StrOrPromise
    method: StrOrPromise
    unit: StrOrPromise
    source: StrOrPromise
    caveats: StrOrPromise
    mufpp: StrOrPromise
    per_quarter: bool
    figures: tuple[FigureDefinition, ...]


@dataclass(frozen=True)
class Figure:
    key: str
    value: Decimal | None  # None when unknown (missing entered figure, nothing to divide by) or suppressed
    organisations: int | None  # distinct organisations behind the figure; None when not applicable (entered figures)
    suppressed: bool  # True when the audience may not see it (fewer than MIN_ORGANISATIONS organisations)
    missing: str  # "" or a translated reason why the value is unknown


@dataclass(frozen=True)
class IndicatorResult:
    code: str
    area: Area
    year: int
    quarter: int | None
    figures: tuple[Figure, ...]

    def figure(self, key: str) -> Figure | None:
        """The figure with that key, or None."""
        for figure in self.figures:
            if figure.key == key:
                return figure
        return None


@dataclass(frozen=True)
class RawFigure:
    """A computed figure before the audience is applied (internal to the selectors)."""

    value: Decimal | None
    organisations: int | None = None
    missing: str = ""
