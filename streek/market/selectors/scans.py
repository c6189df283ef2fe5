"""Reads of procurement market scans, and the CSV export of a scan's results per line and month."""

import csv
import io

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from streek.catalog.models import Concept

from ..models import ProcurementScan, ProcurementScanLine


def procurement_scan_list(*, organisation_id: int) -> QuerySet[ProcurementScan]:
    return ProcurementScan.objects.filter(organisation_id=organisation_id).order_by("-created_at", "-id")


def procurement_scan_get(*, scan_id: int) -> ProcurementScan | None:
    """A scan with its lines (product type and unit loaded): two queries."""
    lines = ProcurementScanLine.objects.select_related("product_type", "unit").order_by("row_number")
    return (
        ProcurementScan.objects.select_related("organisation")
        .prefetch_related(Prefetch("lines", queryset=lines))
        .filter(pk=scan_id)
        .first()
    )


def lot_labels(*, scan: ProcurementScan) -> dict[str, str]:
    """The name of each lot (its top product family) in the active language."""
    keys = [lot["key"] for lot in scan.lots]
    return {c.key: c.label for c in Concept.objects.filter(scheme="product_type", key__in=keys)}


def procurement_scan_csv(*, scan: ProcurementScan) -> str:
    """One row per line and month: demand and local capacity (in the line's unit), share, suppliers."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        [
            _("row"),
            _("product"),
            _("product type"),
            _("unit"),
            _("month"),
            _("demand"),
            _("local capacity"),
            _("share (%)"),
            _("suppliers"),
            _("line coverage (%)"),
        ]
    )
    lines = scan.lines.select_related("product_type", "unit").order_by("row_number")
    for line in lines:
        for entry in line.monthly:
            writer.writerow(
                [
                    line.row_number,
                    line.product_text,
                    line.product_type.label,
                    line.unit.label,
                    entry["month"],
                    entry["demand"],
                    entry["capacity"],
                    round(entry["share"] * 100, 1),
                    entry["suppliers"],
                    round((line.coverage or 0) * 100, 1),
                ]
            )
    return buffer.getvalue()
