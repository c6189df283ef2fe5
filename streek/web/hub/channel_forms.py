"""Forms of a hub's channels: the terms of one channel, a row of its price list, crates, admission decisions."""

from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from streek.catalog.choices import Weekday
from streek.catalog.models import Organisation, Variant
from streek.orders.choices import PaymentTerms, Preparation, PriceRule
from streek.orders.models import ChannelTerms, ReturnableCrate

from .cycle_forms import money_field


class ChannelTermsForm(forms.Form):
    price_rule = forms.ChoiceField(label=_("price rule"), choices=PriceRule.choices)
    markup_percent = forms.DecimalField(
        label=_("markup (%)"),
        max_digits=6,
        decimal_places=2,
        min_value=Decimal("-90"),
        max_value=Decimal("500"),
        initial=Decimal("0"),
        help_text=_("Added to the producer price when the price rule is a markup; negative for a discount."),
        widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}),
    )
    minimum_order_value = money_field(_("minimum order value (excl. VAT)"))
    delivery_weekdays = forms.TypedMultipleChoiceField(
        label=_("delivery days"),
        choices=Weekday.choices,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: any day."),
    )
    cutoff_days_before = forms.IntegerField(
        label=_("order cut-off (days before delivery)"),
        min_value=0,
        max_value=14,
        initial=0,
        widget=forms.NumberInput(attrs={"min": "0", "max": "14"}),
    )
    cutoff_time = forms.TimeField(
        label=_("order cut-off time"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=_("For example 12:00 with 1 day: order by noon the day before."),
    )
    preparations = forms.MultipleChoiceField(
        label=_("packaging and preparation offered"),
        choices=Preparation.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    payment_terms = forms.ChoiceField(label=_("payment terms"), choices=PaymentTerms.choices)
    is_active = forms.BooleanField(label=_("active"), required=False, initial=True)

    FIELDS = (
        "price_rule",
        "markup_percent",
        "minimum_order_value",
        "delivery_weekdays",
        "cutoff_days_before",
        "cutoff_time",
        "preparations",
        "payment_terms",
        "is_active",
    )

    def service_fields(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.FIELDS}

    @classmethod
    def initial_from(cls, terms: ChannelTerms) -> dict[str, Any]:
        return {name: getattr(terms, name) for name in cls.FIELDS}


def price_list_variants(hub: Organisation) -> QuerySet[Variant]:
    """Variants a hub may price: those of the producers that take or took part in its cycles, and its own."""
    return (
        Variant.objects.filter(is_active=True, product__is_active=True)
        .filter(Q(product__organisation=hub) | Q(product__organisation__cycle_exchanges__cycle__hub=hub))
        .select_related("product__organisation", "unit")
        .distinct()
        .order_by("product__organisation__name", "product__name_nl", "pk")
    )


class VariantChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.product.organisation.name} — {obj}"


class ChannelPriceForm(forms.Form):
    variant = VariantChoiceField(label=_("variant"), queryset=Variant.objects.none())
    price = money_field(
        _("price excl. VAT"), required=False, help_text=_("Leave empty to apply the channel's price rule.")
    )
    case_size = forms.IntegerField(label=_("case size"), min_value=1, initial=1)
    minimum_quantity = forms.IntegerField(label=_("minimum quantity"), min_value=1, initial=1)
    crate = forms.ModelChoiceField(
        label=_("returnable crate"), queryset=ReturnableCrate.objects.none(), required=False, empty_label=_("(none)")
    )
    units_per_crate = forms.IntegerField(label=_("items per crate"), min_value=1, required=False)

    def __init__(self, *args: Any, hub: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["variant"].queryset = price_list_variants(hub)  # type: ignore[attr-defined]
        crates = ReturnableCrate.objects.filter(hub=hub).order_by("name")
        self.fields["crate"].queryset = crates  # type: ignore[attr-defined]


class CrateForm(forms.Form):
    name = forms.CharField(label=_("name"), max_length=80)
    deposit = money_field(_("deposit"))


class AdmissionDecideForm(forms.Form):
    decision = forms.ChoiceField(choices=[("admit", _("Admit")), ("refuse", _("Refuse"))])
    note = forms.CharField(label=_("note"), max_length=300, required=False)
