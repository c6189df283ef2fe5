"""Definitions of K9-K16 (see definitions.py for K1-K8 and the attribution rules)."""

from django.utils.translation import gettext_lazy as _

from streek.orders.choices import ChannelKind

from .types import FigureDefinition, IndicatorDefinition

F = FigureDefinition

LATER_INDICATORS: tuple[IndicatorDefinition, ...] = (
    IndicatorDefinition(
        code="K9",
        title=_("Sold within the region"),
        question=_("How much of what the area's producers sell stays in the area?"),
        method=_(
            "Value and weight of delivered lines whose producer and buyer are both in the area, and that value as "
            "a share of all sales of the area's producers. For a single municipality both must be in it."
        ),
        unit=_("EUR; kg; percent"),
        source=_("Sale facts, by the producer's and the buyer's municipality."),
        caveats=_(
            "Lines without a known buyer municipality count as sold outside the area. Weight is known only for "
            "products sold by weight or with a declared weight."
        ),
        mufpp=_("MUFPP 37: food produced and consumed within the city region"),
        per_quarter=True,
        figures=(
            F("K9.value_within", _("Value sold within the area"), "eur", True),
            F("K9.kg_within", _("Weight sold within the area"), "kg", True),
            F("K9.share_within", _("Share of the value sold within the area"), "percent", True),
        ),
    ),
    IndicatorDefinition(
        code="K10",
        title=_("Food kilometres"),
        question=_("How far does food travel from producer to buyer, and how efficient are the shared rounds?"),
        method=_(
            "Mean distance producer to buyer of the area's producers' lines, weighted by weight (lines without a "
            "weight or distance are left out); km driven per kg delivered in the delivery rounds of the area's hubs."
        ),
        unit=_("km; km per kg"),
        source=_("Sale facts (distance as the crow flies); route facts of driven rounds, by the hub's municipality."),
        caveats=_(
            "Distances producer to buyer are straight lines, not roads; rounds are measured as planned. "
            "A round that also collects from producers counts only the kg delivered."
        ),
        mufpp=_("MUFPP 20: food kilometres / emissions of food transport"),
        per_quarter=True,
        figures=(
            F("K10.mean_distance_km", _("Mean distance producer to buyer"), "km", False),
            F("K10.km_per_kg", _("Km driven per kg delivered in shared rounds"), "km_per_kg", False),
            F("K10.km_driven", _("Km driven in shared rounds"), "km", None),
        ),
    ),
    IndicatorDefinition(
        code="K11",
        title=_("Public procurement from short chains"),
        question=_("How much do schools, care homes and public kitchens in the area buy through short chains?"),
        method=_(
            "Value of delivered lines with at most one intermediary bought by public buyers (schools, care, "
            "catering, the municipality), by the buyer's municipality, and its share of those buyers' total food "
            "spend entered for the year."
        ),
        unit=_("EUR; percent"),
        source=_("Sale facts, by the buyer's municipality; public buyers' food spend (entered)."),
        caveats=_("Only buyers registered as a school, care institution, public kitchen or municipality count."),
        mufpp=_("MUFPP 36: proportion of public food procurement from sustainable and short supply chains"),
        per_quarter=True,
        figures=(
            F("K11.value", _("Public buyers' short-chain purchases"), "eur", True),
            F("K11.share", _("Share of public buyers' food spend"), "percent", True),
        ),
    ),
    IndicatorDefinition(
        code="K12",
        title=_("Farmers' markets"),
        question=_("How lively are the area's farmers' markets?"),
        method=_("Markets, market days and visitors as entered by the municipality, summed over the area."),
        unit=_("markets; days; visitors"),
        source=_("Figures entered by the municipality with their source and date."),
        caveats=_("Visitor numbers are usually estimates by the market organiser."),
        mufpp=_("MUFPP 41: number and activity of farmers' markets"),
        per_quarter=False,
        figures=(
            F("K12.markets", _("Farmers' markets"), "count", True),
            F("K12.market_days", _("Market days"), "count", True),
            F("K12.visitors", _("Visitors"), "count", True),
        ),
    ),
    IndicatorDefinition(
        code="K13",
        title=_("Surplus redistributed and waste"),
        question=_("How much surplus food from the area reaches food banks, and how much is thrown away?"),
        method=_(
            "Kg of donations confirmed by a food bank, by the donor's municipality; kg logged as waste by the "
            "area's organisations."
        ),
        unit=_("kg"),
        source=_("Donation facts and waste facts from the offers-and-requests board."),
        caveats=_("Only surplus offered and waste logged on the platform is seen."),
        mufpp=_("MUFPP 34/35: surplus food recovered and redistributed; food waste"),
        per_quarter=True,
        figures=(
            F("K13.redistributed_kg", _("Surplus redistributed to food banks"), "kg", True),
            F("K13.donations", _("Donations received"), "count", True),
            F("K13.waste_kg", _("Food logged as waste"), "kg", False),
        ),
    ),
    IndicatorDefinition(
        code="K14",
        title=_("Food education"),
        question=_("How many schools and pupils does food education reach?"),
        method=_("Schools with a food-education activity and pupils reached, as entered, summed over the area."),
        unit=_("schools; pupils"),
        source=_("Figures entered by the municipality with their source and date."),
        caveats=_("A pupil reached by several activities may be counted more than once."),
        mufpp=_("MUFPP 24: number of food education activities and people reached"),
        per_quarter=False,
        figures=(
            F("K14.schools", _("Schools with an activity"), "count", True),
            F("K14.pupils", _("Pupils reached"), "count", True),
        ),
    ),
    IndicatorDefinition(
        code="K15",
        title=_("Producer profitability by channel"),
        question=_("What do producers keep from a euro sold through each channel?"),
        method=_(
            "For producers who entered their costs per channel and consented: (producers' value of their delivered "
            "lines in the channel minus their costs for it) divided by that value, over all consenting producers."
        ),
        unit=_("percent margin"),
        source=_("Self-reported producer costs (opt-in) and sale facts."),
        caveats=_(
            "Opt-in and self-reported: the producers who enter costs are not a random sample. Only sales through "
            "the platform are compared with the costs entered for the channel."
        ),
        mufpp=_("MUFPP 37/39: income of local producers"),
        per_quarter=False,
        figures=(
            F("K15.margin", _("Margin over all channels"), "percent", True),
            *(F(f"K15.channel.{value}", label, "percent", True) for value, label in ChannelKind.choices),
        ),
    ),
    IndicatorDefinition(
        code="K16",
        title=_("Trajectory towards the target"),
        question=_("Is the area on track to reach the target of its policy goal?"),
        method=_(
            "For a measure of a policy goal: the straight path from the baseline to the target value in the target "
            "year, the constant yearly growth that path implies, the yearly growth still needed from the latest "
            "observed value, and whether the latest observation is on or above the straight path."
        ),
        unit=_("percent growth per year"),
        source=_("The measures of published policy goals and the figures they measure."),
        caveats=_("A trajectory is a line, not a forecast: one good year may be followed by a bad one."),
        mufpp=_("MUFPP governance: monitoring and evaluation of the food policy"),
        per_quarter=False,
        figures=(),
    ),
)
