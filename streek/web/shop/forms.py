"""Forms of the buyer's pages: the shop filter, basket lines, the checkout, order changes, standing orders."""

from functools import lru_cache
from html import escape
from typing import Any, cast

from django import forms
from django.forms.renderers import BaseRenderer
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from streek.catalog.models import Organisation
from streek.orders.choices import FulfilmentMethod, Preparation
from streek.orders.models import DeliveryZone, PickupSlot

from ..find.forms import category_choices
from ..widgets import FastSelect

MAX_QUANTITY = 9999


class ProducerSelect(forms.Select):
    """The shop's producer <select>: its options come straight from the (id, name) pairs of the cycle's
    producers, without Django's choice normalisation, and their HTML is kept per process, keyed on exactly what it
    is made of (the pairs, the chosen producer and the label of the empty option). A big cycle has hundreds of
    producers: building and escaping those options was a tenth of the shop page's Python time, for the same
    text on nearly every request. The key is the content itself, so nothing has to invalidate it."""

    producers: tuple[tuple[int, str], ...] = ()
    empty_label: Any = ""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: BaseRenderer | None = None
    ) -> SafeString:
        final_attrs = self.build_attrs(self.attrs, attrs)
        attributes = "".join(
            format_html(' {}="{}"', key, val) if val is not True else format_html(" {}", key)
            for key, val in final_attrs.items()
            if val is not False and val is not None
        )
        options = _producer_options(self.producers, "" if value is None else str(value), str(self.empty_label))
        return mark_safe(f'<select name="{escape(name)}"{attributes}>{options}</select>')  # noqa: S308 - escaped


@lru_cache(maxsize=256)
def _producer_options(producers: tuple[tuple[int, str], ...], selected: str, empty_label: str) -> str:
    html = [f'<option value=""{" selected" if selected == "" else ""}>{escape(empty_label)}</option>']
    for pk, name in producers:
        value = str(pk)
        mark = " selected" if value == selected else ""
        html.append(f'<option value="{value}"{mark}>{escape(name)}</option>')
    return "".join(html)


class ShopFilterForm(forms.Form):
    """Search and filters of a hub's shop; values are read leniently (an unknown producer is ignored)."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    producer = forms.IntegerField(label=_("Producer"), required=False, widget=ProducerSelect)
    type = forms.ChoiceField(label=_("Product type"), required=False, widget=FastSelect)

    def __init__(self, data: Any, *, producers: list[tuple[int, str]]) -> None:
        """`producers`: (id, name) of the cycle's producers."""
        super().__init__(data, auto_id="shop-%s")
        widget = cast(ProducerSelect, self.fields["producer"].widget)
        widget.producers = tuple(producers)
        widget.empty_label = _("All producers")
        self._producer_ids = {pk for pk, _name in producers}
        choices = category_choices()
        cast(forms.ChoiceField, self.fields["type"]).choices = [("", _("All products")), *choices[1:]]

    def clean_producer(self) -> int | None:
        producer = cast(int | None, self.cleaned_data.get("producer"))
        if producer is not None and producer not in self._producer_ids:
            raise forms.ValidationError(
                forms.ChoiceField.default_error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": producer},
            )
        return producer

    def filters(self) -> dict[str, Any]:
        """The search, producer id and product type key to pass to the catalogue (empty when invalid)."""
        if not self.is_valid():
            cleaned = {name: self.cleaned_data.get(name) for name in ("q", "producer", "type")}
        else:
            cleaned = self.cleaned_data
        return {
            "search": (cleaned.get("q") or "").strip(),
            "producer_id": cleaned.get("producer"),
            "product_type_key": cleaned.get("type") or None,
        }


class BasketLineForm(forms.Form):
    """One line of the basket: the offered variant and how many (0 removes it)."""

    offer = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    quantity = forms.IntegerField(label=_("Quantity"), min_value=0, max_value=MAX_QUANTITY)
    preparation = forms.ChoiceField(
        label=_("Preparation"), required=False, choices=[("", _("No preference")), *Preparation.choices]
    )


class BuyingForForm(forms.Form):
    """Whom a signed-in user buys for: the household (empty) or an organisation it manages."""

    organisation = forms.TypedChoiceField(label=_("Buying for"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args: Any, organisations: list[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["organisation"]).choices = [
            ("", _("My household")),
            *[(str(o.pk), o.name) for o in organisations],
        ]


class CheckoutForm(forms.Form):
    """Pickup slot or home delivery; the idempotency key is made when the form is first shown."""

    idempotency_key = forms.CharField(max_length=64, widget=forms.HiddenInput)
    fulfilment_method = forms.ChoiceField(
        label=_("How do you get your order?"), choices=FulfilmentMethod.choices, widget=forms.RadioSelect
    )
    pickup_slot = forms.TypedChoiceField(
        label=_("Pickup time"), required=False, coerce=int, empty_value=None, widget=forms.RadioSelect
    )
    delivery_zone = forms.TypedChoiceField(label=_("Delivery zone"), required=False, coerce=int, empty_value=None)
    street = forms.CharField(
        label=_("Street and number"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    postal_code = forms.CharField(
        label=_("Postal code"),
        required=False,
        max_length=10,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
    )
    locality = forms.CharField(
        label=_("Locality"),
        required=False,
        max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    note = forms.CharField(
        label=_("Note to the hub"), required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, slots: list[PickupSlot], zones: list[DeliveryZone], **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "checkout-%s")
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["pickup_slot"]).choices = [(str(s.pk), str(s)) for s in slots]
        cast(forms.ChoiceField, self.fields["delivery_zone"]).choices = [
            ("", _("Choose a zone")),
            *[(str(z.pk), z.name) for z in zones],
        ]
        methods = []
        if slots:
            methods.append((FulfilmentMethod.PICKUP.value, FulfilmentMethod.PICKUP.label))
        if zones:
            methods.append((FulfilmentMethod.DELIVERY.value, FulfilmentMethod.DELIVERY.label))
        cast(forms.ChoiceField, self.fields["fulfilment_method"]).choices = methods
        if len(methods) == 1 and not self.is_bound:
            self.initial.setdefault("fulfilment_method", methods[0][0])


class OrderLineQuantityForm(forms.Form):
    line = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    quantity = forms.IntegerField(label=_("Quantity"), min_value=0, max_value=MAX_QUANTITY)


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason (optional)"), required=False, max_length=300)


class PauseForm(forms.Form):
    until = forms.DateField(label=_("Pause until"), widget=forms.DateInput(attrs={"type": "date"}))
