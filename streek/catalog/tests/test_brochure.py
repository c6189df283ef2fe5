import pytest
from django.utils import translation

from streek.catalog.brochure import MAP_HEIGHT, MAP_WIDTH, brochure_build, brochure_municipalities
from streek.catalog.choices import SalesPointStatus, SalesPointType
from streek.catalog.tests.factories import OpeningRuleFactory, SalesPointFactory, municipality
from streek.core.exceptions import NotFound

pytestmark = pytest.mark.django_db


def test_points_are_numbered_by_municipality_then_type_and_projected_north_up(django_assert_num_queries) -> None:
    # given
    north = SalesPointFactory(name="B Noord", type="vending_machine", lat=50.9, lon=5.2)
    south = SalesPointFactory(name="A Zuid", type="farm_shop", lat=50.7, lon=5.1)
    OpeningRuleFactory(sales_point=south, weekday=1)
    SalesPointFactory(name="Gesloten", status=SalesPointStatus.CLOSED)
    places = brochure_municipalities(codes=["71053"])

    # when
    with translation.override("fr"):
        with django_assert_num_queries(3):
            brochure = brochure_build(municipalities=places)
        expected_groups = [str(SalesPointType.FARM_SHOP.label), str(SalesPointType.VENDING_MACHINE.label)]

    # then
    assert [(e.number, e.point) for e in brochure.entries] == [(1, south), (2, north)]
    assert [group.label for group in brochure.sections[0].groups] == expected_groups
    assert brochure.entries[0].hours == "mar 09:00-12:00"
    first, second = brochure.entries
    assert second.y < first.y  # north is up
    assert all(0 <= e.x <= MAP_WIDTH and 0 <= e.y <= MAP_HEIGHT for e in brochure.entries)
    assert brochure.labels[0].name == "Saint-Trond"


def test_region_and_unknown_codes() -> None:
    assert municipality("71053") in brochure_municipalities(codes=[], region="70000")
    with pytest.raises(NotFound):
        brochure_municipalities(codes=["00000"])
