"""Product lists for the demo producers and processors: names in three languages, DFC types, seasons and variants."""

from dataclasses import dataclass, field

ALL_YEAR = tuple(range(1, 13))


@dataclass(frozen=True)
class VariantSpec:
    name: str
    quantity: str
    unit: str  # DFC measure key
    price: str  # excl. VAT


@dataclass(frozen=True)
class ProductSpec:
    nl: str
    fr: str
    en: str
    type_key: str  # DFC product type key
    months: tuple[int, ...]
    variants: tuple[VariantSpec, ...]
    allergens: tuple[str, ...] = ()
    nutrition: str = ""
    tips: str = ""
    alcoholic: bool = False
    claims: tuple[str, ...] = field(default_factory=tuple)


def months_mask(months: tuple[int, ...]) -> int:
    """The season_months bitmask (bit 0 is January) for a list of months 1-12."""
    mask = 0
    for month in months:
        mask |= 1 << (month - 1)
    return mask


# Per 100 g: energy_kj, energy_kcal, fat, saturated_fat, carbohydrate, sugars, fibre, protein, salt.
NUTRITION: dict[str, tuple[str, ...]] = {
    "apple": ("218", "52", "0.20", "0.00", "11.80", "10.40", "2.40", "0.30", "0.00"),
    "pear": ("239", "57", "0.10", "0.00", "12.60", "9.80", "3.10", "0.40", "0.00"),
    "cherry": ("263", "63", "0.20", "0.00", "13.50", "12.80", "1.60", "1.10", "0.00"),
    "strawberry": ("136", "32", "0.30", "0.00", "5.70", "4.90", "2.00", "0.70", "0.00"),
    "milk": ("268", "64", "3.60", "2.30", "4.70", "4.70", "0.00", "3.40", "0.10"),
    "yoghurt": ("251", "60", "3.30", "2.10", "4.30", "4.30", "0.00", "3.80", "0.12"),
    "cheese": ("1490", "358", "28.00", "18.50", "0.00", "0.00", "0.00", "25.00", "1.70"),
    "butter": ("3040", "740", "82.00", "54.00", "0.60", "0.60", "0.00", "0.70", "0.02"),
    "egg": ("598", "143", "9.90", "3.10", "0.70", "0.40", "0.00", "12.60", "0.36"),
    "honey": ("1360", "320", "0.00", "0.00", "80.00", "80.00", "0.00", "0.40", "0.01"),
    "juice": ("190", "45", "0.10", "0.00", "10.50", "10.10", "0.20", "0.10", "0.00"),
    "syrup": ("1150", "271", "0.10", "0.00", "65.00", "55.00", "2.00", "0.60", "0.05"),
    "potato": ("322", "77", "0.10", "0.00", "17.00", "0.80", "2.20", "2.00", "0.01"),
    "beef": ("590", "141", "5.00", "2.10", "0.00", "0.00", "0.00", "23.50", "0.15"),
    "bread": ("1010", "240", "3.00", "0.60", "41.00", "3.50", "7.00", "9.50", "1.10"),
}

# (storage nl, fr, en, preparation nl, fr, en)
TIPS: dict[str, tuple[str, str, str, str, str, str]] = {
    "fruit": (
        "Koel en donker bewaren, apart van groenten.",
        "Conserver au frais et à l'abri de la lumière, à part des légumes.",
        "Keep cool and dark, away from vegetables.",
        "Lekker vers, in compote of in een taart.",
        "Délicieux frais, en compote ou en tarte.",
        "Lovely fresh, stewed or in a pie.",
    ),
    "berries": (
        "In de koelkast bewaren en binnen twee dagen opeten.",
        "Conserver au réfrigérateur et consommer dans les deux jours.",
        "Keep in the fridge and eat within two days.",
        "Pas vlak voor gebruik wassen.",
        "Laver juste avant de consommer.",
        "Wash just before eating.",
    ),
    "dairy": (
        "Gekoeld bewaren tussen 2 en 6 °C.",
        "Conserver au frais entre 2 et 6 °C.",
        "Keep refrigerated between 2 and 6 °C.",
        "Rauwe melk even opkoken voor gebruik.",
        "Porter le lait cru à ébullition avant usage.",
        "Bring raw milk to the boil before use.",
    ),
    "cheese": (
        "In kaaspapier in de groentelade van de koelkast.",
        "Dans du papier à fromage, dans le bac à légumes du réfrigérateur.",
        "Wrapped in cheese paper in the vegetable drawer of the fridge.",
        "Een half uur voor het eten uit de koelkast halen.",
        "Sortir du réfrigérateur une demi-heure avant de servir.",
        "Take out of the fridge half an hour before serving.",
    ),
    "vegetables": (
        "Koel bewaren, bladgroenten in een vochtige doek.",
        "Conserver au frais, les légumes-feuilles dans un linge humide.",
        "Keep cool, leafy greens in a damp cloth.",
        "Kort koken of stomen om de smaak te bewaren.",
        "Cuire brièvement ou à la vapeur pour garder le goût.",
        "Boil briefly or steam to keep the flavour.",
    ),
    "meat": (
        "Gekoeld bewaren (max. 4 °C) of invriezen.",
        "Conserver au frais (max. 4 °C) ou congeler.",
        "Keep refrigerated (max. 4 °C) or freeze.",
        "Op kamertemperatuur laten komen voor het bakken.",
        "Laisser revenir à température ambiante avant cuisson.",
        "Let it come to room temperature before cooking.",
    ),
    "pantry": (
        "Droog en op kamertemperatuur bewaren; na opening in de koelkast.",
        "Conserver au sec à température ambiante ; au réfrigérateur après ouverture.",
        "Store dry at room temperature; refrigerate after opening.",
        "",
        "",
        "",
    ),
    "drink": (
        "Koel en donker bewaren; na opening binnen vijf dagen opdrinken.",
        "Conserver au frais et à l'abri de la lumière ; consommer dans les cinq jours après ouverture.",
        "Keep cool and dark; drink within five days of opening.",
        "Gekoeld serveren.",
        "Servir frais.",
        "Serve chilled.",
    ),
    "bakery": (
        "In een linnen zak; brood kan ook in de diepvriezer.",
        "Dans un sac en lin ; le pain se congèle aussi.",
        "In a linen bag; bread also freezes well.",
        "",
        "",
        "",
    ),
}

# Claims: (kind, nl, fr, en, evidence)
CLAIMS: dict[str, tuple[str, str, str, str, str]] = {
    "soil_fruit": (
        "soil_care",
        "Gras en kruiden tussen de bomenrijen, geen herbiciden op de strook.",
        "Herbe et plantes entre les rangs, pas d'herbicides sur la bande.",
        "Grass and herbs between the tree rows, no herbicides on the strip.",
        "Teeltregister 2024, perceelkaart en bodemanalyse (organische stof 2,4 %).",
    ),
    "biodiversity_fruit": (
        "biodiversity",
        "Bloemenstroken, hagen en nestkasten voor mezen en steenuilen in de boomgaard.",
        "Bandes fleuries, haies et nichoirs pour mésanges et chouettes chevêches dans le verger.",
        "Flower strips, hedges and nest boxes for tits and little owls in the orchard.",
        "Beheerovereenkomst met de Vlaamse Landmaatschappij (2023-2028).",
    ),
    "soil_veg": (
        "soil_care",
        "Niet-kerende grondbewerking en groenbemesters na elke oogst.",
        "Travail du sol sans labour et engrais verts après chaque récolte.",
        "No-till soil work and green manure after every harvest.",
        "Bodemanalyse 2024 van het Bodemkundig labo: organische stof gestegen van 1,8 naar 2,3 %.",
    ),
    "biodiversity_pasture": (
        "biodiversity",
        "Kruidenrijk grasland en late maaidata voor weidevogels.",
        "Prairies riches en fleurs et fauche tardive pour les oiseaux des prairies.",
        "Herb-rich grassland and late mowing for meadow birds.",
        "Vogeltelling Natuurpunt 2024: drie broedparen kievit op het bedrijf.",
    ),
    "animal_welfare": (
        "animal_welfare",
        "Dieren lopen minstens 180 dagen per jaar buiten.",
        "Les animaux sont dehors au moins 180 jours par an.",
        "Animals are outdoors at least 180 days a year.",
        "Weidegangregister en controle door de zuivelcoöperatie.",
    ),
    "biodiversity_bees": (
        "biodiversity",
        "Bijenkasten alleen in onbespoten boomgaarden en bij bloemrijke bermen.",
        "Ruches uniquement dans des vergers non traités et près de bords de route fleuris.",
        "Hives only in unsprayed orchards and near flowering verges.",
        "Lijst van standplaatsen met akkoord van de boomgaardeigenaars.",
    ),
    "packaging": (
        "packaging",
        "Statiegeld op alle flessen; we wassen en hergebruiken ze.",
        "Consigne sur toutes les bouteilles ; nous les lavons et les réutilisons.",
        "Deposit on every bottle; we wash and reuse them.",
        "Retourcijfer 2024: 87 % van de flessen kwam terug.",
    ),
}
