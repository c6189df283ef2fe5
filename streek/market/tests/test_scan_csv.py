from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from streek.market.scan_csv import parse_demand_csv

pytestmark = pytest.mark.django_db


def test_a_dutch_profile_with_semicolons_and_decimal_commas_is_read() -> None:
    text = (
        "product;jaarhoeveelheid;eenheid;leverfrequentie;bewerking\n"
        "wortelen;1.250,5;kg;wekelijks;gewassen|gesneden\n"
        "apples;2;t;monthly;\n"
    )

    lines = parse_demand_csv(text)

    assert [(line.row_number, line.product_type.key, line.yearly_quantity, line.unit.key) for line in lines] == [
        (2, "carrot", Decimal("1250.500"), "Kilogram"),
        (3, "apples", Decimal("2.000"), "Tonne"),
    ]
    assert lines[0].frequency == "weekly"
    assert lines[0].spec == ["washed", "cut"]


def test_every_problem_is_named_by_row_and_column() -> None:
    text = "product,yearly_quantity,unit,delivery_frequency\nunicorn,-3,bushel,sometimes\ncarrot,10,kg,weekly\n"

    with translation.override("en"), pytest.raises(ValidationError) as error:
        parse_demand_csv(text)

    messages = error.value.messages
    assert "Row 2, column product: 'unicorn' is not a known product type." in messages
    assert "Row 2, column yearly_quantity: '-3' is not a quantity above zero." in messages
    assert "Row 2, column unit: 'bushel' is not a known unit." in messages
    assert any(m.startswith("Row 2, column delivery_frequency:") for m in messages)
    assert len(messages) == 4


def test_a_missing_column_is_reported_in_dutch() -> None:
    with translation.override("nl"), pytest.raises(ValidationError) as error:
        parse_demand_csv("product,unit\ncarrot,kg\n")

    assert len(error.value.messages) == 2
    assert all("yearly_quantity" in m or "delivery_frequency" in m for m in error.value.messages)


def test_an_empty_file_is_refused() -> None:
    with pytest.raises(ValidationError):
        parse_demand_csv("")
