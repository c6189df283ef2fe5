import re
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template, TemplateSyntaxError, engines
from django.test import RequestFactory, override_settings
from django.utils import translation

from streek.accounts.tests.factories import UserFactory

BASE = Path(__file__).resolve().parents[1] / "templates" / "web" / "base.html"
TAGS = re.compile(r"{% (end)?languagecache[^%]*%}")
CSRF = re.compile(r'(name="csrfmiddlewaretoken" value=|"X-CSRFToken": )"[^"]*"')


def _render(source: str, language: str, user: object) -> str:
    request = RequestFactory().get("/verkooppunten/?q=kaas")
    request.user = user  # type: ignore[assignment]
    template = engines["django"].from_string(source)
    with translation.override(language):
        html = template.render({}, request)
    return CSRF.sub("", html)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_the_layout_is_the_same_as_without_the_cache(language: str) -> None:
    source = BASE.read_text()
    plain = TAGS.sub("", source)
    assert plain != source
    template = engines["django"].from_string(source)
    for user in (AnonymousUser(), UserFactory()):
        expected = _render(plain, language, user)
        request = RequestFactory().get("/verkooppunten/?q=kaas")
        request.user = user  # type: ignore[attr-defined]
        for _ in range(2):  # first rendered, then from the cache
            with translation.override(language):
                html = template.render({}, request)
            assert CSRF.sub("", html) == expected


def test_each_language_gets_its_own_text() -> None:
    template = Template('{% load i18n fragments %}{% languagecache %}{% translate "Phone" %}{% endlanguagecache %}')

    rendered = []
    for language in ("nl", "fr", "nl", "en"):
        with translation.override(language):
            rendered.append(template.render(Context()))

    assert rendered == ["Telefoon", "Téléphone", "Telefoon", "Phone"]


def test_arguments_and_settings_changes_make_a_new_version() -> None:
    template = Template("{% load fragments %}{% languagecache name %}{{ name }}{% endlanguagecache %}")

    assert template.render(Context({"name": "Streek"})) == "Streek"
    assert template.render(Context({"name": "Regio"})) == "Regio"


def test_a_settings_change_empties_it() -> None:
    template = Template("{% load fragments %}{% languagecache %}{{ name }}{% endlanguagecache %}")
    assert template.render(Context({"name": "old"})) == "old"

    with override_settings(STREEK_SITE_NAME="Elders"):
        assert template.render(Context({"name": "new"})) == "new"


def test_a_block_inside_is_refused() -> None:
    with pytest.raises(TemplateSyntaxError, match="block"):
        Template("{% load fragments %}{% languagecache %}{% block x %}{% endblock %}{% endlanguagecache %}")
