"""The content of a printed brochure of short-chain sales points for a set of municipalities.

Points are grouped by municipality, then by type, and numbered in that order; the same numbers mark the dots
of the overview map, whose x/y positions are projected here from latitude and longitude (no map tiles).
Build it inside translation.override(language): labels and opening-hour summaries follow the active language.
"""

import math
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import get_language

from streek.core.exceptions import ApplicationError, NotFound
from streek.territory.models import Municipality
from streek.territory.selectors import region_municipality_ids

from .choices import PUBLIC_STATUSES, SalesPointType
from .hours_syntax import HoursRule, format_hours
from .models import Concept, SalesPoint

MAP_WIDTH = 1000.0
MAP_HEIGHT = 1250.0
MAP_PADDING = 60.0
MAX_POINTS = 600
MAX_MUNICIPALITIES = 60
DAY_NAMES = {
    "nl": ("ma", "di", "wo", "do", "vr", "za", "zo"),
    "fr": ("lun", "mar", "mer", "jeu", "ven", "sam", "dim"),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}


@dataclass
class BrochureEntry:
    number: int
    point: SalesPoint
    hours: str
    categories: list[str]
    x: float = 0.0
    y: float = 0.0
    qr_svg: str = ""  # markup an interface may attach (e.g. a QR code to the public page)


@dataclass
class BrochureTypeGroup:
    label: str
    entries: list[BrochureEntry]


@dataclass
class BrochureSection:
    municipality: Municipality
    groups: list[BrochureTypeGroup] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(len(group.entries) for group in self.groups)


@dataclass
class MapLabel:
    name: str
    x: float
    y: float


@dataclass
class Brochure:
    municipalities: list[Municipality]
    sections: list[BrochureSection]
    entries: list[BrochureEntry]
    labels: list[MapLabel]
    generated_at: datetime
    width: float = MAP_WIDTH
    height: float = MAP_HEIGHT

    @property
    def area_name(self) -> str:
        return ", ".join(m.name for m in self.municipalities)


def brochure_municipalities(*, codes: list[str], region: str = "") -> list[Municipality]:
    """The municipalities chosen by code and/or region (custom region slug or province code). NotFound if unknown."""
    ids: set[int] = set()
    if region:
        ids.update(region_municipality_ids(region=region))
    found = list(Municipality.objects.filter(code__in=codes)) if codes else []
    if len(found) != len(set(codes)):
        raise NotFound("municipality")
    ids.update(m.pk for m in found)
    if len(ids) > MAX_MUNICIPALITIES:
        raise ApplicationError("too many municipalities", extra={"max": MAX_MUNICIPALITIES})
    return list(Municipality.objects.filter(pk__in=ids).order_by("name_nl"))


def _hours_summary(point: SalesPoint, day_names: tuple[str, ...]) -> str:
    rules = [HoursRule(r.season_start, r.season_end, r.weekday, r.opens, r.closes) for r in point.opening_rules.all()]
    return format_hours(rules, day_names=day_names)


def _project(entries: list[BrochureEntry], municipalities: list[Municipality]) -> list[MapLabel]:
    """Equirectangular projection of the points into the map box, north up, keeping the aspect of the area."""
    places = [(e.point.lat, e.point.lon) for e in entries]
    places += [(m.lat, m.lon) for m in municipalities if m.lat is not None and m.lon is not None]
    if not places:
        return []
    south, north = min(p[0] for p in places), max(p[0] for p in places)
    west, east = min(p[1] for p in places), max(p[1] for p in places)
    coslat = math.cos(math.radians((south + north) / 2))
    span_x = max((east - west) * coslat, 0.01)
    span_y = max(north - south, 0.01)
    scale = min((MAP_WIDTH - 2 * MAP_PADDING) / span_x, (MAP_HEIGHT - 2 * MAP_PADDING) / span_y)
    offset_x = (MAP_WIDTH - span_x * scale) / 2
    offset_y = (MAP_HEIGHT - span_y * scale) / 2

    def xy(lat: float, lon: float) -> tuple[float, float]:
        x = offset_x + (lon - west) * coslat * scale
        y = offset_y + (north - lat) * scale
        return round(x, 1), round(y, 1)

    for entry in entries:
        entry.x, entry.y = xy(entry.point.lat, entry.point.lon)
    labels = []
    for municipality in municipalities:
        if municipality.lat is not None and municipality.lon is not None:
            x, y = xy(municipality.lat, municipality.lon)
            labels.append(MapLabel(name=municipality.name, x=x, y=y))
    return labels


def brochure_build(*, municipalities: list[Municipality]) -> Brochure:
    """Everything the brochure template shows, in four queries. ApplicationError when there are too many points."""
    points = list(
        SalesPoint.objects.filter(municipality__in=municipalities, status__in=PUBLIC_STATUSES)
        .select_related("municipality")
        .prefetch_related(
            "opening_rules",
            Prefetch("categories", queryset=Concept.objects.only("id", "key", "label_nl", "label_fr", "label_en")),
        )
        .order_by("name", "id")
    )
    if len(points) > MAX_POINTS:
        raise ApplicationError("too many points", extra={"max": MAX_POINTS, "count": len(points)})
    day_names = DAY_NAMES.get((get_language() or "nl")[:2], DAY_NAMES["nl"])
    type_order = {value: index for index, value in enumerate(SalesPointType.values)}
    sections: list[BrochureSection] = []
    entries: list[BrochureEntry] = []
    for municipality in municipalities:
        section = BrochureSection(municipality=municipality)
        mine = sorted(
            (p for p in points if p.municipality_id == municipality.pk), key=lambda p: type_order.get(p.type, 99)
        )
        for point in mine:
            if not section.groups or section.groups[-1].label != str(SalesPointType(point.type).label):
                section.groups.append(BrochureTypeGroup(label=str(SalesPointType(point.type).label), entries=[]))
            entry = BrochureEntry(
                number=len(entries) + 1,
                point=point,
                hours=_hours_summary(point, day_names),
                categories=sorted(concept.label for concept in point.categories.all()),
            )
            section.groups[-1].entries.append(entry)
            entries.append(entry)
        if section.groups:
            sections.append(section)
    labels = _project(entries, municipalities)
    return Brochure(
        municipalities=municipalities,
        sections=sections,
        entries=entries,
        labels=labels,
        generated_at=timezone.now(),
    )
