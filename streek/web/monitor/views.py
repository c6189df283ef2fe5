"""The public monitor pages: choose an area, the dashboard of an area and year, the quarters, the definitions."""

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from streek.accounts.selectors import is_platform_admin, officer_municipality_ids
from streek.core.exceptions import NotFound
from streek.monitor.areas import Area
from streek.monitor.choices import AreaKind
from streek.monitor.selectors import (
    Audience,
    area_choices,
    enclosing_areas,
    indicator_definition,
    indicator_definitions,
    municipality_search,
)
from streek.territory.models import Municipality
from streek.web.inventory.http import refusals_as_http

from .areas import area_from_url, area_url_key
from .dashboard import dashboard_build, quarters_build
from .forms import FIRST_YEAR, AreaChoiceForm, MunicipalitySearchForm, default_year


def _area_groups() -> list[tuple[str, list[tuple[str, str]]]]:
    groups = area_choices()
    labels = {
        "countries": _("Countries"),
        "admin_regions": _("Regions"),
        "provinces": _("Provinces"),
        "custom_regions": _("Own regions"),
    }
    return [
        (str(labels[name]), [(choice.url_key, choice.name) for choice in choices])
        for name, choices in groups.items()
        if choices
    ]


def check_year(year: int) -> None:
    if year < FIRST_YEAR or year > timezone.localdate().year:
        raise Http404(_("The monitor has no figures for %(year)s.") % {"year": year})


def can_enter_for(request: HttpRequest, area: Area) -> bool:
    """Whether the visitor enters figures for (some of) the area's municipalities: a link to the entry page."""
    user = request.user
    if not user.is_authenticated:
        return False
    if is_platform_admin(actor=user):
        return True
    return bool(officer_municipality_ids(actor=user) & set(area.municipality_ids))


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    search = MunicipalitySearchForm(request.GET or None)
    groups = _area_groups()
    choice = AreaChoiceForm(request.GET if "area" in request.GET else None, area_groups=groups)
    if choice.is_bound and choice.is_valid():
        return redirect("web:monitor_dashboard", area=choice.cleaned_data["area"], year=choice.cleaned_data["year"])
    year = default_year()
    found = []
    if search.is_valid():
        year = search.cleaned_data.get("year") or year
        found = municipality_search(search.cleaned_data["q"])
    if not choice.is_bound:
        choice = AreaChoiceForm(initial={"year": year}, area_groups=groups)
    own = []
    if request.user.is_authenticated:
        ids = officer_municipality_ids(actor=request.user)
        if ids:
            own = list(Municipality.objects.filter(id__in=ids).order_by("name_nl"))
    return render(
        request,
        "web/monitor/index.html",
        {
            "search": search,
            "choice": choice,
            "found": found,
            "searched": search.is_valid() and bool(search.cleaned_data["q"].strip()),
            "year": year,
            "own": own,
            "definitions": indicator_definitions(),
        },
    )


@require_GET
@refusals_as_http
def area_latest(request: HttpRequest, area: str) -> HttpResponse:
    resolved = area_from_url(area)
    return redirect("web:monitor_dashboard", area=area_url_key(resolved), year=default_year())


def _canonical(request: HttpRequest, area: str, resolved: Area, name: str, year: int) -> HttpResponseRedirect | None:
    if area != area_url_key(resolved):
        return HttpResponseRedirect(reverse(name, kwargs={"area": area_url_key(resolved), "year": year}))
    return None


@require_GET
@refusals_as_http
def dashboard(request: HttpRequest, area: str, year: int) -> HttpResponse:
    check_year(year)
    resolved = area_from_url(area)
    moved = _canonical(request, area, resolved, "web:monitor_dashboard", year)
    if moved is not None:
        return moved
    audience = Audience.for_user(request.user)
    board = dashboard_build(area=resolved, year=year, audience=audience, enclosing=enclosing_areas(resolved))
    this_year = timezone.localdate().year
    return render(
        request,
        "web/monitor/dashboard.html",
        {
            "board": board,
            "area": resolved,
            "area_key": area_url_key(resolved),
            "year": year,
            "previous_year": year - 1 if year > FIRST_YEAR else None,
            "next_year": year + 1 if year < this_year else None,
            "can_enter": can_enter_for(request, resolved),
            "is_current_year": year == this_year,
            "kind_label": AreaKind(resolved.kind).label,
        },
    )


@require_GET
@refusals_as_http
def quarters(request: HttpRequest, area: str, year: int) -> HttpResponse:
    check_year(year)
    resolved = area_from_url(area)
    moved = _canonical(request, area, resolved, "web:monitor_quarters", year)
    if moved is not None:
        return moved
    blocks = quarters_build(area=resolved, year=year, audience=Audience.for_user(request.user))
    return render(
        request,
        "web/monitor/quarters.html",
        {"blocks": blocks, "area": resolved, "area_key": area_url_key(resolved), "year": year},
    )


@require_GET
def definitions(request: HttpRequest) -> HttpResponse:
    return render(request, "web/monitor/definitions.html", {"definitions": indicator_definitions()})


@require_GET
def definition(request: HttpRequest, code: str) -> HttpResponse:
    try:
        found = indicator_definition(code=code.upper())
    except NotFound as error:
        raise Http404(error.message) from error
    if code != found.code:
        return redirect("web:monitor_definition", code=found.code)
    return render(request, "web/monitor/definition.html", {"definition": found})
