"""Reads of matches: an offer's ranked requests, a request's ranked offers, an organisation's matches, and the
collaborations (matches that became trades) the monitor counts."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import ExtractYear

from ..choices import MatchStatus, PostStatus
from ..explanations import CriterionExplanation, match_explanation, match_explanations
from ..models import Match, Offer, Request

# Statuses shown by default: what still needs attention.
OPEN_STATUSES = (MatchStatus.NEW, MatchStatus.CONTACTED, MatchStatus.AGREED)
RELATED = (
    "offer__organisation",
    "offer__product_type",
    "offer__unit",
    "request__organisation",
    "request__product_type",
    "request__unit",
)


def _base(statuses: Iterable[str] | None) -> QuerySet[Match]:
    qs = Match.objects.select_related(*RELATED)
    return qs.filter(status__in=list(statuses or OPEN_STATUSES))


def match_list_for_offer(
    *, offer: Offer, statuses: Iterable[str] | None = None, limit: int | None = 20
) -> QuerySet[Match]:
    """The requests matching an offer, best first (active requests; acted-on matches whatever their state)."""
    qs = _base(statuses).filter(offer=offer)
    qs = qs.filter(Q(request__status=PostStatus.ACTIVE) | ~Q(status=MatchStatus.NEW)).order_by("-score", "id")
    return qs[:limit] if limit else qs


def match_list_for_request(
    *, request: Request, statuses: Iterable[str] | None = None, limit: int | None = 20
) -> QuerySet[Match]:
    """The offers matching a request, best first."""
    qs = _base(statuses).filter(request=request)
    qs = qs.filter(Q(offer__status=PostStatus.ACTIVE) | ~Q(status=MatchStatus.NEW)).order_by("-score", "id")
    return qs[:limit] if limit else qs


def match_list_for_organisation(
    *,
    organisation_id: int,
    statuses: Iterable[str] | None = None,
    since: datetime | None = None,
    limit: int | None = 50,
) -> QuerySet[Match]:
    """Matches on the organisation's offers and requests (the dashboard), newest first.

    New matches only while both posts are on the board."""
    qs = _base(statuses).filter(Q(offer__organisation_id=organisation_id) | Q(request__organisation_id=organisation_id))
    qs = qs.filter(Q(offer__status=PostStatus.ACTIVE, request__status=PostStatus.ACTIVE) | ~Q(status=MatchStatus.NEW))
    if since is not None:
        qs = qs.filter(created_at__gt=since)
    qs = qs.order_by("-created_at", "-score", "id")
    return qs[:limit] if limit else qs


def match_count_new(*, organisation_id: int, since: datetime | None = None) -> int:
    """How many new matches the organisation has (since a moment, e.g. its last visit)."""
    return match_list_for_organisation(
        organisation_id=organisation_id, statuses=[MatchStatus.NEW], since=since, limit=None
    ).count()


def match_get(*, match_id: int) -> Match | None:
    return Match.objects.select_related(*RELATED).filter(pk=match_id).first()


@dataclass(frozen=True)
class Collaboration:
    """Two organisations whose match became a trade in a year (indicator K8)."""

    year: int
    supplier_id: int
    supplier_kind: str
    buyer_id: int
    buyer_kind: str
    agreements: int
    is_new: bool  # the first year this pair agreed on anything

    @property
    def relation(self) -> str:
        """e.g. 'producer-processor', 'producer-school'."""
        return f"{self.supplier_kind}-{self.buyer_kind}"


def collaboration_list(*, year: int | None = None, organisation_id: int | None = None) -> list[Collaboration]:
    """Distinct supplier-buyer pairs with an agreed match, per year of agreement (one query)."""
    qs = Match.objects.filter(status=MatchStatus.AGREED, agreed_at__isnull=False)
    if organisation_id is not None:
        qs = qs.filter(Q(offer__organisation_id=organisation_id) | Q(request__organisation_id=organisation_id))
    rows = (
        qs.annotate(year=ExtractYear("agreed_at"))
        .values(
            "year",
            "offer__organisation_id",
            "offer__organisation__kind",
            "request__organisation_id",
            "request__organisation__kind",
        )
        .annotate(agreements=Count("id"))
        .order_by("year", "offer__organisation_id", "request__organisation_id")
    )
    first_year: dict[tuple[int, int], int] = {}
    result = []
    for row in rows:
        pair = (row["offer__organisation_id"], row["request__organisation_id"])
        first_year.setdefault(pair, row["year"])
        if year is not None and row["year"] != year:
            continue
        result.append(
            Collaboration(
                year=row["year"],
                supplier_id=pair[0],
                supplier_kind=row["offer__organisation__kind"],
                buyer_id=pair[1],
                buyer_kind=row["request__organisation__kind"],
                agreements=row["agreements"],
                is_new=first_year[pair] == row["year"],
            )
        )
    return result


def collaboration_count(*, year: int, organisation_id: int | None = None) -> int:
    return len(collaboration_list(year=year, organisation_id=organisation_id))


__all__ = [
    "Collaboration",
    "CriterionExplanation",
    "collaboration_count",
    "collaboration_list",
    "match_count_new",
    "match_explanation",
    "match_explanations",
    "match_get",
    "match_list_for_offer",
    "match_list_for_organisation",
    "match_list_for_request",
]
