"""Forms of the market pages: the board filter, offers and requests, messages."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from streek.catalog.models import Concept
from streek.market.choices import AgreementKind, Recurrence, SpecOption
from streek.market.models import MAX_DISTANCE_KM
from streek.market.services.posts import UNIT_PATH_PREFIX

KIND_CHOICES = [("", _("Offers and requests")), ("offer", _("Offers")), ("request", _("Requests"))]
RADIUS_CHOICES = [("5", _("5 km")), ("10", _("10 km")), ("25", _("25 km")), ("50", _("50 km")), ("100", _("100 km"))]
WEEKDAY_CHOICES = [
    ("0", _("Monday")),
    ("1", _("Tuesday")),
    ("2", _("Wednesday")),
    ("3", _("Thursday")),
    ("4", _("Friday")),
    ("5", _("Saturday")),
    ("6", _("Sunday")),
]
Choices = list[tuple[str, str]]


def _concepts(scheme: str, *, prefix: str = "") -> Choices:
    qs = Concept.objects.filter(scheme=scheme)
    if prefix:
        qs = qs.filter(path__startswith=prefix)
    return [(c.key, c.label) for c in qs.order_by("path").only("key", "label_nl", "label_fr", "label_en")]


class BoardFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    kind = forms.ChoiceField(label=_("Show"), choices=KIND_CHOICES, required=False)
    product_type = forms.ChoiceField(label=_("Product type"), required=False)
    label = forms.ChoiceField(label=_("Label"), required=False)
    surplus = forms.BooleanField(label=_("Surplus only"), required=False)
    municipality = forms.CharField(label=_("Municipality code (NIS or CBS)"), required=False, max_length=10)
    region = forms.CharField(label=_("Region"), required=False, max_length=100)
    postal_code = forms.CharField(label=_("Near postal code"), required=False, max_length=10)
    radius = forms.ChoiceField(label=_("Within"), choices=RADIUS_CHOICES, required=False, initial="25")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        product_field = cast(forms.ChoiceField, self.fields["product_type"])
        label_field = cast(forms.ChoiceField, self.fields["label"])
        product_field.choices = [("", _("All products")), *_concepts("product_type")]
        label_field.choices = [("", _("All labels")), *_concepts("facet")]


class PostForm(forms.Form):
    """The fields an offer and a request share."""

    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    product_type = forms.ChoiceField(label=_("Product type"))
    quantity = forms.DecimalField(label=_("Quantity"), max_digits=12, decimal_places=3, min_value=0)
    unit = forms.ChoiceField(label=_("Unit"))
    recurrence = forms.ChoiceField(label=_("Recurrence"), choices=Recurrence.choices)
    starts_on = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"}), help_text=_("Empty: no end.")
    )
    place_name = forms.CharField(label=_("Place"), required=False, max_length=200)
    lat = forms.FloatField(label=_("Latitude"), required=False, help_text=_("Empty: the address of the organisation."))
    lon = forms.FloatField(label=_("Longitude"), required=False)
    labels = forms.MultipleChoiceField(label=_("Labels"), required=False, widget=forms.CheckboxSelectMultiple)
    spec = forms.MultipleChoiceField(
        label=_("Preparation"), required=False, choices=SpecOption.choices, widget=forms.CheckboxSelectMultiple
    )

    COMMON = ("title", "description", "quantity", "recurrence", "starts_on", "ends_on", "place_name", "lat", "lon")
    EXTRA: tuple[str, ...] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, choices in (
            ("product_type", _concepts("product_type")),
            ("unit", _concepts("measure", prefix=UNIT_PATH_PREFIX)),
            ("labels", _concepts("facet")),
        ):
            field = cast(forms.ChoiceField, self.fields[name])
            field.choices = choices if name == "labels" else [("", "---------"), *choices]

    @classmethod
    def initial_from(cls, post: Any) -> dict[str, Any]:
        initial = {name: getattr(post, name) for name in (*cls.COMMON, *cls.EXTRA)}
        initial.update(
            product_type=post.product_type.key,
            unit=post.unit.key,
            labels=[c.key for c in post.labels.all()],
            spec=list(post.spec or []),
        )
        return initial

    def service_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        fields = {name: data[name] for name in (*self.COMMON, *self.EXTRA)}
        return {
            **fields,
            "product_type": data["product_type"],
            "unit": data["unit"],
            "label_keys": data["labels"],
            "spec": data["spec"],
        }


class OfferForm(PostForm):
    price = forms.DecimalField(
        label=_("Price indication per unit, excl. VAT"),
        required=False,
        max_digits=10,
        decimal_places=2,
        min_value=0,
        help_text=_("Empty: price on request."),
    )
    packaging = forms.CharField(label=_("Packaging"), required=False, max_length=200)
    delivery_possible = forms.BooleanField(label=_("Delivery possible"), required=False)
    delivery_radius_km = forms.IntegerField(
        label=_("Delivers within (km)"), required=False, min_value=1, help_text=_("Empty: delivers anywhere asked.")
    )
    is_surplus = forms.BooleanField(label=_("Surplus: must go soon"), required=False)
    donation_allowed = forms.BooleanField(label=_("Food banks may claim it for free"), required=False)

    EXTRA = ("price", "packaging", "delivery_possible", "delivery_radius_km", "is_surplus", "donation_allowed")


class RequestForm(PostForm):
    max_distance_km = forms.IntegerField(
        label=_("Maximum distance (km)"), min_value=1, max_value=MAX_DISTANCE_KM, initial=50
    )
    needs_delivery = forms.BooleanField(label=_("Delivery wanted"), required=False, initial=True)
    delivery_weekdays = forms.MultipleChoiceField(
        label=_("Delivery days"), required=False, choices=WEEKDAY_CHOICES, widget=forms.CheckboxSelectMultiple
    )
    delivery_time_from = forms.TimeField(
        label=_("Delivery from"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    delivery_time_until = forms.TimeField(
        label=_("Delivery until"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    budget = forms.DecimalField(
        label=_("Budget indication per unit, excl. VAT"), required=False, max_digits=10, decimal_places=2, min_value=0
    )

    EXTRA = (
        "max_distance_km",
        "needs_delivery",
        "delivery_weekdays",
        "delivery_time_from",
        "delivery_time_until",
        "budget",
    )

    @classmethod
    def initial_from(cls, post: Any) -> dict[str, Any]:
        initial = super().initial_from(post)
        initial["delivery_weekdays"] = [str(day) for day in post.delivery_weekdays or []]
        return initial

    def service_fields(self) -> dict[str, Any]:
        fields = super().service_fields()
        fields["delivery_weekdays"] = [int(day) for day in fields["delivery_weekdays"]]
        return fields


class MessageForm(forms.Form):
    body = forms.CharField(label=_("Message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))


class AgreementForm(forms.Form):
    """What a match became in Trade: a standing order or a business order, by its reference, confirmed."""

    kind = forms.ChoiceField(
        label=_("The match became"),
        choices=[
            (AgreementKind.STANDING_ORDER.value, AgreementKind.STANDING_ORDER.label),
            (AgreementKind.BUSINESS_ORDER.value, AgreementKind.BUSINESS_ORDER.label),
        ],
        initial=AgreementKind.STANDING_ORDER.value,
        widget=forms.RadioSelect,
    )
    reference = forms.CharField(
        label=_("Reference of the order"),
        max_length=64,
        help_text=_("The number of the standing order or of the order in the shop, as both parties know it."),
    )
    confirm = forms.BooleanField(
        label=_("We agreed on this with the other party."),
        error_messages={"required": _("Confirm that both parties agreed.")},
    )
