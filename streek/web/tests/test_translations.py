"""The translation catalogues are complete: what msgfmt --statistics -c would check, read with Babel."""

import re
from collections import Counter
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po
from django.conf import settings

# %(name)s, %(count)d, %s, %d ... and the escaped percent sign %%.
PLACEHOLDER = re.compile(r"%(?:\([^)]+\))?[#0 +-]*\d*(?:\.\d+)?[sdifrxXeEgGcoa%]")


def _catalog(language: str) -> Catalog:
    path = Path(settings.LOCALE_PATHS[0]) / language / "LC_MESSAGES" / "django.po"
    assert path.exists(), f"{path} is missing: run makemessages -l {language}"
    with path.open("rb") as po:
        return read_po(po, locale=language)


def _messages(catalog: Catalog) -> list[Message]:
    return [message for message in catalog if message.id]


def _label(message: Message) -> str:
    msgid = message.id[0] if isinstance(message.id, tuple) else message.id
    return f"{message.context + ' | ' if message.context else ''}{msgid!r}"


def _placeholders(text: str) -> Counter[str]:
    return Counter(PLACEHOLDER.findall(text))


def _texts(value: str | tuple[str, ...] | list[str] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


@pytest.mark.parametrize("language", ["nl", "fr"])
def test_every_message_is_translated_and_not_fuzzy(language: str) -> None:
    # Given the catalogue of a language
    catalog = _catalog(language)

    # When we look for empty or fuzzy translations
    fuzzy = [_label(m) for m in _messages(catalog) if m.fuzzy]
    empty = [_label(m) for m in _messages(catalog) if not all(_texts(m.string)) or not _texts(m.string)]

    # Then there are none, and the header is ready for msgfmt
    assert _messages(catalog), "the catalogue is empty"
    assert not empty, f"{len(empty)} untranslated: {empty[:20]}"
    assert not fuzzy, f"{len(fuzzy)} fuzzy: {fuzzy[:20]}"
    assert not catalog.fuzzy, "the header is still marked fuzzy"
    assert catalog.num_plurals == 2


@pytest.mark.parametrize("language", ["nl", "fr"])
def test_translations_keep_the_placeholders(language: str) -> None:
    # Given the catalogue of a language
    catalog = _catalog(language)

    # When we compare the placeholders of every msgid with those of its translations
    wrong = []
    for message in _messages(catalog):
        ids = _texts(message.id)
        strings = [s for s in _texts(message.string) if s]
        if not strings:
            continue  # reported by the completeness test
        expected = set().union(*(_placeholders(i) for i in ids))
        found: set[str] = set().union(*(_placeholders(s) for s in strings))
        # Singular messages keep exactly the same placeholders; each plural form uses a subset,
        # and all forms together use them all (a singular form may spell out "one").
        if len(ids) == 1:
            ok = all(set(_placeholders(s)) == expected for s in strings)
        else:
            ok = all(set(_placeholders(s)) <= expected for s in strings) and found >= set(_placeholders(ids[-1]))
        # A lone "%" in a python-format message breaks the interpolation.
        if "python-format" in message.flags:
            ok = ok and all("%" not in PLACEHOLDER.sub("", s) for s in strings)
        if not ok:
            wrong.append(f"{_label(message)}: {sorted(expected)} -> {[sorted(_placeholders(s)) for s in strings]}")

    # Then they all match
    assert not wrong, f"{len(wrong)} with wrong placeholders: {wrong[:20]}"
