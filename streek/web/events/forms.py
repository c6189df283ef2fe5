"""The form of an event as organisers and municipal officers fill it in."""

from datetime import date, datetime, time
from typing import Any, cast
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from streek.catalog.choices import EventKind
from streek.catalog.models import Event, SalesPoint
from streek.catalog.services.events import MAX_SERIES

TEXT_FIELDS: tuple[str, ...] = (
    "kind",
    "title_nl",
    "title_fr",
    "title_en",
    "description_nl",
    "description_fr",
    "description_en",
    "place_name",
    "street",
)


def _textarea() -> forms.Textarea:
    return forms.Textarea(attrs={"rows": 3})


class EventForm(forms.Form):
    """What, when and where; times are local (Europe/Brussels)."""

    kind = forms.ChoiceField(label=_("kind"), choices=EventKind.choices)
    title_nl = forms.CharField(label=_("title (Dutch)"), max_length=200)
    title_fr = forms.CharField(label=_("title (French)"), max_length=200, required=False)
    title_en = forms.CharField(label=_("title (English)"), max_length=200, required=False)
    description_nl = forms.CharField(label=_("description (Dutch)"), required=False, widget=_textarea())
    description_fr = forms.CharField(label=_("description (French)"), required=False, widget=_textarea())
    description_en = forms.CharField(label=_("description (English)"), required=False, widget=_textarea())
    day = forms.DateField(label=_("date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    start_time = forms.TimeField(label=_("start time"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    end_time = forms.TimeField(label=_("end time"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    sales_point = forms.ModelChoiceField(
        label=_("sales point"),
        queryset=SalesPoint.objects.none(),
        required=False,
        empty_label=_("(not at a sales point)"),
        help_text=_("At one of your sales points? We take its address and place on the map."),
    )
    place_name = forms.CharField(label=_("place"), max_length=200, required=False)
    street = forms.CharField(label=_("street and number"), max_length=200, required=False)
    postal_code = forms.CharField(label=_("postal code"), max_length=10, required=False)
    locality = forms.CharField(label=_("locality"), max_length=120, required=False)
    repeat_weeks = forms.IntegerField(
        label=_("repeat weekly for N weeks"),
        min_value=0,
        max_value=MAX_SERIES,
        initial=0,
        required=False,
        help_text=_("0 for a single event; e.g. 8 for a market on the same weekday and time for 8 weeks."),
    )

    def __init__(self, *args: Any, sales_points: QuerySet[SalesPoint], series: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["sales_point"]).queryset = sales_points  # type: ignore[type-arg]
        if not series:
            del self.fields["repeat_weeks"]

    @staticmethod
    def initial_from(event: Event) -> dict[str, Any]:
        zone = ZoneInfo(settings.TIME_ZONE)
        starts, ends = event.starts_at.astimezone(zone), event.ends_at.astimezone(zone)
        initial: dict[str, Any] = {name: getattr(event, name) for name in TEXT_FIELDS}
        initial.update(day=starts.date(), start_time=starts.time(), end_time=ends.time(), sales_point=event.sales_point)
        return initial

    def service_fields(self) -> dict[str, Any]:
        """The cleaned data as event_create and event_update take it (aware datetimes)."""
        data = self.cleaned_data
        fields = {name: data[name] for name in TEXT_FIELDS}
        fields["starts_at"] = _aware(data["day"], data["start_time"])
        fields["ends_at"] = _aware(data["day"], data["end_time"])
        fields.update(sales_point=data["sales_point"], postal_code=data["postal_code"], locality=data["locality"])
        return fields

    def series_count(self) -> int:
        return int(self.cleaned_data.get("repeat_weeks") or 0)


def _aware(day: date, moment: time) -> datetime:
    return datetime.combine(day, moment, tzinfo=ZoneInfo(settings.TIME_ZONE))
