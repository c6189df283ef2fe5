import pytest
from django.db.models import Count

from streek.core.exceptions import NotFound
from streek.territory.selectors import geocode, region_municipality_ids

pytestmark = pytest.mark.django_db


def test_belgian_postal_code_gives_its_municipality_and_point() -> None:
    result = geocode(country_code="BE", postal_code="3800")

    assert result.municipality.name_nl == "Sint-Truiden"
    assert result.point.lat == pytest.approx(50.8, abs=0.1)
    assert result.precision == "municipality"


def test_shared_postal_code_is_resolved_by_locality() -> None:
    from streek.territory.models import PostalCode

    shared = PostalCode.objects.values("code").annotate(n=Count("id")).filter(n__gt=1).order_by("code").first()
    assert shared is not None
    codes = list(PostalCode.objects.filter(code=shared["code"]).select_related("municipality"))
    wanted = codes[-1].municipality

    result = geocode(country_code="BE", postal_code=shared["code"], locality=wanted.name_nl)

    assert result.municipality == wanted


def test_dutch_place_is_found_by_name() -> None:
    result = geocode(country_code="NL", locality="Venlo")

    assert result.municipality.code == "GM0983"


def test_unknown_address_is_refused() -> None:
    with pytest.raises(NotFound):
        geocode(country_code="BE", postal_code="0000")


def test_province_code_works_as_a_region() -> None:
    ids = region_municipality_ids(region="70000")

    assert len(ids) == 38
