"""`{% languagecache %}`: a fragment rendered once per language in each process, for the fixed parts of the layout.

    {% load fragments %}
    {% languagecache SITE_NAME %}<a href="{% url 'web:home' %}">{{ SITE_NAME }}</a> {% translate "Map" %}{% endlanguagecache %}

The content is rendered the first time and reused afterwards for the same active language, script prefix, URLconf
and values of the arguments. Use it only for content that depends on nothing else: translations, `{% url %}`
without per-request arguments, `{% static %}`, and the variables given as arguments. Never put a block, a CSRF
token, the request, the user or data inside it (a `{% block %}` inside is refused). What it keeps only changes
with the code, the translations and the settings: a change of settings (as in tests) empties it.
"""

from typing import Any

from django import template
from django.core.signals import setting_changed
from django.template.base import Node, NodeList, Parser, Token
from django.template.context import Context
from django.template.loader_tags import BlockNode
from django.urls import get_script_prefix, get_urlconf
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

register = template.Library()

# A fragment keeps at most this many versions (languages x argument values); past it, it starts again.
MAX_VERSIONS = 64
_generation = 0


def _settings_changed(**kwargs: Any) -> None:
    global _generation
    _generation += 1


setting_changed.connect(_settings_changed, dispatch_uid="streek-languagecache")


class LanguageCacheNode(Node):
    def __init__(self, nodelist: NodeList, vary_on: list[Any]) -> None:
        self.nodelist = nodelist
        self.vary_on = vary_on
        self.rendered: dict[tuple[Any, ...], SafeString] = {}

    def render(self, context: Context) -> SafeString:
        values = tuple(expression.resolve(context) for expression in self.vary_on)
        key = (_generation, get_language(), get_script_prefix(), get_urlconf(), *values)
        content = self.rendered.get(key)
        if content is None:
            content = mark_safe(self.nodelist.render(context))  # noqa: S308 - rendered by the template engine
            if len(self.rendered) >= MAX_VERSIONS:
                self.rendered = {}
            self.rendered[key] = content
        return content


@register.tag
def languagecache(parser: Parser, token: Token) -> LanguageCacheNode:
    nodelist = parser.parse(("endlanguagecache",))
    parser.delete_first_token()
    if nodelist.get_nodes_by_type(BlockNode):
        raise template.TemplateSyntaxError("{% languagecache %} cannot hold a {% block %}")
    vary_on = [parser.compile_filter(bit) for bit in token.split_contents()[1:]]
    return LanguageCacheNode(nodelist, vary_on)
