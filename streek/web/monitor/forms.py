"""Forms of the monitor pages: choosing an area, entering a figure, importing figures, a producer's costs."""

import datetime as dt
from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from streek.monitor.choices import FigureKind
from streek.orders.choices import ChannelKind

FIRST_YEAR = 2000


def year_choices() -> list[tuple[int, int]]:
    """From this year back to the first year the monitor covers."""
    this_year = timezone.localdate().year
    return [(year, year) for year in range(this_year, FIRST_YEAR - 1, -1)]


def default_year() -> int:
    """The last complete year: the dashboards open on it."""
    return timezone.localdate().year - 1


class MunicipalitySearchForm(forms.Form):
    q = forms.CharField(
        label=_("Municipality (name or code)"),
        max_length=100,
        required=False,
        help_text=_("For example Leuven, 24062 or Utrecht."),
    )
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, choices=year_choices, required=False)


class AreaChoiceForm(forms.Form):
    area = forms.ChoiceField(label=_("Region, province or country"))
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, choices=year_choices)

    def __init__(self, *args: object, area_groups: list[tuple[str, list[tuple[str, str]]]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["area"].choices = area_groups  # type: ignore[attr-defined]


class MapForm(forms.Form):
    figure = forms.ChoiceField(label=_("Figure"))
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, choices=year_choices)
    region = forms.ChoiceField(label=_("Area"), required=False)

    def __init__(
        self,
        *args: object,
        figure_groups: list[tuple[str, list[tuple[str, str]]]],
        region_groups: list[tuple[str, list[tuple[str, str]]]],
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["figure"].choices = figure_groups  # type: ignore[attr-defined]
        self.fields["region"].choices = [("", _("Belgium and the Netherlands")), *region_groups]  # type: ignore[attr-defined]


class ExternalFigureForm(forms.Form):
    municipality_code = forms.CharField(
        label=_("Municipality code"),
        max_length=10,
        help_text=_(
            "NIS code (Belgium) or CBS code (the Netherlands). A figure of a former municipality (before the 2025 "
            "mergers) may be entered with its former code: it is added to the current municipality."
        ),
    )
    year = forms.IntegerField(label=_("Year"), min_value=FIRST_YEAR, max_value=2100)
    kind = forms.ChoiceField(label=_("Figure"), choices=FigureKind.choices)
    value = forms.DecimalField(label=_("Value"), min_value=Decimal(0), max_digits=16, decimal_places=2)
    source = forms.CharField(
        label=_("Source"), max_length=300, help_text=_("For example: Statbel, landbouwtelling 2023.")
    )
    source_date = forms.DateField(
        label=_("Date of the source"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("As YYYY-MM-DD."),
    )
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def clean_source_date(self) -> dt.date:
        value: dt.date = self.cleaned_data["source_date"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("The date of the source cannot lie in the future."))
        return value


class ExternalFigureImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "UTF-8, comma or semicolon separated, with the header "
            "municipality_code,year,kind,value,source,source_date (and optionally note)."
        ),
    )

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if upload.size > 5 * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload


class FigureFilterForm(forms.Form):
    municipality = forms.CharField(label=_("Municipality code"), max_length=10, required=False)
    year = forms.IntegerField(label=_("Year"), min_value=FIRST_YEAR, max_value=2100, required=False)
    kind = forms.ChoiceField(label=_("Figure"), choices=[("", _("All figures")), *FigureKind.choices], required=False)


class ProducerCostForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=FIRST_YEAR, max_value=2100)
    channel = forms.ChoiceField(label=_("Sales channel"), choices=ChannelKind.choices)
    costs = forms.DecimalField(
        label=_("Costs of selling through this channel (EUR, excl. VAT)"),
        min_value=Decimal(0),
        max_digits=14,
        decimal_places=2,
        help_text=_("Packaging, transport, market fees, time at the stall or in the shop, commissions."),
    )
    consent = forms.BooleanField(
        label=_("The monitor may use these costs, anonymised, in the profitability figures (K15)."),
        required=False,
        help_text=_(
            "Your costs are only used in a figure built from at least 3 producers; without consent they are "
            "kept for your own overview only."
        ),
    )
