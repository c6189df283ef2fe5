"""Two invoices issued at the same moment for the same issuer get consecutive numbers (PostgreSQL row locks)."""

import threading
from datetime import date

import pytest
from django.db import connection

from streek.orders.models import Invoice
from streek.orders.services.invoices import invoice_issue_for_order
from streek.orders.tests.documents_scenario import offer_of, place_order
from streek.orders.tests.factories import OrderCycleFactory

THREADS = 6


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_issues_for_one_issuer_get_consecutive_numbers() -> None:
    # given orders of one hub
    cycle = OrderCycleFactory()
    offer = offer_of(cycle, stock=None)
    orders = [place_order(cycle=cycle, lines=[(offer, 1)]) for _ in range(THREADS)]
    start = threading.Barrier(THREADS)
    errors: list[BaseException] = []

    def issue(order_id: int) -> None:
        try:
            order = type(orders[0]).objects.get(pk=order_id)
            start.wait(timeout=10)
            invoice_issue_for_order(order=order, issued_on=date(2025, 5, 1))
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    # when every order is invoiced at once, one thread each
    threads = [threading.Thread(target=issue, args=(order.pk,)) for order in orders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    # then
    assert errors == []
    numbers = sorted(Invoice.objects.filter(issuer=cycle.hub).values_list("sequence_number", flat=True))
    assert numbers == list(range(1, THREADS + 1))
