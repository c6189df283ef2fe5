"""Choosing the area and language of a brochure."""

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from streek.catalog.selectors.open_data import DownloadArea


class BrochureForm(forms.Form):
    municipality = forms.MultipleChoiceField(
        label=_("Municipalities"),
        required=False,
        help_text=_("Hold Ctrl (or Cmd) to choose several. Only municipalities with public sales points are listed."),
        widget=forms.SelectMultiple(attrs={"size": 12}),
    )
    region = forms.ChoiceField(label=_("Or a region"), required=False)
    language = forms.ChoiceField(label=_("Language of the brochure"), choices=settings.LANGUAGES)

    def __init__(self, *args: Any, areas: dict[str, list[DownloadArea]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        municipality = self.fields["municipality"]
        region = self.fields["region"]
        if isinstance(municipality, forms.ChoiceField) and isinstance(region, forms.ChoiceField):
            municipality.choices = [(a.value, f"{a.name} ({a.points})") for a in areas["municipalities"]]
            region.choices = [("", "—")] + [
                (a.value, f"{a.name} ({a.points})") for a in areas["regions"] + areas["provinces"]
            ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("municipality") and not data.get("region"):
            raise forms.ValidationError(_("Choose at least one municipality or a region."))
        return data
