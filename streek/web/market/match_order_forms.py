"""Forms of the match page's buyer: a standing order or a one-off order of the producer's goods through a hub.

One pair of forms per hub option (selectors.match_options.HubOption): the hub is a hidden field, the choices
are that hub's variants, pickup points or slots and delivery zones. Ids are prefixed per hub and form so that
several hubs on one page never share an id.
"""

from datetime import timedelta
from typing import Any, cast
from uuid import uuid4

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from streek.orders.choices import FulfilmentMethod
from streek.orders.selectors.match_options import HubOption, VariantOption
from streek.orders.services.from_match import MAX_QUANTITY

# Where the services name a field differently from these forms.
FIELD_NAMES = {
    "delivery_street": "street",
    "delivery_postal_code": "postal_code",
    "delivery_locality": "locality",
    "lines": "quantity",
}


def _variant_label(option: VariantOption, *, with_price: bool) -> str:
    label = option.description
    if with_price and option.price is not None:
        per = _("per case of %(count)s") % {"count": option.case_size} if option.case_size > 1 else _("per item")
        label += f" — € {formats.number_format(option.price.unit_price, 2)} {per} " + str(_("excl. VAT"))
    if with_price and option.available is not None:
        label += " — " + str(_("%(count)s left") % {"count": option.available})
    return label


class MatchTradeForm(forms.Form):
    """The fields both forms share: the hub, the product, how many, pickup or delivery, a note."""

    hub = forms.IntegerField(widget=forms.HiddenInput)
    variant = forms.TypedChoiceField(label=_("Product"), coerce=int, empty_value=None)
    quantity = forms.IntegerField(label=_("Number of items"), min_value=1, max_value=MAX_QUANTITY, initial=1)
    fulfilment_method = forms.ChoiceField(
        label=_("Pickup or delivery"),
        choices=FulfilmentMethod.choices,
        widget=forms.RadioSelect,
        initial=FulfilmentMethod.PICKUP,
    )
    delivery_zone = forms.TypedChoiceField(label=_("Delivery zone"), required=False, coerce=int, empty_value=None)
    street = forms.CharField(label=_("Street and number"), required=False, max_length=200)
    postal_code = forms.CharField(label=_("Postal code"), required=False, max_length=10)
    locality = forms.CharField(label=_("Locality"), required=False, max_length=120)
    note = forms.CharField(label=_("Note to the hub"), required=False, max_length=500)

    prefix_name = ""

    def __init__(self, *args: Any, option: HubOption, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"{self.prefix_name}-{option.hub.pk}-%s")
        initial = dict(kwargs.pop("initial", None) or {})
        initial.setdefault("hub", option.hub.pk)
        kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        self.option = option

    def set_choices(self, name: str, empty: str, choices: list[tuple[int, str]]) -> None:
        """The field's choices after an empty one; a single choice is chosen already."""
        cast(forms.ChoiceField, self.fields[name]).choices = [("", empty), *choices]
        if len(choices) == 1 and name not in self.initial:
            self.initial[name] = choices[0][0]


class MatchStandingForm(MatchTradeForm):
    """A standing order: the product every one, two or four weeks, from a day, at a pickup point or delivered."""

    interval_weeks = forms.TypedChoiceField(
        label=_("Repeat"),
        coerce=int,
        choices=[(1, _("Every week")), (2, _("Every two weeks")), (4, _("Every four weeks"))],
        initial=1,
    )
    starts_on = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(
        label=_("Until (optional)"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    pickup_point = forms.TypedChoiceField(label=_("Pickup point"), required=False, coerce=int, empty_value=None)

    prefix_name = "standing"
    field_order = [
        "hub",
        "variant",
        "quantity",
        "interval_weeks",
        "starts_on",
        "ends_on",
        "fulfilment_method",
        "pickup_point",
        "delivery_zone",
        "street",
        "postal_code",
        "locality",
        "note",
    ]

    def __init__(self, *args: Any, option: HubOption, **kwargs: Any) -> None:
        initial = dict(kwargs.pop("initial", None) or {})
        initial.setdefault("starts_on", timezone.localdate() + timedelta(days=1))
        super().__init__(*args, option=option, initial=initial, **kwargs)
        self.set_choices(
            "variant",
            str(_("Choose a product")),
            [(one.variant.pk, _variant_label(one, with_price=False)) for one in option.variants],
        )
        self.set_choices(
            "pickup_point",
            str(_("Choose a pickup point")),
            [
                (point.pk, f"{point.name} ({_('cooled')})" if point.is_cooled else point.name)
                for point in option.pickup_points
            ],
        )
        self.set_choices(
            "delivery_zone", str(_("Choose a zone")), [(zone.pk, zone.name) for zone in option.delivery_zones]
        )


class MatchOrderForm(MatchTradeForm):
    """A one-off order in the hub's open cycle: the product, how many, a pickup time or delivery."""

    pickup_slot = forms.TypedChoiceField(label=_("Pickup time"), required=False, coerce=int, empty_value=None)
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64)

    prefix_name = "order"
    field_order = [
        "hub",
        "idempotency_key",
        "variant",
        "quantity",
        "fulfilment_method",
        "pickup_slot",
        "delivery_zone",
        "street",
        "postal_code",
        "locality",
        "note",
    ]

    def __init__(self, *args: Any, option: HubOption, **kwargs: Any) -> None:
        initial = dict(kwargs.pop("initial", None) or {})
        initial.setdefault("idempotency_key", uuid4().hex)
        super().__init__(*args, option=option, initial=initial, **kwargs)
        self.set_choices(
            "variant",
            str(_("Choose a product")),
            [(one.variant.pk, _variant_label(one, with_price=True)) for one in option.orderable_variants],
        )
        self.set_choices(
            "pickup_slot",
            str(_("Choose a pickup time")),
            [
                (
                    slot.pk,
                    f"{slot.pickup_point.name}, "
                    f"{formats.date_format(timezone.localtime(slot.starts_at), 'SHORT_DATETIME_FORMAT')}",
                )
                for slot in option.pickup_slots
            ],
        )
        self.set_choices(
            "delivery_zone", str(_("Choose a zone")), [(zone.pk, zone.name) for zone in option.cycle_zones]
        )
