"""The inventory as it stood at the end of a year, for K1-K3 of past years."""

from django.db import transaction
from django.utils import timezone

from streek.catalog.choices import SalesPointStatus
from streek.catalog.models import SalesPoint

from ..models import SalesPointSnapshot

BATCH = 2000


@transaction.atomic
def sales_point_snapshot_take(*, year: int) -> int:
    """One row per sales point that is not proposed or rejected; taking it again replaces that year's rows."""
    taken_at = timezone.now()
    SalesPointSnapshot.objects.filter(year=year).delete()
    points = SalesPoint.objects.exclude(status__in=[SalesPointStatus.PROPOSED, SalesPointStatus.REJECTED]).values_list(
        "id", "operator_id", "municipality_id", "type", "status", "last_verified_at", "lat", "lon"
    )
    rows = [
        SalesPointSnapshot(
            year=year,
            sales_point_id=point_id,
            operator_id=operator_id,
            municipality_id=municipality_id,
            type=point_type,
            is_active=status == SalesPointStatus.ACTIVE,
            last_verified_on=timezone.localdate(verified) if verified else None,
            lat=lat,
            lon=lon,
            taken_at=taken_at,
        )
        for point_id, operator_id, municipality_id, point_type, status, verified, lat, lon in points.iterator()
    ]
    SalesPointSnapshot.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)
