"""The open data catalogue: a DCAT-AP-like JSON document listing our datasets, their formats, licence and URLs.

A regional portal (or another Streek instance) reads it to find every download: the sales points as GeoJSON and
CSV, for everything and per municipality, region and province, and the region's products as DFC JSON-LD.
"""

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from streek.catalog.selectors.open_data import DownloadArea, open_data_areas

DFC_OPEN_CATALOGUE_PATH = "/api/dfc/open/catalog"
CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
MEDIA_TYPES = {"geojson": "application/geo+json", "csv": "text/csv", "dfc": "application/ld+json"}
FORMATS = {"geojson": "GeoJSON", "csv": "CSV", "dfc": "JSON-LD (DFC)"}


def _distribution(request: HttpRequest, kind: str, query: dict[str, str]) -> dict[str, Any]:
    path = DFC_OPEN_CATALOGUE_PATH if kind == "dfc" else reverse("web:opendata_export", args=[kind])
    url = request.build_absolute_uri(path) + (f"?{urlencode(query)}" if query else "")
    return {
        "@type": "dcat:Distribution",
        "dcat:accessURL": url,
        "dcat:downloadURL": url,
        "dcat:mediaType": MEDIA_TYPES[kind],
        "dct:format": FORMATS[kind],
        "dct:license": settings.STREEK_OPEN_DATA_LICENCE_URL,
    }


def _dataset(
    request: HttpRequest, *, title: str, query: dict[str, str], points: int | None, dfc: bool, spatial: str = ""
) -> dict[str, Any]:
    kinds = ["geojson", "csv", *(["dfc"] if dfc else [])]
    dataset: dict[str, Any] = {
        "@type": "dcat:Dataset",
        "@id": request.build_absolute_uri(reverse("web:opendata_export", args=["geojson"]))
        + (f"?{urlencode(query)}" if query else ""),
        "dct:title": title,
        "dct:license": settings.STREEK_OPEN_DATA_LICENCE_URL,
        "dct:rights": settings.STREEK_OPEN_DATA_LICENCE,
        "dcat:keyword": ["short food supply chain", "korte keten", "sales points", "verkooppunten"],
        "dcat:distribution": [_distribution(request, kind, query) for kind in kinds],
    }
    if spatial:
        dataset["dct:spatial"] = spatial
    if points is not None:
        dataset["streek:count"] = points
    return dataset


def _area_dataset(request: HttpRequest, area: DownloadArea) -> dict[str, Any]:
    return _dataset(
        request,
        title=f"{settings.STREEK_SITE_NAME} – sales points – {area.name}",
        query={area.param: area.value},
        points=area.points,
        dfc=True,
        spatial=area.name,
    )


@require_GET
def opendata_catalogue(request: HttpRequest) -> JsonResponse:
    """/open-data/catalogus.json (three queries, whatever the number of areas)."""
    areas = open_data_areas()
    publisher = {
        "@type": "foaf:Organization",
        "foaf:name": settings.STREEK_SITE_NAME,
        "foaf:homepage": request.build_absolute_uri("/"),
    }
    datasets = [
        _dataset(request, title=f"{settings.STREEK_SITE_NAME} – sales points", query={}, points=None, dfc=False),
        *(_area_dataset(request, area) for kind in ("regions", "provinces", "municipalities") for area in areas[kind]),
    ]
    for dataset in datasets:
        dataset["dct:publisher"] = publisher
    document = {
        "@context": {**CONTEXT, "streek": request.build_absolute_uri(reverse("web:opendata_index")) + "#"},
        "@type": "dcat:Catalog",
        "@id": request.build_absolute_uri(),
        "dct:title": f"{settings.STREEK_SITE_NAME} – open data",
        "dct:description": "Short food supply chain sales points and products, open data.",
        "dct:publisher": publisher,
        "dct:license": settings.STREEK_OPEN_DATA_LICENCE_URL,
        "dct:rights": settings.STREEK_OPEN_DATA_LICENCE,
        "dct:issued": timezone.now().isoformat(timespec="seconds"),
        "foaf:homepage": request.build_absolute_uri(reverse("web:opendata_index")),
        "streek:attribution": f"{settings.STREEK_SITE_NAME} contributors and the municipalities",
        "streek:dfcOpenCatalogue": request.build_absolute_uri(DFC_OPEN_CATALOGUE_PATH),
        "streek:mirroredSources": request.build_absolute_uri(reverse("web:opendata_mirror_sources")),
        "dcat:dataset": datasets,
    }
    response = JsonResponse(document, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Content-Type"] = "application/ld+json; charset=utf-8"
    response["Link"] = f'<{settings.STREEK_OPEN_DATA_LICENCE_URL}>; rel="license"'
    response["Access-Control-Allow-Origin"] = "*"
    return response
