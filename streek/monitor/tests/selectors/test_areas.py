"""The wider areas an area is compared with, the areas on the index page, and the municipality search."""

import pytest

from streek.monitor.areas import area_resolve
from streek.monitor.selectors import area_choices, enclosing_areas, municipality_search
from streek.monitor.tests.selectors.scenario import SINT_TRUIDEN

pytestmark = pytest.mark.django_db


def test_a_municipality_is_compared_with_its_province_and_its_country():
    area = area_resolve(kind="municipality", key=SINT_TRUIDEN)

    wider = enclosing_areas(area)

    assert [(a.kind, a.key) for a in wider] == [("province", "70000"), ("country", "BE")]


def test_a_country_has_nothing_wider():
    assert enclosing_areas(area_resolve(kind="country", key="BE")) == []


def test_the_index_lists_countries_regions_and_provinces():
    groups = area_choices()

    assert {c.url_key for c in groups["countries"]} == {"country-BE", "country-NL"}
    assert "province-70000" in {c.url_key for c in groups["provinces"]}
    assert groups["custom_regions"] == []


def test_municipalities_are_found_by_code_or_by_part_of_a_name():
    assert [m.code for m in municipality_search(SINT_TRUIDEN)] == [SINT_TRUIDEN]
    assert SINT_TRUIDEN in {m.code for m in municipality_search("truiden")}
    assert municipality_search("   ") == []
