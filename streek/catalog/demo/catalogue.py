"""What each demo producer and processor sells, by specialism (see organisations.py)."""

from .products import ALL_YEAR, ProductSpec, VariantSpec

# fmt: off
V = VariantSpec
KG = "Kilogram"
G = "Gram"
L = "Litre"
PC = "Piece"

FRUIT = (
    ProductSpec("Appels Jonagold", "Pommes Jonagold", "Jonagold apples", "apples", (1, 2, 3, 4, 5, 9, 10, 11, 12),
                (V("per kg", "1", KG, "2.10"), V("kist van 5 kg", "5", KG, "8.90")), nutrition="apple", tips="fruit",
                claims=("soil_fruit",)),
    ProductSpec("Appels Elstar", "Pommes Elstar", "Elstar apples", "apples", (1, 2, 3, 8, 9, 10, 11, 12),
                (V("per kg", "1", KG, "2.30"), V("zak van 2 kg", "2", KG, "4.20")), nutrition="apple", tips="fruit"),
    ProductSpec("Appels Boskoop", "Pommes Boskoop", "Boskoop apples", "apples", (1, 2, 3, 4, 10, 11, 12),
                (V("per kg", "1", KG, "2.00"),), nutrition="apple", tips="fruit"),
    ProductSpec("Appels Kanzi", "Pommes Kanzi", "Kanzi apples", "apples", (1, 2, 3, 4, 5, 10, 11, 12),
                (V("per kg", "1", KG, "2.60"),), nutrition="apple", tips="fruit"),
    ProductSpec("Peren Conference", "Poires Conférence", "Conference pears", "pear", (1, 2, 3, 4, 5, 9, 10, 11, 12),
                (V("per kg", "1", KG, "2.20"), V("kist van 5 kg", "5", KG, "9.50")), nutrition="pear", tips="fruit",
                claims=("biodiversity_fruit",)),
    ProductSpec("Peren Doyenné du Comice", "Poires Doyenné du Comice", "Doyenné du Comice pears", "pear",
                (1, 10, 11, 12), (V("per kg", "1", KG, "2.90"),), nutrition="pear", tips="fruit"),
    ProductSpec("Stoofperen Gieser Wildeman", "Poires à cuire Gieser Wildeman", "Gieser Wildeman stewing pears",
                "pear", (1, 2, 3, 10, 11, 12), (V("per kg", "1", KG, "2.40"),), nutrition="pear", tips="fruit"),
    ProductSpec("Pruimen Opal", "Prunes Opal", "Opal plums", "plum", (7, 8),
                (V("bakje 500 g", "500", G, "2.80"),), tips="berries"),
    ProductSpec("Appelsap van eigen appels", "Jus de pommes de nos vergers", "Apple juice from our own apples",
                "fruit-juice", ALL_YEAR, (V("fles 1 l", "1", L, "2.30"), V("bag-in-box 5 l", "5", L, "9.40")),
                nutrition="juice", tips="drink"),
)

CHERRIES = (
    ProductSpec("Kersen Kordia", "Cerises Kordia", "Kordia cherries", "cherry", (6, 7),
                (V("bakje 500 g", "500", G, "4.50"), V("per kg", "1", KG, "8.20")), nutrition="cherry",
                tips="berries", claims=("biodiversity_fruit",)),
    ProductSpec("Kersen Regina", "Cerises Regina", "Regina cherries", "cherry", (7,),
                (V("bakje 500 g", "500", G, "4.80"),), nutrition="cherry", tips="berries"),
    ProductSpec("Krieken (zure kersen)", "Griottes", "Sour cherries", "cherry", (7,),
                (V("per kg", "1", KG, "6.50"),), tips="berries"),
    ProductSpec("Kersenconfituur", "Confiture de cerises", "Cherry jam", "jam", ALL_YEAR,
                (V("pot 370 g", "370", G, "4.20"),), tips="pantry"),
    ProductSpec("Peren Conference", "Poires Conférence", "Conference pears", "pear", (1, 2, 3, 9, 10, 11, 12),
                (V("per kg", "1", KG, "2.20"),), nutrition="pear", tips="fruit"),
    ProductSpec("Appels Jonagold", "Pommes Jonagold", "Jonagold apples", "apples", (1, 2, 3, 9, 10, 11, 12),
                (V("per kg", "1", KG, "2.10"),), nutrition="apple", tips="fruit"),
)

STRAWBERRIES = (
    ProductSpec("Aardbeien Elsanta", "Fraises Elsanta", "Elsanta strawberries", "strawberry", (5, 6, 7, 8, 9),
                (V("bakje 500 g", "500", G, "3.60"), V("schaal 1 kg", "1", KG, "6.80")), nutrition="strawberry",
                tips="berries", claims=("soil_veg",)),
    ProductSpec("Aardbeien Malling Centenary", "Fraises Malling Centenary", "Malling Centenary strawberries",
                "strawberry", (5, 6, 7), (V("bakje 500 g", "500", G, "3.90"),), nutrition="strawberry",
                tips="berries"),
    ProductSpec("Frambozen", "Framboises", "Raspberries", "raspberry", (6, 7, 8, 9),
                (V("bakje 250 g", "250", G, "3.40"),), tips="berries"),
    ProductSpec("Rode bessen", "Groseilles rouges", "Redcurrants", "currant", (6, 7),
                (V("bakje 250 g", "250", G, "2.60"),), tips="berries"),
    ProductSpec("Aardbeienconfituur", "Confiture de fraises", "Strawberry jam", "jam", ALL_YEAR,
                (V("pot 370 g", "370", G, "3.90"),), tips="pantry"),
)

DAIRY = (
    ProductSpec("Verse hoevemelk", "Lait cru de la ferme", "Fresh farm milk", "milk", ALL_YEAR,
                (V("fles 1 l", "1", L, "1.10"),), ("milk",), "milk", "dairy", claims=("animal_welfare",)),
    ProductSpec("Hoeveboter", "Beurre fermier", "Farm butter", "butter", ALL_YEAR,
                (V("blok 250 g", "250", G, "3.20"),), ("milk",), "butter", "dairy"),
    ProductSpec("Natuuryoghurt", "Yaourt nature", "Natural yoghurt", "natural-yogurt", ALL_YEAR,
                (V("pot 500 g", "500", G, "1.90"), V("emmer 1 l", "1", L, "3.30")), ("milk",), "yoghurt", "dairy"),
    ProductSpec("Aardbeienyoghurt", "Yaourt aux fraises", "Strawberry yoghurt", "yogurt-with-fruits", ALL_YEAR,
                (V("pot 500 g", "500", G, "2.30"),), ("milk",), "", "dairy"),
    ProductSpec("Jonge hoevekaas", "Fromage fermier jeune", "Young farmhouse cheese", "mature-cheese", ALL_YEAR,
                (V("per kg", "1", KG, "15.90"), V("stuk 500 g", "500", G, "8.20")), ("milk",), "cheese", "cheese",
                claims=("biodiversity_pasture",)),
    ProductSpec("Plattekaas", "Fromage blanc", "Quark", "fresh-cheese", ALL_YEAR,
                (V("pot 500 g", "500", G, "2.40"),), ("milk",), "", "dairy"),
    ProductSpec("Hoeverijstpap", "Riz au lait de la ferme", "Farm rice pudding", "dairy-dessert", ALL_YEAR,
                (V("pot 1 l", "1", L, "4.60"),), ("milk",), "", "dairy"),
    ProductSpec("Hoeve-ijs vanille", "Glace fermière vanille", "Farm vanilla ice cream", "dairy-dessert", ALL_YEAR,
                (V("doos 1 l", "1", L, "7.20"), V("potje 125 ml", "0.125", L, "1.60")), ("milk", "eggs"), "",
                "dairy"),
)

GOAT_DAIRY = (
    ProductSpec("Geitenmelk", "Lait de chèvre", "Goat milk", "goat-milk", ALL_YEAR,
                (V("fles 1 l", "1", L, "2.10"),), ("milk",), "", "dairy"),
    ProductSpec("Verse geitenkaas", "Fromage de chèvre frais", "Fresh goat cheese", "goat-fresh-cheese",
                (3, 4, 5, 6, 7, 8, 9, 10, 11), (V("rolletje 150 g", "150", G, "3.70"),), ("milk",), "", "cheese",
                claims=("animal_welfare",)),
    ProductSpec("Belegen geitenkaas", "Fromage de chèvre affiné", "Matured goat cheese", "goat-mature-cheese",
                ALL_YEAR, (V("per kg", "1", KG, "22.50"),), ("milk",), "cheese", "cheese"),
    ProductSpec("Geitenyoghurt", "Yaourt de chèvre", "Goat yoghurt", "goat-natural-yogurt", ALL_YEAR,
                (V("pot 500 g", "500", G, "2.80"),), ("milk",), "", "dairy"),
)

VEGETABLES = (
    ProductSpec("Aardappelen Nicola (vastkokend)", "Pommes de terre Nicola (chair ferme)", "Nicola potatoes (waxy)",
                "potato", (1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 12),
                (V("zak 2,5 kg", "2.5", KG, "2.80"), V("zak 10 kg", "10", KG, "8.50")), nutrition="potato",
                tips="vegetables", claims=("soil_veg",)),
    ProductSpec("Aardappelen Bintje (bloemig)", "Pommes de terre Bintje (farineuses)", "Bintje potatoes (floury)",
                "potato", (1, 2, 3, 4, 8, 9, 10, 11, 12), (V("zak 10 kg", "10", KG, "7.90"),), nutrition="potato",
                tips="vegetables"),
    ProductSpec("Wortelen", "Carottes", "Carrots", "carrot", (1, 2, 3, 6, 7, 8, 9, 10, 11, 12),
                (V("bussel", "1", PC, "1.80"), V("per kg", "1", KG, "1.60")), tips="vegetables"),
    ProductSpec("Prei", "Poireaux", "Leeks", "leek", (1, 2, 3, 4, 9, 10, 11, 12),
                (V("per stuk", "1", PC, "0.90"),), tips="vegetables"),
    ProductSpec("Uien", "Oignons", "Onions", "onion", (1, 2, 3, 4, 8, 9, 10, 11, 12),
                (V("net 1 kg", "1", KG, "1.40"),), tips="vegetables"),
    ProductSpec("Kropsla", "Laitue", "Butterhead lettuce", "lettuce", (5, 6, 7, 8, 9, 10),
                (V("per krop", "1", PC, "1.10"),), tips="vegetables"),
    ProductSpec("Tomaten", "Tomates", "Tomatoes", "round-tomato", (6, 7, 8, 9, 10),
                (V("per kg", "1", KG, "3.40"),), tips="vegetables"),
    ProductSpec("Kerstomaatjes", "Tomates cerises", "Cherry tomatoes", "cherry-tomato", (6, 7, 8, 9),
                (V("bakje 250 g", "250", G, "2.20"),), tips="vegetables"),
    ProductSpec("Courgettes", "Courgettes", "Courgettes", "courgette", (6, 7, 8, 9),
                (V("per stuk", "1", PC, "0.95"),), tips="vegetables"),
    ProductSpec("Potimarron", "Potimarron", "Red kuri squash", "uchiki-kuri-squash", (9, 10, 11, 12),
                (V("per stuk", "1", PC, "2.50"),), tips="vegetables"),
    ProductSpec("Spruitjes", "Choux de Bruxelles", "Brussels sprouts", "brussels-sprouts", (1, 2, 10, 11, 12),
                (V("per kg", "1", KG, "3.20"),), tips="vegetables"),
    ProductSpec("Boerenkool", "Chou frisé", "Curly kale", "kale", (1, 2, 11, 12),
                (V("zak 500 g", "500", G, "1.90"),), tips="vegetables"),
    ProductSpec("Rode bieten", "Betteraves rouges", "Beetroot", "beetroot", (1, 2, 3, 7, 8, 9, 10, 11, 12),
                (V("per kg", "1", KG, "2.10"),), tips="vegetables"),
    ProductSpec("Rabarber", "Rhubarbe", "Rhubarb", "rhubarb", (4, 5, 6), (V("per kg", "1", KG, "3.50"),),
                tips="vegetables"),
    ProductSpec("Pastinaak", "Panais", "Parsnip", "parsnip", (1, 2, 3, 10, 11, 12),
                (V("per kg", "1", KG, "2.90"),), tips="vegetables"),
)

CHICORY = (
    ProductSpec("Grondwitloof", "Chicons de pleine terre", "Soil-forced chicory", "chicory", (1, 2, 3, 4, 10, 11, 12),
                (V("per kg", "1", KG, "4.20"), V("doos 5 kg", "5", KG, "19.00")), tips="vegetables",
                claims=("soil_veg",)),
    ProductSpec("Aardappelen Nicola (vastkokend)", "Pommes de terre Nicola (chair ferme)", "Nicola potatoes (waxy)",
                "potato", (1, 2, 3, 4, 8, 9, 10, 11, 12), (V("zak 5 kg", "5", KG, "4.90"),), nutrition="potato",
                tips="vegetables"),
    ProductSpec("Prei", "Poireaux", "Leeks", "leek", (1, 2, 3, 10, 11, 12), (V("per stuk", "1", PC, "0.90"),),
                tips="vegetables"),
)

ASPARAGUS = (
    ProductSpec("Witte asperges klasse I", "Asperges blanches classe I", "White asparagus class I", "asparagus",
                (4, 5, 6), (V("per kg", "1", KG, "11.50"), V("bos 500 g", "500", G, "6.20")), tips="vegetables",
                claims=("soil_veg",)),
    ProductSpec("Soepasperges", "Asperges pour soupe", "Asparagus for soup", "asparagus", (4, 5, 6),
                (V("per kg", "1", KG, "5.50"),), tips="vegetables"),
    ProductSpec("Aardbeien Elsanta", "Fraises Elsanta", "Elsanta strawberries", "strawberry", (5, 6, 7, 8),
                (V("bakje 500 g", "500", G, "3.40"),), nutrition="strawberry", tips="berries"),
    ProductSpec("Aardappelen Frieslander", "Pommes de terre Frieslander", "Frieslander potatoes", "potato",
                (6, 7, 8, 9, 10, 11), (V("zak 5 kg", "5", KG, "4.50"),), nutrition="potato", tips="vegetables"),
)

MUSHROOMS = (
    ProductSpec("Champignons", "Champignons de Paris", "Button mushrooms", "paris-mushroom", ALL_YEAR,
                (V("bakje 400 g", "400", G, "2.10"), V("kist 2 kg", "2", KG, "8.50")), tips="vegetables"),
    ProductSpec("Kastanjechampignons", "Champignons bruns", "Chestnut mushrooms", "paris-mushroom", ALL_YEAR,
                (V("bakje 400 g", "400", G, "2.60"),), tips="vegetables"),
    ProductSpec("Oesterzwammen", "Pleurotes", "Oyster mushrooms", "oyster-mushroom", ALL_YEAR,
                (V("bakje 250 g", "250", G, "3.20"),), tips="vegetables"),
)

BEEF = (
    ProductSpec("Vleespakket Limousin", "Colis de viande limousine", "Limousin meat box", "beef", ALL_YEAR,
                (V("pakket 5 kg", "5", KG, "82.00"), V("pakket 10 kg", "10", KG, "155.00")), nutrition="beef",
                tips="meat", claims=("animal_welfare", "biodiversity_pasture")),
    ProductSpec("Entrecote", "Entrecôte", "Rib-eye steak", "grilling-meat", ALL_YEAR,
                (V("per kg", "1", KG, "34.00"),), nutrition="beef", tips="meat"),
    ProductSpec("Stoofvlees", "Viande à braiser", "Stewing beef", "simmering-meat", ALL_YEAR,
                (V("per kg", "1", KG, "16.50"),), nutrition="beef", tips="meat"),
    ProductSpec("Rundergehakt", "Haché de bœuf", "Minced beef", "beef", ALL_YEAR,
                (V("per 500 g", "500", G, "6.90"),), tips="meat"),
)

PORK = (
    ProductSpec("Varkenskoteletten", "Côtelettes de porc", "Pork chops", "fresh-meat", ALL_YEAR,
                (V("per kg", "1", KG, "12.50"),), tips="meat", claims=("animal_welfare",)),
    ProductSpec("Varkensgebraad", "Rôti de porc", "Pork roast", "fresh-meat", ALL_YEAR,
                (V("per kg", "1", KG, "13.90"),), tips="meat"),
    ProductSpec("Droge worst", "Saucisson sec", "Dry sausage", "delicatessen", ALL_YEAR,
                (V("per stuk (ca. 250 g)", "250", G, "5.20"),), tips="meat"),
    ProductSpec("Spek", "Lard", "Bacon", "salting", ALL_YEAR, (V("per 500 g", "500", G, "6.40"),), tips="meat"),
    ProductSpec("Vleespakket varken", "Colis de viande de porc", "Pork meat box", "pork", ALL_YEAR,
                (V("pakket 5 kg", "5", KG, "54.00"),), tips="meat"),
)

EGGS = (
    ProductSpec("Scharreleieren", "Œufs de poules au sol", "Barn eggs", "egg", ALL_YEAR,
                (V("doos van 6", "6", PC, "2.10"), V("tray van 30", "30", PC, "9.00")), ("eggs",), "egg", "dairy"),
    ProductSpec("Vrije-uitloopeieren", "Œufs de poules en plein air", "Free-range eggs", "egg", ALL_YEAR,
                (V("doos van 6", "6", PC, "2.40"), V("doos van 10", "10", PC, "3.80")), ("eggs",), "egg", "dairy",
                claims=("animal_welfare",)),
    ProductSpec("Soepkip", "Poule à bouillir", "Boiling fowl", "chicken", ALL_YEAR,
                (V("per stuk (ca. 1,5 kg)", "1", PC, "9.50"),), tips="meat"),
    ProductSpec("Hoevekip", "Poulet fermier", "Farm chicken", "chicken", ALL_YEAR,
                (V("per kg", "1", KG, "11.90"),), tips="meat"),
)

HONEY = (
    ProductSpec("Fruitbloesemhoning", "Miel de fleurs de fruitiers", "Fruit blossom honey", "honey", ALL_YEAR,
                (V("pot 450 g", "450", G, "7.50"), V("pot 250 g", "250", G, "4.60")), nutrition="honey",
                tips="pantry", claims=("biodiversity_bees",)),
    ProductSpec("Zomerhoning", "Miel d'été", "Summer honey", "honey", ALL_YEAR,
                (V("pot 450 g", "450", G, "7.20"),), nutrition="honey", tips="pantry"),
    ProductSpec("Romige lentehoning", "Miel de printemps crémeux", "Creamed spring honey", "honey", ALL_YEAR,
                (V("pot 450 g", "450", G, "7.50"),), nutrition="honey", tips="pantry"),
)

LAMB = (
    ProductSpec("Lamsbout", "Gigot d'agneau", "Leg of lamb", "lamb", (8, 9, 10, 11, 12),
                (V("per kg", "1", KG, "21.00"),), tips="meat", claims=("biodiversity_pasture",)),
    ProductSpec("Lamskoteletten", "Côtelettes d'agneau", "Lamb chops", "lamb", (8, 9, 10, 11, 12),
                (V("per kg", "1", KG, "26.00"),), tips="meat"),
    ProductSpec("Lamsvleespakket", "Colis d'agneau", "Lamb meat box", "lamb", (9, 10, 11),
                (V("half lam (ca. 8 kg)", "8", KG, "140.00"),), tips="meat"),
)

JUICE = (
    ProductSpec("Appelsap troebel", "Jus de pommes trouble", "Cloudy apple juice", "fruit-juice", ALL_YEAR,
                (V("fles 1 l", "1", L, "2.20"), V("bag-in-box 5 l", "5", L, "9.20")), nutrition="juice",
                tips="drink", claims=("packaging",)),
    ProductSpec("Appel-perensap", "Jus de pommes et poires", "Apple and pear juice", "fruit-juice", ALL_YEAR,
                (V("fles 1 l", "1", L, "2.40"),), nutrition="juice", tips="drink"),
    ProductSpec("Appel-kersensap", "Jus de pommes et cerises", "Apple and cherry juice", "fruit-juice", ALL_YEAR,
                (V("fles 1 l", "1", L, "2.90"),), tips="drink"),
    ProductSpec("Haspengouwse cider", "Cidre de Hesbaye", "Haspengouw cider", "cider", ALL_YEAR,
                (V("fles 75 cl", "0.75", L, "5.80"),), ("sulphites",), "", "drink", True),
    ProductSpec("Perencider", "Poiré", "Perry", "cider", ALL_YEAR, (V("fles 75 cl", "0.75", L, "6.20"),),
                ("sulphites",), "", "drink", True),
)

CHEESE = (
    ProductSpec("Haspengouwse hoevekaas belegen", "Fromage fermier de Hesbaye affiné", "Matured Haspengouw cheese",
                "mature-cheese", ALL_YEAR, (V("per kg", "1", KG, "18.90"), V("stuk 250 g", "250", G, "5.10")),
                ("milk",), "cheese", "cheese"),
    ProductSpec("Kaas met fruitbloesemhoning", "Fromage au miel de fleurs de fruitiers", "Cheese with blossom honey",
                "mature-cheese", ALL_YEAR, (V("stuk 250 g", "250", G, "5.60"),), ("milk",), "cheese", "cheese"),
    ProductSpec("Boerenbrie", "Brie fermier", "Farmhouse brie", "other-cheese", ALL_YEAR,
                (V("stuk 300 g", "300", G, "6.20"),), ("milk",), "", "cheese"),
    ProductSpec("Kruidenkaas", "Fromage aux herbes", "Herb cheese", "mature-cheese", ALL_YEAR,
                (V("stuk 250 g", "250", G, "5.30"),), ("milk",), "", "cheese"),
)

BUTCHER = (
    ProductSpec("Gekookte hesp", "Jambon cuit", "Cooked ham", "cooked-meat", ALL_YEAR,
                (V("per 200 g", "200", G, "3.60"),), tips="meat"),
    ProductSpec("Hoevepaté", "Pâté de campagne", "Farmhouse pâté", "delicatessen", ALL_YEAR,
                (V("per 200 g", "200", G, "3.20"),), ("eggs",), "", "meat"),
    ProductSpec("Américain préparé", "Filet américain", "Steak tartare spread", "beef", ALL_YEAR,
                (V("per 200 g", "200", G, "4.10"),), ("eggs", "mustard"), "", "meat"),
    ProductSpec("Limburgs zuurvlees", "Carbonnade limbourgeoise aigre-douce", "Limburg sour stew", "ready-meal",
                ALL_YEAR, (V("schaal 500 g", "500", G, "8.90"),), ("gluten", "celery"), "", "meat"),
    ProductSpec("Stoofvlees", "Viande à braiser", "Stewing beef", "simmering-meat", ALL_YEAR,
                (V("per kg", "1", KG, "17.50"),), nutrition="beef", tips="meat"),
)

BREWERY = (
    ProductSpec("Hoevebier blond", "Bière de ferme blonde", "Blond farm beer", "beer", ALL_YEAR,
                (V("fles 33 cl", "0.33", L, "1.90"), V("bak van 24", "7.92", L, "40.00")), ("gluten",), "", "drink",
                True, ("packaging",)),
    ProductSpec("Kriek met Haspengouwse kersen", "Kriek aux cerises de Hesbaye", "Kriek with Haspengouw cherries",
                "beer", ALL_YEAR, (V("fles 33 cl", "0.33", L, "2.30"),), ("gluten",), "", "drink", True),
    ProductSpec("Tripel", "Triple", "Tripel", "beer", ALL_YEAR, (V("fles 33 cl", "0.33", L, "2.10"),), ("gluten",),
                "", "drink", True),
    ProductSpec("Hoogstamcider", "Cidre de hautes-tiges", "Standard-tree cider", "cider", ALL_YEAR,
                (V("fles 75 cl", "0.75", L, "6.50"),), ("sulphites",), "", "drink", True),
)

SYRUP = (
    ProductSpec("Appelstroop", "Sirop de pommes", "Apple syrup", "jam", ALL_YEAR,
                (V("pot 450 g", "450", G, "3.90"), V("pot 900 g", "900", G, "6.90")), nutrition="syrup",
                tips="pantry"),
    ProductSpec("Appel-perenstroop", "Sirop de pommes et poires", "Apple and pear syrup", "jam", ALL_YEAR,
                (V("pot 450 g", "450", G, "4.10"),), nutrition="syrup", tips="pantry"),
    ProductSpec("Perenstroop", "Sirop de poires", "Pear syrup", "jam", ALL_YEAR, (V("pot 450 g", "450", G, "4.30"),),
                nutrition="syrup", tips="pantry"),
    ProductSpec("Kersenstroop", "Sirop de cerises", "Cherry syrup", "jam", ALL_YEAR,
                (V("pot 300 g", "300", G, "4.50"),), tips="pantry"),
)

BAKERY = (
    ProductSpec("Volkorenbrood", "Pain complet", "Wholemeal bread", "bread", ALL_YEAR,
                (V("brood 800 g", "800", G, "3.40"),), ("gluten",), "bread", "bakery", claims=("soil_veg",)),
    ProductSpec("Speltbrood", "Pain d'épeautre", "Spelt bread", "bread", ALL_YEAR,
                (V("brood 600 g", "600", G, "3.90"),), ("gluten",), "bread", "bakery"),
    ProductSpec("Rozijnenbrood", "Cramique", "Raisin bread", "bread", ALL_YEAR, (V("brood 500 g", "500", G, "4.20"),),
                ("gluten", "milk", "eggs"), "", "bakery"),
    ProductSpec("Limburgse kersenvlaai", "Tarte limbourgeoise aux cerises", "Limburg cherry flan", "pastry", ALL_YEAR,
                (V("vlaai 26 cm", "1", PC, "14.50"), V("punt", "1", PC, "2.40")), ("gluten", "milk", "eggs"), "",
                "bakery"),
    ProductSpec("Rijstevlaai", "Tarte au riz", "Rice flan", "pastry", ALL_YEAR, (V("vlaai 26 cm", "1", PC, "13.50"),),
                ("gluten", "milk", "eggs"), "", "bakery"),
    ProductSpec("Appeltaart", "Tarte aux pommes", "Apple pie", "pastry", ALL_YEAR, (V("taart 24 cm", "1", PC, "12.00"),),
                ("gluten", "milk", "eggs"), "", "bakery"),
)

MIXED = (VEGETABLES[0], VEGETABLES[2], VEGETABLES[3], VEGETABLES[4], EGGS[0], FRUIT[0], FRUIT[4])

PRODUCTS_BY_SPECIALISM: dict[str, tuple[ProductSpec, ...]] = {
    "fruit": FRUIT,
    "cherries": CHERRIES,
    "strawberries": STRAWBERRIES,
    "dairy": DAIRY,
    "goat_dairy": GOAT_DAIRY,
    "vegetables": VEGETABLES,
    "chicory": CHICORY,
    "asparagus": ASPARAGUS,
    "mushrooms": MUSHROOMS,
    "beef": BEEF,
    "pork": PORK,
    "eggs": EGGS,
    "honey": HONEY,
    "lamb": LAMB,
    "mixed": MIXED,
    "juice": JUICE,
    "cheese": CHEESE,
    "butcher": BUTCHER,
    "brewery": BREWERY,
    "syrup": SYRUP,
    "bakery": BAKERY,
}
# fmt: on
