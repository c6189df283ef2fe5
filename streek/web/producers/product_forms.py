"""The product form of a producer: the product itself, and formsets of its variants and its claims."""

from decimal import Decimal
from typing import Any

from django import forms
from django.db import models
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from streek.catalog.choices import Allergen, ClaimKind, VatRate
from streek.catalog.models import Concept, Product, ProductClaim, Variant
from streek.catalog.models.product import NUTRIENT_FIELDS

# The units producers sell in most: kilogram, gram, litre, piece... (keys of DFC measure concepts under 'Unit').
COMMON_UNIT_KEYS = (
    "Kilogram",
    "Gram",
    "Litre",
    "Centilitre",
    "Millilitre",
    "Piece",
    "Bunch",
    "Bag",
    "Box",
    "Bottle",
    "Jar",
    "Pot",
    "Punnet",
    "Tray",
    "Dozen",
    "HalfDozen",
    "Package",
)
NUTRITION_FIELDS = NUTRIENT_FIELDS
TEXT_FIELDS = (
    "name_nl",
    "name_fr",
    "name_en",
    "description_nl",
    "description_fr",
    "description_en",
    "storage_nl",
    "storage_fr",
    "storage_en",
    "preparation_nl",
    "preparation_fr",
    "preparation_en",
)
Choices = list[tuple[Any, Any]]


def verbose(model: type[models.Model], name: str) -> StrOrPromise:
    """The (lazy, translated) verbose name of a model field, for a form label."""
    field = model._meta.get_field(name)
    return field.verbose_name if isinstance(field, models.Field) else name


def product_type_choices() -> Choices:
    """Product types grouped under their top concept (the top concept itself first in its group)."""
    concepts = list(Concept.objects.filter(scheme="product_type").order_by("path"))
    tops = {c.key: c for c in concepts if c.broader_id is None}
    groups: dict[str, list[tuple[str, str]]] = {key: [] for key in tops}
    for concept in concepts:
        top = concept.path.split("/")[0]
        groups.setdefault(top, []).append((concept.key, concept.label))
    return [("", "—"), *[(tops[key].label if key in tops else key, items) for key, items in groups.items()]]


def label_choices() -> Choices:
    """Certification labels (facets under Certification/), grouped by their kind of label."""
    concepts = list(Concept.objects.filter(scheme="facet", path__startswith="Certification/").order_by("path"))
    has_narrower = {c.broader_id for c in concepts}
    kinds = {c.pk: c for c in concepts if c.pk in has_narrower}
    groups: dict[str, list[tuple[str, str]]] = {}
    for concept in concepts:
        if concept.pk in has_narrower:
            continue
        kind = kinds.get(concept.broader_id or 0)
        group = kind.label if kind is not None else str(_("Other labels"))
        groups.setdefault(group, []).append((concept.key, concept.label))
    return list(groups.items())


def unit_choices() -> Choices:
    units = {
        c.key: c
        for c in Concept.objects.filter(
            scheme="measure", key__in=COMMON_UNIT_KEYS, path__startswith="Unit/QuantityUnit/"
        )
    }
    return [(key, units[key].label) for key in COMMON_UNIT_KEYS if key in units]


def _text(required: bool = False, textarea: bool = False, max_length: int | None = None) -> forms.CharField:
    widget = forms.Textarea(attrs={"rows": 3}) if textarea else forms.TextInput()
    return forms.CharField(required=required, max_length=max_length, widget=widget)


class ProductForm(forms.Form):
    name_nl = _text(required=True, max_length=200)
    name_fr = _text(max_length=200)
    name_en = _text(max_length=200)
    description_nl = _text(textarea=True)
    description_fr = _text(textarea=True)
    description_en = _text(textarea=True)
    product_type = forms.ChoiceField(label=_("product type"))
    labels = forms.MultipleChoiceField(label=_("labels"), required=False, widget=forms.CheckboxSelectMultiple)
    months = forms.TypedMultipleChoiceField(
        label=_("months available"),
        choices=list(MONTHS.items()),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    allergens = forms.MultipleChoiceField(
        label=_("allergens"), choices=Allergen.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    energy_kj = forms.DecimalField()
    energy_kcal = forms.DecimalField()
    fat = forms.DecimalField()
    saturated_fat = forms.DecimalField()
    carbohydrate = forms.DecimalField()
    sugars = forms.DecimalField()
    fibre = forms.DecimalField()
    protein = forms.DecimalField()
    salt = forms.DecimalField()
    storage_nl = _text(textarea=True)
    storage_fr = _text(textarea=True)
    storage_en = _text(textarea=True)
    preparation_nl = _text(textarea=True)
    preparation_fr = _text(textarea=True)
    preparation_en = _text(textarea=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in TEXT_FIELDS:
            self.fields[name].label = verbose(Product, name)
        for name in NUTRITION_FIELDS:
            self.fields[name] = forms.DecimalField(
                label=verbose(Product, name),
                required=False,
                min_value=Decimal("0"),
                max_digits=7,
                decimal_places=2,
                widget=forms.NumberInput(attrs={"step": "0.01", "min": "0"}),
            )
        self.fields["product_type"].choices = product_type_choices()  # type: ignore[attr-defined]
        self.fields["labels"].choices = label_choices()  # type: ignore[attr-defined]

    def product_fields(self) -> dict[str, Any]:
        """Arguments for product_create / product_update."""
        data = self.cleaned_data
        fields = {name: data[name] for name in (*TEXT_FIELDS, *NUTRITION_FIELDS, "allergens")}
        return {
            **fields,
            "product_type": data["product_type"],
            "label_keys": data["labels"],
            "months": data["months"],
        }

    @staticmethod
    def initial_from(product: Product) -> dict[str, Any]:
        initial: dict[str, Any] = {name: getattr(product, name) for name in (*TEXT_FIELDS, *NUTRITION_FIELDS)}
        initial["product_type"] = product.product_type.key
        initial["labels"] = [label.key for label in product.labels.all()]
        initial["months"] = product.months
        initial["allergens"] = list(product.allergens)
        return initial


class VariantForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    name = forms.CharField(label=verbose(Variant, "name"), max_length=120, required=False)
    quantity = forms.DecimalField(
        label=verbose(Variant, "quantity"),
        max_digits=10,
        decimal_places=3,
        min_value=Decimal("0.001"),
        widget=forms.NumberInput(attrs={"step": "any", "min": "0"}),
    )
    unit = forms.ChoiceField(label=verbose(Variant, "unit"))
    price = forms.DecimalField(
        label=verbose(Variant, "price"),
        max_digits=10,
        decimal_places=2,
        min_value=Decimal("0"),
        widget=forms.NumberInput(attrs={"step": "0.01", "min": "0"}),
    )
    vat_rate = forms.TypedChoiceField(
        label=verbose(Variant, "vat_rate"),
        choices=VatRate.choices,
        coerce=Decimal,
        initial=VatRate.BE_6,
    )
    is_active = forms.BooleanField(label=_("active"), required=False, initial=True)

    # Blank extra rows still post a unit, a VAT rate and the active box: only these fields make a row count.
    KEY_FIELDS = ("name", "quantity", "price")

    def __init__(self, *args: Any, units: Choices | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = units if units is not None else unit_choices()  # type: ignore[attr-defined]

    def has_changed(self) -> bool:
        if self.initial:
            return super().has_changed()
        return any(name in self.changed_data for name in self.KEY_FIELDS)

    def variant(self) -> dict[str, Any]:
        data = self.cleaned_data
        row = {name: data[name] for name in ("name", "quantity", "price", "vat_rate", "is_active")}
        row["unit_key"] = data["unit"]
        if data.get("id"):
            row["id"] = data["id"]
        return row

    @staticmethod
    def initial_from(variant: Variant) -> dict[str, Any]:
        return {
            "id": variant.pk,
            "name": variant.name,
            "quantity": variant.quantity,
            "unit": variant.unit.key,
            "price": variant.price,
            "vat_rate": f"{variant.vat_rate:.2f}",
            "is_active": variant.is_active,
        }


class ClaimForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    kind = forms.ChoiceField(label=verbose(ProductClaim, "kind"), choices=[("", "—")])
    text_nl = forms.CharField(label=verbose(ProductClaim, "text_nl"), max_length=300)
    evidence = forms.CharField(label=verbose(ProductClaim, "evidence"), max_length=300, required=False)
    evidence_url = forms.URLField(label=verbose(ProductClaim, "evidence_url"), required=False, assume_scheme="https")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "—"), *ClaimKind.choices]  # type: ignore[attr-defined]

    def claim(self) -> dict[str, Any]:
        data = self.cleaned_data
        row = {name: data[name] for name in ("kind", "text_nl", "evidence", "evidence_url")}
        if data.get("id"):
            row["id"] = data["id"]
        return row

    @staticmethod
    def initial_from(claim: ProductClaim) -> dict[str, Any]:
        return {
            "id": claim.pk,
            "kind": claim.kind,
            "text_nl": claim.text_nl,
            "evidence": claim.evidence,
            "evidence_url": claim.evidence_url,
        }


VariantFormSet = forms.formset_factory(VariantForm, extra=2, can_delete=True, max_num=50, validate_max=True)
ClaimFormSet = forms.formset_factory(ClaimForm, extra=1, can_delete=True, max_num=30, validate_max=True)
