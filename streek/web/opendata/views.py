"""Open data: the public sales points as CSV or GeoJSON under an open licence, without signing in."""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from streek.catalog.inventory_formats import csv_chunks, geojson_chunks
from streek.catalog.selectors.filter_params import sales_point_filters_from_params
from streek.catalog.selectors.open_data import open_data_areas, open_data_count, open_data_metadata, open_data_rows
from streek.core.exceptions import ApplicationError, NotFound

CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "geojson": "application/geo+json; charset=utf-8"}


@require_GET
def opendata_index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "web/opendata/index.html",
        {
            "areas": open_data_areas(),
            "licence": settings.STREEK_OPEN_DATA_LICENCE,
            "licence_url": settings.STREEK_OPEN_DATA_LICENCE_URL,
        },
    )


def _file_name(request: HttpRequest, fmt: str) -> str:
    area = request.GET.get("municipality") or request.GET.get("region") or "alle"
    licence = slugify(settings.STREEK_OPEN_DATA_LICENCE) or "licence"
    return f"{slugify(settings.STREEK_SITE_NAME)}-verkooppunten-{slugify(area)}-{timezone.localdate():%Y%m%d}-{licence}.{fmt}"


@require_GET
def opendata_export(request: HttpRequest, fmt: str) -> HttpResponseBase:
    if fmt not in CONTENT_TYPES:
        raise Http404("format")
    try:
        filters = sales_point_filters_from_params(dict(request.GET.lists()))
        count = open_data_count(filters)
    except NotFound as error:
        raise Http404(error.message) from error
    except ApplicationError as error:
        lines = [error.message, *(f"{name}: {message}" for name, message in error.extra.get("errors", {}).items())]
        return HttpResponse("\n".join(lines), status=400, content_type="text/plain; charset=utf-8")
    if fmt == "geojson":
        metadata = open_data_metadata(count=count, source_url=request.build_absolute_uri())
        chunks = geojson_chunks(open_data_rows(filters), metadata=metadata)
    else:
        chunks = csv_chunks(open_data_rows(filters))
    response = StreamingHttpResponse(chunks, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{_file_name(request, fmt)}"'
    response["Link"] = f'<{settings.STREEK_OPEN_DATA_LICENCE_URL}>; rel="license"'
    response["X-Total-Count"] = str(count)
    response["Access-Control-Allow-Origin"] = "*"
    return response
