from decimal import Decimal

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from streek.accounts.tests.factories import UserFactory
from streek.core.exceptions import PermissionRefused
from streek.orders.choices import CycleStatus, InvoiceKind, OrderStatus
from streek.orders.exceptions import CycleCloseRefused
from streek.orders.models import CycleSurplus, Invoice, Order, OrderCycle
from streek.orders.services.cycle_close import order_cycle_close
from streek.orders.tests.documents_scenario import editor_of, offer_of, place_order
from streek.orders.tests.factories import OrderCycleFactory

pytestmark = pytest.mark.django_db


def _cycle_with_orders(orders: int = 3) -> tuple[OrderCycle, list[Order]]:
    cycle = OrderCycleFactory()
    carrots = offer_of(cycle, stock=20)
    eggs = offer_of(cycle, stock=None)
    placed = [place_order(cycle=cycle, lines=[(carrots, 2), (eggs, 1)]) for _ in range(orders)]
    return cycle, placed


def test_close_confirms_invoices_records_surplus_and_tells_everyone(django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    # given three orders, one of them cancelled, and an owner who speaks French
    cycle, orders = _cycle_with_orders()
    Order.objects.filter(pk=orders[2].pk).update(status=OrderStatus.CANCELLED)
    owner = editor_of(cycle.hub, language="fr")

    # when
    with django_capture_on_commit_callbacks(execute=True):
        result = order_cycle_close(actor=owner, cycle=cycle)

    # then
    cycle.refresh_from_db()
    assert (cycle.status, cycle.closed_by) == (CycleStatus.CLOSED, owner)
    assert cycle.closed_at is not None
    assert (result.closed, result.orders_confirmed, result.invoices_issued) == (True, 2, 2)
    statuses = dict(Order.objects.values_list("pk", "status"))
    assert statuses == {orders[0].pk: "confirmed", orders[1].pk: "confirmed", orders[2].pk: "cancelled"}
    assert sorted(Invoice.objects.values_list("number", flat=True)) == [
        f"{Invoice.objects.first().year}-000001",  # type: ignore[union-attr]
        f"{Invoice.objects.first().year}-000002",  # type: ignore[union-attr]
    ]
    assert not Invoice.objects.filter(order=orders[2]).exists()
    assert all(invoice.pdf for invoice in Invoice.objects.all())
    # 20 carrots in stock, 6 ordered (the cancelled order too: its stock is released by the cancel service)
    (surplus,) = CycleSurplus.objects.all()
    assert (surplus.quantity, surplus.weight_kg, surplus.producer_id) == (
        14,
        Decimal("14.000"),
        surplus.offer.exchange.producer_id,
    )
    assert result.surplus_recorded == 1
    recipients = [message.to[0] for message in mail.outbox]
    assert orders[0].buyer.email in recipients and orders[1].buyer.email in recipients
    assert orders[2].buyer.email not in recipients
    (hub_message,) = [message for message in mail.outbox if message.to == [owner.email]]
    assert hub_message.extra_headers["Content-Language"] == "fr"


def test_closing_twice_does_nothing_more(django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    # given a closed cycle
    cycle, _orders = _cycle_with_orders()
    owner = editor_of(cycle.hub)
    with django_capture_on_commit_callbacks(execute=True):
        order_cycle_close(actor=owner, cycle=cycle)
    sent = len(mail.outbox)
    before = (Invoice.objects.count(), CycleSurplus.objects.count(), OrderCycle.objects.get().closed_at)

    # when
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        again = order_cycle_close(actor=owner, cycle=cycle)

    # then
    assert again.closed is False
    assert (again.invoices_issued, again.surplus_recorded, again.orders_confirmed) == (0, 0, 0)
    assert (Invoice.objects.count(), CycleSurplus.objects.count(), OrderCycle.objects.get().closed_at) == before
    assert callbacks == []
    assert len(mail.outbox) == sent


def test_surplus_is_not_recorded_when_the_hub_does_not_offer_it() -> None:
    cycle, _orders = _cycle_with_orders()

    order_cycle_close(actor=editor_of(cycle.hub), cycle=cycle, offer_surplus=False)

    assert not CycleSurplus.objects.exists()
    assert Invoice.objects.filter(kind=InvoiceKind.INVOICE).count() == 3


def test_a_draft_cycle_cannot_be_closed() -> None:
    cycle, orders = _cycle_with_orders(1)
    OrderCycle.objects.filter(pk=cycle.pk).update(status=CycleStatus.DRAFT)
    cycle.refresh_from_db()

    with pytest.raises(CycleCloseRefused):
        order_cycle_close(actor=editor_of(cycle.hub), cycle=cycle)

    assert OrderCycle.objects.get().status == CycleStatus.DRAFT
    assert Order.objects.get().status == OrderStatus.PLACED
    assert not Invoice.objects.exists()


def test_only_the_hubs_editors_may_close() -> None:
    cycle, _orders = _cycle_with_orders(1)

    with pytest.raises(PermissionRefused):
        order_cycle_close(actor=UserFactory(), cycle=cycle)

    assert OrderCycle.objects.get().status == CycleStatus.PUBLISHED
    assert not Invoice.objects.exists()


def _close_queries(orders: int) -> int:
    cycle, _placed = _cycle_with_orders(orders)
    owner = editor_of(cycle.hub)
    with CaptureQueriesContext(connection) as queries:
        order_cycle_close(actor=owner, cycle=cycle)
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_the_orders() -> None:
    assert _close_queries(2) == _close_queries(8)
