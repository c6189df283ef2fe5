from dataclasses import dataclass

from django.utils import translation

from streek.core.i18n import active_content_language, localised


@dataclass
class Labelled:
    name_nl: str = ""
    name_fr: str = ""
    name_en: str = ""


def test_localised_picks_the_requested_language() -> None:
    obj = Labelled(name_nl="Hoevewinkel", name_fr="Magasin à la ferme", name_en="Farm shop")
    assert localised(obj, "name", "fr") == "Magasin à la ferme"
    assert localised(obj, "name", "en") == "Farm shop"
    assert localised(obj, "name", "nl") == "Hoevewinkel"


def test_localised_follows_the_active_language() -> None:
    obj = Labelled(name_nl="Hoevewinkel", name_fr="Magasin à la ferme", name_en="Farm shop")
    with translation.override("fr"):
        assert localised(obj, "name") == "Magasin à la ferme"
    with translation.override("en"):
        assert localised(obj, "name") == "Farm shop"


def test_localised_falls_back_to_dutch_when_the_language_is_empty() -> None:
    obj = Labelled(name_nl="Hoevewinkel", name_en="Farm shop")
    assert localised(obj, "name", "fr") == "Hoevewinkel"


def test_localised_falls_back_to_english_then_french_without_dutch() -> None:
    assert localised(Labelled(name_fr="Magasin", name_en="Shop"), "name", "nl") == "Shop"
    assert localised(Labelled(name_fr="Magasin"), "name", "en") == "Magasin"


def test_localised_is_empty_when_no_language_has_a_value_or_the_field_is_missing() -> None:
    assert localised(Labelled(), "name", "nl") == ""
    assert localised(Labelled(name_nl="x"), "title", "nl") == ""


def test_active_content_language_maps_unknown_languages_to_dutch() -> None:
    with translation.override("de"):
        assert active_content_language() == "nl"
    with translation.override("fr-be"):
        assert active_content_language() == "fr"
