from decimal import Decimal

from streek.market.quantities import comparable, normalise, to_kilograms


def test_mass_and_volume_are_normalised_and_packaging_units_stay_apart() -> None:
    assert normalise(Decimal("2"), "Tonne").amount == 2000.0
    assert normalise(Decimal("500"), "Gram").amount == 0.5
    assert normalise(Decimal("250"), "Millilitre").dimension == "volume"
    assert comparable("Kilogram", "Gram")
    assert not comparable("Kilogram", "Litre")
    assert not comparable("Crate", "Box")
    assert comparable("Crate", "Crate")
    assert normalise(Decimal("2"), "Dozen").amount == 24.0


def test_kilograms_only_for_a_mass() -> None:
    assert to_kilograms(Decimal("1.5"), "Tonne") == Decimal("1500.000")
    assert to_kilograms(Decimal("3"), "Piece") is None
