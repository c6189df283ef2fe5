"""Place data for the demo region: municipalities, localities per postal code, streets and custom regions.

The municipalities are real (2025 names as in the territory tables); localities are the real sub-municipalities
(deelgemeenten, woonkernen) behind each postal code. Streets are common Flemish and Dutch street names.
"""

# Belgian municipalities around Sint-Truiden and Hasselt (Limburg and the east of Flemish Brabant).
BE_MUNICIPALITIES = (
    "Sint-Truiden",
    "Hasselt",
    "Tongeren-Borgloon",
    "Gingelom",
    "Nieuwerkerken",
    "Heers",
    "Alken",
    "Wellen",
    "Kortenaken",
    "Landen",
    "Zoutleeuw",
    "Herk-de-Stad",
    "Diepenbeek",
    "Bilzen-Hoeselt",
)

# Dutch municipalities of Noord-Limburg.
NL_MUNICIPALITIES = ("Venlo", "Horst aan de Maas", "Peel en Maas", "Venray")

DEMO_MUNICIPALITIES = BE_MUNICIPALITIES + NL_MUNICIPALITIES

# Municipalities that carry the title of city ("Stad ...") rather than "Gemeente ...".
CITIES = frozenset(
    {"Sint-Truiden", "Hasselt", "Tongeren-Borgloon", "Landen", "Zoutleeuw", "Herk-de-Stad", "Bilzen-Hoeselt", "Venlo"}
)

# (name, slug, description, municipality names)
CUSTOM_REGIONS = (
    (
        "Haspengouw",
        "haspengouw",
        "De fruitstreek van Limburg en Oost-Brabant: hoogstam- en laagstamboomgaarden, kersen, peren en appels.",
        (
            "Sint-Truiden",
            "Gingelom",
            "Nieuwerkerken",
            "Heers",
            "Alken",
            "Wellen",
            "Tongeren-Borgloon",
            "Landen",
            "Zoutleeuw",
            "Kortenaken",
            "Herk-de-Stad",
            "Bilzen-Hoeselt",
        ),
    ),
    (
        "Noord-Limburg",
        "noord-limburg",
        "Tuinbouwgebied langs de Maas en in de Peel: asperges, aardbeien, champignons en varkenshouderij.",
        NL_MUNICIPALITIES,
    ),
)

# Belgian postal code -> locality (the main sub-municipality behind the code).
BE_LOCALITIES = {
    "3350": "Linter",
    "3400": "Landen",
    "3401": "Walshoutem",
    "3404": "Attenhoven",
    "3440": "Zoutleeuw",
    "3470": "Kortenaken",
    "3471": "Hoeleden",
    "3472": "Kersbeek-Miskom",
    "3473": "Waanrode",
    "3500": "Hasselt",
    "3501": "Wimmertingen",
    "3510": "Kermt",
    "3511": "Kuringen",
    "3512": "Stevoort",
    "3540": "Herk-de-Stad",
    "3570": "Alken",
    "3590": "Diepenbeek",
    "3700": "Tongeren",
    "3720": "Kortessem",
    "3721": "Vliermaalroot",
    "3722": "Wintershoven",
    "3723": "Guigoven",
    "3724": "Vliermaal",
    "3730": "Hoeselt",
    "3732": "Schalkhoven",
    "3740": "Bilzen",
    "3742": "Martenslinde",
    "3746": "Hoelbeek",
    "3800": "Sint-Truiden",
    "3803": "Gorsem",
    "3806": "Velm",
    "3830": "Wellen",
    "3831": "Herten",
    "3832": "Ulbeek",
    "3840": "Borgloon",
    "3850": "Nieuwerkerken",
    "3870": "Heers",
    "3890": "Gingelom",
    "3891": "Borlo",
}

# The territory tables hold no Dutch postal codes: (four digits, locality) per municipality.
NL_POSTAL_CODES = {
    "Venlo": (("5911", "Venlo"), ("5914", "Venlo"), ("5921", "Blerick"), ("5926", "Blerick"), ("5931", "Tegelen")),
    "Horst aan de Maas": (
        ("5961", "Horst"),
        ("5963", "Hegelsom"),
        ("5964", "Meterik"),
        ("5966", "America"),
        ("5971", "Grubbenvorst"),
        ("5975", "Sevenum"),
    ),
    "Peel en Maas": (
        ("5981", "Panningen"),
        ("5986", "Beringe"),
        ("5988", "Helden"),
        ("5991", "Baarlo"),
        ("5993", "Maasbree"),
        ("5995", "Kessel"),
    ),
    "Venray": (
        ("5801", "Venray"),
        ("5803", "Venray"),
        ("5807", "Oostrum"),
        ("5813", "Ysselsteyn"),
        ("5815", "Merselo"),
    ),
}

# Telephone zone prefixes.
BE_PHONE_ZONES = {"Kortenaken": "16", "Landen": "11", "Zoutleeuw": "11"}
NL_PHONE_ZONES = {"Venray": "478"}

BE_STREETS = (
    "Kerkstraat",
    "Molenstraat",
    "Bergstraat",
    "Hoogstraat",
    "Kasteelstraat",
    "Dorpsstraat",
    "Veldstraat",
    "Kapelstraat",
    "Schoolstraat",
    "Boomgaardstraat",
    "Bosstraat",
    "Fruitlaan",
    "Steenweg",
    "Tiensesteenweg",
    "Luikersteenweg",
    "Hasseltsesteenweg",
    "Kersenlaan",
    "Perenstraat",
    "Hoevestraat",
    "Beekstraat",
    "Kluisstraat",
    "Hulststraat",
    "Driesstraat",
    "Grensstraat",
    "Processieweg",
    "Weidestraat",
    "Holle Weg",
    "Bronstraat",
)

NL_STREETS = (
    "Kerkstraat",
    "Dorpstraat",
    "Molenweg",
    "Venrayseweg",
    "Peelweg",
    "Maasweg",
    "Hoogstraat",
    "Broekstraat",
    "Schoolstraat",
    "Kasteellaan",
    "Heideweg",
    "Kloosterstraat",
    "Aspergeweg",
    "Boomgaardweg",
    "Hoebenstraat",
    "Ooijenseweg",
)

MARKET_PLACES = ("Grote Markt", "Kerkplein", "Marktplein", "Dorpsplein", "Stadsplein")
