"""Inventory files: the columns, reading CSV and GeoJSON into rows of text, OpenStreetMap tags, writing files back.

Reading gives plain text per column (the checks live in inventory_validation); writing takes the rows of the
open-data selector. An exported file imports again without changes. See docs/inventory-format.md.
"""

import csv
import io
import json
import math
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from .choices import SalesPointType

# The columns of an inventory file, in the order the export writes them.
COLUMNS: tuple[str, ...] = (
    "external_ref",
    "name",
    "type",
    "status",
    "street",
    "postal_code",
    "locality",
    "municipality",
    "lat",
    "lon",
    "position_exact",
    "phone",
    "email",
    "website",
    "categories",
    "labels",
    "payment_methods",
    "cooled",
    "hours",
)
LIST_COLUMNS = ("categories", "labels", "payment_methods")
BOOLEAN_COLUMNS = ("cooled", "position_exact")
LIST_SEPARATOR = "|"

# OpenStreetMap keys understood when a file comes from OSM (e.g. an Overpass export); see osm_columns().
OSM_KEYS = (
    "shop",
    "amenity",
    "vending",
    "produce",
    "farm",
    "honesty_box",
    "payment:honesty_box",
    "pick_your_own",
    "addr:street",
    "addr:housenumber",
    "addr:postcode",
    "addr:city",
    "contact:phone",
    "contact:email",
    "contact:website",
    "opening_hours",
    "@id",
)
FARM_VENDING = {"food", "milk", "eggs", "potatoes", "fruit", "vegetables", "meat", "cheese", "farm_products"}
FARM_HINT_SHOPS = {"greengrocer", "dairy", "butcher", "cheese", "deli"}
TRUE_WORDS = {"yes", "1", "true", "ja", "oui", "y", "j", "o"}
FALSE_WORDS = {"no", "0", "false", "nee", "non", "n"}


class FileFormatError(ValueError):
    """The file cannot be read at all (not UTF-8, not CSV with a header, not a GeoJSON FeatureCollection)."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(code)
        self.code = code
        self.detail = detail


@dataclass
class SourceTable:
    """The rows of a file as text: row numbers as in the file (a CSV header is row 1; GeoJSON features from 1)."""

    file_format: str
    columns: list[str]
    ignored_columns: list[str]
    total: int
    rows: Iterator[tuple[int, dict[str, str]]] = field(repr=False)


def decode_upload(data: bytes) -> str:
    """UTF-8 text with or without a byte order mark; raises FileFormatError otherwise."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FileFormatError("encoding", str(error)) from error


def guess_format(file_name: str, content: str) -> str:
    name = file_name.lower()
    if name.endswith((".geojson", ".json")):
        return "geojson"
    if name.endswith((".csv", ".txt", ".tsv")):
        return "csv"
    return "geojson" if content.lstrip("\ufeff \r\n\t").startswith("{") else "csv"


def parse_bool(text: str) -> bool | None:
    """True, False, or None when the text is not a yes/no word (empty text is False)."""
    value = text.strip().lower()
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS or not value:
        return False
    return None


def split_list(text: str) -> list[str]:
    if not text:
        return []
    return list(dict.fromkeys(part.strip() for part in text.split(LIST_SEPARATOR) if part.strip()))


def _sniff_delimiter(header_line: str) -> str:
    counts = {delimiter: header_line.count(delimiter) for delimiter in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _known(columns: Iterable[str]) -> tuple[list[str], list[str]]:
    known, ignored = [], []
    for column in columns:
        if column in COLUMNS or column in OSM_KEYS:
            known.append(column)
        elif column:
            ignored.append(column)
    return known, ignored


def read_csv(content: str) -> SourceTable:
    content = content.lstrip("\ufeff")
    first_line = content.split("\n", 1)[0]
    if not first_line.strip():
        raise FileFormatError("empty")
    delimiter = _sniff_delimiter(first_line)
    header = [name.strip().lower() for name in next(csv.reader([first_line], delimiter=delimiter))]
    total = sum(1 for row in csv.reader(io.StringIO(content), delimiter=delimiter) if "".join(row).strip()) - 1
    known, ignored = _known(header)
    wanted = [(index, name) for index, name in enumerate(header) if name in known]

    def rows() -> Iterator[tuple[int, dict[str, str]]]:
        reader = csv.reader(io.StringIO(content), delimiter=delimiter)
        next(reader)
        for number, values in enumerate(reader, start=2):
            if not "".join(values).strip():
                continue
            if len(values) < len(header):
                values += [""] * (len(header) - len(values))
            yield number, {name: values[index].strip() for index, name in wanted}

    return SourceTable(file_format="csv", columns=known, ignored_columns=ignored, total=max(total, 0), rows=rows())


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(_text(item) for item in value)
    if isinstance(value, float):
        return repr(value)
    return str(value).strip()


def _geometry_position(geometry: Any) -> tuple[str, str]:
    """lat and lon as text: a Point's coordinates, else the mean of the first ring or line's vertices."""
    if not isinstance(geometry, dict):
        return "", ""
    coordinates: Any = geometry.get("coordinates")
    kind = geometry.get("type")
    try:
        if kind == "Point":
            return _text(coordinates[1]), _text(coordinates[0])
        vertices = coordinates
        while vertices and isinstance(vertices[0], list) and vertices[0] and isinstance(vertices[0][0], list):
            vertices = vertices[0]
        lons = [float(v[0]) for v in vertices]
        lats = [float(v[1]) for v in vertices]
        return repr(sum(lats) / len(lats)), repr(sum(lons) / len(lons))
    except (TypeError, IndexError, ValueError, ZeroDivisionError):
        return "invalid", "invalid"


def read_geojson(content: str) -> SourceTable:
    try:
        document = json.loads(content.lstrip("\ufeff"))
    except json.JSONDecodeError as error:
        raise FileFormatError("json", str(error)) from error
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        raise FileFormatError("feature_collection")
    features = document.get("features")
    if not isinstance(features, list):
        raise FileFormatError("feature_collection")
    names: dict[str, None] = {}
    for feature in features:
        properties = feature.get("properties") if isinstance(feature, dict) else None
        if isinstance(properties, dict):
            names.update(dict.fromkeys(str(key).strip().lower() for key in properties))
        if isinstance(feature, dict) and isinstance(feature.get("id"), str) and "/" in feature["id"]:
            names["@id"] = None
    if any(isinstance(f, dict) and f.get("geometry") for f in features):
        names.update({"lat": None, "lon": None})
    known, ignored = _known(names)

    def rows() -> Iterator[tuple[int, dict[str, str]]]:
        for number, feature in enumerate(features, start=1):
            feature = feature if isinstance(feature, dict) else {}
            properties = feature.get("properties") or {}
            values = {str(key).strip().lower(): _text(value) for key, value in properties.items()}
            if feature.get("id") and not values.get("@id") and isinstance(feature["id"], str) and "/" in feature["id"]:
                values["@id"] = feature["id"]  # an OpenStreetMap id such as node/123 (Overpass exports)
            if feature.get("geometry"):
                values["lat"], values["lon"] = _geometry_position(feature["geometry"])
            yield number, values

    return SourceTable(file_format="geojson", columns=known, ignored_columns=ignored, total=len(features), rows=rows())


def read_table(content: str, file_format: str) -> SourceTable:
    return read_geojson(content) if file_format == "geojson" else read_csv(content)


def _tags_from_text(text: str) -> dict[str, str]:
    """'shop=farm' or 'amenity=vending_machine;vending=milk' as a tag dict."""
    tags = {}
    for part in text.replace(",", ";").split(";"):
        key, equals, value = part.partition("=")
        if equals:
            tags[key.strip().lower()] = value.strip().lower()
    return tags


def osm_type(tags: Mapping[str, str]) -> str:
    """The sales point type for OpenStreetMap tags, or '' when the tags do not describe a short-chain point."""
    shop, amenity = tags.get("shop", "").lower(), tags.get("amenity", "").lower()
    vending = {v.strip() for v in tags.get("vending", "").lower().split(";") if v.strip()}
    if tags.get("pick_your_own", "").lower() == "yes":
        return SalesPointType.SELF_HARVEST
    if "yes" in (tags.get("honesty_box", "").lower(), tags.get("payment:honesty_box", "").lower()):
        return SalesPointType.HONESTY_STALL
    if amenity == "vending_machine" and vending & FARM_VENDING:
        return SalesPointType.VENDING_MACHINE
    if amenity == "marketplace":
        return SalesPointType.FARMERS_MARKET
    if shop == "farm":
        return SalesPointType.FARM_SHOP
    if shop in FARM_HINT_SHOPS and (tags.get("farm", "").lower() == "yes" or tags.get("produce")):
        return SalesPointType.FARM_SHOP
    return ""


def osm_columns(values: dict[str, str]) -> dict[str, str]:
    """Fill our columns from OpenStreetMap keys where our own columns are empty; returns the row."""
    type_text = values.get("type", "")
    if "=" in type_text:
        values["type"] = osm_type(_tags_from_text(type_text)) or type_text
    elif not type_text and any(values.get(key) for key in ("shop", "amenity", "vending")):
        values["type"] = osm_type(values) or ";".join(
            f"{key}={values[key]}" for key in ("shop", "amenity", "vending") if values.get(key)
        )
    street = " ".join(v for v in (values.get("addr:street", ""), values.get("addr:housenumber", "")) if v)
    for column, osm_value in (
        ("street", street),
        ("postal_code", values.get("addr:postcode", "")),
        ("locality", values.get("addr:city", "")),
        ("phone", values.get("contact:phone", "")),
        ("email", values.get("contact:email", "")),
        ("website", values.get("contact:website", "")),
        ("hours", values.get("opening_hours", "")),
        ("external_ref", values.get("@id", "")),
    ):
        if osm_value and not values.get(column):
            values[column] = osm_value
    return values


def osm_provided_columns(columns: Iterable[str]) -> set[str]:
    """Our columns that OSM keys in the header can fill."""
    present = set(columns)
    provided = set()
    if present & {"shop", "amenity", "vending"}:
        provided.add("type")
    mapping = {
        "addr:street": "street",
        "addr:postcode": "postal_code",
        "addr:city": "locality",
        "contact:phone": "phone",
        "contact:email": "email",
        "contact:website": "website",
        "opening_hours": "hours",
        "@id": "external_ref",
    }
    provided.update(column for key, column in mapping.items() if key in present)
    return provided


# Writing -------------------------------------------------------------------------------------------------------


def _cell(column: str, value: Any) -> str:
    if column in LIST_COLUMNS:
        return LIST_SEPARATOR.join(value or [])
    if column in BOOLEAN_COLUMNS:
        return "yes" if value else "no"
    if isinstance(value, float):
        return repr(value)
    return "" if value is None else str(value)


def csv_chunks(rows: Iterable[Mapping[str, Any]], *, rows_per_chunk: int = 500) -> Iterator[str]:
    """The CSV text (comma separated, header first), in chunks for a streaming response."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    count = 0
    for row in rows:
        writer.writerow([_cell(column, row.get(column)) for column in COLUMNS])
        count += 1
        if count % rows_per_chunk == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def geojson_feature(row: Mapping[str, Any]) -> dict[str, Any]:
    properties = {column: row.get(column) for column in COLUMNS if column not in ("lat", "lon")}
    for column in LIST_COLUMNS:
        properties[column] = list(properties[column] or [])
    for column in BOOLEAN_COLUMNS:
        properties[column] = bool(properties[column])
    for extra in ("slug",):
        if extra in row:
            properties[extra] = row[extra]
    lat, lon = float(row["lat"]), float(row["lon"])
    if not (math.isfinite(lat) and math.isfinite(lon)):
        raise ValueError("position is not finite")
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]}, "properties": properties}


def geojson_chunks(
    rows: Iterable[Mapping[str, Any]], *, metadata: Mapping[str, Any], rows_per_chunk: int = 200
) -> Iterator[str]:
    """A GeoJSON FeatureCollection with the metadata as top-level members, in chunks for a streaming response."""
    head = json.dumps({"type": "FeatureCollection", **metadata}, ensure_ascii=False)
    yield head[:-1] + ', "features": ['
    parts: list[str] = []
    first = True
    for row in rows:
        text = json.dumps(geojson_feature(row), ensure_ascii=False)
        parts.append(text if first else "," + text)
        first = False
        if len(parts) >= rows_per_chunk:
            yield "\n".join(parts)
            parts = []
    yield "\n".join(parts) + "]}\n"
