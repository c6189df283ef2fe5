"""What needs an organisation's attention on the market, for the dashboard: new matches and unread threads."""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, F, Q

from ..choices import MatchStatus, PostStatus
from ..models import Match, Thread


@dataclass(frozen=True)
class MarketNotice:
    new_matches: int = 0
    unread_threads: int = 0

    def __bool__(self) -> bool:
        return bool(self.new_matches or self.unread_threads)


def market_notices(*, organisation_ids: Iterable[int]) -> dict[int, MarketNotice]:
    """Per organisation: its new matches (both posts still on the board, as `match_count_new` counts them) and its
    threads with a message since its side last read them (as `thread_unread_count`). Four grouped queries,
    however many organisations."""
    ids = list(organisation_ids)
    if not ids:
        return {}
    matches: Counter[int] = Counter()
    new = Match.objects.filter(
        status=MatchStatus.NEW, offer__status=PostStatus.ACTIVE, request__status=PostStatus.ACTIVE
    ).order_by()
    for side in ("offer__organisation_id", "request__organisation_id"):
        for row in new.filter(**{f"{side}__in": ids}).values(side).annotate(n=Count("id")):
            matches[row[side]] += row["n"]
    threads: Counter[int] = Counter()
    written = Thread.objects.filter(last_message_at__isnull=False).order_by()
    for side in ("initiator", "recipient"):
        unread = Q(**{f"{side}_read_at__isnull": True}) | Q(last_message_at__gt=F(f"{side}_read_at"))
        for row in written.filter(unread, **{f"{side}_id__in": ids}).values(f"{side}_id").annotate(n=Count("id")):
            threads[row[f"{side}_id"]] += row["n"]
    return {pk: MarketNotice(new_matches=matches[pk], unread_threads=threads[pk]) for pk in ids}
