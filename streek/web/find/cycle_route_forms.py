"""The form of the public cycle route: a start, a day, how far, and optionally the points to pass."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from streek.catalog.choices import SalesPointType

MAX_POINTS = 12


class CycleRouteForm(forms.Form):
    start = forms.CharField(
        label=_("Start (postal code or place)"),
        max_length=80,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "placeholder": "3800"}),
    )
    day = forms.DateField(
        label=_("Day of the ride"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Only points open that day are proposed."),
    )
    radius_km = forms.IntegerField(label=_("Farthest point from the start (km)"), min_value=1, max_value=40, initial=12)
    max_stops = forms.IntegerField(label=_("Number of stops"), min_value=1, max_value=MAX_POINTS, initial=6)
    type = forms.MultipleChoiceField(
        label=_("Kinds of sales point"),
        choices=SalesPointType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    p = forms.MultipleChoiceField(label=_("Points to pass"), required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args: object, candidates: list[tuple[str, str]] | None = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.set_candidates(candidates or [])

    def set_candidates(self, candidates: list[tuple[str, str]]) -> None:
        field = self.fields["p"]
        assert isinstance(field, forms.MultipleChoiceField)  # noqa: S101 - declared above
        field.choices = candidates

    def clean_day(self) -> object:
        return self.cleaned_data.get("day") or timezone.localdate()

    def clean_p(self) -> list[str]:
        chosen: list[str] = self.cleaned_data.get("p") or []
        if len(chosen) > MAX_POINTS:
            raise forms.ValidationError(
                _("Choose at most %(max)s points for one ride.") % {"max": MAX_POINTS}, code="too_many"
            )
        return chosen
