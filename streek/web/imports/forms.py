"""The upload form of an inventory file."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from streek.territory.models import Municipality


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("CSV (comma or semicolon) or GeoJSON, UTF-8. The columns are described on this page."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,.geojson,.json"}),
    )
    municipality = forms.ModelChoiceField(
        queryset=Municipality.objects.none(),
        label=_("Municipality"),
        help_text=_("Every row must lie in this municipality."),
    )

    def __init__(self, *args: Any, municipalities: QuerySet[Municipality], required: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["municipality"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 - narrows the type for mypy
        field.queryset = municipalities
        field.required = required
        if not required:
            field.empty_label = _("Any municipality (platform administrators)")
            field.help_text = _("When chosen, every row must lie in this municipality.")
