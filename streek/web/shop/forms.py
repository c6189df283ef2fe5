"""Forms of the buyer's pages: the shop filter, basket lines, the checkout, order changes, standing orders."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from streek.catalog.models import Organisation
from streek.orders.choices import FulfilmentMethod, Preparation
from streek.orders.models import DeliveryZone, PickupSlot

from ..find.forms import category_choices
from ..widgets import FastSelect

MAX_QUANTITY = 9999


class ShopFilterForm(forms.Form):
    """Search and filters of a hub's shop; values are read leniently (an unknown producer is ignored)."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    producer = forms.TypedChoiceField(
        label=_("Producer"), required=False, coerce=int, empty_value=None, widget=FastSelect
    )
    type = forms.ChoiceField(label=_("Product type"), required=False, widget=FastSelect)

    def __init__(self, data: Any, *, producers: list[tuple[int, str]]) -> None:
        """`producers`: (id, name) of the cycle's producers."""
        super().__init__(data, auto_id="shop-%s")
        cast(forms.ChoiceField, self.fields["producer"]).choices = [
            ("", _("All producers")),
            *[(str(pk), name) for pk, name in producers],
        ]
        choices = category_choices()
        cast(forms.ChoiceField, self.fields["type"]).choices = [("", _("All products")), *choices[1:]]

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
