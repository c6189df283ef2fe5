import pytest
from django.apps import apps

from streek.territory.loading import load_territory
from streek.territory.models import Country, Municipality, MunicipalityFusion, PostalCode, Province

pytestmark = pytest.mark.django_db


def test_migration_loads_all_belgian_and_dutch_municipalities() -> None:
    assert Municipality.objects.filter(country__code="BE").count() == 565
    assert Municipality.objects.filter(country__code="NL").count() == 342
    assert Municipality.objects.filter(country__code="BE", region__code="02000").count() == 285
    assert PostalCode.objects.count() == 1152
    assert Province.objects.filter(country__code="BE").count() == 10
    assert Province.objects.filter(country__code="NL").count() == 12
    assert MunicipalityFusion.objects.count() == 30


def test_every_municipality_has_a_representative_point() -> None:
    assert not Municipality.objects.filter(lat__isnull=True).exists()
    herstappe = Municipality.objects.get(code="73028")
    assert herstappe.point_source.startswith("manual")


def test_names_follow_the_active_language() -> None:
    from django.utils import translation

    liege = Municipality.objects.get(code="62063")
    with translation.override("fr"):
        assert liege.name == "Liège"
    with translation.override("nl"):
        assert liege.name == "Luik"
    with translation.override("en"):
        assert Country.objects.get(code="BE").name == "Belgium"


def test_loading_again_changes_nothing() -> None:
    before = (Municipality.objects.count(), PostalCode.objects.count(), MunicipalityFusion.objects.count())
    slug = Municipality.objects.get(code="71053").slug

    load_territory(lambda name: apps.get_model("territory", name))

    after = (Municipality.objects.count(), PostalCode.objects.count(), MunicipalityFusion.objects.count())
    assert after == before
    assert Municipality.objects.get(code="71053").slug == slug


def test_merged_municipalities_map_to_their_2025_successor() -> None:
    fusion = MunicipalityFusion.objects.get(old_name="Borsbeek")
    assert fusion.municipality.name_nl == "Antwerpen"
