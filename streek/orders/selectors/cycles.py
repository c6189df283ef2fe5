"""Reads of order cycles: a hub's list, the open ones, the next opening, and the hubs with a shop."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db import connection
from django.db.models import Count, IntegerField, Model, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from streek.catalog.models import Organisation

from ..choices import ChannelKind, CycleStatus, OrderStatus
from ..models import ChannelTerms, CycleOffer, CycleProducer, Order, OrderCycle


def _count(model: type[Model], **filters: object) -> Coalesce:
    """The number of rows of `model` pointing to the outer cycle, as a subquery (no join fan-out).

    COUNT(*), not COUNT(id): PostgreSQL then counts from the index on cycle_id alone (an index-only scan) instead
    of visiting every row's heap page (10,000 offers of a cycle: 1.7 ms instead of 9.7 ms).
    """
    rows = (
        model._default_manager.filter(cycle=OuterRef("pk"), **filters)
        .order_by()
        .values("cycle")
        .annotate(n=Count("*"))
        .values("n")[:1]
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def cycle_list_for_hub(*, hub: Organisation) -> QuerySet[OrderCycle]:
    """A hub's cycles, newest first, each with `producer_count`, `offer_count`, `order_count` and its channels.

    Two queries whatever the number of cycles (the cycles, their channels).
    """
    return (
        OrderCycle.objects.filter(hub=hub)
        .annotate(
            producer_count=_count(CycleProducer),
            offer_count=_count(CycleOffer),
            order_count=_count(Order, status__in=[s for s in OrderStatus.values if s != OrderStatus.CANCELLED]),
        )
        .prefetch_related("channels")
        .order_by("-opens_at", "-pk")
    )


def open_cycles(*, hub: Organisation | None = None, at: datetime | None = None) -> QuerySet[OrderCycle]:
    """Published cycles taking orders at `at` (default now), closing first first, with hub and channels."""
    moment = at or timezone.now()
    qs = OrderCycle.objects.filter(status=CycleStatus.PUBLISHED, opens_at__lte=moment, closes_at__gt=moment)
    if hub is not None:
        qs = qs.filter(hub=hub)
    return qs.select_related("hub").prefetch_related("channels").order_by("closes_at", "pk")


def next_cycle_opening(*, hub: Organisation, at: datetime | None = None) -> OrderCycle | None:
    """The hub's published cycle that opens next after `at` (default now), for "the next cycle opens on ..."."""
    moment = at or timezone.now()
    return (
        OrderCycle.objects.filter(hub=hub, status=CycleStatus.PUBLISHED, opens_at__gt=moment)
        .order_by("opens_at", "pk")
        .first()
    )


@dataclass(frozen=True)
class HubShop:
    """A hub with a public shop: the cycle open now (closing first) and the next one to open."""

    hub: Organisation
    open_cycle: OrderCycle | None
    next_cycle: OrderCycle | None

    @property
    def is_open(self) -> bool:
        return self.open_cycle is not None


def hub_shop_list(*, at: datetime | None = None) -> list[HubShop]:
    """Hubs selling to consumers with a published cycle open now or still to open, by name. One query."""
    moment = at or timezone.now()
    cycles = (
        OrderCycle.objects.filter(
            status=CycleStatus.PUBLISHED,
            closes_at__gt=moment,
            channels__kind=ChannelKind.CONSUMER,
            channels__is_active=True,
        )
        .select_related("hub", "hub__municipality")
        .distinct()
        .order_by("hub__name", "hub_id", "opens_at", "pk")
    )
    shops: dict[int, HubShop] = {}
    for cycle in cycles:
        shop = shops.get(cycle.hub_id) or HubShop(hub=cycle.hub, open_cycle=None, next_cycle=None)
        if cycle.opens_at <= moment:
            if shop.open_cycle is None or cycle.closes_at < shop.open_cycle.closes_at:
                shop = HubShop(hub=shop.hub, open_cycle=cycle, next_cycle=shop.next_cycle)
        elif shop.next_cycle is None:
            shop = HubShop(hub=shop.hub, open_cycle=shop.open_cycle, next_cycle=cycle)
        shops[cycle.hub_id] = shop
    return list(shops.values())


# --- a hub's cycles as the API lists them (one page, hand-written SQL) ---------------------------------------------


@dataclass(frozen=True)
class CycleListRow:
    """A cycle as a list shows it: its columns, its counts and the kinds of its active channels."""

    id: int
    hub_id: int
    name: str
    status: str
    opens_at: datetime
    closes_at: datetime
    fulfilment_date: date
    producer_count: int
    offer_count: int
    order_count: int
    channel_kinds: list[str]

    def is_open(self, *, at: datetime | None = None) -> bool:
        """Published and between its opening and closing times (as OrderCycle.is_open)."""
        moment = at or timezone.now()
        return self.status == CycleStatus.PUBLISHED and self.opens_at <= moment < self.closes_at


def _placed_statuses() -> list[str]:
    return [s for s in OrderStatus.values if s != OrderStatus.CANCELLED]


def _cycle_page_sql(*, statuses: Sequence[str] | None, after: bool) -> str:
    cycle, producer = OrderCycle._meta.db_table, CycleProducer._meta.db_table
    offer, order = CycleOffer._meta.db_table, Order._meta.db_table
    placed = ", ".join(["%s"] * len(_placed_statuses()))
    where = ["c.hub_id = %s"]
    if statuses:
        where.append(f"c.status IN ({', '.join(['%s'] * len(statuses))})")
    if after:
        where.append("(c.opens_at < %s OR (c.opens_at = %s AND c.id < %s))")
    # COUNT(*) so that PostgreSQL counts from the index on cycle_id alone (index-only scans)
    return (
        f"SELECT c.id, c.hub_id, c.name, c.status, c.opens_at, c.closes_at, c.fulfilment_date,"  # noqa: S608
        f" (SELECT COUNT(*) FROM {producer} p WHERE p.cycle_id = c.id) AS producer_count,"
        f" (SELECT COUNT(*) FROM {offer} f WHERE f.cycle_id = c.id) AS offer_count,"
        f" (SELECT COUNT(*) FROM {order} o WHERE o.cycle_id = c.id AND o.status IN ({placed})) AS order_count"
        f" FROM {cycle} c WHERE {' AND '.join(where)} ORDER BY c.opens_at DESC, c.id DESC LIMIT %s"
    )


def cycle_page_for_hub(
    *,
    hub_id: int,
    statuses: Sequence[str] | None = None,
    before: tuple[datetime, int] | None = None,
    limit: int,
) -> list[CycleListRow]:
    """Up to `limit` of a hub's cycles, newest first (opens_at, id descending), only those before the keyset
    `before` (opens_at, id) when given, each with its producer, offer and placed-order counts and the kinds of
    its active channels. Two queries whatever the page size.

    The same cycles and counts as `cycle_list_for_hub`, written as SQL: the ORM spends more CPU building and
    compiling that queryset (three annotated subqueries, a prefetch) than the database spends running it.
    """
    params: list[Any] = [*_placed_statuses(), hub_id, *(statuses or ())]
    if before is not None:
        moment = connection.ops.adapt_datetimefield_value(before[0])
        params += [moment, moment, before[1]]
    params.append(limit)
    cycles = list(OrderCycle.objects.raw(_cycle_page_sql(statuses=statuses, after=before is not None), params))
    kinds: dict[int, list[str]] = {cycle.pk: [] for cycle in cycles}
    if kinds:
        through = OrderCycle.channels.through._meta.db_table
        terms = ChannelTerms._meta.db_table
        marks = ", ".join(["%s"] * len(kinds))
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT m.ordercycle_id, t.kind FROM {through} m JOIN {terms} t ON t.id = m.channelterms_id"  # noqa: S608
                f" WHERE m.ordercycle_id IN ({marks}) AND t.is_active ORDER BY t.hub_id, t.kind, t.id",
                list(kinds),
            )
            for cycle_id, kind in cursor.fetchall():
                kinds[cycle_id].append(kind)
    return [
        CycleListRow(
            id=cycle.pk,
            hub_id=cycle.hub_id,
            name=cycle.name,
            status=cycle.status,
            opens_at=cycle.opens_at,
            closes_at=cycle.closes_at,
            fulfilment_date=cycle.fulfilment_date,
            producer_count=cycle.producer_count,  # type: ignore[attr-defined]  # annotated by the SQL
            offer_count=cycle.offer_count,  # type: ignore[attr-defined]  # annotated by the SQL
            order_count=cycle.order_count,  # type: ignore[attr-defined]  # annotated by the SQL
            channel_kinds=kinds[cycle.pk],
        )
        for cycle in cycles
    ]


def cycle_count_for_hub(*, hub_id: int, statuses: Sequence[str] | None = None) -> int:
    qs = OrderCycle.objects.filter(hub_id=hub_id)
    if statuses:
        qs = qs.filter(status__in=statuses)
    return qs.count()
