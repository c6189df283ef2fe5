"""The calendar of events (market days, open farm days, tastings...) and the page of one event."""

from datetime import date
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from streek.catalog.models import Event
from streek.catalog.opening_hours import local_now
from streek.catalog.selectors.events import default_window, event_get, event_list, events_by_day, local_day_start
from streek.core.exceptions import NotFound

from ..filtering import area_params, clean_querystring
from ..forms import EventFilterForm
from ..maps import event_markers, points_map_config

MAX_EVENTS = 500


def _month_start(value: str) -> date | None:
    try:
        year, month = (int(part) for part in value.split("-"))
        return date(year, month, 1)
    except ValueError:
        return None


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _previous_month(day: date) -> date:
    return date(day.year - (day.month == 1), (day.month - 2) % 12 + 1, 1)


@require_GET
def event_list_page(request: HttpRequest) -> HttpResponse:
    form = EventFilterForm(request.GET)
    form.is_valid()
    data: dict[str, Any] = getattr(form, "cleaned_data", {})
    today = local_now().date()
    month = _month_start(data.get("month") or "")
    if month is not None:
        start, end = local_day_start(month), local_day_start(_next_month(month))
        shown_month = month
    else:
        start, end = default_window(today)
        shown_month = today.replace(day=1)
    area = area_params(data.get("area") or "")
    try:
        events = list(
            event_list(
                start=start,
                end=end,
                kind=data.get("kind") or "",
                municipality=(area.get("municipality") or [""])[0],
                region=(area.get("region") or [""])[0],
            )[:MAX_EVENTS]
        )
    except NotFound:
        form.add_error("area", _("We do not know this municipality or region."))
        events = []
    base_query = clean_querystring(request.GET, without=("month",))
    separator = "&" if base_query else ""
    context = {
        "form": form,
        "days": events_by_day(events, first_day=start.date()),
        "event_count": len(events),
        "month": month,
        "shown_month": shown_month,
        "start": start,
        "end": end,
        "previous_query": f"?{base_query}{separator}month={_previous_month(shown_month):%Y-%m}",
        "next_query": f"?{base_query}{separator}month={_next_month(shown_month):%Y-%m}",
        "upcoming_query": f"?{base_query}",
        "map_config": _events_map_config(events),
    }
    return render(request, "web/find/event_list.html", context)


def _events_map_config(events: list[Event]) -> dict[str, object] | None:
    """Cancelled events stay in the calendar (marked) but not on the map."""
    on_map = [event for event in events if not event.is_cancelled]
    return points_map_config(event_markers(on_map), cluster=True) if on_map else None


@require_GET
def event_detail(request: HttpRequest, event_id: int) -> HttpResponse:
    try:
        event = event_get(event_id=event_id)
    except NotFound as error:
        raise Http404(error.message) from error
    marker = event_markers([event])
    return render(
        request,
        "web/find/event_detail.html",
        {"event": event, "map_config": points_map_config(marker, zoom=15)},
    )
