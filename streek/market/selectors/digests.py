"""Reads for the daily match digest: who gets one today and with which new matches."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from streek.accounts.models import User
from streek.catalog.models import Organisation

from ..choices import MatchStatus
from ..models import DigestSubscription, Match
from .matches import match_list_for_organisation

# At most this many matches are listed one by one in a digest; the dashboard has the rest.
LISTED = 20


@dataclass
class Digest:
    subscription: DigestSubscription
    user: User
    organisation: Organisation
    matches: list[Match]  # the newest LISTED
    total: int
    until: datetime


def digest_matches(*, organisation_id: int, since: datetime | None, until: datetime) -> tuple[list[Match], int]:
    """New matches of the organisation created after `since` and up to `until`: the first LISTED and the count."""
    qs = match_list_for_organisation(
        organisation_id=organisation_id, statuses=[MatchStatus.NEW], since=since, limit=None
    ).filter(created_at__lte=until)
    return list(qs[:LISTED]), qs.count()


def digest_due_list(*, now: datetime) -> Iterator[Digest]:
    """Active subscriptions of members still in the organisation, with an email address and new matches."""
    subscriptions = (
        DigestSubscription.objects.filter(is_active=True, user__is_active=True)
        .exclude(user__email="")
        .select_related("user", "organisation")
        .order_by("id")
    )
    for subscription in subscriptions:
        if not subscription.user.memberships.filter(organisation_id=subscription.organisation_id).exists():
            continue
        since = subscription.last_sent_at or subscription.created_at
        matches, total = digest_matches(organisation_id=subscription.organisation_id, since=since, until=now)
        if total:
            yield Digest(
                subscription=subscription,
                user=subscription.user,
                organisation=subscription.organisation,
                matches=matches,
                total=total,
                until=now,
            )
