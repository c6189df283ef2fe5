"""The public page of an organisation: who they are, their labels, sales points and products."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from streek.catalog.choices import OrganisationKind
from streek.catalog.selectors.organisations import organisation_get
from streek.catalog.selectors.sales_points import SalesPointFilters, sales_point_list
from streek.core.exceptions import NotFound

from ..display import point_rows, product_cards, products_by_type
from ..maps import point_markers, points_map_config
from .embed import embed_code

MUNICIPALITY_POINTS_SHOWN = 100


@require_GET
def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        organisation = organisation_get(slug=slug)
    except NotFound as error:
        raise Http404(error.message) from error
    products = list(organisation.products.all())
    points = organisation.public_sales_points  # type: ignore[attr-defined]
    context = {
        "organisation": organisation,
        "labels": list(organisation.labels.all()),
        "product_groups": [(concept, product_cards(items)) for concept, items in products_by_type(products)],
        "point_rows": point_rows(points),
        "map_config": points_map_config(point_markers(points), cluster=True) if points else None,
        "municipality_rows": None,
        "municipality_total": 0,
        "embed_code": "",
    }
    municipality = organisation.municipality
    if organisation.kind == OrganisationKind.MUNICIPALITY and municipality is not None:
        listed = sales_point_list(SalesPointFilters(municipality=municipality.code))
        context["municipality_rows"] = point_rows(listed[:MUNICIPALITY_POINTS_SHOWN])
        context["municipality_total"] = listed.count()
        context["municipality_list_url"] = f"{reverse('web:sales_point_list')}?area=municipality:{municipality.code}"
        context["embed_code"] = embed_code(municipality=municipality.code, title=str(municipality.name))
    return render(request, "web/find/organisation_detail.html", context)
