"""Mirrored open data: other instances' sales points, shown as read-only copies with their source and licence."""

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from streek.interop.selectors.mirror import mirror_source_get, mirror_source_list, mirrored_point_list

POINTS_PER_PAGE = 50


@require_GET
def mirror_source_index(request: HttpRequest) -> HttpResponse:
    """Every mirrored source: name, address, licence, last pull, number of points, status."""
    return render(request, "web/opendata/mirror_sources.html", {"sources": list(mirror_source_list())})


@require_GET
def mirror_source_points(request: HttpRequest, source_id: int) -> HttpResponse:
    """The points of one source (paginated), each linked to its page at the source."""
    source = mirror_source_get(source_id=source_id)
    if source is None:
        raise Http404("source")
    page = Paginator(mirrored_point_list(source_id=source.pk), POINTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "web/opendata/mirror_points.html", {"source": source, "page": page})
