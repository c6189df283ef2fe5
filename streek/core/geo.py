"""Geographic helpers: great-circle distance and bounding boxes on WGS84 coordinates."""

import math
from dataclasses import dataclass

EARTH_RADIUS_KM = 6371.0088


@dataclass(frozen=True)
class Point:
    lat: float
    lon: float


@dataclass(frozen=True)
class BoundingBox:
    south: float
    west: float
    north: float
    east: float

    @classmethod
    def parse(cls, text: str) -> "BoundingBox":
        """Parse 'west,south,east,north' (the order of GeoJSON and Leaflet's toBBoxString)."""
        parts = [float(part) for part in text.split(",")]
        if len(parts) != 4:
            raise ValueError("a bounding box has four numbers: west,south,east,north")
        west, south, east, north = parts
        if not (-90 <= south <= north <= 90) or not (-180 <= west <= 180 and -180 <= east <= 180):
            raise ValueError("bounding box out of range")
        return cls(south=south, west=west, north=north, east=east)

    def contains(self, point: Point) -> bool:
        return self.south <= point.lat <= self.north and self.west <= point.lon <= self.east


def haversine_km(a: Point, b: Point) -> float:
    """Great-circle distance in kilometres."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def bbox_around(center: Point, radius_km: float) -> BoundingBox:
    """The smallest latitude/longitude box that holds every point within radius_km of center."""
    dlat = math.degrees(radius_km / EARTH_RADIUS_KM)
    coslat = max(math.cos(math.radians(center.lat)), 1e-6)
    dlon = math.degrees(radius_km / (EARTH_RADIUS_KM * coslat))
    return BoundingBox(
        south=max(-90.0, center.lat - dlat),
        west=max(-180.0, center.lon - dlon),
        north=min(90.0, center.lat + dlat),
        east=min(180.0, center.lon + dlon),
    )
