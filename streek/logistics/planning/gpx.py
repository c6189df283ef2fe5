"""GPX 1.1 for an ordered list of named points (a round trip, a route sheet for a phone), with xml.etree only."""

import xml.etree.ElementTree as ET
from collections.abc import Sequence

from streek.core.geo import Point

GPX_NAMESPACE = "http://www.topografix.com/GPX/1/1"
SCHEMA_LOCATION = f"{GPX_NAMESPACE} http://www.topografix.com/GPX/1/1/gpx.xsd"
XSI_NAMESPACE = "http://www.w3.org/2001/XMLSchema-instance"


def _tag(name: str) -> str:
    return f"{{{GPX_NAMESPACE}}}{name}"


def gpx_document(*, name: str, points: Sequence[tuple[str, Point]], creator: str = "Streek", track: bool = True) -> str:
    """A GPX 1.1 document: a route (rte) of the named points, and a track (trk) through them for map apps."""
    ET.register_namespace("", GPX_NAMESPACE)
    ET.register_namespace("xsi", XSI_NAMESPACE)
    root = ET.Element(
        _tag("gpx"), {"version": "1.1", "creator": creator, f"{{{XSI_NAMESPACE}}}schemaLocation": SCHEMA_LOCATION}
    )
    metadata = ET.SubElement(root, _tag("metadata"))
    ET.SubElement(metadata, _tag("name")).text = name
    route = ET.SubElement(root, _tag("rte"))
    ET.SubElement(route, _tag("name")).text = name
    for label, point in points:
        routepoint = ET.SubElement(route, _tag("rtept"), {"lat": f"{point.lat:.6f}", "lon": f"{point.lon:.6f}"})
        if label:
            ET.SubElement(routepoint, _tag("name")).text = label
    if track:
        trk = ET.SubElement(root, _tag("trk"))
        ET.SubElement(trk, _tag("name")).text = name
        segment = ET.SubElement(trk, _tag("trkseg"))
        for _label, point in points:
            ET.SubElement(segment, _tag("trkpt"), {"lat": f"{point.lat:.6f}", "lon": f"{point.lon:.6f}"})
    return ET.tostring(root, encoding="unicode", xml_declaration=True)
