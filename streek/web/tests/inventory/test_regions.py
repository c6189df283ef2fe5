import pytest
from django.urls import reverse

from streek.accounts.tests.factories import AdminUserFactory, MembershipFactory, OfficerFactory
from streek.catalog.tests.factories import municipality
from streek.territory.models import CustomRegion
from streek.territory.services import custom_region_create

from .helpers import client_for

pytestmark = pytest.mark.django_db


def test_region_list_is_for_officers_and_admins() -> None:
    assert client_for(OfficerFactory().user).get(reverse("web:region_list")).status_code == 200
    assert client_for(AdminUserFactory()).get(reverse("web:region_list")).status_code == 200
    assert client_for(MembershipFactory().user).get(reverse("web:region_list")).status_code == 404


def test_officer_creates_a_region_with_its_municipality() -> None:
    officer = OfficerFactory().user
    hasselt = municipality("71072")

    response = client_for(officer).post(
        reverse("web:region_create"),
        {"name": "Haspengouw", "description": "Fruitstreek", "municipalities": [municipality().pk, hasselt.pk]},
    )

    assert response.status_code == 302
    region = CustomRegion.objects.get()
    assert region.slug == "haspengouw"
    assert region.created_by == officer
    assert sorted(region.municipalities.values_list("code", flat=True)) == ["71053", "71072"]


def test_officer_cannot_create_a_region_without_its_municipalities() -> None:
    officer = OfficerFactory().user

    response = client_for(officer).post(
        reverse("web:region_create"), {"name": "Elders", "municipalities": [municipality("44021").pk]}
    )

    assert response.status_code == 400
    assert "municipalities" in response.context["form"].errors
    assert not CustomRegion.objects.exists()


def test_officer_edits_only_regions_with_its_municipalities() -> None:
    admin = AdminUserFactory()
    own = custom_region_create(actor=admin, name="Haspengouw", municipality_ids=[municipality().pk])
    other = custom_region_create(actor=admin, name="Meetjesland", municipality_ids=[municipality("44021").pk])
    client = client_for(OfficerFactory().user)

    assert client.get(reverse("web:region_edit", args=[own.pk])).status_code == 200
    assert client.get(reverse("web:region_edit", args=[other.pk])).status_code == 403
    response = client.post(
        reverse("web:region_edit", args=[own.pk]),
        {"name": "Haspengouw en Hasselt", "municipalities": [municipality().pk, municipality("71072").pk]},
    )
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.name == "Haspengouw en Hasselt"
    assert own.municipalities.count() == 2
