"""Which sales points the demo region has: about 150 of all twelve types, with or without an operator."""

from dataclasses import dataclass

from ..choices import OrganisationKind
from ..choices import SalesPointType as T
from ..models import Organisation
from .context import DemoContext
from .organisations import CATEGORIES, ORGANISATIONS
from .point_texts import PICKUP_PLACES, PROPOSED_POINTS, STALL_KINDS, VENDING_KINDS

MIXED_CATEGORIES = ("vegetable", "fruit", "dairy-product", "meat-product", "bakery", "drink")


@dataclass
class PointPlan:
    type: str
    name: str
    municipality: str
    operator: Organisation | None = None
    at_operator: bool = False
    categories: tuple[str, ...] = ()
    season: tuple[int, int, str] | None = None  # (start MMDD, end MMDD, name)
    weekday: int | None = None  # markets and depots: the day of the week
    times: tuple[str, str] | None = None
    cooled: bool = False
    proposed: bool = False
    note: str = ""
    locality: str = ""  # for markets: the town the market is in


# Farmers' markets: (municipality, locality, weekday, opens, closes, run by the municipality, season)
MARKETS = (
    ("Sint-Truiden", "Sint-Truiden", 5, "08:00", "12:30", True, None),
    ("Hasselt", "Hasselt", 4, "15:00", "19:00", True, None),
    ("Tongeren-Borgloon", "Borgloon", 3, "08:00", "12:00", True, None),
    ("Landen", "Landen", 2, "08:00", "12:00", True, None),
    ("Bilzen-Hoeselt", "Bilzen", 5, "09:00", "12:30", True, None),
    ("Herk-de-Stad", "Herk-de-Stad", 4, "16:00", "19:00", True, None),
    ("Gingelom", "Gingelom", 6, "09:00", "12:00", True, (501, 1031, "Marktseizoen")),
    ("Venlo", "Venlo", 5, "09:00", "13:00", True, None),
    ("Venray", "Venray", 2, "14:00", "18:00", True, None),
    ("Diepenbeek", "Diepenbeek", 3, "16:00", "19:00", False, None),
)

# Self-harvest: (organisation key, crop, start MMDD, end MMDD)
SELF_HARVEST = (
    ("kersenbloesem", "kersen", 615, 731),
    ("poorten", "kersen", 620, 731),
    ("tilkin", "aardbeien", 515, 930),
    ("bollen", "appels en peren", 901, 1031),
    ("perelke", "hoogstamfruit", 815, 1015),
    ("claes", "pruimen", 715, 831),
    ("verhaegh", "aardbeien", 601, 831),
    ("dewortel", "bloemen", 601, 930),
    ("hendrix", "appels", 901, 1031),
    ("vanherck", "peren", 820, 1010),
)

BUYING_GROUPS = (
    ("Voedselteam Sint-Truiden", "Sint-Truiden", "hubhaspengouw"),
    ("Voedselteam Hasselt-Centrum", "Hasselt", ""),
    ("Buurderij Wellen", "Wellen", "hubhaspengouw"),
    ("Voedselteam Alken", "Alken", ""),
    ("Buurderij Diepenbeek", "Diepenbeek", ""),
    ("Voedselteam Landen", "Landen", ""),
    ("Voedselteam Tongeren", "Tongeren-Borgloon", ""),
    ("Voedselteam Zoutleeuw", "Zoutleeuw", ""),
    ("Buurderij Venlo", "Venlo", "hubnoordlimburg"),
    ("Buurderij Venray", "Venray", ""),
)

# Pickup points: (municipality, operator key or "")
PICKUPS = (
    ("Hasselt", "hubhaspengouw"),
    ("Alken", "hubhaspengouw"),
    ("Nieuwerkerken", "hubhaspengouw"),
    ("Wellen", "hubhaspengouw"),
    ("Heers", "hubhaspengouw"),
    ("Kortenaken", "hubhaspengouw"),
    ("Venlo", "hubnoordlimburg"),
    ("Venray", "hubnoordlimburg"),
    ("Peel en Maas", "hubnoordlimburg"),
    ("Diepenbeek", "groeneveld"),
    ("Horst aan de Maas", "peelhoeve"),
    ("Zoutleeuw", ""),
    ("Landen", ""),
    ("Gingelom", ""),
)

CSAS = ("groeneveld", "dewortel", "peelhoeve", "zavelhoeve", "driesveld")
BOXES = (
    ("groeneveld", "Groentepakket"),
    ("peelhoeve", "Groentetas"),
    ("kapelhof", "Vleespakket"),
    ("hubhaspengouw", "Streekpakket"),
    ("hubnoordlimburg", "Streekbox"),
    ("zavelhoeve", "Groenteabonnement"),
)
WEBSHOPS = ("hubhaspengouw", "hubnoordlimburg", "fruitpers", "kapelhof", "wittemerel", "appelboom", "stroopstokerij",
            "verhaegh")  # fmt: skip
B2B = ("hubhaspengouw", "hubnoordlimburg", "fruitpers", "vanherck", "maasweide", "terbeemden")
NO_FARM_SHOP = frozenset({"zoemhof", "dewortel"})


def points_plan(ctx: DemoContext, organisations: dict[str, Organisation]) -> list[PointPlan]:
    """The ~150 demo points in a fixed order (the random choices come from ctx.rng)."""
    rng = ctx.rng
    specs = {spec.key: spec for spec in ORGANISATIONS}
    makers = [s for s in ORGANISATIONS if s.kind in (OrganisationKind.PRODUCER, OrganisationKind.PROCESSOR)]
    plans: list[PointPlan] = []

    def org(key: str) -> Organisation:
        return organisations[key]

    def cats(key: str) -> tuple[str, ...]:
        return CATEGORIES.get(specs[key].specialism, MIXED_CATEGORIES)

    for spec in makers:
        if spec.key in NO_FARM_SHOP:
            continue
        shop = "Winkel" if spec.kind == OrganisationKind.PROCESSOR else "Hoevewinkel"
        if ctx.municipalities[spec.municipality].country.code == "NL":
            shop = "Boerderijwinkel"
        plans.append(
            PointPlan(T.FARM_SHOP, f"{shop} {spec.name}", spec.municipality, org(spec.key), True, cats(spec.key))
        )
    plans.append(PointPlan(T.FARM_SHOP, "Hoevewinkel Vanormelingen", "Heers", categories=("fruit", "vegetable")))
    plans.append(PointPlan(T.FARM_SHOP, "Hoeve Stevens", "Nieuwerkerken", categories=("meat-product", "dairy-product")))

    vending = [s for s in makers if s.specialism in VENDING_KINDS]
    for spec in sorted(rng.sample(vending, 20), key=lambda s: s.key):
        at_farm = rng.random() < 0.6
        cooled = spec.specialism in {"dairy", "pork", "beef", "eggs", "mushrooms", "asparagus"}
        place = org(spec.key).name if at_farm else "{street}"
        plans.append(
            PointPlan(
                T.VENDING_MACHINE,
                f"{VENDING_KINDS[spec.specialism]} {place}",
                spec.municipality,
                org(spec.key),
                at_farm,
                cats(spec.key),
                cooled=cooled,
            )
        )
    for kind, municipality in (
        ("Aardappelautomaat", "Gingelom"),
        ("Eierautomaat", "Sint-Truiden"),
        ("Melkautomaat", "Kortenaken"),
        ("Fruitautomaat", "Horst aan de Maas"),
    ):
        plans.append(
            PointPlan(
                T.VENDING_MACHINE,
                f"{kind} {{street}}",
                municipality,
                categories=("vegetable",) if kind == "Aardappelautomaat" else ("fruit",),
            )
        )

    stalls = [s for s in makers if s.specialism in STALL_KINDS]
    for spec in sorted(rng.sample(stalls, 13), key=lambda s: s.key):
        season = (601, 1031, "Fruitseizoen") if spec.specialism in {"fruit", "cherries"} else None
        if spec.specialism == "strawberries":
            season = (501, 930, "Aardbeienseizoen")
        plans.append(
            PointPlan(
                T.HONESTY_STALL,
                f"{STALL_KINDS[spec.specialism]} {org(spec.key).name}",
                spec.municipality,
                org(spec.key),
                rng.random() < 0.5,
                cats(spec.key),
                season,
            )
        )
    for kind, municipality in (
        ("Picknickkast", "Wellen"),
        ("Eierkraampje", "Alken"),
        ("Fruitkraam", "Gingelom"),
        ("Groentekraampje", "Landen"),
        ("Honingkastje", "Herk-de-Stad"),
    ):
        plans.append(
            PointPlan(
                T.HONESTY_STALL,
                f"{kind} {{street}}",
                municipality,
                categories=(rng.choice(("fruit", "vegetable", "local-grocery-store")),),
            )
        )

    for municipality, locality, weekday, opens, closes, run, season in MARKETS:
        operator = org(f"municipality:{municipality}") if run else None
        name = f"Boerenmarkt {locality}" if run else f"Biomarkt {locality}"
        plans.append(
            PointPlan(
                T.FARMERS_MARKET,
                name,
                municipality,
                operator,
                False,
                MIXED_CATEGORIES[:5],
                season,
                weekday,
                (opens, closes),
                locality=locality,
            )
        )

    for key, crop, start, end in SELF_HARVEST:
        plans.append(
            PointPlan(
                T.SELF_HARVEST,
                f"Zelfpluk {crop} {org(key).name}",
                specs[key].municipality,
                org(key),
                True,
                cats(key),
                (start, end, f"Plukseizoen {crop}"),
            )
        )
    plans.append(
        PointPlan(
            T.SELF_HARVEST, "Pluktuin De Zonnebloem", "Alken", categories=("fruit",), season=(701, 930, "Plukseizoen")
        )
    )
    plans.append(
        PointPlan(
            T.SELF_HARVEST,
            "Zelfpluk blauwe bessen Kessel",
            "Peel en Maas",
            categories=("fruit",),
            season=(701, 831, "Bessenseizoen"),
        )
    )

    for key in CSAS:
        plans.append(
            PointPlan(
                T.CSA,
                f"Oogstaandeel {org(key).name}",
                specs[key].municipality,
                org(key),
                True,
                ("vegetable",),
                (401, 1130, "Oogstseizoen"),
            )
        )
    plans.append(
        PointPlan(
            T.CSA, "Oogstaandeel De Vrije Akker", "Alken", categories=("vegetable",), season=(401, 1130, "Oogstseizoen")
        )
    )

    for key, label in BOXES:
        plans.append(
            PointPlan(T.BOX_SCHEME, f"{label} {org(key).name}", specs[key].municipality, org(key), True, cats(key))
        )

    for name, municipality, key in BUYING_GROUPS:
        plans.append(
            PointPlan(
                T.BUYING_GROUP,
                name,
                municipality,
                org(key) if key else None,
                False,
                MIXED_CATEGORIES[:4],
                weekday=rng.choice((1, 2, 3, 4)),
            )
        )

    for key in WEBSHOPS:
        plans.append(
            PointPlan(T.WEBSHOP, f"Webshop {org(key).name}", specs[key].municipality, org(key), True, cats(key))
        )

    places = list(PICKUP_PLACES)
    for municipality, key in PICKUPS:
        place = rng.choice(places)
        plans.append(
            PointPlan(
                T.PICKUP_POINT,
                f"Afhaalpunt {municipality} ({place})",
                municipality,
                org(key) if key else None,
                False,
                MIXED_CATEGORIES[:4],
                cooled=rng.random() < 0.5,
            )
        )

    for key in B2B:
        plans.append(
            PointPlan(
                T.B2B_DIRECT,
                f"{org(key).name} voor horeca en grootkeukens",
                specs[key].municipality,
                org(key),
                True,
                cats(key),
            )
        )

    plans.append(
        PointPlan(T.FOOD_HUB, "Voedselhub Haspengouw", "Sint-Truiden", org("hubhaspengouw"), True, MIXED_CATEGORIES)
    )
    plans.append(
        PointPlan(
            T.FOOD_HUB, "Streekhub Noord-Limburg", "Horst aan de Maas", org("hubnoordlimburg"), True, MIXED_CATEGORIES
        )
    )
    plans.append(
        PointPlan(
            T.FOOD_HUB,
            "Voedselhub Haspengouw - depot Hasselt",
            "Hasselt",
            org("hubhaspengouw"),
            False,
            MIXED_CATEGORIES,
            cooled=True,
        )
    )

    for (name, note), municipality in zip(PROPOSED_POINTS, ("Sint-Truiden", "Gingelom", "Sint-Truiden"), strict=True):
        point_type = T.SELF_HARVEST if name.startswith("Zelfpluk") else T.HONESTY_STALL
        if "automaat" in name:
            point_type = T.VENDING_MACHINE
        season = (701, 831, "Bessenseizoen") if point_type == T.SELF_HARVEST else None
        plans.append(
            PointPlan(point_type, name, municipality, categories=("fruit",), season=season, proposed=True, note=note)
        )
    return plans
