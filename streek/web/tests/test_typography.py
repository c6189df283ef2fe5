from django.template import Context, Template
from django.utils import translation


def render_label() -> str:
    return Template('{% load i18n typography %}{% translate "Phone" %}{% colon %} 011').render(Context())


def test_french_puts_a_no_break_space_before_the_colon() -> None:
    with translation.override("fr"):
        assert render_label() == "Téléphone&nbsp;: 011"


def test_dutch_and_english_put_the_colon_right_after_the_label() -> None:
    with translation.override("nl"):
        assert render_label() == "Telefoon: 011"
    with translation.override("en"):
        assert render_label() == "Phone: 011"
