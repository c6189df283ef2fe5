"""Forms of where a hub's buyers get their goods: pickup points and home delivery zones."""

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from streek.catalog.models import Organisation, SalesPoint
from streek.orders.models import DeliveryZone, PickupPoint

from .cycle_forms import money_field

ADDRESS_FIELDS = ("street", "postal_code", "locality", "lat", "lon")


def _coordinate(label: Any) -> forms.FloatField:
    return forms.FloatField(
        label=label, required=False, widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"})
    )


class PickupPointForm(forms.Form):
    name = forms.CharField(label=_("name"), max_length=200)
    sales_point = forms.ModelChoiceField(
        label=_("sales point on the map"),
        queryset=SalesPoint.objects.none(),
        required=False,
        empty_label=_("(not on the map)"),
        help_text=_("One of your sales points: its address and position are used where you leave them empty."),
    )
    street = forms.CharField(label=_("street and number"), max_length=200, required=False)
    postal_code = forms.CharField(label=_("postal code"), max_length=10, required=False)
    locality = forms.CharField(label=_("locality"), max_length=120, required=False)
    lat = _coordinate(_("latitude"))
    lon = _coordinate(_("longitude"))
    is_cooled = forms.BooleanField(
        label=_("cooled"), required=False, help_text=_("Only cooled points may receive chilled and frozen products.")
    )
    instructions = forms.CharField(label=_("instructions"), max_length=300, required=False)
    is_active = forms.BooleanField(label=_("active"), required=False, initial=True)

    FIELDS = (
        "name",
        "sales_point",
        "street",
        "postal_code",
        "locality",
        "lat",
        "lon",
        "is_cooled",
        "instructions",
        "is_active",
    )

    def __init__(self, *args: Any, hub: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sales_point"].queryset = SalesPoint.objects.filter(operator=hub).order_by("name")  # type: ignore[attr-defined]

    def service_fields(self) -> dict[str, Any]:
        """The fields for pickup_point_save; with a sales point, the address fields left empty are not sent,
        so the service takes them from the sales point."""
        fields = {name: self.cleaned_data[name] for name in self.FIELDS}
        if fields["sales_point"] is not None:
            for name in ADDRESS_FIELDS:
                if fields[name] in ("", None):
                    del fields[name]
        return fields

    @classmethod
    def initial_from(cls, point: PickupPoint) -> dict[str, Any]:
        initial = {name: getattr(point, name) for name in cls.FIELDS}
        initial["sales_point"] = point.sales_point_id
        return initial


class DeliveryZoneForm(forms.Form):
    name = forms.CharField(label=_("name"), max_length=120)
    postal_codes = forms.CharField(
        label=_("postal codes"),
        required=False,
        help_text=_("Separated by commas, for example 3800, 3803."),
    )
    center_lat = _coordinate(_("centre latitude"))
    center_lon = _coordinate(_("centre longitude"))
    radius_km = forms.DecimalField(
        label=_("radius (km)"),
        required=False,
        min_value=Decimal("0"),
        max_digits=6,
        decimal_places=2,
        help_text=_("Instead of or besides postal codes: everyone within this distance of the centre."),
    )
    fee = money_field(_("delivery fee (incl. VAT)"))
    minimum_order = money_field(_("minimum order (incl. VAT)"))
    delivery_from = forms.TimeField(
        label=_("delivery from"), required=False, widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    delivery_until = forms.TimeField(
        label=_("delivery until"), required=False, widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    is_active = forms.BooleanField(label=_("active"), required=False, initial=True)

    FIELDS = (
        "name",
        "postal_codes",
        "center_lat",
        "center_lon",
        "radius_km",
        "fee",
        "minimum_order",
        "delivery_from",
        "delivery_until",
        "is_active",
    )

    def service_fields(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.FIELDS}

    @classmethod
    def initial_from(cls, zone: DeliveryZone) -> dict[str, Any]:
        initial = {name: getattr(zone, name) for name in cls.FIELDS}
        initial["postal_codes"] = ", ".join(zone.postal_codes)
        return initial
