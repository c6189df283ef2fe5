import pytest
from django.core.exceptions import ValidationError

from streek.accounts.tests.factories import AdminUserFactory, OfficerFactory
from streek.territory.models import CustomRegion, Municipality
from streek.territory.services import custom_region_create, custom_region_update

pytestmark = pytest.mark.django_db


def ids(*codes: str) -> list[int]:
    return list(Municipality.objects.filter(code__in=codes).values_list("pk", flat=True))


def test_names_get_unique_slugs() -> None:
    admin = AdminUserFactory()

    first = custom_region_create(actor=admin, name="Haspengouw", municipality_ids=ids("71053"))
    second = custom_region_create(actor=admin, name="Haspengouw", municipality_ids=ids("71072"))

    assert (first.slug, second.slug) == ("haspengouw", "haspengouw-2")


def test_officer_region_must_hold_one_of_its_municipalities() -> None:
    officer = OfficerFactory().user

    with pytest.raises(ValidationError) as error:
        custom_region_create(actor=officer, name="Gent en omstreken", municipality_ids=ids("44021"))

    assert "municipalities" in error.value.message_dict
    assert not CustomRegion.objects.exists()


def test_a_region_needs_a_municipality_and_a_name() -> None:
    admin = AdminUserFactory()

    with pytest.raises(ValidationError):
        custom_region_create(actor=admin, name="Leeg", municipality_ids=[])
    with pytest.raises(ValidationError):
        custom_region_create(actor=admin, name="  ", municipality_ids=ids("71053"))

    assert not CustomRegion.objects.exists()


def test_update_keeps_the_slug_unless_renamed() -> None:
    admin = AdminUserFactory()
    region = custom_region_create(actor=admin, name="Haspengouw", municipality_ids=ids("71053"))

    custom_region_update(custom_region=region, actor=admin, name="Haspengouw", municipality_ids=ids("71053", "71072"))
    region.refresh_from_db()
    assert region.slug == "haspengouw"
    assert region.municipalities.count() == 2

    custom_region_update(custom_region=region, actor=admin, name="Droog Haspengouw", municipality_ids=ids("71053"))
    region.refresh_from_db()
    assert region.slug == "droog-haspengouw"
