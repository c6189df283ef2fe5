"""Forms of the Find pages: the filter form of the map and list, the change report, the calendar filter."""

from collections.abc import Callable
from typing import Any, cast

from django import forms
from django.core.cache import cache
from django.db.models import Exists, OuterRef
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from streek.catalog.choices import PUBLIC_STATUSES, ChangeReportKind, EventKind, SalesPointType
from streek.catalog.models import Concept, Event, SalesPoint
from streek.catalog.services.change_reports import REPORTABLE_FIELDS
from streek.territory.models import Municipality, Province
from streek.territory.selectors import custom_region_list

from ..widgets import FastSelect

RADIUS_CHOICES = [("2", _("2 km")), ("5", _("5 km")), ("10", _("10 km")), ("25", _("25 km")), ("50", _("50 km"))]
DEFAULT_RADIUS = "25"
CHOICES_CACHE_SECONDS = 300

Choices = list[tuple[str, Any]]


def _concept_choices(concepts: list[Concept], *, empty_label: str) -> Choices:
    """Top concepts as option groups, each starting with the top concept itself ('all of it')."""
    top_depth = min((c.depth for c in concepts), default=0)
    groups: list[tuple[str, Choices]] = []
    for concept in concepts:
        if concept.depth == top_depth or not groups:
            groups.append((concept.label, [(concept.key, str(_("%(category)s: all") % {"category": concept.label}))]))
        else:
            indent = "\u2003" * (concept.depth - top_depth - 1)
            groups[-1][1].append((concept.key, f"{indent}{concept.label}"))
    return [("", empty_label), *groups]


def _cached(name: str, build: Callable[[], Choices]) -> Choices:
    """Choice lists change only with the data behind them: keep them a few minutes per language."""
    return cast(Choices, cache.get_or_set(f"find:{name}:{get_language()}", build, CHOICES_CACHE_SECONDS))


def category_choices() -> Choices:
    """Product categories: the top two levels of the DFC product types."""

    def build() -> Choices:
        concepts = list(Concept.objects.filter(scheme="product_type", depth__lte=1).order_by("path"))
        return _concept_choices(concepts, empty_label=str(_("All categories")))

    return _cached("category-choices", build)


def label_choices() -> Choices:
    """Labels: the certification facets of the DFC (organic, biodynamic, local and ethical labels...)."""

    def build() -> Choices:
        concepts = list(
            Concept.objects.filter(scheme="facet", path__startswith="Certification/", depth__lte=2).order_by("path")
        )
        return _concept_choices(concepts, empty_label=str(_("All labels")))

    return _cached("label-choices", build)


def area_choices(*, with_events: bool = False) -> Choices:
    """Municipalities that have public sales points (or events), custom regions and provinces, as option groups.

    Cached a few minutes per language: with points in every municipality this is a thousand options.
    """
    return _cached(f"area-choices:{int(with_events)}", lambda: _area_choices(with_events=with_events))


def _area_choices(*, with_events: bool) -> Choices:
    present = Exists(SalesPoint.objects.filter(municipality_id=OuterRef("pk"), status__in=PUBLIC_STATUSES))
    if with_events:
        present = Exists(Event.objects.filter(municipality_id=OuterRef("pk")))
    municipalities = sorted(Municipality.objects.filter(present), key=lambda m: m.name.lower())
    regions = list(custom_region_list())
    provinces = sorted(Province.objects.all(), key=lambda p: p.name.lower())
    choices: Choices = [("", str(_("Everywhere")))]
    if municipalities:
        choices.append((str(_("Municipalities")), [(f"municipality:{m.code}", m.name) for m in municipalities]))
    if regions:
        choices.append((str(_("Regions")), [(f"region:{r.slug}", r.name) for r in regions]))
    if provinces:
        choices.append((str(_("Provinces")), [(f"region:{p.code}", p.name) for p in provinces]))
    return choices


def area_value(params: dict[str, list[str]]) -> str:
    for kind in ("municipality", "region"):
        values = params.get(kind) or []
        if values and values[0]:
            return f"{kind}:{values[0]}"
    return ""


# The fields of the filter form, each with a slot for its error message.
FILTER_FIELDS = ("q", "near", "radius_km", "type", "category", "label", "area", "open_now", "open_on")


class FindFilterForm(forms.Form):
    """Rendered only: the values are parsed by sales_point_filters_from_params, errors come from there."""

    q = forms.CharField(
        label=_("Search"), required=False, widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"})
    )
    near = forms.CharField(
        label=_("Near (postal code or place)"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "text"}),
    )
    radius_km = forms.ChoiceField(label=_("Within"), choices=RADIUS_CHOICES, required=False, initial=DEFAULT_RADIUS)
    type = forms.MultipleChoiceField(
        label=_("Type of sales point"),
        choices=SalesPointType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    category = forms.ChoiceField(label=_("Product category"), required=False, widget=FastSelect)
    label = forms.ChoiceField(label=_("Label"), required=False, widget=FastSelect)
    area = forms.ChoiceField(label=_("Municipality or region"), required=False, widget=FastSelect)
    open_now = forms.BooleanField(label=_("Open now"), required=False)
    open_on = forms.DateField(label=_("Open on"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    # Fields inside "more filters"; the panel opens when one of them is set or wrong.
    MORE_FIELDS = ("type", "category", "label", "area", "open_now", "open_on")

    def __init__(self, *, params: dict[str, list[str]], errors: dict[str, str], prefix_id: str = "find") -> None:
        def first(name: str) -> str:
            values = params.get(name) or []
            return values[0] if values else ""

        initial: dict[str, Any] = {
            "q": first("q"),
            "near": first("near"),
            "radius_km": first("radius_km") or DEFAULT_RADIUS,
            "type": [t for value in params.get("type", []) for t in value.split(",") if t],
            "category": first("category"),
            "label": first("label"),
            "area": area_value(params),
            "open_now": first("open_now").lower() in {"1", "true", "on", "yes"},
            "open_on": first("open_on"),
        }
        super().__init__(initial=initial, auto_id=f"{prefix_id}-%s")
        self.errors_by_field = errors
        cast(forms.ChoiceField, self.fields["category"]).choices = category_choices()
        cast(forms.ChoiceField, self.fields["label"]).choices = label_choices()
        cast(forms.ChoiceField, self.fields["area"]).choices = area_choices()
        for name, bound_field in self.fields.items():
            bound_field.widget.attrs["aria-describedby"] = f"{prefix_id}-{name}-error"
            if name in errors:
                bound_field.widget.attrs["aria-invalid"] = "true"

    @property
    def more_open(self) -> bool:
        return any(self.initial.get(name) for name in self.MORE_FIELDS) or any(
            name in self.errors_by_field for name in self.MORE_FIELDS
        )

    def field_error(self, name: str) -> str:
        return self.errors_by_field.get(name, "")


class ChangeReportForm(forms.Form):
    """What a visitor tells the municipality about a sales point."""

    kind = forms.ChoiceField(
        label=_("What do you want to report?"),
        choices=[
            (ChangeReportKind.CHANGE, _("Something is not right or has changed")),
            (ChangeReportKind.CLOSED, _("This point has closed for good")),
        ],
        initial=ChangeReportKind.CHANGE,
        widget=forms.RadioSelect,
    )
    message = forms.CharField(
        label=_("Your message"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What is wrong, or what has changed?"),
    )
    name = forms.CharField(label=_("Correct name"), required=False, max_length=200)
    street = forms.CharField(label=_("Correct street and number"), required=False, max_length=200)
    postal_code = forms.CharField(label=_("Correct postal code"), required=False, max_length=10)
    locality = forms.CharField(label=_("Correct locality"), required=False, max_length=120)
    phone = forms.CharField(label=_("Correct phone number"), required=False, max_length=40)
    website = forms.URLField(label=_("Correct website"), required=False, assume_scheme="https")
    hours_note = forms.CharField(
        label=_("Correct opening hours"),
        required=False,
        max_length=200,
        help_text=_("For example: Saturday 9:00-12:00, closed in August."),
    )
    reporter_name = forms.CharField(label=_("Your name (optional)"), required=False, max_length=120)
    reporter_email = forms.EmailField(
        label=_("Your email address (optional)"),
        required=False,
        help_text=_("Only used by the municipality to ask you a question about this report."),
    )

    # A field people never see (hidden by CSS and from screen readers) that form-filling robots do fill in.
    contact_fax = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    PROPOSED_FIELDS = ("name", "street", "postal_code", "locality", "phone", "website", "hours_note")

    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("contact_fax"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == ChangeReportKind.CHANGE and not data.get("message") and not self.proposed_changes():
            raise forms.ValidationError(
                _("Tell us what has changed: write a message or fill in at least one corrected value.")
            )
        return data

    def proposed_changes(self) -> dict[str, str]:
        data = getattr(self, "cleaned_data", {})
        return {
            name: data[name]
            for name in self.PROPOSED_FIELDS
            if name in REPORTABLE_FIELDS and data.get(name) not in (None, "")
        }


class EventFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of event"), required=False)
    area = forms.ChoiceField(label=_("Municipality or region"), required=False, widget=FastSelect)
    month = forms.RegexField(
        label=_("Month"), regex=r"^\d{4}-(0[1-9]|1[0-2])$", required=False, widget=forms.HiddenInput
    )

    def __init__(self, data: Any = None) -> None:
        super().__init__(data=data, auto_id="events-%s")
        cast(forms.ChoiceField, self.fields["kind"]).choices = [("", _("All kinds")), *EventKind.choices]
        cast(forms.ChoiceField, self.fields["area"]).choices = area_choices(with_events=True)
