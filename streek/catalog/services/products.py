"""Writes on products: the product with its labels, season and allergens, its variants and its claims.

Variants and claims are given as plain dicts and replace the product's current set: a dict with the `id` of an
existing variant (claim) updates it, one without an id creates one, and those left out are deleted.
Everything is validated before anything is written; an invalid part raises a ValidationError naming it.
"""

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from streek.accounts.models import User

from ..choices import Allergen
from ..directory_cache import directory_changed
from ..models import Concept, Organisation, Product, ProductClaim, Variant
from ..models.product import NUTRIENT_FIELDS

# The product fields a caller may set directly (product type, labels and season have their own arguments).
PRODUCT_FIELDS = (
    "name_nl",
    "name_fr",
    "name_en",
    "description_nl",
    "description_fr",
    "description_en",
    "allergens",
    *NUTRIENT_FIELDS,
    "storage_nl",
    "storage_fr",
    "storage_en",
    "preparation_nl",
    "preparation_fr",
    "preparation_en",
    "is_active",
)
VARIANT_FIELDS = ("name", "sku", "quantity", "price", "vat_rate", "is_active")
CLAIM_FIELDS = ("kind", "text_nl", "text_fr", "text_en", "evidence", "evidence_url")
UNIT_PATH_PREFIX = "Unit/QuantityUnit/"


def months_mask(months: Iterable[int]) -> int:
    """The season_months bit mask of months 1-12 (bit 0 is January)."""
    mask = 0
    for month in months:
        if not isinstance(month, int) or not 1 <= month <= 12:
            raise ValidationError({"season_months": _("%(month)s is not a month (1 to 12).") % {"month": month}})
        mask |= 1 << (month - 1)
    return mask


def _allergens(values: Iterable[str]) -> list[str]:
    given = set(values)
    unknown = given - set(Allergen.values)
    if unknown:
        raise ValidationError(
            {"allergens": _("Unknown allergens: %(names)s.") % {"names": ", ".join(sorted(map(str, unknown)))}}
        )
    return [value for value in Allergen.values if value in given]


def _product_type(key: str) -> Concept:
    concept = Concept.objects.filter(scheme="product_type", key=key).first()
    if concept is None:
        raise ValidationError({"product_type": _("Unknown product type '%(key)s'.") % {"key": key}})
    return concept


def _labels(keys: Iterable[str]) -> list[Concept]:
    wanted = set(keys)
    concepts = list(Concept.objects.filter(scheme="facet", key__in=wanted))
    unknown = wanted - {concept.key for concept in concepts}
    if unknown:
        raise ValidationError({"labels": _("Unknown labels: %(keys)s.") % {"keys": ", ".join(sorted(unknown))}})
    return concepts


def _part_error(part: str, number: int, model: type[models.Model], error: ValidationError) -> ValidationError:
    """`error` of row `number` (1-based) as messages naming the part, e.g. 'variant 2: price excl. VAT: ...'."""
    messages = []
    for name, field_messages in error.message_dict.items():
        model_field = model._meta.get_field(name) if name != "__all__" else None
        field = str(model_field.verbose_name) if isinstance(model_field, models.Field) else ""
        for message in field_messages:
            if field:
                text = _("%(part)s %(number)d: %(field)s: %(message)s") % {
                    "part": part,
                    "number": number,
                    "field": field,
                    "message": message,
                }
            else:
                text = _("%(part)s %(number)d: %(message)s") % {"part": part, "number": number, "message": message}
            messages.append(text)
    return ValidationError(messages)


def _existing(rows: Sequence[Mapping[str, Any]], current: Mapping[int, models.Model], key: str, part: str) -> None:
    """Rows with an id must be the product's own variants (claims)."""
    for number, row in enumerate(rows, start=1):
        row_id = row.get("id")
        if row_id is not None and row_id not in current:
            message = _("%(part)s %(number)d: it does not belong to this product.") % {"part": part, "number": number}
            raise ValidationError({key: message})


def _build_variants(product: Product, rows: Sequence[Mapping[str, Any]]) -> list[Variant]:
    current: dict[int, Variant] = {v.pk: v for v in product.variants.all()} if product.pk else {}
    _existing(rows, current, "variants", _("variant"))
    keys = {str(row.get("unit_key") or "") for row in rows}
    units = {
        c.key: c for c in Concept.objects.filter(scheme="measure", key__in=keys, path__startswith=UNIT_PATH_PREFIX)
    }
    variants, errors = [], []
    for number, row in enumerate(rows, start=1):
        row_id = row.get("id")
        variant = current[row_id] if row_id is not None else Variant(product=product)
        for name in VARIANT_FIELDS:
            if name in row:
                setattr(variant, name, row[name])
        variant.name = variant.name or ""
        variant.sku = variant.sku or ""
        unit = units.get(str(row.get("unit_key") or ""))
        try:
            if unit is None:
                raise ValidationError({"unit": _("Choose a unit.")})
            variant.unit = unit
            for name in ("quantity", "price", "vat_rate"):
                value = getattr(variant, name)
                if value is not None and not isinstance(value, Decimal):
                    setattr(variant, name, Decimal(str(value)))
            variant.full_clean(exclude=["product"])
        except ValidationError as error:
            errors.extend(_part_error(_("variant"), number, Variant, error).messages)
        except ArithmeticError:
            errors.append(
                _("%(part)s %(number)d: %(message)s")
                % {
                    "part": _("variant"),
                    "number": number,
                    "message": _("Enter numbers for quantity, price and VAT rate."),
                }
            )
        variants.append(variant)
    if errors:
        raise ValidationError({"variants": errors})
    return variants


def _build_claims(product: Product, rows: Sequence[Mapping[str, Any]]) -> list[ProductClaim]:
    current: dict[int, ProductClaim] = {c.pk: c for c in product.claims.all()} if product.pk else {}
    _existing(rows, current, "claims", _("claim"))
    claims, errors = [], []
    for number, row in enumerate(rows, start=1):
        row_id = row.get("id")
        claim = current[row_id] if row_id is not None else ProductClaim(product=product)
        for name in CLAIM_FIELDS:
            if name in row:
                setattr(claim, name, row[name] or "")
        try:
            claim.full_clean(exclude=["product"])
        except ValidationError as error:
            errors.extend(_part_error(_("claim"), number, ProductClaim, error).messages)
        claims.append(claim)
    if errors:
        raise ValidationError({"claims": errors})
    return claims


def _set_fields(product: Product, fields: Mapping[str, Any]) -> None:
    unknown = set(fields) - set(PRODUCT_FIELDS)
    if unknown:
        raise TypeError(f"Unknown product fields: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        if name == "allergens":
            value = _allergens(value or [])
        setattr(product, name, value)


def _save(
    product: Product,
    *,
    variants: Sequence[Mapping[str, Any]] | None,
    claims: Sequence[Mapping[str, Any]] | None,
    labels: list[Concept] | None,
) -> Product:
    product.full_clean()
    new_variants = _build_variants(product, variants) if variants is not None else None
    new_claims = _build_claims(product, claims) if claims is not None else None
    product.save()
    if labels is not None:
        product.labels.set(labels)
    if new_variants is not None:
        kept = [v.pk for v in new_variants if v.pk]
        product.variants.exclude(pk__in=kept).delete()
        for variant in new_variants:
            variant.product = product
            variant.save()
    if new_claims is not None:
        kept = [c.pk for c in new_claims if c.pk]
        product.claims.exclude(pk__in=kept).delete()
        for claim in new_claims:
            claim.product = product
            claim.save()
    return product


@transaction.atomic
def product_create(
    *,
    organisation: Organisation,
    actor: User,
    product_type: str,
    variants: Sequence[Mapping[str, Any]] = (),
    claims: Sequence[Mapping[str, Any]] = (),
    label_keys: Iterable[str] = (),
    months: Iterable[int] | None = None,
    **fields: Any,
) -> Product:
    """Create a product of `organisation`; `product_type` and `label_keys` are concept keys, `months` 1-12."""
    directory_changed()
    product = Product(organisation=organisation, product_type=_product_type(product_type))
    _set_fields(product, fields)
    if months is not None:
        product.season_months = months_mask(months)
    return _save(product, variants=variants, claims=claims, labels=_labels(label_keys))


@transaction.atomic
def product_update(
    *,
    product: Product,
    actor: User,
    product_type: str | None = None,
    variants: Sequence[Mapping[str, Any]] | None = None,
    claims: Sequence[Mapping[str, Any]] | None = None,
    label_keys: Iterable[str] | None = None,
    months: Iterable[int] | None = None,
    **fields: Any,
) -> Product:
    """Change a product; arguments left at None stay as they are, variants and claims given replace the set."""
    directory_changed()
    product = Product.objects.select_for_update().get(pk=product.pk)
    if product_type is not None:
        product.product_type = _product_type(product_type)
    _set_fields(product, fields)
    if months is not None:
        product.season_months = months_mask(months)
    labels = _labels(label_keys) if label_keys is not None else None
    return _save(product, variants=variants, claims=claims, labels=labels)


@transaction.atomic
def product_deactivate(*, product: Product, actor: User) -> Product:
    """Hide a product from the public pages; its data stays."""
    directory_changed()
    product.is_active = False
    product.full_clean()
    product.save(update_fields=["is_active", "updated_at"])
    return product


@transaction.atomic
def product_activate(*, product: Product, actor: User) -> Product:
    directory_changed()
    product.is_active = True
    product.full_clean()
    product.save(update_fields=["is_active", "updated_at"])
    return product


def part_error(part: str, number: int, model: type[models.Model], error: ValidationError) -> ValidationError:
    """`error` of row `number` (1-based) of a product's part as messages naming it (for bulk writers)."""
    return _part_error(part, number, model, error)
