import pytest
from django.utils import timezone

from streek.accounts.tests.factories import UserFactory
from streek.catalog.choices import RevisionAction
from streek.catalog.services.sales_points import sales_point_verify
from streek.catalog.tests.factories import SalesPointFactory

pytestmark = pytest.mark.django_db


def test_verify_sets_date_and_officer_and_records_a_revision() -> None:
    # given
    point = SalesPointFactory(last_verified_at=None)
    officer = UserFactory()
    before = timezone.now()

    # when
    sales_point_verify(sales_point=point, actor=officer, note="Gebeld")

    # then
    point.refresh_from_db()
    assert point.last_verified_at is not None and point.last_verified_at >= before
    assert point.last_verified_by == officer
    revision = point.revisions.get()
    assert revision.action == RevisionAction.VERIFIED
    assert revision.actor == officer
    assert revision.changes == {}
    assert revision.note == "Gebeld"
