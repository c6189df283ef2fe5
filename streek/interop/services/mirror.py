"""Mirroring another instance's open data: its sales points GeoJSON, validated, copied read-only with its source.

The document is the one /open-data/verkooppunten.geojson publishes (catalog/inventory_formats.geojson_chunks with
the open-data metadata: licence, licence_url, attribution, generated_at, source, count). A pull is all or nothing:
any invalid feature names its index and property and nothing is written; a valid document replaces the source's
copy (new points added, changed ones updated, points the source no longer has removed).
"""

import json
import math
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from streek.core.exceptions import ApplicationError
from streek.territory.models import Municipality

from ..choices import MirrorStatus
from ..models import MirroredSalesPoint, MirrorSource

TIMEOUT_SECONDS = 30
MAX_BYTES = 50 * 1024 * 1024
USER_AGENT = "Streek-Mirror/1.0"
BATCH = 1000
KEPT_PROPERTIES = (
    "external_ref",
    "status",
    "street",
    "postal_code",
    "locality",
    "phone",
    "email",
    "website",
    "categories",
    "labels",
    "payment_methods",
    "cooled",
    "hours",
    "slug",
)

Progress = Callable[[str, int, int], None]


class MirrorError(ApplicationError):
    """The source could not be read or its document is not valid; `extra["errors"]` lists what was wrong."""


@dataclass
class MirrorResult:
    source: MirrorSource
    created: int = 0
    updated: int = 0
    removed: int = 0
    errors: list[str] = field(default_factory=list)


def mirror_url_validate(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise MirrorError(_("Only http and https addresses can be mirrored."), extra={"url": url})


def mirror_fetch(url: str, *, max_bytes: int | None = None, timeout: float = TIMEOUT_SECONDS) -> bytes:
    """The document at `url` (at most max_bytes, default STREEK_MIRROR_MAX_BYTES or 50 MB)."""
    mirror_url_validate(url)
    limit: int = max_bytes or int(getattr(settings, "STREEK_MIRROR_MAX_BYTES", MAX_BYTES))
    request = urllib.request.Request(  # noqa: S310  (http and https only, checked above)
        url, headers={"User-Agent": USER_AGENT, "Accept": "application/geo+json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310  (scheme checked above)
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > limit:
                raise MirrorError(_("The document is larger than %(limit)s bytes.") % {"limit": limit})
            data: bytes = response.read(limit + 1)
    except urllib.error.HTTPError as error:
        raise MirrorError(_("The source answered HTTP %(status)s.") % {"status": error.code}) from error
    except (urllib.error.URLError, OSError, ValueError) as error:
        raise MirrorError(_("The source could not be reached: %(error)s") % {"error": error}) from error
    if len(data) > limit:
        raise MirrorError(_("The document is larger than %(limit)s bytes.") % {"limit": limit})
    return data


@dataclass(frozen=True)
class ParsedPoint:
    remote_id: str
    name: str
    kind: str
    municipality_code: str
    address: str
    lat: float
    lon: float
    url: str
    properties: dict[str, Any]


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _position(feature: dict[str, Any], index: int, errors: list[str]) -> tuple[float, float] | None:
    geometry = feature.get("geometry")
    if not isinstance(geometry, dict) or geometry.get("type") != "Point":
        errors.append(_("Feature %(index)s: geometry must be a Point.") % {"index": index})
        return None
    coordinates = geometry.get("coordinates")
    try:
        lon, lat = float(coordinates[0]), float(coordinates[1])  # type: ignore[index]
    except (TypeError, ValueError, IndexError, KeyError):
        errors.append(_("Feature %(index)s: geometry.coordinates must be [longitude, latitude].") % {"index": index})
        return None
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        errors.append(_("Feature %(index)s: geometry.coordinates are out of range.") % {"index": index})
        return None
    return lat, lon


def _page_url(base_url: str, properties: dict[str, Any]) -> str:
    explicit = _text(properties.get("url"))
    if explicit.startswith(("http://", "https://")):
        return explicit[:500]
    slug = _text(properties.get("slug"))
    if not slug:
        return ""
    try:
        path = reverse("web:sales_point_detail", kwargs={"slug": slug})
    except NoReverseMatch:
        return ""
    return urljoin(base_url, path)[:500]


def mirror_parse(data: bytes, *, base_url: str) -> tuple[dict[str, Any], list[ParsedPoint]]:
    """The metadata and points of a sales points GeoJSON; raises MirrorError listing every problem found."""
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise MirrorError(_("The document is not JSON: %(error)s") % {"error": error}) from error
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        raise MirrorError(_("The document is not a GeoJSON FeatureCollection."))
    features = document.get("features")
    if not isinstance(features, list):
        raise MirrorError(_("The document has no list of features."))
    metadata = {key: value for key, value in document.items() if key not in ("type", "features")}
    errors: list[str] = []
    points: list[ParsedPoint] = []
    seen: dict[str, int] = {}
    for index, feature in enumerate(features):
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            errors.append(_("Feature %(index)s: not a GeoJSON Feature.") % {"index": index})
            continue
        properties = feature.get("properties")
        if not isinstance(properties, dict):
            errors.append(_("Feature %(index)s: properties must be an object.") % {"index": index})
            continue
        position = _position(feature, index, errors)
        name = _text(properties.get("name"))
        if not name:
            errors.append(_("Feature %(index)s: property 'name' is missing.") % {"index": index})
        elif len(name) > 200:
            errors.append(_("Feature %(index)s: property 'name' is longer than 200 characters.") % {"index": index})
        remote_id = _text(feature.get("id")) or _text(properties.get("slug")) or _text(properties.get("external_ref"))
        if not remote_id:
            errors.append(
                _("Feature %(index)s: property 'slug' (or 'external_ref', or a feature id) is missing.")
                % {"index": index}
            )
        elif len(remote_id) > 200:
            errors.append(_("Feature %(index)s: property 'slug' is longer than 200 characters.") % {"index": index})
        elif remote_id in seen:
            errors.append(
                _("Feature %(index)s: property 'slug' repeats feature %(other)s (%(id)s).")
                % {"index": index, "other": seen[remote_id], "id": remote_id}
            )
        else:
            seen[remote_id] = index
        for key in ("categories", "labels", "payment_methods"):
            if key in properties and properties[key] is not None and not isinstance(properties[key], list):
                errors.append(_("Feature %(index)s: property '%(key)s' must be a list.") % {"index": index, "key": key})
        if errors or position is None:
            continue
        address = ", ".join(
            part
            for part in (
                _text(properties.get("street")),
                " ".join(p for p in (_text(properties.get("postal_code")), _text(properties.get("locality"))) if p),
            )
            if part
        )
        points.append(
            ParsedPoint(
                remote_id=remote_id,
                name=name,
                kind=_text(properties.get("type"))[:32],
                municipality_code=_text(properties.get("municipality")),
                address=address[:300],
                lat=position[0],
                lon=position[1],
                url=_page_url(base_url, properties),
                properties={key: properties[key] for key in KEPT_PROPERTIES if key in properties},
            )
        )
        if len(errors) >= 50:
            break
    if errors:
        raise MirrorError(_("The document is not valid: nothing was changed."), extra={"errors": errors[:50]})
    return metadata, points


def _store(
    source: MirrorSource, metadata: dict[str, Any], points: list[ParsedPoint], progress: Progress | None
) -> MirrorResult:
    result = MirrorResult(source=source)
    codes = {point.municipality_code for point in points if point.municipality_code}
    municipalities = dict(Municipality.objects.filter(code__in=codes).values_list("code", "id"))
    existing = {item.remote_id: item for item in MirroredSalesPoint.objects.filter(source=source)}
    fresh: list[MirroredSalesPoint] = []
    changed: list[MirroredSalesPoint] = []
    fields = ("name", "kind", "municipality_id", "address", "lat", "lon", "url", "properties")
    for done, point in enumerate(points, start=1):
        values = {
            "name": point.name,
            "kind": point.kind,
            "municipality_id": municipalities.get(point.municipality_code),
            "address": point.address,
            "lat": point.lat,
            "lon": point.lon,
            "url": point.url,
            "properties": point.properties,
        }
        item = existing.pop(point.remote_id, None)
        if item is None:
            fresh.append(MirroredSalesPoint(source=source, remote_id=point.remote_id, **values))
        elif any(getattr(item, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(item, name, value)
            changed.append(item)
        if progress is not None and (done % BATCH == 0 or done == len(points)):
            progress("store", done, len(points))
    if existing:
        MirroredSalesPoint.objects.filter(pk__in=[item.pk for item in existing.values()]).delete()
    MirroredSalesPoint.objects.bulk_create(fresh, batch_size=BATCH)
    now = timezone.now()
    for item in changed:
        item.updated_at = now
    MirroredSalesPoint.objects.bulk_update(changed, [*fields, "updated_at"], batch_size=BATCH)
    result.created, result.updated, result.removed = len(fresh), len(changed), len(existing)
    source.licence = _text(metadata.get("licence"))[:200]
    licence_url = _text(metadata.get("licence_url"))
    source.licence_url = licence_url[:500] if licence_url.startswith(("http://", "https://")) else ""
    source.status = MirrorStatus.OK
    source.error = ""
    source.pulled_at = now
    source.item_count = len(points)
    source.save()
    return result


def mirror_source_get_or_create(*, url: str, name: str = "") -> MirrorSource:
    mirror_url_validate(url)
    source = MirrorSource.objects.filter(url=url).first()
    if source is None:
        source = MirrorSource(url=url, name=name or (urlsplit(url).hostname or url)[:120])
        source.full_clean()
        source.save()
    elif name and name != source.name:
        source.name = name[:120]
        source.save(update_fields=["name", "updated_at"])
    return source


def mirror_pull(
    *, source: MirrorSource, progress: Progress | None = None, max_bytes: int | None = None
) -> MirrorResult:
    """Fetch, validate and store one source; on any error the source's points stay as they were and the source
    records status "failed" with the error (the MirrorError is raised again for the caller)."""
    try:
        if progress is not None:
            progress("fetch", 0, 1)
        data = mirror_fetch(source.url, max_bytes=max_bytes)
        if progress is not None:
            progress("fetch", 1, 1)
        metadata, points = mirror_parse(data, base_url=source.url)
        with transaction.atomic():
            locked = MirrorSource.objects.select_for_update().get(pk=source.pk)
            result = _store(locked, metadata, points, progress)
    except MirrorError as error:
        detail = "\n".join([error.message, *error.extra.get("errors", [])])
        MirrorSource.objects.filter(pk=source.pk).update(
            status=MirrorStatus.FAILED, error=detail, pulled_at=timezone.now(), updated_at=timezone.now()
        )
        source.refresh_from_db()
        raise
    source.refresh_from_db()
    result.source = source
    return result
