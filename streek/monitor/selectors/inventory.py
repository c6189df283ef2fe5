"""K1-K3 from the inventory: live sales points for the current year, the year-end snapshot for past years."""

import datetime as dt
import statistics
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

import numpy as np
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from streek.catalog.choices import SalesPointStatus, SalesPointType
from streek.catalog.models import SalesPoint
from streek.core.geo import EARTH_RADIUS_KM
from streek.territory.models import Municipality

from ..choices import FigureKind
from ..models import SalesPointSnapshot
from .entered import EnteredTable
from .scope import AREA, Scope, percent
from .types import RawFigure

INVENTORY_CODES = {"K1", "K2", "K3"}
VERIFIED_WITHIN = dt.timedelta(days=365)
# Degrees of latitude and longitude (at 50-54 N) covering 5 km, to fetch the points near the area's centres.
LAT_5KM, LON_5KM = 0.046, 0.08


@dataclass(frozen=True)
class PointRow:
    municipality_id: int | None
    type: str
    verified_on: dt.date | None
    lat: float
    lon: float


def _reference_date(year: int) -> tuple[dt.date, bool]:
    """(reference date, live): today for the current (or a later) year, 31 December for past years."""
    today = timezone.localdate()
    if year >= today.year:
        return today, True
    return dt.date(year, 12, 31), False


def _near(centres: list[tuple[int, float, float]]) -> Q:
    if not centres:
        return Q(pk__in=[])
    lats = [c[1] for c in centres]
    lons = [c[2] for c in centres]
    return Q(
        lat__gte=min(lats) - LAT_5KM,
        lat__lte=max(lats) + LAT_5KM,
        lon__gte=min(lons) - LON_5KM,
        lon__lte=max(lons) + LON_5KM,
    )


def _points(scope: Scope, year: int, live: bool, centres: list[tuple[int, float, float]]) -> list[PointRow] | None:
    """Active points in the area or near its centres; None when a past year has no snapshot."""
    in_area = Q(municipality_id__in=scope.municipality_ids) if scope.municipality_ids is not None else Q()
    where = in_area | _near(centres) if scope.municipality_ids is not None else Q()
    if live:
        qs = SalesPoint.objects.filter(where, status=SalesPointStatus.ACTIVE)
        return [
            PointRow(m, t, timezone.localdate(v) if v else None, lat, lon)
            for m, t, v, lat, lon in qs.values_list("municipality_id", "type", "last_verified_at", "lat", "lon")
        ]
    if not SalesPointSnapshot.objects.filter(year=year).exists():
        return None
    snapshots = SalesPointSnapshot.objects.filter(where, year=year, is_active=True)
    return [
        PointRow(*row)
        for row in snapshots.values_list("municipality_id", "type", "last_verified_on", "lat", "lon").order_by()
    ]


def _nearest_km(centres: list[tuple[int, float, float]], points: list[PointRow]) -> dict[int, float]:
    """Distance from each municipality centre to the nearest verified point (great circle), vectorised."""
    if not centres or not points:
        return {c[0]: float("inf") for c in centres}
    plat = np.radians(np.array([p.lat for p in points]))
    plon = np.radians(np.array([p.lon for p in points]))
    out: dict[int, float] = {}
    for start in range(0, len(centres), 256):
        chunk = centres[start : start + 256]
        clat = np.radians(np.array([c[1] for c in chunk]))[:, None]
        clon = np.radians(np.array([c[2] for c in chunk]))[:, None]
        h = np.sin((plat - clat) / 2) ** 2 + np.cos(clat) * np.cos(plat) * np.sin((plon - clon) / 2) ** 2
        distances = 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.minimum(h, 1.0)))
        out.update({c[0]: float(d) for c, d in zip(chunk, distances.min(axis=1), strict=True)})
    return out


def inventory_figures(
    *, scope: Scope, year: int, codes: set[str], entered: EnteredTable
) -> dict[int, dict[str, RawFigure]]:
    """K1-K3 for each group; sales points are public, so these carry no organisation count."""
    wanted = codes & INVENTORY_CODES
    if not wanted:
        return {}
    reference, live = _reference_date(year)
    centres_qs = Municipality.objects.filter(lat__isnull=False, lon__isnull=False)
    if scope.municipality_ids is not None:
        centres_qs = centres_qs.filter(pk__in=scope.municipality_ids)
    centres = [
        (m, float(lat or 0), float(lon or 0)) for m, lat, lon in centres_qs.values_list("id", "lat", "lon").order_by()
    ]
    points = _points(scope, year, live, centres)
    groups = scope.groups({c[0] for c in centres})
    if points is None:
        reason = _("No inventory snapshot was taken at the end of %(year)s.") % {"year": year}
        return {g: {key: RawFigure(None, None, reason) for key in _keys(wanted)} for g in groups}
    area_ids = set(scope.municipality_ids) if scope.municipality_ids is not None else None
    recent = [p for p in points if p.verified_on is not None and reference - p.verified_on <= VERIFIED_WITHIN]
    by_group: dict[int, list[PointRow]] = defaultdict(list)
    for point in points:
        if point.municipality_id is None or (area_ids is not None and point.municipality_id not in area_ids):
            continue
        by_group[point.municipality_id if scope.by_municipality else AREA].append(point)
    nearest = _nearest_km(centres, recent) if "K2" in wanted else {}
    centre_ids = {c[0] for c in centres}
    out: dict[int, dict[str, RawFigure]] = {}
    for group in groups:
        active = by_group.get(group, [])
        verified = [p for p in active if p.verified_on is not None and reference - p.verified_on <= VERIFIED_WITHIN]
        figures: dict[str, RawFigure] = {}
        if "K1" in wanted:
            figures["K1.total"] = RawFigure(Decimal(len(verified)))
            for value in SalesPointType.values:
                figures[f"K1.type.{value}"] = RawFigure(Decimal(sum(1 for p in verified if p.type == value)))
        if "K2" in wanted:
            figures.update(_k2(entered, group, len(verified), nearest, centre_ids))
        if "K3" in wanted:
            ages = [(reference - p.verified_on).days for p in active if p.verified_on is not None]
            figures["K3.active"] = RawFigure(Decimal(len(active)))
            share = percent(Decimal(len(verified)), Decimal(len(active)))
            figures["K3.verified_share"] = RawFigure(share, None, "" if active else _("No active sales points."))
            median = Decimal(str(statistics.median(ages))) if ages else None
            figures["K3.median_age_days"] = RawFigure(median, None, "" if ages else _("No point was ever verified."))
        out[group] = figures
    return out


def _keys(codes: set[str]) -> list[str]:
    from .definitions import indicator_definition

    return [f.key for code in sorted(codes) for f in indicator_definition(code=code).figures]


def _k2(
    entered: EnteredTable, group: int, verified: int, nearest: dict[int, float], centre_ids: set[int]
) -> dict[str, RawFigure]:
    population = entered.total(group, FigureKind.POPULATION)
    if population.value is None or not population.value:
        reason = population.missing or _("The population entered is zero.")
        return {key: RawFigure(None, None, reason) for key in ("K2.per_10000", "K2.within_2km", "K2.within_5km")}
    figures = {"K2.per_10000": RawFigure(Decimal(verified) * 10000 / population.value)}
    for km, key in ((2, "K2.within_2km"), (5, "K2.within_5km")):
        reached = sum(
            (
                entered.value(m, FigureKind.POPULATION) or Decimal("0")
                for m in entered.municipalities_of(group)
                if m in centre_ids and nearest.get(m, float("inf")) <= km
            ),
            Decimal("0"),
        )
        figures[key] = RawFigure(reached * 100 / population.value)
    return figures
