"""Forms of the logistics pages: the fleet set-up, asking for a plan, dispatching stops and routes."""

from datetime import date
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from streek.accounts.models import User
from streek.catalog.models import Organisation
from streek.logistics.models import Depot, Driver, Route, Vehicle
from streek.logistics.services.plans import MAX_TIME_LIMIT_SECONDS
from streek.orders.models import OrderCycle

TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class DepotForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Depot
        fields = [
            "name",
            "street",
            "postal_code",
            "locality",
            "lat",
            "lon",
            "opens",
            "closes",
            "has_cold_storage",
            "reload_minutes",
            "is_active",
        ]
        widgets = {"opens": TIME, "closes": TIME}


class VehicleForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Vehicle
        fields = [
            "name",
            "depot",
            "capacity_kg",
            "capacity_crates",
            "is_cooled",
            "cost_per_km",
            "cost_per_hour",
            "co2_kg_per_km",
            "shift_start",
            "shift_end",
            "max_trips",
            "is_active",
        ]
        widgets = {"shift_start": TIME, "shift_end": TIME}

    def __init__(self, *args: Any, hub: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        depot_field: forms.ModelChoiceField = self.fields["depot"]  # type: ignore[assignment]
        depot_field.queryset = Depot.objects.filter(hub=hub).order_by("name")


class DriverForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address of the driver's account"),
        help_text=_("The driver logs in with this account and sees only the routes given to them."),
    )
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)

    def clean_email(self) -> User:
        email = self.cleaned_data["email"]
        user = User.objects.filter(email__iexact=email, is_active=True).order_by("pk").first()
        if user is None:
            raise forms.ValidationError(_("No account uses this email address. Ask the driver to register first."))
        return user


class CycleChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.hub.name} · {obj.name} · {obj.fulfilment_date:%d-%m-%Y} · {obj.get_status_display()}"


class PlanForm(forms.Form):
    day = forms.DateField(label=_("Day"), widget=forms.DateInput(attrs={"type": "date"}))
    cycles = CycleChoiceField(
        label=_("Order cycles delivering that day"),
        queryset=OrderCycle.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    partner_hubs = forms.ModelMultipleChoiceField(
        label=_("Hubs working together"),
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Their depots, vehicles and cycles take part in the same plan."),
    )
    time_limit_seconds = forms.IntegerField(
        label=_("Time to plan (seconds)"),
        min_value=1,
        max_value=MAX_TIME_LIMIT_SECONDS,
        help_text=_("The planner improves the rounds until this time is up."),
    )
    collection_minutes = forms.IntegerField(label=_("Minutes per collection"), min_value=0, max_value=120, initial=10)
    delivery_minutes = forms.IntegerField(label=_("Minutes per delivery"), min_value=0, max_value=120, initial=5)

    def __init__(
        self,
        *args: Any,
        cycles: QuerySet[OrderCycle],
        partners: QuerySet[Organisation],
        default_day: date | None,
        time_limit: int,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        cycle_field: forms.ModelMultipleChoiceField = self.fields["cycles"]  # type: ignore[assignment]
        cycle_field.queryset = cycles
        partner_field: forms.ModelMultipleChoiceField = self.fields["partner_hubs"]  # type: ignore[assignment]
        partner_field.queryset = partners
        self.fields["day"].initial = default_day
        self.fields["time_limit_seconds"].initial = time_limit


class ReplanForm(forms.Form):
    time_limit_seconds = forms.IntegerField(
        label=_("Time to plan (seconds)"), min_value=1, max_value=MAX_TIME_LIMIT_SECONDS
    )


class StopMoveForm(forms.Form):
    route = forms.ModelChoiceField(label=_("Move to route"), queryset=Route.objects.none())

    def __init__(self, *args: Any, routes: QuerySet[Route], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        route_field: forms.ModelChoiceField = self.fields["route"]  # type: ignore[assignment]
        route_field.queryset = routes


class RouteDriverForm(forms.Form):
    driver = forms.ModelChoiceField(label=_("Driver"), queryset=Driver.objects.none(), required=False)

    def __init__(self, *args: Any, drivers: QuerySet[Driver], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        driver_field: forms.ModelChoiceField = self.fields["driver"]  # type: ignore[assignment]
        driver_field.queryset = drivers
