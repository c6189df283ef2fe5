"""Until when a buyer may order or change an order on a channel: the channel's cut-off within the cycle.

A channel's cut-off is `cutoff_days_before` the fulfilment day at `cutoff_time` ("order by 12:00 the
day before"); without a time, the end of that day. The cycle's closing time always ends ordering too,
so the cut-off is the earlier of the two. Times are in the site's time zone.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone

from .models import ChannelTerms, OrderCycle


def order_cutoff(*, cycle: OrderCycle, terms: ChannelTerms) -> datetime:
    """The last moment (exclusive) at which orders on these terms may be placed or changed in this cycle."""
    if terms.cutoff_time is None and terms.cutoff_days_before == 0:
        return cycle.closes_at
    day = cycle.fulfilment_date - timedelta(days=terms.cutoff_days_before)
    if terms.cutoff_time is None:
        moment = datetime.combine(day + timedelta(days=1), time.min)
    else:
        moment = datetime.combine(day, terms.cutoff_time)
    deadline = timezone.make_aware(moment, timezone.get_default_timezone())
    return min(deadline, cycle.closes_at)


def cutoff_passed(*, cycle: OrderCycle, terms: ChannelTerms, at: datetime | None = None) -> bool:
    return (at or timezone.now()) >= order_cutoff(cycle=cycle, terms=terms)
