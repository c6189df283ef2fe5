"""Writes on events: organisers and municipal officers add, change, repeat and cancel them."""

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from streek.accounts.models import User
from streek.core.exceptions import NotFound
from streek.territory.models import Municipality
from streek.territory.selectors import geocode

from ..access import can_keep_inventory
from ..directory_cache import directory_changed
from ..models import Event, Organisation, SalesPoint

EDITABLE_FIELDS = frozenset(
    {
        "kind",
        "title_nl",
        "title_fr",
        "title_en",
        "description_nl",
        "description_fr",
        "description_en",
        "starts_at",
        "ends_at",
        "place_name",
        "street",
        "municipality",
        "lat",
        "lon",
        "is_demo",
    }
)
MAX_SERIES = 52


def _check_fields(fields: dict[str, Any], function: str) -> None:
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"{function}() does not take {sorted(unknown)}")


def _country_code(*, organiser: Organisation | None, municipality: Municipality | None) -> str:
    if organiser is not None and organiser.country_id is not None:
        return str(organiser.country.code)
    if municipality is not None:
        return str(municipality.country.code)
    return "BE"


def _locate(
    event: Event,
    *,
    sales_point: SalesPoint | None,
    postal_code: str,
    locality: str,
    fields: dict[str, Any],
    errors: dict[str, list[str]],
) -> None:
    """Fill the place of the event: given position, else the sales point's, else the postal code or locality."""
    has_position = fields.get("lat") is not None and fields.get("lon") is not None
    if has_position:
        return
    if sales_point is not None and not (postal_code.strip() or locality.strip()):
        fields["municipality"] = sales_point.municipality
        fields["lat"], fields["lon"] = sales_point.lat, sales_point.lon
        if not (fields.get("place_name") or "").strip():
            fields["place_name"] = sales_point.name
        if not (fields.get("street") or "").strip():
            fields["street"] = sales_point.street
        return
    if postal_code.strip() or locality.strip():
        country = _country_code(organiser=event.organiser, municipality=fields.get("municipality"))
        try:
            found = geocode(country_code=country, postal_code=postal_code, locality=locality)
        except NotFound:
            errors["postal_code"] = [str(_("We do not know this postal code or locality."))]
        else:
            fields.update(municipality=found.municipality, lat=found.point.lat, lon=found.point.lon)
        return
    municipality = fields.get("municipality")
    if municipality is not None and municipality.lat is not None and municipality.lon is not None:
        fields.update(lat=municipality.lat, lon=municipality.lon)
        return
    if event.pk is None or "municipality" in fields:
        errors["postal_code"] = [str(_("Choose a sales point or give the postal code or locality of the event."))]


def _apply(
    event: Event,
    *,
    actor: User,
    sales_point: SalesPoint | None,
    postal_code: str,
    locality: str,
    fields: dict[str, Any],
) -> Event:
    errors: dict[str, list[str]] = {}
    _locate(event, sales_point=sales_point, postal_code=postal_code, locality=locality, fields=fields, errors=errors)
    for name, value in fields.items():
        setattr(event, name, value)
    event.sales_point = sales_point
    municipality_id = event.municipality_id
    kept = municipality_id is not None and can_keep_inventory(actor=actor, municipality_id=municipality_id)
    if event.organiser_id is None and municipality_id is not None and not kept and "postal_code" not in errors:
        # without an organiser the event belongs to its municipality: only its officers may place it there
        errors["postal_code"] = [str(_("You can only add events in a municipality whose inventory you keep."))]
    if event.starts_at is not None and event.ends_at is not None and event.ends_at < event.starts_at:
        errors["ends_at"] = [str(_("The event cannot end before it starts."))]
    if errors:
        raise ValidationError(errors)
    event.full_clean()
    event.save()
    return event


@transaction.atomic
def event_create(
    *,
    actor: User,
    organiser: Organisation | None = None,
    sales_point: SalesPoint | None = None,
    postal_code: str = "",
    locality: str = "",
    **fields: Any,
) -> Event:
    """Add an event. Without a position it takes the sales point's place, else locates the postal code or
    locality, else the representative point of the given municipality. Nothing is saved on error."""
    directory_changed()
    _check_fields(fields, "event_create")
    event = Event(organiser=organiser)
    return _apply(
        event, actor=actor, sales_point=sales_point, postal_code=postal_code, locality=locality, fields=dict(fields)
    )


@transaction.atomic
def event_update(
    *,
    event: Event,
    actor: User,
    sales_point: SalesPoint | None = None,
    postal_code: str = "",
    locality: str = "",
    **fields: Any,
) -> Event:
    """Change an event. A newly chosen sales point or a postal code or locality moves it; else it stays put."""
    directory_changed()
    _check_fields(fields, "event_update")
    fields = dict(fields)
    moved = sales_point is not None and sales_point.pk != event.sales_point_id
    if not moved and not (postal_code.strip() or locality.strip()):
        fields.setdefault("lat", event.lat)
        fields.setdefault("lon", event.lon)
    return _apply(
        event, actor=actor, sales_point=sales_point, postal_code=postal_code, locality=locality, fields=fields
    )


@transaction.atomic
def event_cancel(*, event: Event, actor: User, note: str = "") -> Event:
    """Cancel an event: it stays in the calendar marked as cancelled (people who planned to come see why), off the map."""
    directory_changed()
    event.cancelled_at = timezone.now()
    event.cancellation_note = note.strip()
    event.full_clean()
    event.save(update_fields=["cancelled_at", "cancellation_note", "updated_at"])
    return event


@transaction.atomic
def event_restore(*, event: Event, actor: User) -> Event:
    """Undo a cancellation."""
    directory_changed()
    event.cancelled_at = None
    event.cancellation_note = ""
    event.save(update_fields=["cancelled_at", "cancellation_note", "updated_at"])
    return event


@transaction.atomic
def event_delete(*, event: Event, actor: User) -> Event:
    """Remove an event entered by mistake, from the calendar and the map. Returns the (unsaved) event."""
    directory_changed()
    event.delete()
    return event


@transaction.atomic
def event_create_series(
    *,
    actor: User,
    count: int,
    weekly: bool = True,
    organiser: Organisation | None = None,
    sales_point: SalesPoint | None = None,
    postal_code: str = "",
    locality: str = "",
    **fields: Any,
) -> list[Event]:
    """Add `count` events (at most 52) on the same local weekday and time every week (or every day when not
    weekly), e.g. the market days of a season. All or nothing."""
    directory_changed()
    if not 1 <= count <= MAX_SERIES:
        raise ValidationError(
            {"count": [str(_("A series has from 1 to %(max)s events.") % {"max": MAX_SERIES})]}, code="count"
        )
    starts_at: datetime | None = fields.get("starts_at")
    ends_at: datetime | None = fields.get("ends_at")
    if starts_at is None or ends_at is None:
        raise ValidationError({"starts_at": [str(_("Give the start and the end of the event."))]})
    zone = ZoneInfo(settings.TIME_ZONE)
    local_start, local_end = starts_at.astimezone(zone), ends_at.astimezone(zone)
    step = timedelta(weeks=1) if weekly else timedelta(days=1)
    events = []
    for number in range(count):
        # wall-clock arithmetic in the local zone: the same local time across daylight saving changes
        occurrence = dict(fields, starts_at=local_start + number * step, ends_at=local_end + number * step)
        events.append(
            event_create(
                actor=actor,
                organiser=organiser,
                sales_point=sales_point,
                postal_code=postal_code,
                locality=locality,
                **occurrence,
            )
        )
    return events
