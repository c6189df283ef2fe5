import pytest

from streek.accounts.tests.factories import UserFactory
from streek.catalog.choices import RevisionAction, SalesPointStatus
from streek.catalog.models import SalesPoint
from streek.catalog.services.inventory import sales_point_reopen
from streek.catalog.services.sales_points import sales_point_close
from streek.catalog.tests.factories import SalesPointFactory
from streek.core.exceptions import ApplicationError

pytestmark = pytest.mark.django_db


def test_close_records_the_status_change() -> None:
    point = SalesPointFactory()
    officer = UserFactory()

    sales_point_close(sales_point=point, actor=officer, note="Gestopt")

    point.refresh_from_db()
    assert point.status == SalesPointStatus.CLOSED
    revision = point.revisions.get()
    assert revision.action == RevisionAction.CLOSED
    assert revision.changes == {"status": ["active", "closed"]}
    assert revision.note == "Gestopt"


def test_temporarily_close_and_reopen() -> None:
    point = SalesPointFactory()
    officer = UserFactory()

    sales_point_close(sales_point=point, actor=officer, temporarily=True)
    point.refresh_from_db()
    assert point.status == SalesPointStatus.TEMPORARILY_CLOSED

    sales_point_reopen(sales_point=point, actor=officer)
    point.refresh_from_db()
    assert point.status == SalesPointStatus.ACTIVE
    changes = [r.changes for r in point.revisions.order_by("created_at", "id")]
    assert changes == [
        {"status": ["active", "temporarily_closed"]},
        {"status": ["temporarily_closed", "active"]},
    ]


def test_reopen_of_an_active_point_is_refused_and_changes_nothing() -> None:
    point = SalesPointFactory()

    with pytest.raises(ApplicationError):
        sales_point_reopen(sales_point=point, actor=UserFactory())

    assert SalesPoint.objects.get(pk=point.pk).status == SalesPointStatus.ACTIVE
    assert not point.revisions.exists()
