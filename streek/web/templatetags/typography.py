"""Punctuation that follows the language: French puts a no-break space before a colon."""

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

register = template.Library()


@register.simple_tag
def colon() -> SafeString:
    """':' after a label; ' :' with a no-break space in French (Imprimerie nationale rules)."""
    if (get_language() or "").startswith("fr"):
        return mark_safe("&nbsp;:")  # noqa: S308 - a fixed entity, no user input
    return mark_safe(":")  # noqa: S308
