"""Form widgets tuned for pages that must render fast."""

from collections.abc import Iterable
from html import escape
from typing import Any

from django import forms
from django.forms.renderers import BaseRenderer
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe


class FastSelect(forms.Select):
    """A <select> rendered in Python: Django renders every option through a template, which costs
    about 0.1 ms an option; the municipality select of the map has about 1,000 of them."""

    def _options(self, choices: Iterable[tuple[Any, Any]], selected: set[str]) -> list[str]:
        html: list[str] = []
        for value, label in choices:
            if isinstance(label, (list, tuple)):
                inner = "".join(self._options(label, selected))
                html.append(f'<optgroup label="{escape(str(value))}">{inner}</optgroup>')
                continue
            text = "" if value is None else str(value)
            mark = " selected" if text in selected else ""
            html.append(f'<option value="{escape(text)}"{mark}>{escape(str(label))}</option>')
        return html

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: BaseRenderer | None = None
    ) -> SafeString:
        final_attrs = self.build_attrs(self.attrs, attrs)
        values = value if isinstance(value, (list, tuple)) else [value]
        selected = {"" if v is None else str(v) for v in values}
        attributes = "".join(
            format_html(' {}="{}"', key, val) if val is not True else format_html(" {}", key)
            for key, val in final_attrs.items()
            if val is not False and val is not None
        )
        options = "".join(self._options(self.choices, selected))
        return mark_safe(f'<select name="{escape(name)}"{attributes}>{options}</select>')  # noqa: S308 - every part is escaped
