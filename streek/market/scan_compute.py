"""What local producers could supply of a demand profile, per line and month, and the lots they could bid for.

Supply comes from the producers (and processors and hubs) within the scan's radius:
- their offers, active or of the last year (past volumes): each offer's quantity spread over the days of its
  period, counted in the calendar month the days fall in, when its unit compares with the line's unit;
- their catalogue (active products of the type or a narrower one): months in season, volume unknown.
Demand is the yearly quantity spread evenly over the twelve months; figures are stored in the line's unit. A month's share is the known capacity
over the demand (at most 1); a line's coverage is the demand it could meet over the year; the scan's
coverage is the mean of its lines'. Lots group lines by top product family (vegetables, fruit, dairy...).
"""

import calendar
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import Q
from django.utils import timezone

from streek.catalog.models import Concept, Organisation, Product
from streek.core.geo import Point, bbox_around, haversine_km

from .choices import OFFERING_KINDS, PostStatus
from .models import Offer, ProcurementScan, ProcurementScanLine
from .quantities import normalise, per_week

# Offers that ended more than this long ago no longer count as past volumes.
PAST_DAYS = 365
# A lot is worth a tender to local producers from this coverage on.
LOT_READY_COVERAGE = 0.2


@dataclass
class Supplier:
    organisation_id: int
    name: str
    distance_km: float
    months: set[int] = field(default_factory=set)
    capacity: list[float] = field(default_factory=lambda: [0.0] * 12)
    sources: set[str] = field(default_factory=set)


def _subtree_ids(concept: Concept) -> set[int]:
    return set(
        Concept.objects.filter(scheme="product_type")
        .filter(Q(path=concept.path) | Q(path__startswith=f"{concept.path}/"))
        .values_list("id", flat=True)
    )


def _month_days(start: date, end: date) -> dict[int, int]:
    """Days per calendar month (1-12) of the period start..end (at most a year is counted)."""
    end = min(end, start + timedelta(days=365))
    days: dict[int, int] = defaultdict(int)
    current = start
    while current <= end:
        last = date(current.year, current.month, calendar.monthrange(current.year, current.month)[1])
        stop = min(last, end)
        days[current.month] += (stop - current).days + 1
        current = stop + timedelta(days=1)
    return days


def _offer_capacity(offer: Offer) -> dict[int, float]:
    """An offer's quantity per calendar month, in its base unit."""
    amount = normalise(offer.quantity, offer.unit.key).amount
    end = offer.ends_on or offer.starts_on + timedelta(days=365)
    days = _month_days(offer.starts_on, end)
    weekly = per_week(offer.recurrence)
    total_days = max(1, sum(days.values()))
    per_day = amount * weekly / 7 if weekly else amount / total_days
    return {month: per_day * count for month, count in days.items()}


def _nearby_organisations(scan: ProcurementScan) -> dict[int, tuple[Organisation, float]]:
    center = Point(scan.lat, scan.lon)
    box = bbox_around(center, scan.radius_km)
    found = {}
    qs = Organisation.objects.filter(
        kind__in=list(OFFERING_KINDS),
        lat__gte=box.south,
        lat__lte=box.north,
        lon__gte=box.west,
        lon__lte=box.east,
    ).exclude(pk=scan.organisation_id)
    for organisation in qs.only("id", "name", "lat", "lon"):
        distance = haversine_km(center, Point(organisation.lat or 0, organisation.lon or 0))
        if distance <= scan.radius_km:
            found[organisation.pk] = (organisation, distance)
    return found


def compute_line(
    line: ProcurementScanLine, nearby: dict[int, tuple[Organisation, float]], today: date
) -> dict[str, Any]:
    """The results of one line: monthly entries, suppliers, coverage."""
    types = _subtree_ids(line.product_type)
    unit = normalise(1, line.unit.key)
    dimension, factor = unit.dimension, unit.amount  # results are given in the line's own unit
    yearly = normalise(line.yearly_quantity, line.unit.key).amount
    demand = [yearly / 12] * 12
    suppliers: dict[int, Supplier] = {}

    def supplier(organisation_id: int) -> Supplier:
        if organisation_id not in suppliers:
            organisation, distance = nearby[organisation_id]
            suppliers[organisation_id] = Supplier(organisation_id, organisation.name, round(distance, 1))
        return suppliers[organisation_id]

    offers = (
        Offer.objects.filter(organisation_id__in=list(nearby), product_type_id__in=types)
        .filter(Q(status=PostStatus.ACTIVE) | Q(ends_on__gte=today - timedelta(days=PAST_DAYS)))
        .select_related("unit")
    )
    for offer in offers:
        if normalise(1, offer.unit.key).dimension != dimension:
            continue
        entry = supplier(offer.organisation_id)
        entry.sources.add("offers")
        for month, amount in _offer_capacity(offer).items():
            entry.capacity[month - 1] += amount
            entry.months.add(month)
    products = Product.objects.filter(organisation_id__in=list(nearby), product_type_id__in=types, is_active=True)
    for product in products.only("organisation_id", "season_months"):
        entry = supplier(product.organisation_id)
        entry.sources.add("catalogue")
        entry.months.update(product.months)
    monthly = []
    met = 0.0
    for month in range(1, 13):
        capacity = sum(s.capacity[month - 1] for s in suppliers.values())
        share = min(1.0, capacity / demand[month - 1]) if demand[month - 1] else 0.0
        met += min(capacity, demand[month - 1])
        monthly.append(
            {
                "month": month,
                "demand": round(demand[month - 1] / factor, 3),
                "capacity": round(capacity / factor, 3),
                "share": round(share, 4),
                "suppliers": sum(1 for s in suppliers.values() if month in s.months),
            }
        )
    coverage = min(1.0, met / yearly) if yearly else 0.0
    supplier_rows: list[dict[str, Any]] = [
        {
            "organisation_id": s.organisation_id,
            "name": s.name,
            "distance_km": s.distance_km,
            "months": sorted(s.months),
            "yearly_capacity": round(sum(s.capacity) / factor, 3) if "offers" in s.sources else None,
            "share": round(min(1.0, sum(s.capacity) / yearly), 4) if "offers" in s.sources and yearly else None,
            "sources": sorted(s.sources),
        }
        for s in suppliers.values()
    ]
    supplier_rows.sort(key=lambda row: (-float(row["share"] or 0), float(row["distance_km"]), str(row["name"])))
    return {"monthly": monthly, "suppliers": supplier_rows, "coverage": round(coverage, 4)}


def compute_scan(scan: ProcurementScan) -> None:
    """Fill the lines' results, the scan's coverage and its lots (saves the lines and the scan)."""
    nearby = _nearby_organisations(scan)
    today = timezone.localdate()
    lines = list(scan.lines.select_related("product_type", "unit").order_by("row_number"))
    lots: dict[str, dict[str, Any]] = {}
    for line in lines:
        result = compute_line(line, nearby, today)
        line.monthly = result["monthly"]
        line.suppliers = result["suppliers"]
        line.coverage = result["coverage"]
        line.lot_key = line.product_type.path.split("/")[0]
        lot = lots.setdefault(line.lot_key, {"key": line.lot_key, "rows": [], "coverages": [], "suppliers": set()})
        lot["rows"].append(line.row_number)
        lot["coverages"].append(line.coverage)
        lot["suppliers"].update(row["organisation_id"] for row in line.suppliers)
    ProcurementScanLine.objects.bulk_update(lines, ["monthly", "suppliers", "coverage", "lot_key", "updated_at"])
    scan.lots = [
        {
            "key": lot["key"],
            "rows": lot["rows"],
            "coverage": round(sum(lot["coverages"]) / len(lot["coverages"]), 4),
            "suppliers": len(lot["suppliers"]),
            "local_ready": bool(lot["suppliers"])
            and sum(lot["coverages"]) / len(lot["coverages"]) >= LOT_READY_COVERAGE,
        }
        for lot in sorted(lots.values(), key=lambda lot: lot["key"])
    ]
    scan.coverage = round(sum(line.coverage or 0 for line in lines) / len(lines), 4) if lines else 0.0
