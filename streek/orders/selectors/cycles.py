"""Reads of order cycles: a hub's list, the open ones, the next opening, and the hubs with a shop."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, IntegerField, Model, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from streek.catalog.models import Organisation

from ..choices import ChannelKind, CycleStatus, OrderStatus
from ..models import CycleOffer, CycleProducer, Order, OrderCycle


def _count(model: type[Model], **filters: object) -> Coalesce:
    """The number of rows of `model` pointing to the outer cycle, as a subquery (no join fan-out)."""
    rows = (
        model._default_manager.filter(cycle=OuterRef("pk"), **filters)
        .order_by()
        .values("cycle")
        .annotate(n=Count("pk"))
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
