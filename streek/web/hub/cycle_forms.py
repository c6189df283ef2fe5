"""Forms of a cycle's set-up: the cycle itself, its producers and their offers, fees, pickup slots, copies, closing.

Times are entered in the site's time zone (datetime-local inputs); the services check the rules and their
refusals are shown on the fields they name.
"""

from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from streek.catalog.choices import OrganisationKind
from streek.catalog.models import Organisation, Variant
from streek.orders.choices import FeeCalculation, FeeKind
from streek.orders.models import ChannelTerms, CycleOffer, DeliveryZone, OrderCycle, PickupPoint

LOCAL_MINUTE = "%Y-%m-%dT%H:%M"


def moment_field(label: Any, *, required: bool = True, help_text: Any = "") -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        required=required,
        help_text=help_text,
        input_formats=[LOCAL_MINUTE, "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=LOCAL_MINUTE),
    )


def day_field(label: Any, *, help_text: Any = "") -> forms.DateField:
    return forms.DateField(
        label=label, help_text=help_text, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )


def money_field(label: Any, *, required: bool = True, help_text: Any = "") -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=required,
        help_text=help_text,
        min_value=Decimal("0"),
        max_digits=10,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.01", "min": "0", "inputmode": "decimal"}),
    )


class ChannelChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_kind_display())


class CycleForm(forms.Form):
    name = forms.CharField(label=_("name"), max_length=200)
    opens_at = moment_field(_("opens at"))
    closes_at = moment_field(_("closes at"))
    fulfilment_date = day_field(_("pickup or delivery day"))
    channels = ChannelChoiceField(
        label=_("channels"),
        queryset=ChannelTerms.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Who may buy in this cycle; each channel has its own terms."),
    )
    delivery_zones = forms.ModelMultipleChoiceField(
        label=_("delivery zones"),
        queryset=DeliveryZone.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    notes = forms.CharField(
        label=_("notes for buyers"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )

    def __init__(self, *args: Any, hub: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        channels = ChannelTerms.objects.filter(hub=hub, is_active=True).order_by("kind")
        self.fields["channels"].queryset = channels  # type: ignore[attr-defined]
        zones = DeliveryZone.objects.filter(hub=hub, is_active=True).order_by("name")
        self.fields["delivery_zones"].queryset = zones  # type: ignore[attr-defined]

    def service_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "opens_at": data["opens_at"],
            "closes_at": data["closes_at"],
            "fulfilment_date": data["fulfilment_date"],
            "channels": list(data["channels"]),
            "delivery_zones": list(data["delivery_zones"]),
            "notes": data["notes"],
        }

    @staticmethod
    def initial_from(cycle: OrderCycle) -> dict[str, Any]:
        return {
            "name": cycle.name,
            "opens_at": timezone.localtime(cycle.opens_at),
            "closes_at": timezone.localtime(cycle.closes_at),
            "fulfilment_date": cycle.fulfilment_date,
            "channels": list(cycle.channels.all()),
            "delivery_zones": list(cycle.delivery_zones.all()),
            "notes": cycle.notes,
        }


def producer_choices(hub: Organisation) -> QuerySet[Organisation]:
    """Producers and processors of the platform, and the hub itself (a hub may sell its own goods)."""
    kinds = [OrganisationKind.PRODUCER, OrganisationKind.PROCESSOR]
    return Organisation.objects.filter(Q(kind__in=kinds) | Q(pk=hub.pk)).order_by("name", "pk")


class ProducerAddForm(forms.Form):
    producer = forms.ModelChoiceField(label=_("producer"), queryset=Organisation.objects.none())
    ready_from = moment_field(_("ready for collection from"), required=False)
    ready_until = moment_field(_("ready for collection until"), required=False)
    note = forms.CharField(label=_("note"), max_length=300, required=False)
    surplus_to_market = forms.BooleanField(
        label=_("offer unsold stock on the market board"),
        required=False,
        help_text=_(
            "At the close, what is left of the producer's limited stock is posted as a surplus offer. "
            "Agree this with the producer first."
        ),
    )

    def __init__(self, *args: Any, hub: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["producer"].queryset = producer_choices(hub)  # type: ignore[attr-defined]


class OfferForm(forms.Form):
    """One variant of the producer: offered or not, at which producer price, with which stock."""

    variant = forms.IntegerField(widget=forms.HiddenInput)
    offered = forms.BooleanField(label=_("offered"), required=False)
    producer_price = money_field(_("producer price excl. VAT"), required=False)
    stock = forms.IntegerField(
        label=_("stock"),
        required=False,
        min_value=0,
        widget=forms.NumberInput(attrs={"min": "0", "inputmode": "numeric"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        if data.get("offered") and data.get("producer_price") is None and not self.has_error("producer_price"):
            self.add_error("producer_price", _("Give the producer price of an offered variant."))
        return data


OfferFormSet = forms.formset_factory(OfferForm, extra=0, max_num=500, validate_max=True)


def offer_rows(*, variants: list[Variant], offers: dict[int, CycleOffer]) -> list[dict[str, Any]]:
    """Initial rows of the offer formset: every active variant of the producer, the current offer where there is one."""
    rows = []
    for variant in variants:
        offer = offers.get(variant.pk)
        rows.append(
            {
                "variant": variant.pk,
                "offered": offer is not None,
                "producer_price": offer.producer_price if offer is not None else variant.price,
                "stock": offer.stock if offer is not None else None,
            }
        )
    return rows


class HubFeeForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=FeeKind.choices)
    name = forms.CharField(label=_("name"), max_length=80, required=False)
    calculation = forms.ChoiceField(label=_("calculation"), choices=FeeCalculation.choices)
    amount = forms.DecimalField(
        label=_("amount (% or EUR excl. VAT)"),
        min_value=Decimal("0"),
        max_digits=8,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.01", "min": "0", "inputmode": "decimal"}),
    )


class PickupSlotForm(forms.Form):
    pickup_point = forms.ModelChoiceField(label=_("pickup point"), queryset=PickupPoint.objects.none())
    starts_at = moment_field(_("from"))
    ends_at = moment_field(_("until"))
    capacity = forms.IntegerField(
        label=_("capacity (orders)"), min_value=1, widget=forms.NumberInput(attrs={"min": "1", "inputmode": "numeric"})
    )

    def __init__(self, *args: Any, hub: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["pickup_point"].queryset = PickupPoint.objects.filter(hub=hub, is_active=True).order_by("name")  # type: ignore[attr-defined]


class CloneForm(forms.Form):
    weeks = forms.IntegerField(
        label=_("move forward by (weeks)"),
        min_value=1,
        max_value=52,
        initial=1,
        widget=forms.NumberInput(attrs={"min": "1", "max": "52"}),
    )
    name = forms.CharField(
        label=_("name of the copy"),
        max_length=200,
        required=False,
        help_text=_("Empty: the name with the new pickup or delivery day."),
    )


class SeriesForm(forms.Form):
    interval_weeks = forms.IntegerField(
        label=_("every (weeks)"), min_value=1, max_value=52, initial=1, widget=forms.NumberInput(attrs={"min": "1"})
    )
    repeat_until = day_field(_("repeat until"), help_text=_("The last pickup or delivery day of the schedule."))


class CycleCloseForm(forms.Form):
    offer_surplus = forms.BooleanField(
        label=_("Record unsold stock as surplus"),
        required=False,
        initial=True,
        help_text=_("What was not sold is kept for the matching board and the monitor."),
    )
