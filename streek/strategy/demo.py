"""Demo policy goals: a published regional goal of Sint-Truiden and Gingelom (with the workshop's method filled
in and measures on the monitor's demo figures) and a draft of Venlo, made through the strategy services."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db import transaction

from streek.accounts.models import User
from streek.catalog.models import Organisation
from streek.monitor.selectors import Audience, figure_value
from streek.territory.models import Municipality

from .choices import AmoreCriterion, GoalTheme, PartnerKind, PolicyDomain, ResourceKind
from .models import PolicyGoal
from .selectors.areas import goal_area
from .services.goals import goal_create, goal_publish
from .services.items import amore_score_save, measure_add, milestone_add, partner_add, resource_add

DEMO_TITLE = "Haspengouw: een kwart van de hoeveverkoop via de korte keten in 2050"
DRAFT_TITLE = "Venlo: elke school kookt met seizoensgroenten van hier"
OFFICER = "ambtenaar.sinttruiden"
VENLO_OFFICER = "ambtenaar.venlo"
BASELINE_YEAR = 2022

AMORE = {
    AmoreCriterion.AMBITIOUS: (4, "Van enkele procenten naar 25 % is een verviervoudiging in 25 jaar."),
    AmoreCriterion.MOTIVATING: (4, "Boeren, scholen en inwoners zien hun eigen hoeve en markt terug in de cijfers."),
    AmoreCriterion.DISTINCTIVE: (
        3,
        "Fruitstreek met veel hoevewinkels; de keuze voor samenwerking over de gemeentegrens is eigen aan Haspengouw.",
    ),
    AmoreCriterion.RELEVANT: (4, "Landbouw, lokale economie, toerisme en onderwijs dragen bij en winnen erbij."),
    AmoreCriterion.AUTHENTIC: (3, "Gedragen door de workshop met landbouwers; budget voor twee jaar is voorzien."),
}


@dataclass
class StrategyDemoResult:
    created: bool
    counts: dict[str, int] = field(default_factory=dict)


def _baseline(goal: PolicyGoal, key: str, fallback: str) -> Decimal:
    """The monitor's demo figure of the baseline year in the goal's area, or `fallback` when there is none."""
    figure = figure_value(area=goal_area(goal=goal), figure_key=key, year=BASELINE_YEAR, audience=Audience.admin())
    return figure.value if figure.value is not None else Decimal(fallback)


@transaction.atomic
def strategy_demo_load() -> StrategyDemoResult:
    """Create the demo goals once (needs the demo officers of `demo_load`)."""
    officer = User.objects.filter(username=OFFICER).first()
    if officer is None or PolicyGoal.objects.filter(title=DEMO_TITLE).exists():
        return StrategyDemoResult(created=False)
    places = {m.name_nl: m.pk for m in Municipality.objects.filter(name_nl__in=["Sint-Truiden", "Gingelom", "Venlo"])}
    goal = goal_create(
        actor=officer,
        title=DEMO_TITLE,
        municipality_ids=[places["Sint-Truiden"], places["Gingelom"]],
        theme=GoalTheme.SHORT_CHAIN_SHARE,
        iceberg_trends="Meer hoevewinkels en automaten sinds 2020; de verkoop via de korte keten groeit, maar blijft "
        "enkele procenten van de landbouwomzet. Jonge boeren stoppen met verkoop aan huis door de werkdruk.",
        iceberg_influences="Corona deed inwoners de hoeve ontdekken; logistiek per producent is duur; gemeentelijke "
        "aankoop kijkt vooral naar prijs.",
        iceberg_assumptions="'Korte keten is een niche voor toeristen.' 'Samenwerken kost meer dan het oplevert.'",
        vision_2050="In 2050 koopt elke inwoner van Haspengouw wekelijks bij een boer uit de streek, scholen en "
        "woonzorgcentra koken met fruit en groenten van hier, en boeren leven van een eerlijke prijs.",
        statement="Tegen 2050 gaat een kwart van de verkoop van de Haspengouwse landbouwers via de korte keten, met "
        "tussenstappen in 2030 en 2040.",
    )
    for criterion, (score, justification) in AMORE.items():
        amore_score_save(goal=goal, actor=officer, criterion=criterion, score=score, justification=justification)
    for domain, role in (
        (PolicyDomain.AGRICULTURE, "Begeleidt boeren bij de start van hoeveverkoop."),
        (PolicyDomain.LOCAL_ECONOMY, "Koppelt de korte keten aan het lokale handelsbeleid."),
        (PolicyDomain.TOURISM, "Neemt hoevewinkels op in fiets- en wandelroutes."),
        (PolicyDomain.EDUCATION, "Brengt leerlingen naar de boerderij."),
        (PolicyDomain.PROCUREMENT, "Schrijft korte keten in de bestekken van scholen en woonzorgcentra in."),
    ):
        partner_add(goal=goal, actor=officer, kind=PartnerKind.INTERNAL_DOMAIN, policy_domain=domain, role=role)
    hub = Organisation.objects.filter(is_demo=True, kind="hub").order_by("pk").first()
    if hub is not None:
        partner_add(
            goal=goal,
            actor=officer,
            kind=PartnerKind.FOOD_ACTOR,
            organisation_id=hub.pk,
            role="Bundelt bestellingen en levert met gedeelde rondes.",
        )
    resource_add(
        goal=goal,
        actor=officer,
        kind=ResourceKind.BUDGET,
        description="Werkingsbudget korte keten",
        amount=Decimal("25000"),
    )
    resource_add(goal=goal, actor=officer, kind=ResourceKind.STAFF, description="0,5 VTE ketencoördinator")
    milestone_add(
        goal=goal,
        actor=officer,
        title="Kaart van alle verkooppunten nagekeken",
        due_on=date(2025, 6, 30),
        owner="Dienst lokale economie",
        done_on=date(2025, 5, 20),
    )
    milestone_add(
        goal=goal,
        actor=officer,
        title="Eerste gedeelde leverronde naar scholen",
        due_on=date(2026, 9, 1),
        owner="Voedselhub",
    )
    milestone_add(
        goal=goal,
        actor=officer,
        title="Korte keten in alle bestekken voor maaltijden",
        due_on=date(2028, 1, 1),
        owner="Aankoopdienst",
    )
    turnover = _baseline(goal, "K6.turnover", "40000")
    producers = _baseline(goal, "K4.producers", "20")
    for key, baseline, target, target_year in (
        ("K6.turnover", turnover, (turnover * Decimal("2.5")).quantize(Decimal("1")), 2030),
        ("K4.producers", producers, producers + 15, 2030),
    ):
        measure_add(
            goal=goal,
            actor=officer,
            figure_key=key,
            baseline_year=BASELINE_YEAR,
            baseline_value=baseline,
            target_year=target_year,
            target_value=target,
        )
    goal_publish(goal=goal, actor=officer, summary="Eerste versie na de workshop")
    drafts = 0
    venlo_officer = User.objects.filter(username=VENLO_OFFICER).first()
    if venlo_officer is not None and "Venlo" in places:
        goal_create(
            actor=venlo_officer,
            title=DRAFT_TITLE,
            municipality_ids=[places["Venlo"]],
            theme=GoalTheme.FOOD_EDUCATION,
            statement="Tegen 2030 kookt elke basisschool in Venlo minstens één keer per maand met seizoensgroenten "
            "van telers uit de gemeente.",
        )
        drafts = 1
    return StrategyDemoResult(created=True, counts={"published goals": 1, "draft goals": drafts})


def strategy_demo_delete() -> None:
    PolicyGoal.objects.filter(title__in=[DEMO_TITLE, DRAFT_TITLE]).delete()
