"""Read a public buyer's demand profile (CSV): product, yearly quantity, unit, delivery frequency, preparation.

Headers may be in English, Dutch or French; the separator may be a comma, a semicolon or a tab; decimals may
use a comma. Every problem is reported with its row (the header is row 1) and column, in the active language;
a file with any problem yields no lines.
"""

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from streek.catalog.models import Concept

from .choices import DeliveryFrequency, SpecOption

MAX_ROWS = 2000
COLUMNS = ("product", "yearly_quantity", "unit", "delivery_frequency", "spec")
REQUIRED = ("product", "yearly_quantity", "unit", "delivery_frequency")
HEADER_ALIASES = {
    "product": "product",
    "produit": "product",
    "yearly_quantity": "yearly_quantity",
    "quantity": "yearly_quantity",
    "jaarhoeveelheid": "yearly_quantity",
    "hoeveelheid": "yearly_quantity",
    "quantite_annuelle": "yearly_quantity",
    "quantité_annuelle": "yearly_quantity",
    "unit": "unit",
    "eenheid": "unit",
    "unite": "unit",
    "unité": "unit",
    "delivery_frequency": "delivery_frequency",
    "frequency": "delivery_frequency",
    "leverfrequentie": "delivery_frequency",
    "frequentie": "delivery_frequency",
    "frequence_livraison": "delivery_frequency",
    "fréquence_livraison": "delivery_frequency",
    "spec": "spec",
    "bewerking": "spec",
    "preparation": "spec",
    "préparation": "spec",
}
UNIT_ALIASES = {
    "kg": "Kilogram",
    "kilo": "Kilogram",
    "g": "Gram",
    "gr": "Gram",
    "t": "Tonne",
    "ton": "Tonne",
    "tonne": "Tonne",
    "l": "Litre",
    "liter": "Litre",
    "litre": "Litre",
    "ml": "Millilitre",
    "cl": "Centilitre",
    "dl": "Decilitre",
    "st": "Piece",
    "stuk": "Piece",
    "stuks": "Piece",
    "piece": "Piece",
    "pieces": "Piece",
    "pièce": "Piece",
    "pièces": "Piece",
    "dozijn": "Dozen",
    "douzaine": "Dozen",
}
FREQUENCY_ALIASES = {
    "dagelijks": "daily",
    "quotidien": "daily",
    "quotidienne": "daily",
    "wekelijks": "weekly",
    "hebdomadaire": "weekly",
    "tweewekelijks": "fortnightly",
    "bimensuel": "fortnightly",
    "bimensuelle": "fortnightly",
    "maandelijks": "monthly",
    "mensuel": "monthly",
    "mensuelle": "monthly",
    "driemaandelijks": "quarterly",
    "trimestriel": "quarterly",
    "trimestrielle": "quarterly",
    "jaarlijks": "yearly",
    "annuel": "yearly",
    "annuelle": "yearly",
}
SPEC_ALIASES = {
    "gewassen": "washed",
    "lavé": "washed",
    "geschild": "peeled",
    "épluché": "peeled",
    "gesneden": "cut",
    "coupé": "cut",
    "verpakt": "packed",
    "emballé": "packed",
    "gekalibreerd": "graded",
    "calibré": "graded",
    "gekoeld": "chilled",
    "réfrigéré": "chilled",
    "diepgevroren": "frozen",
    "surgelé": "frozen",
}


@dataclass(frozen=True)
class DemandLine:
    row_number: int
    product_text: str
    product_type: Concept
    yearly_quantity: Decimal
    unit: Concept
    frequency: str
    spec: list[str] = field(default_factory=list)


def _error(row: int, column: str, message: str) -> str:
    return _("Row %(row)d, column %(column)s: %(message)s") % {"row": row, "column": column, "message": message}


def _lookup_tables() -> tuple[dict[str, Concept], dict[str, Concept]]:
    types: dict[str, Concept] = {}
    for concept in Concept.objects.filter(scheme="product_type"):
        for name in (concept.label_en, concept.label_fr, concept.label_nl, concept.key):
            if name:
                types[name.strip().lower()] = concept
    units: dict[str, Concept] = {}
    for concept in Concept.objects.filter(Q(scheme="measure") & Q(path__startswith="Unit/QuantityUnit/")):
        for name in (concept.label_en, concept.label_fr, concept.label_nl, concept.key):
            if name:
                units[name.strip().lower()] = concept
    for alias, key in UNIT_ALIASES.items():
        match = units.get(key.lower())
        if match is not None:
            units[alias] = match
    return types, units


def _frequency(text: str) -> str | None:
    value = text.strip().lower()
    if value in DeliveryFrequency.values:
        return value
    if value in FREQUENCY_ALIASES:
        return FREQUENCY_ALIASES[value]
    for key, label in DeliveryFrequency.choices:
        if str(label).lower() == value:
            return str(key)
    return None


def _spec(text: str) -> tuple[list[str], list[str]]:
    """Known preparation keys and the unknown words."""
    known, unknown = [], []
    labels = {str(label).lower(): key for key, label in SpecOption.choices}
    for part in text.replace(",", "|").replace(";", "|").split("|"):
        word = part.strip().lower()
        if not word:
            continue
        key = word if word in SpecOption.values else SPEC_ALIASES.get(word) or labels.get(word)
        if key is None:
            unknown.append(part.strip())
        elif key not in known:
            known.append(key)
    return known, unknown


def _quantity(text: str) -> Decimal | None:
    value = text.strip().replace(" ", "").replace("\u00a0", "")
    if "," in value and "." in value:
        value = value.replace(".", "").replace(",", ".")
    else:
        value = value.replace(",", ".")
    try:
        number = Decimal(value)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def parse_demand_csv(text: str) -> list[DemandLine]:
    """The lines of a demand profile; raises ValidationError listing every problem (row and column)."""
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise ValidationError([_("The file is empty.")])
    try:
        dialect = csv.Sniffer().sniff(text.splitlines()[0], delimiters=",;\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = next(reader, [])
    columns: dict[str, int] = {}
    errors: list[str] = []
    for index, name in enumerate(header):
        canonical = HEADER_ALIASES.get(name.strip().lower().replace(" ", "_"))
        if canonical is None:
            errors.append(_error(1, name.strip() or str(index + 1), _("unknown column.")))
        elif canonical in columns:
            errors.append(_error(1, name.strip(), _("this column appears twice.")))
        else:
            columns[canonical] = index
    for name in REQUIRED:
        if name not in columns:
            errors.append(_error(1, name, _("this column is missing.")))
    if errors:
        raise ValidationError(errors)
    types, units = _lookup_tables()
    lines: list[DemandLine] = []
    for row_number, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if row_number - 1 > MAX_ROWS:
            errors.append(_("A demand profile has at most %(count)d lines.") % {"count": MAX_ROWS})
            break

        def cell(name: str, row: list[str] = row) -> str:
            index = columns.get(name)
            return row[index].strip() if index is not None and index < len(row) else ""

        product_text = cell("product")
        product_type = types.get(product_text.lower())
        if not product_text:
            errors.append(_error(row_number, "product", _("empty.")))
        elif product_type is None:
            errors.append(
                _error(row_number, "product", _("'%(value)s' is not a known product type.") % {"value": product_text})
            )
        quantity = _quantity(cell("yearly_quantity"))
        if quantity is None or quantity <= 0:
            errors.append(
                _error(
                    row_number,
                    "yearly_quantity",
                    _("'%(value)s' is not a quantity above zero.") % {"value": cell("yearly_quantity")},
                )
            )
        unit = units.get(cell("unit").lower())
        if unit is None:
            errors.append(_error(row_number, "unit", _("'%(value)s' is not a known unit.") % {"value": cell("unit")}))
        frequency = _frequency(cell("delivery_frequency"))
        if frequency is None:
            errors.append(
                _error(
                    row_number,
                    "delivery_frequency",
                    _(
                        "'%(value)s' is not a delivery frequency (daily, weekly, fortnightly, monthly, quarterly, yearly)."
                    )
                    % {"value": cell("delivery_frequency")},
                )
            )
        spec, unknown = _spec(cell("spec"))
        if unknown:
            errors.append(
                _error(row_number, "spec", _("unknown preparation: %(names)s.") % {"names": ", ".join(unknown)})
            )
        if product_type is not None and quantity is not None and quantity > 0 and unit is not None and frequency:
            lines.append(
                DemandLine(
                    row_number=row_number,
                    product_text=product_text[:200],
                    product_type=product_type,
                    yearly_quantity=quantity.quantize(Decimal("0.001")),
                    unit=unit,
                    frequency=frequency,
                    spec=spec,
                )
            )
    if not errors and not lines:
        errors.append(_("The file has no lines."))
    if errors:
        raise ValidationError(errors)
    return lines
