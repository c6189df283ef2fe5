"""Forms of the inventory pages: a sales point (officers edit and create, producers propose), filters, decisions."""

from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from streek.catalog.choices import (
    Accessibility,
    PaymentMethod,
    SalesPointStatus,
    SalesPointType,
)
from streek.catalog.models import Organisation, SalesPoint
from streek.catalog.selectors.inventory import ConceptGroup, category_choice_groups, label_choices
from streek.catalog.validators import normalise_postal_code
from streek.core.exceptions import NotFound
from streek.territory.models import Municipality
from streek.territory.selectors import geocode

COUNTRY_CHOICES = [("BE", _("Belgium")), ("NL", _("Netherlands"))]
EDITABLE_STATUSES = (SalesPointStatus.ACTIVE, SalesPointStatus.TEMPORARILY_CLOSED, SalesPointStatus.CLOSED)
TRUE_STRINGS = {"1", "true", "True", "on", "yes"}


class SalesPointForm(forms.Form):
    """Everything an officer keeps about a point. Position: hidden lat/lon set by the map or the address."""

    name = forms.CharField(label=_("name"), max_length=200)
    type = forms.ChoiceField(label=_("type"), choices=SalesPointType.choices)
    status = forms.ChoiceField(label=_("status"), choices=[])
    operator = forms.ModelChoiceField(
        label=_("operator"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("The organisation that runs the point; empty when it is not on the platform yet."),
    )
    street = forms.CharField(label=_("street and number"), max_length=200, required=False)
    postal_code = forms.CharField(label=_("postal code"), max_length=10, required=False)
    locality = forms.CharField(label=_("locality"), max_length=120, required=False)
    country = forms.ChoiceField(label=_("country"), choices=COUNTRY_CHOICES, initial="BE")
    municipality = forms.ModelChoiceField(label=_("municipality"), queryset=Municipality.objects.none())
    lat = forms.FloatField(min_value=-90, max_value=90, required=False, widget=forms.HiddenInput)
    lon = forms.FloatField(min_value=-180, max_value=180, required=False, widget=forms.HiddenInput)
    position_exact = forms.CharField(required=False, widget=forms.HiddenInput)
    categories = forms.MultipleChoiceField(
        label=_("product categories"), required=False, widget=forms.CheckboxSelectMultiple
    )
    labels = forms.MultipleChoiceField(label=_("labels"), required=False, widget=forms.CheckboxSelectMultiple)
    payment_methods = forms.MultipleChoiceField(
        label=_("payment methods"), choices=PaymentMethod.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    accessibility = forms.MultipleChoiceField(
        label=_("accessibility"), choices=Accessibility.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    cooled = forms.BooleanField(label=_("cooled storage"), required=False)
    phone = forms.CharField(label=_("phone"), max_length=40, required=False)
    email = forms.EmailField(label=_("email"), required=False)
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")
    hours_note = forms.CharField(
        label=_("note on opening hours"),
        max_length=200,
        required=False,
        help_text=_("e.g. 'Saturday mornings, in summer also Wednesday afternoon'."),
    )
    description_nl = forms.CharField(
        label=_("description (Dutch)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    # Fields passed to the service as they are (categories and labels go separately).
    MODEL_FIELDS: tuple[str, ...] = (
        "name",
        "type",
        "status",
        "operator",
        "street",
        "postal_code",
        "locality",
        "municipality",
        "lat",
        "lon",
        "position_exact",
        "payment_methods",
        "accessibility",
        "cooled",
        "phone",
        "email",
        "website",
        "hours_note",
        "description_nl",
    )

    def __init__(
        self,
        *args: Any,
        municipalities: QuerySet[Municipality],
        operators: QuerySet[Organisation] | None = None,
        sales_point: SalesPoint | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.sales_point = sales_point
        current_status = sales_point.status if sales_point is not None else SalesPointStatus.ACTIVE
        statuses = [s for s in SalesPointStatus if s in EDITABLE_STATUSES or s == current_status]
        cast(forms.ChoiceField, self.fields["status"]).choices = [(s.value, s.label) for s in statuses]
        cast(forms.ModelChoiceField, self.fields["municipality"]).queryset = municipalities
        cast(forms.ModelChoiceField, self.fields["operator"]).queryset = (
            operators if operators is not None else Organisation.objects.none()
        )
        in_use = list(self.initial.get("categories") or [])
        self.category_groups: list[ConceptGroup] = category_choice_groups(extra_keys=in_use)
        categories = cast(forms.MultipleChoiceField, self.fields["categories"])
        categories.choices = [choice for group in self.category_groups for choice in group.choices]
        cast(forms.MultipleChoiceField, self.fields["labels"]).choices = label_choices()

    def grouped_categories(self) -> list[tuple[str, list[Any], bool]]:
        """The category checkboxes grouped under their top concept (open when one is ticked), for the template."""
        widgets = {widget.data["value"]: widget for widget in self["categories"]}
        ticked = {str(value) for value in (self["categories"].value() or [])}
        return [
            (
                group.label,
                [widgets[key] for key, _label in group.choices if key in widgets],
                any(key in ticked for key, _label in group.choices),
            )
            for group in self.category_groups
        ]

    @classmethod
    def initial_from(cls, point: SalesPoint) -> dict[str, Any]:
        initial = {name: getattr(point, name) for name in cls.MODEL_FIELDS if name not in ("operator", "municipality")}
        initial["operator"] = point.operator_id
        initial["municipality"] = point.municipality_id
        initial["country"] = point.municipality.country.code if point.municipality_id else "BE"
        initial["position_exact"] = "1" if point.position_exact else "0"
        initial["categories"] = list(point.categories.values_list("key", flat=True))
        initial["labels"] = list(point.labels.values_list("key", flat=True))
        return initial

    def clean_postal_code(self) -> str:
        value: str = self.cleaned_data.get("postal_code", "").strip()
        if not value:
            return ""
        country = self.data.get(self.add_prefix("country")) or "BE"
        try:
            return normalise_postal_code(country if country in ("BE", "NL") else "BE", value)
        except ValidationError as error:
            raise ValidationError(error.messages) from error

    def clean_position_exact(self) -> bool:
        return self.cleaned_data.get("position_exact") in TRUE_STRINGS

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        if data.get("lat") is None or data.get("lon") is None:
            self._position_from_address(data)
        return data

    def _geocode(self, data: dict[str, Any]) -> Any:
        postal_code, locality = data.get("postal_code") or "", data.get("locality") or ""
        if not (postal_code or locality):
            return None
        try:
            return geocode(country_code=data.get("country") or "BE", postal_code=postal_code, locality=locality)
        except NotFound:
            return None

    def _position_from_address(self, data: dict[str, Any]) -> None:
        """Without a position from the map, take the point of the postal code (an approximate position)."""
        found = self._geocode(data)
        if found is not None:
            data["lat"], data["lon"], data["position_exact"] = found.point.lat, found.point.lon, False
            return
        if "postal_code" in data:
            self.add_error(
                "postal_code",
                _("Place the point on the map, or give a postal code or locality we know."),
            )

    def service_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {name: data[name] for name in self.MODEL_FIELDS if name in self.fields or name in ("lat", "lon")}


class SalesPointProposeForm(SalesPointForm):
    """What a producer gives for a new point: the municipality follows from the postal code."""

    message = forms.CharField(
        label=_("Message for the municipality"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    MODEL_FIELDS = tuple(
        name for name in SalesPointForm.MODEL_FIELDS if name not in ("status", "operator", "municipality")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("status", "operator", "municipality"):
            del self.fields[name]
        self.fields["postal_code"].required = True

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        found = self._geocode(data)
        if found is None:
            if "postal_code" in data and not self.has_error("postal_code"):
                self.add_error("postal_code", _("We do not know this postal code or locality."))
            return data
        data["municipality"] = found.municipality
        return data

    def service_fields(self) -> dict[str, Any]:
        fields = super().service_fields()
        fields["municipality"] = self.cleaned_data["municipality"]
        return fields


def location_context(*, lat: float | None, lon: float | None) -> dict[str, Any]:
    """What the position map needs: where to look first, and its messages in the page language."""
    return {
        "map_center": {"lat": lat, "lon": lon},
        "location_texts": {
            "marker": str(_("Position of the sales point")),
            "exact": str(_("Exact position: %(position)s")),
            "approximate": str(_("Approximate position (from the postal code): %(position)s")),
            "none": str(_("No position yet: locate it from the address or click the map.")),
            "searching": str(_("Looking up the address…")),
            "unknown": str(_("We do not know this postal code or locality.")),
        },
    }


def operator_choices(*, municipality_id: int, current_id: int | None = None) -> QuerySet[Organisation]:
    """Organisations an officer may pick as operator: those of the municipality, and the current one."""
    condition = Q(municipality_id=municipality_id)
    if current_id is not None:
        condition |= Q(pk=current_id)
    return Organisation.objects.filter(condition).order_by("name")


class InventoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("status"), required=False, choices=[("", _("All statuses")), *SalesPointStatus.choices]
    )
    type = forms.ChoiceField(label=_("type"), required=False, choices=[("", _("All types")), *SalesPointType.choices])
    stale = forms.BooleanField(label=_("Only stale points"), required=False)


class DecisionForm(forms.Form):
    note = forms.CharField(label=_("Note"), required=False, max_length=300)


class RejectForm(forms.Form):
    note = forms.CharField(label=_("Reason"), max_length=300)


class MunicipalityChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Municipality) -> str:  # type: ignore[override]
        return f"{obj.name} ({obj.country.code})"


class RegionForm(forms.Form):
    name = forms.CharField(label=_("name"), max_length=120)
    description = forms.CharField(label=_("description"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    municipalities = MunicipalityChoiceField(
        label=_("municipalities"),
        queryset=Municipality.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(MunicipalityChoiceField, self.fields["municipalities"]).queryset = Municipality.objects.select_related(
            "country"
        ).order_by("name_nl")
