"""The monitor, read-only: indicator definitions, the figures of an area and period, one figure across
municipalities. Public; a figure built from fewer than 3 organisations is hidden (`suppressed`) unless the
signed-in user is an officer of every municipality of the area or a platform admin (an API token never is).

Areas are written `kind:key` (`municipality:11002`, `custom_region:haspengouw`, `province:10000`, `country:BE`);
`kind-key` is accepted as well.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.urls import get_script_prefix
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Query, Router

from streek.core.exceptions import ApplicationError, NotFound
from streek.monitor.areas import Area, area_from_slug, area_resolve
from streek.monitor.choices import AreaKind
from streek.monitor.selectors import (
    Audience,
    IndicatorDefinition,
    figure_by_municipality,
    indicator_definition,
    indicator_definitions,
    indicator_results,
)
from streek.territory.models import Municipality

from .responses import CONTENT_TYPE, json_response, url_builder
from .schemas.common import Problem
from .schemas.monitor import (
    AreaIndicators,
    AreaIndicatorsParams,
    ByMunicipality,
    ByMunicipalityParams,
    IndicatorList,
    IndicatorOut,
)

router = Router(tags=["monitor"])


def _area(value: str) -> Area:
    if ":" in value:
        return area_from_slug(value)
    kind, _sep, key = value.partition("-")
    if kind not in AreaKind.values or not key:
        raise NotFound(_("There is no area '%(slug)s'.") % {"slug": value})
    return area_resolve(kind=kind, key=key)


def _area_out(area: Area) -> dict[str, object]:
    return {"kind": area.kind, "code": area.key, "name": area.name, "municipality_count": len(area.municipality_ids)}


def _figure_definition_out(definition: IndicatorDefinition) -> list[dict[str, object]]:
    return [
        {"key": f.key, "label": str(f.label), "unit": f.unit, "higher_is_better": f.higher_is_better}
        for f in definition.figures
    ]


def _indicator_out(
    request: HttpRequest,
    definition: IndicatorDefinition,
    urls: tuple[Callable[[int | str], str], Callable[[int | str], str]] | None = None,
) -> dict[str, object]:
    """An indicator as IndicatorOut; `urls` (api, page) builds the two links of many indicators at once."""
    api_url, page_url = urls or _indicator_urls(request)
    return {
        "code": definition.code,
        "title": str(definition.title),
        "question": str(definition.question),
        "method": str(definition.method),
        "unit": str(definition.unit),
        "source": str(definition.source),
        "caveats": str(definition.caveats),
        "mufpp": str(definition.mufpp),
        "per_quarter": definition.per_quarter,
        "figures": _figure_definition_out(definition),
        "url": api_url(definition.code),
        "page": page_url(definition.code),
    }


def _indicator_urls(request: HttpRequest) -> tuple[Callable[[int | str], str], Callable[[int | str], str]]:
    return url_builder(request, "api-1:indicator_detail", "code"), url_builder(
        request, "web:monitor_definition", "code"
    )


# The indicator list's JSON per (language, root URL: scheme, host and script prefix): the definitions are constants of the code, so an answer
# only changes with the language (translated texts) and the host its links point to. Per process, never stale;
# bounded because the host comes from the request (ALLOWED_HOSTS limits it in production).
_INDICATOR_LISTS: dict[tuple[str, str], bytes] = {}
_INDICATOR_LISTS_MAX = 64


@router.get("/indicators", response={200: IndicatorList}, url_name="indicator_list", summary="List the indicators")
def list_indicators(request: HttpRequest) -> HttpResponse:
    """K1 to K16 with their method, unit, source, caveats, related MUFPP indicator and figures."""
    key = (get_language() or "", request.build_absolute_uri(get_script_prefix()))
    content = _INDICATOR_LISTS.get(key)
    if content is None:
        urls = _indicator_urls(request)
        body = {"items": [_indicator_out(request, d, urls) for d in indicator_definitions()]}
        content = json_response(IndicatorList, body).content
        if len(_INDICATOR_LISTS) >= _INDICATOR_LISTS_MAX:
            _INDICATOR_LISTS.clear()
        _INDICATOR_LISTS[key] = content
    return HttpResponse(content, content_type=CONTENT_TYPE)


@router.get(
    "/indicators/{code}",
    response={200: IndicatorOut, 404: Problem},
    url_name="indicator_detail",
    summary="One indicator",
)
def get_indicator(request: HttpRequest, code: str) -> dict[str, object]:
    """The definition of one indicator (K1 to K16)."""
    return _indicator_out(request, indicator_definition(code=code.upper()))


@router.get(
    "/areas/{area}/indicators",
    response={200: AreaIndicators, 404: Problem, 422: Problem},
    url_name="area_indicators",
    summary="The indicators of an area",
)
def area_indicators(request: HttpRequest, area: str, params: Query[AreaIndicatorsParams]) -> dict[str, object]:
    """Every indicator (K1-K15) of the area for a year, or for a quarter (the indicators computed per quarter)."""
    resolved = _area(area)
    audience = Audience.for_user(request.user)
    definitions = {d.code: d for d in indicator_definitions()}
    labels = {f.key: f for d in definitions.values() for f in d.figures}
    results = indicator_results(area=resolved, year=params.year, quarter=params.quarter, audience=audience)
    return {
        "area": _area_out(resolved),
        "year": params.year,
        "quarter": params.quarter,
        "sees_unsuppressed": audience.sees_unsuppressed(resolved),
        "indicators": [
            {
                "code": result.code,
                "title": str(definitions[result.code].title),
                "figures": [
                    {
                        "key": figure.key,
                        "label": str(labels[figure.key].label),
                        "unit": labels[figure.key].unit,
                        "value": figure.value,
                        "organisations": figure.organisations,
                        "suppressed": figure.suppressed,
                        "missing": str(figure.missing),
                    }
                    for figure in result.figures
                ],
            }
            for result in results
        ],
    }


@router.get(
    "/indicators/{code}/by-municipality",
    response={200: ByMunicipality, 404: Problem, 422: Problem},
    url_name="indicator_by_municipality",
    summary="One figure across municipalities",
)
def indicator_by_municipality(
    request: HttpRequest, code: str, params: Query[ByMunicipalityParams]
) -> dict[str, object]:
    """One figure of the indicator for a year, for every municipality (of a region when given), by name."""
    definition = indicator_definition(code=code.upper())
    if not definition.figures:
        raise ApplicationError(
            _("%(code)s is computed per measure of a policy goal, not per municipality.") % {"code": definition.code},
            extra={"errors": {"code": _("Choose an indicator with figures.")}},
        )
    figures = {f.key: f for f in definition.figures}
    key = params.figure or definition.figures[0].key
    if key not in figures:
        raise ApplicationError(
            _("%(code)s has no figure '%(key)s'.") % {"code": definition.code, "key": key},
            extra={"errors": {"figure": _("Use one of: %(keys)s.") % {"keys": ", ".join(figures)}}},
        )
    region = _area(params.region) if params.region else None
    values = figure_by_municipality(
        figure_key=key,
        year=params.year,
        municipality_ids=list(region.municipality_ids) if region is not None else None,
        audience=Audience.for_user(request.user),
    )
    municipalities = Municipality.objects.filter(id__in=list(values)).order_by("name_nl", "id")
    return {
        "indicator": definition.code,
        "figure": {
            "key": key,
            "label": str(figures[key].label),
            "unit": figures[key].unit,
            "higher_is_better": figures[key].higher_is_better,
        },
        "year": params.year,
        "region": _area_out(region) if region is not None else None,
        "items": [
            {
                "code": m.code,
                "name": m.name,
                "value": values[m.pk].value,
                "organisations": values[m.pk].organisations,
                "suppressed": values[m.pk].suppressed,
                "missing": str(values[m.pk].missing),
            }
            for m in municipalities
        ],
    }
