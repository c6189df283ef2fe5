"""Reads for the people who keep events: the events they may change and where they may add new ones."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from streek.accounts.models import User
from streek.accounts.selectors import officer_municipality_ids, organisation_ids
from streek.territory.models import Municipality

from ..models import Event, Organisation, SalesPoint


@dataclass(frozen=True)
class EventScopes:
    """Where the actor may add events: the organisations it edits and the municipalities it keeps."""

    organisations: list[Organisation]
    municipalities: list[Municipality]


def event_scopes(*, actor: User) -> EventScopes:
    organisations = Organisation.objects.filter(pk__in=organisation_ids(actor=actor, editors_only=True))
    municipalities = Municipality.objects.filter(pk__in=officer_municipality_ids(actor=actor))
    return EventScopes(organisations=list(organisations.order_by("name")), municipalities=list(municipalities))


def event_manage_list(*, actor: User, now: datetime | None = None) -> tuple[list[Event], list[Event]]:
    """The events the actor may change (of the organisations it edits and the municipalities it keeps):
    upcoming ones earliest first, then the 20 most recent past ones."""
    now = now or timezone.now()
    mine = Q(organiser_id__in=organisation_ids(actor=actor, editors_only=True)) | Q(
        municipality_id__in=officer_municipality_ids(actor=actor)
    )
    qs: QuerySet[Event] = Event.objects.filter(mine).select_related("municipality", "sales_point", "organiser")
    upcoming = list(qs.filter(ends_at__gte=now).order_by("starts_at", "id"))
    past = list(qs.filter(ends_at__lt=now).order_by("-starts_at", "-id")[:20])
    return upcoming, past


def event_sales_point_choices(
    *, organisation: Organisation | None = None, municipality: Municipality | None = None
) -> QuerySet[SalesPoint]:
    """The points an event can take place at: those the organisation operates, else those of the municipality."""
    if organisation is not None:
        return SalesPoint.objects.filter(operator=organisation).order_by("name")
    if municipality is not None:
        return SalesPoint.objects.filter(municipality=municipality).order_by("name")
    return SalesPoint.objects.none()
