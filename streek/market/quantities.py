"""Quantities in DFC measure units, normalised for comparison: mass to kilograms, volume to litres, counts to pieces.

Units of packaging (a crate, a bag, a box...) have no fixed content: they compare only with the same unit.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .choices import OCCURRENCES_PER_WEEK, Recurrence

MASS = "mass"
VOLUME = "volume"
COUNT = "count"
# unit key -> (dimension, factor to the base unit of the dimension: kg, l, piece)
UNIT_FACTORS: dict[str, tuple[str, float]] = {
    "Kilogram": (MASS, 1.0),
    "Gram": (MASS, 0.001),
    "Milligram": (MASS, 0.000001),
    "Tonne": (MASS, 1000.0),
    "PoundMass": (MASS, 0.45359237),
    "Ounce": (MASS, 0.028349523125),
    "Litre": (VOLUME, 1.0),
    "Decilitre": (VOLUME, 0.1),
    "Centilitre": (VOLUME, 0.01),
    "Millilitre": (VOLUME, 0.001),
    "Gallon": (VOLUME, 4.54609),
    "Piece": (COUNT, 1.0),
    "Pair": (COUNT, 2.0),
    "HalfDozen": (COUNT, 6.0),
    "Dozen": (COUNT, 12.0),
}
BASE_UNIT_KEYS = {MASS: "Kilogram", VOLUME: "Litre", COUNT: "Piece"}
# A post without an end date is taken to run for a year (it expires before that anyway).
OPEN_END_DAYS = 365


@dataclass(frozen=True)
class Normalised:
    dimension: str  # "mass", "volume", "count" or "unit:<key>" for units without a fixed content
    amount: float  # in the base unit of the dimension


def normalise(quantity: Decimal | float, unit_key: str) -> Normalised:
    """The quantity in the base unit of its dimension; a packaging unit is its own dimension."""
    dimension, factor = UNIT_FACTORS.get(unit_key, (f"unit:{unit_key}", 1.0))
    return Normalised(dimension=dimension, amount=float(quantity) * factor)


def comparable(unit_a: str, unit_b: str) -> bool:
    return normalise(1, unit_a).dimension == normalise(1, unit_b).dimension


def to_kilograms(quantity: Decimal, unit_key: str) -> Decimal | None:
    """The quantity in kg (3 decimals) when the unit is a mass, else None."""
    dimension, factor = UNIT_FACTORS.get(unit_key, ("", 0.0))
    if dimension != MASS:
        return None
    return (quantity * Decimal(str(factor))).quantize(Decimal("0.001"))


def per_week(recurrence: str) -> float:
    """Occurrences per week of a recurring quantity; 0 for a one-off quantity."""
    return OCCURRENCES_PER_WEEK.get(Recurrence(recurrence), 0.0) if recurrence != Recurrence.ONCE else 0.0


def period_end(start: date, end: date | None) -> date:
    return end if end is not None else date.fromordinal(start.toordinal() + OPEN_END_DAYS)
