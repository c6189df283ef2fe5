"""The organisations of the demo region: who they are, where, what they make, and how they describe themselves."""

from dataclasses import dataclass, field

from ..choices import OrganisationKind as Kind
from ..choices import Practice as P


@dataclass(frozen=True)
class OrganisationSpec:
    key: str
    kind: str
    name: str
    municipality: str
    specialism: str
    organic: bool = False
    practices: tuple[str, ...] = field(default_factory=tuple)
    founded: int = 1990


# fmt: off
ORGANISATIONS: tuple[OrganisationSpec, ...] = (
    # Producers in Haspengouw and around Hasselt.
    OrganisationSpec("vanherck", Kind.PRODUCER, "Fruitbedrijf Vanherck", "Sint-Truiden", "fruit", False,
                     (P.LOW_INPUT, P.WATER_SAVING), 1978),
    OrganisationSpec("kersenbloesem", Kind.PRODUCER, "Hoeve De Kersenbloesem", "Gingelom", "cherries", False,
                     (P.NATURE_INCLUSIVE,), 1994),
    OrganisationSpec("bollen", Kind.PRODUCER, "Fruithoeve Bollen", "Tongeren-Borgloon", "fruit", False,
                     (P.LOW_INPUT,), 1986),
    OrganisationSpec("tilkin", Kind.PRODUCER, "Aardbeienhof Tilkin", "Heers", "strawberries", False,
                     (P.WATER_SAVING,), 2003),
    OrganisationSpec("perelke", Kind.PRODUCER, "Boomgaard 't Perelke", "Wellen", "fruit", True,
                     (P.ORGANIC, P.AGROFORESTRY, P.NATURE_INCLUSIVE), 2011),
    OrganisationSpec("claes", Kind.PRODUCER, "Fruitteelt Claes-Moors", "Nieuwerkerken", "fruit", False,
                     (P.LOW_INPUT,), 1969),
    OrganisationSpec("poorten", Kind.PRODUCER, "Hof ter Poorten", "Alken", "cherries", False,
                     (P.NATURE_INCLUSIVE, P.LOW_INPUT), 1999),
    OrganisationSpec("terlinden", Kind.PRODUCER, "Melkveebedrijf Hoeve Ter Linden", "Kortenaken", "dairy", False,
                     (P.PASTURE,), 1982),
    OrganisationSpec("wittemerel", Kind.PRODUCER, "Zuivelhoeve De Witte Merel", "Heers", "dairy", True,
                     (P.ORGANIC, P.PASTURE), 2007),
    OrganisationSpec("klaverblad", Kind.PRODUCER, "Geitenhoeve Het Klaverblad", "Diepenbeek", "goat_dairy", False,
                     (P.PASTURE, P.SOCIAL_FARM), 2014),
    OrganisationSpec("zavelhoeve", Kind.PRODUCER, "Groentekwekerij De Zavelhoeve", "Landen", "vegetables", False,
                     (P.NO_TILL, P.WATER_SAVING), 1992),
    OrganisationSpec("groeneveld", Kind.PRODUCER, "Biohof Het Groene Veld", "Hasselt", "vegetables", True,
                     (P.ORGANIC, P.AGROECOLOGY, P.NO_TILL), 2012),
    OrganisationSpec("dewortel", Kind.PRODUCER, "Zelfoogsttuin De Wortel", "Zoutleeuw", "vegetables", True,
                     (P.ORGANIC, P.AGROECOLOGY), 2016),
    OrganisationSpec("vandormael", Kind.PRODUCER, "Witloofkwekerij Vandormael", "Kortenaken", "chicory", False,
                     (P.WATER_SAVING,), 1975),
    OrganisationSpec("kapelhof", Kind.PRODUCER, "Hoeve Kapelhof", "Herk-de-Stad", "beef", False,
                     (P.PASTURE, P.NATURE_INCLUSIVE), 1988),
    OrganisationSpec("eikelhof", Kind.PRODUCER, "Varkenshoeve De Eikelhof", "Bilzen-Hoeselt", "pork", False,
                     (P.LOW_INPUT,), 1996),
    OrganisationSpec("kippenhof", Kind.PRODUCER, "Pluimveehoeve 't Kippenhof", "Wellen", "eggs", False,
                     (P.PASTURE,), 2005),
    OrganisationSpec("haspengouwsebij", Kind.PRODUCER, "Imkerij De Haspengouwse Bij", "Tongeren-Borgloon", "honey",
                     False, (P.NATURE_INCLUSIVE,), 2001),
    OrganisationSpec("zoemhof", Kind.PRODUCER, "Imkerij Zoemhof", "Alken", "honey", True,
                     (P.ORGANIC, P.NATURE_INCLUSIVE), 2018),
    OrganisationSpec("kempkes", Kind.PRODUCER, "Schapenhoeve De Kempkes", "Hasselt", "lamb", False,
                     (P.PASTURE, P.NATURE_INCLUSIVE), 2009),
    OrganisationSpec("driesveld", Kind.PRODUCER, "Hoeve Driesveld", "Bilzen-Hoeselt", "mixed", False,
                     (P.LOW_INPUT, P.SOCIAL_FARM), 1984),
    # Producers in Noord-Limburg (NL).
    OrganisationSpec("verhaegh", Kind.PRODUCER, "Aspergekwekerij Verhaegh", "Horst aan de Maas", "asparagus", False,
                     (P.WATER_SAVING,), 1980),
    OrganisationSpec("peelhoeve", Kind.PRODUCER, "Kwekerij De Peelhoeve", "Peel en Maas", "vegetables", True,
                     (P.ORGANIC, P.NATURE_INCLUSIVE), 2010),
    OrganisationSpec("hendrix", Kind.PRODUCER, "Fruitbedrijf Hendrix", "Venray", "fruit", False,
                     (P.LOW_INPUT,), 1972),
    OrganisationSpec("maasweide", Kind.PRODUCER, "Zuivelboerderij De Maasweide", "Venlo", "dairy", False,
                     (P.PASTURE, P.NATURE_INCLUSIVE), 1991),
    OrganisationSpec("terhorst", Kind.PRODUCER, "Hoeve Ter Horst", "Horst aan de Maas", "pork", False,
                     (P.LOW_INPUT,), 1987),
    OrganisationSpec("janssen", Kind.PRODUCER, "Champignonkwekerij Janssen", "Peel en Maas", "mushrooms", False,
                     (P.WATER_SAVING,), 1993),
    # Processors.
    OrganisationSpec("fruitpers", Kind.PROCESSOR, "Fruitpers Haspengouw", "Sint-Truiden", "juice", False, (), 1998),
    OrganisationSpec("terbeemden", Kind.PROCESSOR, "Kaasmakerij Ter Beemden", "Alken", "cheese", False, (), 2006),
    OrganisationSpec("vanmechelen", Kind.PROCESSOR, "Slagerij Vanmechelen", "Sint-Truiden", "butcher", False, (), 1964),
    OrganisationSpec("appelboom", Kind.PROCESSOR, "Brouwerij Den Appelboom", "Tongeren-Borgloon", "brewery", False,
                     (), 2015),
    OrganisationSpec("stroopstokerij", Kind.PROCESSOR, "Stroopstokerij De Haspengouwse Pers", "Heers", "syrup",
                     False, (), 1950),
    OrganisationSpec("graanschuur", Kind.PROCESSOR, "Hoevebakkerij De Graanschuur", "Landen", "bakery", True,
                     (P.ORGANIC,), 2008),
    # Hubs, buyers and the social side.
    OrganisationSpec("hubhaspengouw", Kind.HUB, "Voedselhub Haspengouw", "Sint-Truiden", "hub", False, (), 2019),
    OrganisationSpec("hubnoordlimburg", Kind.HUB, "Streekhub Noord-Limburg", "Horst aan de Maas", "hub", False, (),
                     2020),
    OrganisationSpec("fruitgaard", Kind.HORECA, "Restaurant De Fruitgaard", "Sint-Truiden", "horeca", False, (), 2012),
    OrganisationSpec("begijnhof", Kind.HORECA, "Brasserie 't Begijnhof", "Hasselt", "horeca", False, (), 2004),
    OrganisationSpec("maaskant", Kind.HORECA, "Eetcafé De Maaskant", "Venlo", "horeca", False, (), 2010),
    OrganisationSpec("sintjozef", Kind.CARE, "Woonzorgcentrum Sint-Jozef", "Sint-Truiden", "care", False, (), 1972),
    OrganisationSpec("klimop", Kind.SCHOOL, "Vrije Basisschool De Klimop", "Alken", "school", False, (), 1958),
    OrganisationSpec("smaakvol", Kind.CATERING, "Traiteur Smaakvol Limburg", "Hasselt", "catering", False, (), 2001),
    OrganisationSpec("voedselbank", Kind.FOOD_BANK, "Voedselbank Haspengouw", "Sint-Truiden", "food_bank", False, (),
                     1996),
    OrganisationSpec("kruideniertje", Kind.RETAILER, "Buurtwinkel 't Kruideniertje", "Zoutleeuw", "retailer", False,
                     (), 2017),
)
# fmt: on


# Descriptions per specialism: (nl, fr, en) with {name}, {locality}, {founded} and {hectares} filled in.
DESCRIPTIONS: dict[str, tuple[str, str, str]] = {
    "fruit": (
        "Familiebedrijf in {locality} met {hectares} hectare boomgaard. We telen appels en peren en verkopen ze "
        "rechtstreeks aan huis, sinds {founded}.",
        "Entreprise familiale à {locality} avec {hectares} hectares de vergers. Nous cultivons pommes et poires et "
        "les vendons directement à la ferme, depuis {founded}.",
        "Family farm in {locality} with {hectares} hectares of orchards. We grow apples and pears and sell them "
        "straight from the farm, since {founded}.",
    ),
    "cherries": (
        "Kersen- en fruitteler in {locality}: {hectares} hectare kersen, appels en peren. In juni en juli kan je bij "
        "ons zelf kersen plukken.",
        "Producteur de cerises et de fruits à {locality} : {hectares} hectares de cerisiers, pommiers et poiriers. "
        "En juin et juillet, cueillette à la ferme.",
        "Cherry and fruit grower in {locality}: {hectares} hectares of cherries, apples and pears. Pick your own "
        "cherries in June and July.",
    ),
    "strawberries": (
        "Aardbeien uit {locality} van mei tot september, geteeld op stellingen en in volle grond. Ook zelfpluk.",
        "Fraises de {locality} de mai à septembre, cultivées hors-sol et en pleine terre. Cueillette possible.",
        "Strawberries from {locality} from May to September, grown on tables and in the open field. Pick your own.",
    ),
    "dairy": (
        "Melkveebedrijf in {locality} met {hectares} hectare grasland. Onze koeien lopen van april tot november in "
        "de wei; we verwerken de melk zelf tot boter, yoghurt, kaas en ijs.",
        "Ferme laitière à {locality} avec {hectares} hectares de prairies. Nos vaches pâturent d'avril à novembre ; "
        "nous transformons le lait en beurre, yaourt, fromage et glace.",
        "Dairy farm in {locality} with {hectares} hectares of grassland. Our cows graze from April to November; we "
        "make our own butter, yoghurt, cheese and ice cream.",
    ),
    "goat_dairy": (
        "Kleinschalige geitenhouderij in {locality} met een zorgwerking. Verse en belegen geitenkaas van eigen melk.",
        "Petit élevage de chèvres à {locality} avec accueil à la ferme. Fromages de chèvre frais et affinés.",
        "Small goat farm in {locality} that is also a care farm. Fresh and matured goat cheese from our own milk.",
    ),
    "vegetables": (
        "Groenteteelt in {locality} op {hectares} hectare. Seizoensgroenten, geoogst op de dag dat je ze koopt.",
        "Maraîchage à {locality} sur {hectares} hectares. Légumes de saison, récoltés le jour de la vente.",
        "Vegetable growing in {locality} on {hectares} hectares. Seasonal vegetables, picked on the day you buy them.",
    ),
    "chicory": (
        "Witloof van eigen teelt uit {locality}, getrokken in volle grond zoals vroeger, en aardappelen.",
        "Chicons de {locality}, forcés en pleine terre comme autrefois, et pommes de terre.",
        "Chicory from {locality}, forced in soil the traditional way, and potatoes.",
    ),
    "asparagus": (
        "Limburgse asperges en aardbeien uit {locality}, sinds {founded} in de familie.",
        "Asperges et fraises du Limbourg de {locality}, dans la famille depuis {founded}.",
        "Limburg asparagus and strawberries from {locality}, in the family since {founded}.",
    ),
    "mushrooms": (
        "Champignons en oesterzwammen uit {locality}, gekweekt op compost van eigen makelij.",
        "Champignons de Paris et pleurotes de {locality}, cultivés sur notre propre compost.",
        "Button and oyster mushrooms from {locality}, grown on our own compost.",
    ),
    "beef": (
        "Limousinrunderen die het hele jaar buiten lopen in de beemden van {locality}. Vleespakketten op bestelling.",
        "Bovins limousins élevés toute l'année en plein air dans les prairies de {locality}. Colis de viande sur "
        "commande.",
        "Limousin cattle that live outdoors all year in the meadows of {locality}. Meat boxes to order.",
    ),
    "pork": (
        "Varkens met stro en uitloop in {locality}; vers vlees en charcuterie van eigen dieren.",
        "Porcs élevés sur paille avec accès extérieur à {locality} ; viande fraîche et charcuterie maison.",
        "Pigs on straw with outdoor access in {locality}; fresh meat and charcuterie from our own animals.",
    ),
    "eggs": (
        "Scharrel- en vrije-uitloopkippen in {locality}. Verse eieren elke dag en soepkippen op bestelling.",
        "Poules en plein air à {locality}. Œufs frais chaque jour et poules à bouillir sur commande.",
        "Free-range hens in {locality}. Fresh eggs every day and boiling fowl to order.",
    ),
    "honey": (
        "Imker met bijenkasten in de boomgaarden rond {locality}: fruitbloesemhoning, zomerhoning en was.",
        "Apiculteur avec des ruches dans les vergers autour de {locality} : miel de fleurs de fruitiers, miel d'été.",
        "Beekeeper with hives in the orchards around {locality}: fruit blossom honey, summer honey and wax.",
    ),
    "lamb": (
        "Schapen die natuurgebieden rond {locality} begrazen; lamsvlees in het najaar.",
        "Moutons qui pâturent les réserves naturelles autour de {locality} ; agneau en automne.",
        "Sheep that graze the nature reserves around {locality}; lamb in autumn.",
    ),
    "mixed": (
        "Gemengd bedrijf in {locality}: aardappelen, groenten, eieren en fruit. Zorgboerderij met dagbesteding.",
        "Ferme mixte à {locality} : pommes de terre, légumes, œufs et fruits. Ferme d'accueil de jour.",
        "Mixed farm in {locality}: potatoes, vegetables, eggs and fruit. A care farm with day activities.",
    ),
    "juice": (
        "Loonpersing en eigen sappen in {locality}: we persen het fruit van telers uit de streek tot sap en cider.",
        "Pressage à façon et jus maison à {locality} : nous pressons les fruits des producteurs de la région.",
        "Contract pressing and our own juices in {locality}: we press fruit from growers in the region into juice "
        "and cider.",
    ),
    "cheese": (
        "Kaasmakerij in {locality} die melk van drie melkveebedrijven uit de buurt verwerkt tot hoevekaas.",
        "Fromagerie à {locality} qui transforme le lait de trois fermes voisines en fromages fermiers.",
        "Cheese dairy in {locality} making farmhouse cheese from the milk of three neighbouring farms.",
    ),
    "butcher": (
        "Ambachtelijke slagerij in {locality} sinds {founded}, met vlees van boeren uit Haspengouw.",
        "Boucherie artisanale à {locality} depuis {founded}, avec de la viande d'éleveurs de Hesbaye.",
        "Craft butcher in {locality} since {founded}, with meat from Haspengouw farmers.",
    ),
    "brewery": (
        "Hoevebrouwerij in {locality}: bier met graan en kersen uit de streek, en cider van hoogstamappels.",
        "Brasserie fermière à {locality} : bières aux céréales et cerises locales, cidre de pommes haute-tige.",
        "Farm brewery in {locality}: beer with local grain and cherries, and cider from standard-tree apples.",
    ),
    "syrup": (
        "Stroopstokerij in {locality} die appels en peren uit Haspengouw traag inkookt tot stroop.",
        "Siroperie à {locality} qui cuit lentement pommes et poires de Hesbaye en sirop.",
        "Syrup maker in {locality} slowly cooking Haspengouw apples and pears into fruit syrup.",
    ),
    "bakery": (
        "Hoevebakkerij in {locality}: brood met bloem van eigen graan, en Limburgse vlaaien met fruit uit de streek.",
        "Boulangerie à la ferme à {locality} : pain de notre propre blé, tartes limbourgeoises aux fruits locaux.",
        "Farm bakery in {locality}: bread from our own grain, and Limburg flans with local fruit.",
    ),
    "hub": (
        "Coöperatieve voedselhub in {locality}: we bundelen het aanbod van boeren uit de streek en leveren aan "
        "keukens, scholen en winkels.",
        "Plateforme alimentaire coopérative à {locality} : nous regroupons l'offre des fermes et livrons cuisines, "
        "écoles et magasins.",
        "Cooperative food hub in {locality}: we pool the produce of farms in the region and deliver to kitchens, "
        "schools and shops.",
    ),
    "horeca": (
        "Restaurant in {locality} dat kookt met wat de boeren uit de buurt die week oogsten.",
        "Restaurant à {locality} qui cuisine ce que les fermes voisines récoltent cette semaine.",
        "Restaurant in {locality} cooking with what nearby farms harvest that week.",
    ),
    "care": (
        "Woonzorgcentrum in {locality} met eigen keuken; we kopen groenten, fruit en zuivel zo lokaal mogelijk.",
        "Maison de repos à {locality} avec cuisine propre ; nous achetons légumes, fruits et laitages locaux.",
        "Care home in {locality} with its own kitchen; we buy vegetables, fruit and dairy as locally as we can.",
    ),
    "school": (
        "Basisschool in {locality} met een schooltuin en elke dag fruit van een teler uit de gemeente.",
        "École primaire à {locality} avec potager et fruits d'un producteur de la commune chaque jour.",
        "Primary school in {locality} with a school garden and fruit from a local grower every day.",
    ),
    "catering": (
        "Traiteur en grootkeuken in {locality} voor bedrijven, scholen en feesten, met streekproducten.",
        "Traiteur et cuisine collective à {locality} pour entreprises, écoles et fêtes, avec des produits locaux.",
        "Caterer and central kitchen in {locality} for businesses, schools and parties, with regional produce.",
    ),
    "food_bank": (
        "Voedselbank en sociale kruidenier in {locality}; we nemen overschotten van boeren graag aan.",
        "Banque alimentaire et épicerie sociale à {locality} ; nous accueillons volontiers les surplus des fermes.",
        "Food bank and social grocery in {locality}; we gladly take surplus produce from farms.",
    ),
    "retailer": (
        "Buurtwinkel in {locality} met een rek vol producten van boeren uit de streek.",
        "Épicerie de quartier à {locality} avec un rayon de produits de fermes de la région.",
        "Neighbourhood shop in {locality} with a shelf full of produce from farms in the region.",
    ),
    "municipality": (
        "Het lokaal bestuur van {name} houdt de inventaris van korte-ketenverkooppunten bij.",
        "L'administration locale de {name} tient l'inventaire des points de vente en circuit court.",
        "The local government of {name} keeps the inventory of short-chain sales points.",
    ),
}

# Top-level product type keys a specialism sells (sales point categories).
CATEGORIES: dict[str, tuple[str, ...]] = {
    "fruit": ("fruit", "drink"),
    "cherries": ("fruit",),
    "strawberries": ("fruit",),
    "dairy": ("dairy-product",),
    "goat_dairy": ("dairy-product",),
    "vegetables": ("vegetable",),
    "chicory": ("vegetable",),
    "asparagus": ("vegetable", "fruit"),
    "mushrooms": ("vegetable",),
    "beef": ("meat-product",),
    "pork": ("meat-product",),
    "eggs": ("meat-product",),
    "honey": ("local-grocery-store",),
    "lamb": ("meat-product",),
    "mixed": ("vegetable", "fruit", "meat-product"),
    "juice": ("drink",),
    "cheese": ("dairy-product",),
    "butcher": ("meat-product",),
    "brewery": ("drink",),
    "syrup": ("local-grocery-store",),
    "bakery": ("bakery",),
}
