"""Texts for demo sales points: descriptions per type (nl, fr, en), notes on hours, change reports."""

from ..choices import SalesPointType as T

DESCRIPTIONS: dict[str, tuple[str, str, str]] = {
    T.FARM_SHOP: (
        "Winkel op het bedrijf met eigen producten en een aanvulling van collega's uit de streek.",
        "Magasin à la ferme avec nos produits et ceux de collègues de la région.",
        "Shop on the farm with our own produce and some from fellow farmers in the region.",
    ),
    T.VENDING_MACHINE: (
        "Automaat met verse producten van de boer; betalen met kaart of contactloos.",
        "Distributeur de produits frais de la ferme ; paiement par carte ou sans contact.",
        "Vending machine with fresh farm produce; pay by card or contactless.",
    ),
    T.HONESTY_STALL: (
        "Onbemand kraampje langs de weg: neem wat je wil en betaal in de geldkist of met Payconiq.",
        "Étal sans vendeur au bord de la route : servez-vous et payez dans la caisse ou par Payconiq.",
        "Unmanned roadside stall: take what you like and pay in the cash box or by phone.",
    ),
    T.FARMERS_MARKET: (
        "Wekelijkse boerenmarkt met telers, kaasmakers, slagers en bakkers uit de streek.",
        "Marché fermier hebdomadaire avec maraîchers, fromagers, bouchers et boulangers de la région.",
        "Weekly farmers' market with growers, cheese makers, butchers and bakers from the region.",
    ),
    T.SELF_HARVEST: (
        "Pluk zelf je fruit in het seizoen; emmers en bakjes zijn ter plaatse. Betalen per kilo.",
        "Cueillez vous-même en saison ; seaux et barquettes sur place. Paiement au kilo.",
        "Pick your own in season; buckets and punnets are provided. Pay by the kilo.",
    ),
    T.CSA: (
        "Oogstaandeel: leden betalen per seizoen en oogsten zelf op het veld.",
        "Récolte partagée : les membres paient par saison et récoltent eux-mêmes au champ.",
        "Community supported agriculture: members pay per season and harvest on the field themselves.",
    ),
    T.BOX_SCHEME: (
        "Wekelijks pakket met seizoensproducten, af te halen of aan huis geleverd.",
        "Colis hebdomadaire de produits de saison, à retirer ou livré à domicile.",
        "Weekly box of seasonal produce, to collect or delivered to your door.",
    ),
    T.BUYING_GROUP: (
        "Buren bestellen samen rechtstreeks bij boeren; eens per week afhalen in het depot.",
        "Des voisins commandent ensemble chez les producteurs ; retrait hebdomadaire au dépôt.",
        "Neighbours order together straight from farmers; collect once a week at the depot.",
    ),
    T.WEBSHOP: (
        "Online bestellen; afhalen op de hoeve of in een afhaalpunt, of levering in de regio.",
        "Commande en ligne ; retrait à la ferme ou en point relais, ou livraison dans la région.",
        "Order online; collect at the farm or a pickup point, or have it delivered in the region.",
    ),
    T.PICKUP_POINT: (
        "Afhaalpunt voor online bestellingen bij boeren uit de streek.",
        "Point de retrait des commandes en ligne auprès des fermes de la région.",
        "Pickup point for online orders from farms in the region.",
    ),
    T.B2B_DIRECT: (
        "Rechtstreekse levering aan horeca, winkels en grootkeukens; vraag de prijslijst.",
        "Livraison directe aux restaurants, magasins et cuisines collectives ; demandez le tarif.",
        "Direct delivery to restaurants, shops and institutional kitchens; ask for the price list.",
    ),
    T.FOOD_HUB: (
        "Verdeelcentrum dat bestellingen van boeren bundelt en leveringsrondes plant.",
        "Centre de distribution qui regroupe les commandes des fermes et planifie les tournées.",
        "Distribution centre that pools orders from farms and plans delivery rounds.",
    ),
}

HOURS_NOTES: dict[str, str] = {
    T.WEBSHOP: "Bestellen kan altijd; afhalen op vrijdag tussen 16 en 19 uur.",
    T.VENDING_MACHINE: "Wordt elke ochtend aangevuld.",
    T.BOX_SCHEME: "Bestellen tot woensdag 20 uur.",
    T.CSA: "Inschrijven per seizoen; oogsten op dinsdag en zaterdag.",
}

PICKUP_PLACES = (
    "bij bakkerij Het Korenaar",
    "aan de sporthal",
    "bij de basisschool",
    "aan het station",
    "in het gemeenschapshuis",
    "bij de apotheek",
    "aan de kerk",
)

VENDING_KINDS: dict[str, str] = {
    "fruit": "Fruitautomaat",
    "cherries": "Fruitautomaat",
    "strawberries": "Aardbeienautomaat",
    "dairy": "Zuivelautomaat",
    "eggs": "Eierautomaat",
    "vegetables": "Groenteautomaat",
    "chicory": "Witloofautomaat",
    "mixed": "Aardappelautomaat",
    "pork": "Vleesautomaat",
    "beef": "Vleesautomaat",
    "asparagus": "Aspergeautomaat",
    "juice": "Sapautomaat",
    "mushrooms": "Champignonautomaat",
    "bakery": "Broodautomaat",
}

STALL_KINDS: dict[str, str] = {
    "fruit": "Fruitkraam",
    "cherries": "Kersenkraam",
    "strawberries": "Aardbeienkraam",
    "vegetables": "Groentekraampje",
    "honey": "Honingkastje",
    "eggs": "Eierkraampje",
    "mixed": "Picknickkast",
}

# (kind, type of point it is about, message, proposed changes) for open change reports the officer can handle.
CHANGE_REPORTS: tuple[tuple[str, str, str, dict[str, object]], ...] = (
    ("change", T.VENDING_MACHINE, "De automaat aanvaardt nu ook Payconiq.",
     {"payment_methods": ["card", "contactless", "payconiq"]}),
    ("closed", T.HONESTY_STALL, "Het kraampje staat er niet meer sinds de zomer.", {}),
    ("change", T.FARM_SHOP, "Op zaterdag is de winkel open tot 17 uur, niet tot 12 uur.",
     {"hours_note": "Zaterdag 9-17 u"}),
    ("change", T.FARM_SHOP, "Nieuw telefoonnummer: 011 68 45 12.", {"phone": "+32 11 68 45 12"}),
)  # fmt: skip

PROPOSED_POINTS = (
    ("Eierkraampje Kerkstraat", "Ik kom hier elke week eieren halen; het staat nog niet op de kaart."),
    ("Fruitautomaat aan de kerk", "Nieuwe automaat met appels en appelsap sinds vorige maand."),
    ("Zelfpluk blauwe bessen De Heide", "Deze zomer kon je hier zelf blauwe bessen plukken."),
)
