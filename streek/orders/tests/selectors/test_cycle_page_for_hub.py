"""A hub's cycles as the API lists them: one page in SQL, the same cycles and counts as cycle_list_for_hub."""

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from streek.orders.choices import ChannelKind, CycleStatus, OrderStatus
from streek.orders.models import ChannelTerms
from streek.orders.selectors.cycles import cycle_count_for_hub, cycle_list_for_hub, cycle_page_for_hub
from streek.orders.tests.factories import CycleOfferFactory, CycleProducerFactory, HubFactory, OrderCycleFactory
from streek.orders.tests.hub_scenarios import placed_order

pytestmark = pytest.mark.django_db


def test_a_page_has_the_cycles_counts_and_active_channels_of_the_orm_list(django_assert_num_queries: Any) -> None:
    # given a hub's cycles with producers, offers, a live and a cancelled order, and an inactive channel
    hub = HubFactory()
    cycle = OrderCycleFactory(hub=hub, with_channels=[ChannelKind.CONSUMER, ChannelKind.HORECA, ChannelKind.RETAIL])
    ChannelTerms.objects.filter(hub=hub, kind=ChannelKind.RETAIL).update(is_active=False)
    exchange = CycleProducerFactory(cycle=cycle)
    CycleOfferFactory(exchange=exchange)
    CycleOfferFactory(exchange=exchange)
    placed_order(cycle)
    placed_order(cycle, status=OrderStatus.CANCELLED)
    for days in (3, 10, 10):
        OrderCycleFactory(hub=hub, opens_at=timezone.now() - timedelta(days=days))
    OrderCycleFactory()  # another hub's

    # when
    with django_assert_num_queries(2):
        rows = cycle_page_for_hub(hub_id=hub.pk, limit=50)

    # then the same cycles, order and counts as the queryset, and only the active channels
    expected = list(cycle_list_for_hub(hub=hub))
    assert [row.id for row in rows] == [c.pk for c in expected]
    assert [(r.producer_count, r.offer_count, r.order_count) for r in rows] == [
        (c.producer_count, c.offer_count, c.order_count)  # type: ignore[attr-defined]
        for c in expected
    ]
    assert rows[0].channel_kinds == [ChannelKind.CONSUMER, ChannelKind.HORECA]
    assert [(r.opens_at, r.closes_at, r.fulfilment_date) for r in rows] == [
        (c.opens_at, c.closes_at, c.fulfilment_date) for c in expected
    ]
    assert rows[0].is_open() is cycle.is_open()


def test_statuses_and_the_keyset_cut_the_page() -> None:
    # given four published cycles (two opening at the same moment) and a draft
    hub = HubFactory()
    moment = timezone.now()
    cycles = [OrderCycleFactory(hub=hub, opens_at=moment - timedelta(days=n // 2)) for n in range(4)]
    OrderCycleFactory(hub=hub, status=CycleStatus.DRAFT)
    newest_first = sorted(cycles, key=lambda c: (c.opens_at, c.pk), reverse=True)

    # when
    published = cycle_page_for_hub(hub_id=hub.pk, statuses=[CycleStatus.PUBLISHED], limit=50)
    after_second = cycle_page_for_hub(
        hub_id=hub.pk,
        statuses=[CycleStatus.PUBLISHED],
        before=(newest_first[1].opens_at, newest_first[1].pk),
        limit=1,
    )

    # then
    assert [row.id for row in published] == [c.pk for c in newest_first]
    assert [row.id for row in after_second] == [newest_first[2].pk]
    assert cycle_count_for_hub(hub_id=hub.pk) == 5
    assert cycle_count_for_hub(hub_id=hub.pk, statuses=[CycleStatus.DRAFT]) == 1
    assert cycle_page_for_hub(hub_id=HubFactory().pk, limit=50) == []
