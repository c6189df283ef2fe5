"""The year-end snapshot records every point that is not proposed or rejected; taking it again replaces it."""

import pytest
from django.utils import timezone

from streek.catalog.choices import SalesPointStatus
from streek.catalog.tests.factories import SalesPointFactory
from streek.monitor.models import SalesPointSnapshot
from streek.monitor.services import sales_point_snapshot_take

pytestmark = pytest.mark.django_db


def test_the_snapshot_records_the_points_and_is_replaced_when_taken_again():
    verified = SalesPointFactory(last_verified_at=timezone.now())
    closed = SalesPointFactory(status=SalesPointStatus.CLOSED)
    SalesPointFactory(status=SalesPointStatus.PROPOSED)

    assert sales_point_snapshot_take(year=2025) == 2
    assert sales_point_snapshot_take(year=2025) == 2

    rows = {row.sales_point_id: row for row in SalesPointSnapshot.objects.filter(year=2025)}
    assert set(rows) == {verified.pk, closed.pk}
    assert rows[verified.pk].is_active is True
    assert rows[verified.pk].last_verified_on == timezone.localdate()
    assert rows[closed.pk].is_active is False
    assert (rows[verified.pk].lat, rows[verified.pk].municipality_id) == (verified.lat, verified.municipality_id)
