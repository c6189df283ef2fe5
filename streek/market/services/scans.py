"""Writes on procurement market scans: create one from a demand profile (CSV) and compute it; recompute."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from streek.accounts.models import User
from streek.catalog.models import Organisation

from ..choices import ScanStatus
from ..models import ProcurementScan, ProcurementScanLine
from ..scan_compute import compute_scan
from ..scan_csv import parse_demand_csv


@transaction.atomic
def procurement_scan_create(
    *,
    organisation: Organisation,
    actor: User | None,
    name: str,
    csv_text: str,
    radius_km: int = 40,
    file_name: str = "",
    lat: float | None = None,
    lon: float | None = None,
) -> ProcurementScan:
    """Read the demand profile (nothing is stored when it has errors: a ValidationError lists them by row and
    column), store it and compute what local producers within `radius_km` of the buyer could supply."""
    lines = parse_demand_csv(csv_text)
    if lat is None or lon is None:
        if organisation.lat is not None and organisation.lon is not None:
            lat, lon = organisation.lat, organisation.lon
        elif organisation.municipality is not None and organisation.municipality.lat is not None:
            lat, lon = organisation.municipality.lat, organisation.municipality.lon
        else:
            raise ValidationError({"lat": _("Give the place: the organisation has no address on the map.")})
    if lat is None or lon is None:  # pragma: no cover - set above or raised
        raise ValidationError({"lat": _("Give the place.")})
    scan = ProcurementScan(
        organisation=organisation,
        created_by=actor,
        name=name,
        file_name=file_name[:200],
        radius_km=radius_km,
        lat=lat,
        lon=lon,
    )
    scan.full_clean()
    scan.save()
    ProcurementScanLine.objects.bulk_create(
        [
            ProcurementScanLine(
                scan=scan,
                row_number=line.row_number,
                product_text=line.product_text,
                product_type=line.product_type,
                yearly_quantity=line.yearly_quantity,
                unit=line.unit,
                frequency=line.frequency,
                spec=line.spec,
            )
            for line in lines
        ]
    )
    return procurement_scan_compute(scan=scan)


@transaction.atomic
def procurement_scan_compute(*, scan: ProcurementScan, radius_km: int | None = None) -> ProcurementScan:
    """(Re)compute the scan's results from today's offers and catalogues, with another radius if given."""
    if radius_km is not None:
        scan.radius_km = radius_km
        scan.full_clean()
    compute_scan(scan)
    scan.status = ScanStatus.COMPUTED
    scan.computed_at = timezone.now()
    scan.save()
    return scan
