from datetime import date

import pytest
from django.utils import translation

from streek.catalog.selectors.filter_params import sales_point_filters_from_params
from streek.core.exceptions import ApplicationError

pytestmark = pytest.mark.django_db


def test_parameters_become_filters() -> None:
    filters = sales_point_filters_from_params(
        {
            "q": ["kaas"],
            "type": ["farm_shop,vending_machine"],
            "category": ["vegetable", "fruit"],
            "open_on": ["2026-12-01"],
            "near": ["3800"],
            "radius_km": ["10"],
            "bbox": ["5.0,50.7,5.4,50.9"],
            "cooled": ["ja"],
        }
    )

    assert filters.search == "kaas"
    assert filters.types == ("farm_shop", "vending_machine")
    assert filters.categories == ("vegetable", "fruit")
    assert filters.open_on == date(2026, 12, 1)
    assert filters.near is not None and filters.near.lat == pytest.approx(50.8, abs=0.1)
    assert filters.radius_km == 10
    assert filters.bbox is not None and filters.bbox.west == 5.0
    assert filters.cooled is True


def test_near_without_radius_defaults_to_25_km_and_finds_dutch_places() -> None:
    filters = sales_point_filters_from_params({"near": ["Venlo"]})

    assert filters.near is not None and filters.near.lon == pytest.approx(6.15, abs=0.05)
    assert filters.radius_km == 25


def test_every_bad_parameter_is_named_in_the_users_language() -> None:
    with translation.override("en"), pytest.raises(ApplicationError) as error:
        sales_point_filters_from_params(
            {"type": ["castle"], "open_on": ["morgen"], "radius_km": ["-3"], "bbox": ["1,2"], "near": ["Atlantis"]}
        )

    errors = error.value.extra["errors"]
    assert set(errors) == {"type", "open_on", "radius_km", "bbox", "near"}
    assert "castle" in errors["type"]
    assert "morgen" in errors["open_on"]
