"""Content kept in the three interface languages: pick the active language, fall back to the others."""

from typing import Any

from django.utils.translation import get_language

CONTENT_LANGUAGES = ("nl", "fr", "en")


def active_content_language() -> str:
    language = (get_language() or "nl")[:2]
    return language if language in CONTENT_LANGUAGES else "nl"


def localised(obj: Any, field: str, language: str | None = None) -> str:
    """The value of `<field>_<language>` on obj, else the first non-empty one in nl, en, fr order."""
    language = language or active_content_language()
    for candidate in (language, "nl", "en", "fr"):
        value = getattr(obj, f"{field}_{candidate}", "")
        if value:
            return str(value)
    return ""
