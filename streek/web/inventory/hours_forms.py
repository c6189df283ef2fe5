"""Opening hours forms: weekly rules with an optional yearly season, and exceptional closures."""

import re
from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from streek.catalog.choices import Weekday
from streek.catalog.models import ClosurePeriod, OpeningRule

ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
DAY_MONTH = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})$")
MMDD = re.compile(r"^\d{3,4}$")


def parse_month_day(text: str) -> int | None:
    """A day of the year as MMDD: accepts '501' or '0501' (MMDD), '1/5' or '01-05' (day/month), '2025-05-01'.

    Raises ValueError when the text is not a real day of the year.
    """
    text = text.strip()
    if not text:
        return None
    if match := ISO_DATE.match(text):
        month, day = int(match.group(2)), int(match.group(3))
    elif match := DAY_MONTH.match(text):
        day, month = int(match.group(1)), int(match.group(2))
    elif MMDD.match(text):
        month, day = int(text) // 100, int(text) % 100
    else:
        raise ValueError(text)
    date(2024, month, day)  # a leap year, so 29/02 is allowed; raises ValueError otherwise
    return month * 100 + day


def format_month_day(value: int | None) -> str:
    if value is None:
        return ""
    return f"{value % 100:02d}/{value // 100:02d}"


class SeasonDayField(forms.CharField):
    default_error_messages = {
        "invalid": _("Enter a day of the year as dd/mm (for example 01/05), or as MMDD (0501)."),
    }

    def to_python(self, value: Any) -> int | None:  # type: ignore[override]
        text = super().to_python(value) or ""
        try:
            return parse_month_day(text)
        except ValueError as error:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from error


class OpeningRuleForm(forms.Form):
    weekday = forms.TypedChoiceField(
        label=_("weekday"), choices=[("", "—"), *Weekday.choices], coerce=int, empty_value=None
    )
    opens = forms.TimeField(label=_("opens"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    closes = forms.TimeField(label=_("closes"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    season_start = SeasonDayField(
        label=_("season from"), required=False, widget=forms.TextInput(attrs={"placeholder": _("dd/mm"), "size": 6})
    )
    season_end = SeasonDayField(
        label=_("season until"), required=False, widget=forms.TextInput(attrs={"placeholder": _("dd/mm"), "size": 6})
    )
    season_name = forms.CharField(label=_("season"), max_length=60, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        opens, closes = data.get("opens"), data.get("closes")
        if opens is not None and closes is not None and closes <= opens:
            self.add_error("closes", _("The closing time must be after the opening time."))
        start, end = data.get("season_start"), data.get("season_end")
        if (start is None) != (end is None) and not (self.has_error("season_start") or self.has_error("season_end")):
            self.add_error("season_end" if start is not None else "season_start", _("Give both ends of the season."))
        return data

    def rule(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            name: data[name] for name in ("weekday", "opens", "closes", "season_start", "season_end", "season_name")
        }

    @staticmethod
    def initial_from(rule: OpeningRule) -> dict[str, Any]:
        return {
            "weekday": rule.weekday,
            "opens": rule.opens,
            "closes": rule.closes,
            "season_start": format_month_day(rule.season_start),
            "season_end": format_month_day(rule.season_end),
            "season_name": rule.season_name,
        }


class ClosureForm(forms.Form):
    start_date = forms.DateField(label=_("from"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    end_date = forms.DateField(label=_("until"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    reason = forms.CharField(label=_("reason"), max_length=200, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        start, end = data.get("start_date"), data.get("end_date")
        if start is not None and end is not None and end < start:
            self.add_error("end_date", _("The last day cannot be before the first day."))
        return data

    def closure(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {name: data[name] for name in ("start_date", "end_date", "reason")}

    @staticmethod
    def initial_from(closure: ClosurePeriod) -> dict[str, Any]:
        return {"start_date": closure.start_date, "end_date": closure.end_date, "reason": closure.reason}


OpeningRuleFormSet = forms.formset_factory(OpeningRuleForm, extra=3, can_delete=True, max_num=60, validate_max=True)
ClosureFormSet = forms.formset_factory(ClosureForm, extra=2, can_delete=True, max_num=60, validate_max=True)


def kept_forms(formset: forms.BaseFormSet) -> list[forms.Form]:
    """Forms to save: not marked for deletion, and not blank extra rows."""
    deleted = {id(form) for form in formset.deleted_forms} if formset.can_delete else set()
    kept = []
    for form in formset.forms:
        if id(form) in deleted:
            continue
        if not form.has_changed() and form.empty_permitted:
            continue
        kept.append(form)
    return kept
