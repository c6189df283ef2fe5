"""Many buyers check out at once against scarce stock, on PostgreSQL where row locks are real.

Each thread has its own database connection (closed at the end of the thread). The invariants: stock is
never oversold, `sold` equals the sum of the accepted order lines, every other checkout is refused with
CheckoutRefused, and a double submit gives one order.
"""

import threading
from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import Sum

from streek.accounts.tests.factories import UserFactory
from streek.orders.models import CycleOffer, Order, OrderLine, PickupSlot
from streek.orders.services.basket import basket_get_or_create, basket_set_line
from streek.orders.tests.buyer_scenarios import checkout_pickup, shop_open

BUYERS = 20
STOCK = 5


@pytest.fixture(autouse=True)
def _no_mail(monkeypatch: pytest.MonkeyPatch) -> None:
    """The confirmations run at commit in each thread; this test is about stock, not mail."""
    monkeypatch.setattr("streek.orders.services.checkout.order_placed_notify", lambda **kwargs: 0)


def _run_together(targets: list) -> None:  # type: ignore[type-arg]
    """Start all targets at the same moment; each closes its own connection when done."""
    barrier = threading.Barrier(len(targets))

    def wrapped(target):  # noqa: ANN001, ANN202
        def run() -> None:
            try:
                barrier.wait(timeout=30)
                target()
            finally:
                connection.close()

        return run

    threads = [threading.Thread(target=wrapped(target)) for target in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_checkouts_never_oversell():
    # given 5 items in stock, a second offer on demand, and 20 buyers wanting 1 or 2 of the scarce one
    shop = shop_open(stock=STOCK, offers=2, producer_price=Decimal("3.00"))
    scarce, plenty = shop.offers
    CycleOffer.objects.filter(pk=plenty.pk).update(stock=None)
    PickupSlot.objects.filter(pk=shop.slot.pk).update(capacity=BUYERS)
    buyers = []
    for index in range(BUYERS):
        user = UserFactory()
        basket = basket_get_or_create(cycle=shop.cycle, user=user, session_key="")
        basket_set_line(basket=basket, offer_id=scarce.pk, quantity=1 + index % 2)
        basket_set_line(basket=basket, offer_id=plenty.pk, quantity=1)
        buyers.append((user, basket))
    accepted: list[int] = []
    refused: list[Exception] = []
    failed: list[BaseException] = []
    lock = threading.Lock()

    def buy(user, basket):  # noqa: ANN001, ANN202
        def run() -> None:
            try:
                order = checkout_pickup(shop, user, basket, key=f"rush-{user.pk}")
            except Exception as error:  # noqa: BLE001 - sorted below
                from streek.orders.exceptions import CheckoutRefused

                with lock:
                    (refused if isinstance(error, CheckoutRefused) else failed).append(error)
                return
            with lock:
                accepted.append(order.pk)

        return run

    # when they all check out at the same moment
    _run_together([buy(user, basket) for user, basket in buyers])

    # then nothing failed unexpectedly, and no item was sold twice
    assert failed == []
    assert len(accepted) + len(refused) == BUYERS
    assert accepted and refused
    scarce.refresh_from_db()
    plenty.refresh_from_db()
    lines = OrderLine.objects.filter(offer=scarce).aggregate(total=Sum("quantity"))["total"]
    assert scarce.sold == lines
    assert scarce.sold <= STOCK
    assert plenty.sold == Order.objects.count() == len(accepted)
    assert PickupSlot.objects.get(pk=shop.slot.pk).booked == len(accepted)
    # and every refusal names the scarce line
    assert {error.offer_id for error in refused} == {scarce.pk}  # type: ignore[attr-defined]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_double_submit_at_the_same_moment_gives_one_order():
    # given one basket
    shop = shop_open(stock=STOCK)
    user = UserFactory()
    basket = basket_get_or_create(cycle=shop.cycle, user=user, session_key="")
    basket_set_line(basket=basket, offer_id=shop.offers[0].pk, quantity=2)
    orders: list[int] = []
    lock = threading.Lock()

    def submit() -> None:
        order = checkout_pickup(shop, user, basket, key="same-click")
        with lock:
            orders.append(order.pk)

    # when the same form is submitted eight times at once
    _run_together([submit for _ in range(8)])

    # then all eight get the same single order, and the stock was taken once
    assert len(orders) == 8
    assert len(set(orders)) == 1
    assert Order.objects.count() == 1
    assert CycleOffer.objects.get(pk=shop.offers[0].pk).sold == 2
