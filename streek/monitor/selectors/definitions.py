"""The indicators K1-K16: what each tells a municipality, how it is computed, from what, and its figures.

Attribution: supply-side indicators (K4-K10, K15) count sales by the producer's municipality, public procurement
(K11) by the buyer's municipality, surplus (K13) by the donor's municipality, km per kg in shared rounds (K10) by
the hub's municipality; the inventory (K1-K3) by the sales point's municipality.
"""

from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _

from streek.catalog.choices import SalesPointType
from streek.core.exceptions import NotFound
from streek.orders.choices import ChannelKind

from .definitions_b import LATER_INDICATORS
from .types import FigureDefinition, IndicatorDefinition

F = FigureDefinition

SHORT_CHAIN_NOTE = _(
    "A sale counts as short chain when at most one intermediary stands between producer and end buyer "
    "(EU Delegated Regulation 807/2014, art. 11)."
)

EARLY_INDICATORS: tuple[IndicatorDefinition, ...] = (
    IndicatorDefinition(
        code="K1",
        title=_("Active sales points"),
        question=_("How many places to buy directly from producers does the area have, and of which type?"),
        method=_(
            "Sales points with the status active whose information was verified in the 12 months before the "
            "reference date, counted by type. The reference date is today for the current year and 31 December "
            "for past years, which are read from the inventory snapshot taken at the end of each year."
        ),
        unit=_("sales points"),
        source=_("The platform's inventory of sales points; yearly snapshots of it."),
        caveats=_(
            "Points that were not verified in the last 12 months are left out, even when they are still open. "
            "Sales points are public, so these figures are never suppressed. Past years exist only from the "
            "first snapshot on."
        ),
        mufpp=_("MUFPP 41: existence of an inventory of local food initiatives and sales points"),
        per_quarter=False,
        figures=(
            F("K1.total", _("Active and verified sales points"), "count", True),
            *(F(f"K1.type.{value}", label, "count", True) for value, label in SalesPointType.choices),
        ),
    ),
    IndicatorDefinition(
        code="K2",
        title=_("Access to sales points"),
        question=_("How well can residents reach a place to buy directly from producers?"),
        method=_(
            "Active and verified sales points (K1) per 10,000 inhabitants. The share of residents within 2 and "
            "5 km of one is the population of the municipalities whose centre lies within that distance of a "
            "point (in the area or just outside it), divided by the population of the area."
        ),
        unit=_("per 10,000 inhabitants; percent of residents"),
        source=_("Sales points (K1) and the population entered per municipality and year."),
        caveats=_(
            "Proxy: residents are placed at their municipality's centre, because the platform has no finer "
            "population grid (postal codes carry no position). For a single municipality the share is therefore "
            "0 or 100 %. Missing when the population of a municipality is not entered for the year."
        ),
        mufpp=_("MUFPP 30: proportion of population living within 1 km of a food market or sales point"),
        per_quarter=False,
        figures=(
            F("K2.per_10000", _("Sales points per 10,000 inhabitants"), "per_10000", True),
            F("K2.within_2km", _("Residents within 2 km of a sales point"), "percent", True),
            F("K2.within_5km", _("Residents within 5 km of a sales point"), "percent", True),
        ),
    ),
    IndicatorDefinition(
        code="K3",
        title=_("Freshness of the inventory"),
        question=_("Can residents trust the inventory: how recently were its sales points checked?"),
        method=_(
            "Of the active sales points, the share verified in the 12 months before the reference date, and the "
            "median number of days since the last verification (points never verified are left out of the median)."
        ),
        unit=_("percent; days"),
        source=_("Verification dates of the sales points."),
        caveats=_("A verification records that someone checked the point; it says nothing about its quality."),
        mufpp=_("MUFPP 41: inventory of local food initiatives (kept up to date)"),
        per_quarter=False,
        figures=(
            F("K3.active", _("Active sales points"), "count", None),
            F("K3.verified_share", _("Verified in the last 12 months"), "percent", True),
            F("K3.median_age_days", _("Median days since the last verification"), "days", False),
        ),
    ),
    IndicatorDefinition(
        code="K4",
        title=_("Producers active in the short chain"),
        question=_("How many of the area's producers sell through a short chain, and what share of its farms is that?"),
        method=_(
            "Distinct producers based in the area with at least one delivered sale with at most one intermediary "
            "in the period; the share divides by the number of farms of the census entered for the year."
        ),
        unit=_("producers; percent of farms"),
        source=_("Delivered order lines (sale facts), by the producer's municipality; census farm count (entered)."),
        caveats=_("Counts only producers who sell through the platform; farms selling only outside it are not seen. "),
        mufpp=_("MUFPP 37: number of local producers selling through short chains"),
        per_quarter=True,
        figures=(
            F("K4.producers", _("Producers selling through a short chain"), "count", True),
            F("K4.share_of_farms", _("Share of the farms"), "percent", True),
        ),
    ),
    IndicatorDefinition(
        code="K5",
        title=_("Short-chain share of farm sales"),
        question=_("Which part of what the area's farms sell goes through a short chain?"),
        method=_(
            "The producers' value (excluding VAT, before hub fees) of delivered lines with at most one "
            "intermediary, divided by the total farm output of the census entered for the year."
        ),
        unit=_("EUR; percent"),
        source=_("Sale facts by the producer's municipality; total farm output (census, entered)."),
        caveats=_("Census output is often published with a delay of one or two years; compare like with like."),
        mufpp=_("MUFPP 37: proportion of local food production sold through short chains"),
        per_quarter=False,
        figures=(
            F("K5.producer_value", _("Producers' short-chain sales"), "eur", True),
            F("K5.share", _("Share of the farm output"), "percent", True),
        ),
    ),
    IndicatorDefinition(
        code="K6",
        title=_("Short-chain turnover"),
        question=_("How much is bought through short chains from the area's producers, and is it growing?"),
        method=_(
            "Sum of the value excluding VAT of delivered lines with at most one intermediary, by the producer's "
            "municipality, in total and per sales channel; growth against the same period of the previous year."
        ),
        unit=_("EUR; percent"),
        source=_("Sale facts (one per delivered order line)."),
        caveats=SHORT_CHAIN_NOTE,
        mufpp=_("MUFPP 37: value of food sold through short chains"),
        per_quarter=True,
        figures=(
            F("K6.turnover", _("Short-chain turnover"), "eur", True),
            F("K6.growth", _("Growth against the previous year"), "percent", True),
            *(F(f"K6.channel.{value}", label, "eur", True) for value, label in ChannelKind.choices),
        ),
    ),
    IndicatorDefinition(
        code="K7",
        title=_("Intermediaries per sold line"),
        question=_("How short are the chains: how often does food pass through zero, one or more intermediaries?"),
        method=_(
            "Delivered order lines of the area's producers by the number of intermediaries between producer and "
            "end buyer (0 direct, 1 via a hub or shop, 2 or more not a short chain), as shares of all lines."
        ),
        unit=_("percent of lines"),
        source=_("Sale facts."),
        caveats=_("Lines are counted, not their value; a large order line weighs as much as a small one."),
        mufpp=_("MUFPP 37: shorter supply chains"),
        per_quarter=True,
        figures=(
            F("K7.lines", _("Delivered lines"), "count", None),
            F("K7.share_0", _("Direct (no intermediary)"), "percent", True),
            F("K7.share_1", _("Via one intermediary"), "percent", None),
            F("K7.share_2plus", _("Via two or more intermediaries"), "percent", False),
        ),
    ),
    IndicatorDefinition(
        code="K8",
        title=_("Collaborations"),
        question=_(
            "How many working relations between producers and hubs, processors and buyers exist, and how many are new?"
        ),
        method=_(
            "Distinct pairs of a producer from the area and a partner that traded in the year (a delivered order "
            "or an agreement on the offers-and-requests board), by kind; new when the pair never traded before."
        ),
        unit=_("relations"),
        source=_("Collaboration facts from delivered orders and agreed matches."),
        caveats=_("A relation counts once per year however often the pair traded."),
        mufpp=_("MUFPP 38: support to producer organisations, networks and platforms"),
        per_quarter=False,
        figures=(
            F("K8.total", _("Relations"), "count", True),
            F("K8.new", _("New relations"), "count", True),
            F("K8.producer_hub", _("Producer and food hub"), "count", True),
            F("K8.producer_processor", _("Producer and processor"), "count", True),
            F("K8.producer_buyer", _("Producer and buyer"), "count", True),
        ),
    ),
)

_BY_CODE: dict[str, IndicatorDefinition] = {d.code: d for d in (*EARLY_INDICATORS, *LATER_INDICATORS)}
_FIGURES: dict[str, FigureDefinition] = {f.key: f for d in _BY_CODE.values() for f in d.figures}


def indicator_definitions() -> list[IndicatorDefinition]:
    """K1-K16 in order."""
    return list(_BY_CODE.values())


def indicator_definition(*, code: str) -> IndicatorDefinition:
    """The indicator with that code (case-insensitive); NotFound otherwise."""
    definition = _BY_CODE.get(code.upper())
    if definition is None:
        raise NotFound(gettext_now("There is no indicator %(code)s.") % {"code": code})
    return definition


def figure_definition(*, key: str) -> FigureDefinition:
    """The figure with that key (e.g. "K6.turnover"); NotFound otherwise."""
    definition = _FIGURES.get(key)
    if definition is None:
        raise NotFound(gettext_now("There is no figure %(key)s.") % {"key": key})
    return definition


def figure_definitions() -> list[FigureDefinition]:
    """Every figure of K1-K15 in order (a measure of a policy goal picks one of these)."""
    return list(_FIGURES.values())
