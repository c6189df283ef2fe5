import pytest
from django.core.exceptions import ValidationError

from streek.accounts.tests.factories import UserFactory
from streek.catalog.choices import RevisionAction
from streek.catalog.models import Concept
from streek.catalog.services.sales_points import sales_point_update
from streek.catalog.tests.factories import SalesPointFactory

pytestmark = pytest.mark.django_db


def test_update_records_exactly_the_changed_fields() -> None:
    # given
    point = SalesPointFactory(name="Hoeve Oud", phone="", cooled=False, lat=50.8, lon=5.18)
    officer = UserFactory()

    # when
    sales_point_update(
        sales_point=point,
        actor=officer,
        name="Hoeve Nieuw",
        phone="011 12 34 56",
        cooled=False,
        lat=50.81234,
        position_exact=True,
        categories=["vegetable"],
    )

    # then
    point.refresh_from_db()
    assert point.name == "Hoeve Nieuw"
    revision = point.revisions.get()
    assert revision.action == RevisionAction.UPDATED
    assert revision.actor == officer
    assert revision.changes == {
        "name": ["Hoeve Oud", "Hoeve Nieuw"],
        "phone": ["", "011 12 34 56"],
        "lat": [50.8, 50.81234],
        "position_exact": [False, True],
        "categories": [[], ["vegetable"]],
    }


def test_update_without_changes_records_nothing() -> None:
    point = SalesPointFactory(name="Hoeve")

    sales_point_update(sales_point=point, actor=UserFactory(), name="Hoeve")

    assert not point.revisions.exists()


def test_invalid_update_is_refused_and_changes_nothing() -> None:
    point = SalesPointFactory(name="Hoeve", lat=50.8)
    Concept.objects.get(scheme="product_type", key="vegetable")

    with pytest.raises(ValidationError):
        sales_point_update(sales_point=point, actor=UserFactory(), name="", lat=123.0)

    point.refresh_from_db()
    assert point.name == "Hoeve"
    assert point.lat == 50.8
    assert not point.revisions.exists()
