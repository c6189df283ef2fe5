"""The checkout rush of bench/trade.py: many buyers check out at once on scarce stock, then SQL checks.

Worker processes (forked after Django is set up and warmed up, each with its own database connection) call
the checkout service `basket_checkout` as the checkout view does (load the user and the basket, check out
with the form's idempotency key and a pickup slot). Every buyer submits twice with the same key: the second submit sits in
the next worker's queue at the same position as the first, so the two usually arrive together. After the
rush the database is checked: no offer sold beyond its stock, `sold` equal to the accepted order lines, one
order per accepted buyer and none for the others, refused baskets kept, slots not overbooked.
"""

import math
import multiprocessing
import random
import statistics
import time
from dataclasses import asdict, dataclass, field
from multiprocessing.synchronize import Barrier
from typing import Any

from django.db import transaction

from bench.trade_data import BUYER_PREFIX
from streek.accounts.models import User
from streek.orders.choices import ChannelKind
from streek.orders.models import Basket, BasketLine, CycleOffer, Order, OrderCycle, OrderLine, PickupSlot, ProducerOrder


@dataclass(frozen=True)
class Attempt:
    user_id: int
    submit: int  # 0: the first submit, 1: the double submit with the same key
    outcome: str  # accepted, refused, failed
    order_id: int | None
    offer_id: int | None
    detail: str
    started: float
    ended: float
    cpu: float  # Python CPU seconds of this worker process for the submission (PostgreSQL's not included)


@dataclass
class RushSummary:
    buyers: int
    workers: int
    submissions: int
    elapsed: float
    accepted: int
    refused: int
    failed: int
    orders: int
    refusals_naming_a_line: int
    items_wanted: int
    items_in_stock: int
    items_sold: int
    latency_ms: dict[str, float]
    cpu_ms: dict[str, float]
    checks: dict[str, int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)

    @property
    def submissions_per_s(self) -> float:
        return self.submissions / self.elapsed if self.elapsed else 0.0

    @property
    def orders_per_s(self) -> float:
        return self.orders / self.elapsed if self.elapsed else 0.0

    @property
    def correct(self) -> bool:
        return not any(self.checks.values())

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data.update(submissions_per_s=self.submissions_per_s, orders_per_s=self.orders_per_s, correct=self.correct)
        return data


@dataclass(frozen=True)
class RushBuyer:
    user_id: int
    basket_id: int
    lines: int
    items: int


def rush_prepare(*, cycle: OrderCycle, seed: int = 42) -> list[RushBuyer]:
    """Empty the rush cycle (orders, baskets, sold, bookings) and give every bench buyer a basket of 1-3 lines
    of 1-3 items on its scarce offers (stock drawn again, 3..10 items). The slots hold every buyer: only the
    stock is scarce."""
    rng = random.Random(seed)
    with transaction.atomic():
        orders = Order.objects.filter(cycle=cycle)
        OrderLine.objects.filter(order__in=orders).delete()
        ProducerOrder.objects.filter(order__in=orders).delete()
        orders.delete()
        Basket.objects.filter(cycle=cycle).delete()
        offers = list(CycleOffer.objects.filter(cycle=cycle).order_by("pk"))
        for offer in offers:
            offer.sold = 0
            offer.stock = rng.randint(3, 10)
        CycleOffer.objects.bulk_update(offers, ["sold", "stock"])
        terms = cycle.channels.get(kind=ChannelKind.CONSUMER)
        buyers = list(
            User.objects.filter(username__startswith=BUYER_PREFIX).order_by("pk").values_list("pk", flat=True)
        )
        PickupSlot.objects.filter(cycle=cycle).update(booked=0, capacity=max(1, len(buyers)))
        baskets = Basket.objects.bulk_create(Basket(cycle=cycle, user_id=pk, terms=terms) for pk in buyers)
        lines = []
        for basket in baskets:
            for offer in rng.sample(offers, rng.randint(1, 3)):
                lines.append(BasketLine(basket=basket, offer=offer, quantity=rng.randint(1, 3)))
        BasketLine.objects.bulk_create(lines)
    per_basket: dict[int, list[BasketLine]] = {}
    for line in lines:
        per_basket.setdefault(line.basket_id, []).append(line)
    return [
        RushBuyer(
            user_id=basket.user_id or 0,
            basket_id=basket.pk,
            lines=len(per_basket[basket.pk]),
            items=sum(line.quantity for line in per_basket[basket.pk]),
        )
        for basket in baskets
    ]


def _key(user_id: int) -> str:
    return f"rush-{user_id}"


def _worker(jobs: list[tuple[int, int, int]], slot_ids: list[int], barrier: Barrier, queue: Any) -> None:
    """Check out each (user, basket, submit) in turn once every worker is ready; put the attempts on the queue."""
    from django.db import connection

    from streek.accounts.models import User
    from streek.orders.choices import FulfilmentMethod
    from streek.orders.exceptions import CheckoutRefused
    from streek.orders.models import Basket
    from streek.orders.services.checkout import basket_checkout

    connection.ensure_connection()
    attempts: list[Attempt] = []
    try:
        barrier.wait(timeout=120)
        for user_id, basket_id, submit in jobs:
            started, started_cpu = time.monotonic(), time.process_time()
            order_id = offer_id = None
            detail = ""
            try:
                user = User.objects.get(pk=user_id)
                basket = Basket.objects.get(pk=basket_id)
                order = basket_checkout(
                    basket=basket,
                    actor=user,
                    idempotency_key=_key(user_id),
                    fulfilment_method=FulfilmentMethod.PICKUP,
                    pickup_slot_id=slot_ids[user_id % len(slot_ids)],
                )
                outcome, order_id = "accepted", order.pk
            except CheckoutRefused as error:
                outcome, offer_id, detail = "refused", error.offer_id, str(error.message)
            except Exception as error:  # noqa: BLE001 - counted as a failure and shown
                outcome, detail = "failed", f"{type(error).__name__}: {error}"
            ended, cpu = time.monotonic(), time.process_time() - started_cpu
            attempts.append(Attempt(user_id, submit, outcome, order_id, offer_id, detail[:200], started, ended, cpu))
    finally:
        connection.close()
        queue.put(attempts)


def _queues(buyers: list[RushBuyer], workers: int, seed: int) -> list[list[tuple[int, int, int]]]:
    """Each worker's first submits, interleaved with the double submits of the previous worker's buyers."""
    order = list(buyers)
    random.Random(seed).shuffle(order)
    own = [order[w::workers] for w in range(workers)]
    queues = []
    for w in range(workers):
        firsts = [(b.user_id, b.basket_id, 0) for b in own[w]]
        seconds = [(b.user_id, b.basket_id, 1) for b in own[(w - 1) % workers]]
        queue: list[tuple[int, int, int]] = []
        for i in range(max(len(firsts), len(seconds))):
            queue += firsts[i : i + 1] + seconds[i : i + 1]
        queues.append(queue)
    return queues


def _percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


def _scalar(sql: str, params: list[Any]) -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return int(row[0] or 0) if row else 0


def _verify(cycle_id: int, attempts: list[Attempt]) -> dict[str, int]:
    """Violations found in the database after the rush (every one must be 0)."""
    accepted_by_buyer: dict[int, set[int]] = {}
    refused_buyers: set[int] = set()
    for attempt in attempts:
        if attempt.outcome == "accepted" and attempt.order_id is not None:
            accepted_by_buyer.setdefault(attempt.user_id, set()).add(attempt.order_id)
        elif attempt.outcome == "refused":
            refused_buyers.add(attempt.user_id)
    reported = {order_id for ids in accepted_by_buyer.values() for order_id in ids}
    stored = set(Order.objects.filter(cycle_id=cycle_id).values_list("pk", flat=True))
    kept = set(
        BasketLine.objects.filter(basket__cycle_id=cycle_id).values_list("basket__user_id", flat=True).distinct()
    )
    line_sums = (
        "SELECT l.offer_id, SUM(l.quantity) AS q FROM orders_orderline l JOIN orders_order r ON r.id = l.order_id "
        "WHERE r.cycle_id = %s GROUP BY l.offer_id"
    )
    return {
        "offers sold beyond stock": _scalar(
            "SELECT COUNT(*) FROM orders_cycleoffer WHERE cycle_id = %s AND stock IS NOT NULL AND sold > stock",
            [cycle_id],
        ),
        "offers whose sold differs from their order lines": _scalar(
            f"SELECT COUNT(*) FROM orders_cycleoffer o LEFT JOIN ({line_sums}) s ON s.offer_id = o.id "  # noqa: S608
            "WHERE o.cycle_id = %s AND o.sold <> COALESCE(s.q, 0)",
            [cycle_id, cycle_id],
        ),
        "accepted checkouts without their order (lost)": len(reported - stored),
        "orders no checkout reported (ghosts)": len(stored - reported),
        "buyers with two orders (duplicated)": sum(1 for ids in accepted_by_buyer.values() if len(ids) > 1)
        + _scalar(
            "SELECT COUNT(*) FROM (SELECT buyer_id FROM orders_order WHERE cycle_id = %s GROUP BY buyer_id "
            "HAVING COUNT(*) > 1) d",
            [cycle_id],
        ),
        "buyers both accepted and refused": len(refused_buyers & set(accepted_by_buyer)),
        "orders without lines": _scalar(
            "SELECT COUNT(*) FROM orders_order r WHERE r.cycle_id = %s AND NOT EXISTS "
            "(SELECT 1 FROM orders_orderline l WHERE l.order_id = r.id)",
            [cycle_id],
        ),
        "refused baskets not kept": len(refused_buyers - kept),
        "accepted baskets not emptied": len(set(accepted_by_buyer) & kept),
        "slots overbooked": _scalar(
            "SELECT COUNT(*) FROM orders_pickupslot WHERE cycle_id = %s AND booked > capacity", [cycle_id]
        ),
        "slot bookings differing from orders": abs(
            _scalar("SELECT COALESCE(SUM(booked), 0) FROM orders_pickupslot WHERE cycle_id = %s", [cycle_id])
            - len(stored)
        ),
        "checkouts failing other than CheckoutRefused": sum(1 for a in attempts if a.outcome == "failed"),
    }


def _warm_up(cycle: OrderCycle) -> None:
    """Load before forking what a running server has loaded after its first requests: the URLconf (the mails
    link to pages), the mail templates and translations, by sending one confirmation of another cycle's order
    to the in-memory mail backend."""
    from django.urls import get_resolver

    from streek.orders.notifications import order_placed_notify

    get_resolver().url_patterns  # noqa: B018 - imports every URL module
    order = Order.objects.exclude(cycle=cycle).order_by("pk").first()
    if order is not None:
        order_placed_notify(order_id=order.pk)


def run_rush(*, cycle: OrderCycle, workers: int, seed: int) -> RushSummary:
    """Refill the rush cycle, check out every buyer twice from `workers` processes at once, and verify."""
    from django.db import connections

    buyers = rush_prepare(cycle=cycle, seed=seed)
    slot_ids = list(PickupSlot.objects.filter(cycle=cycle).order_by("pk").values_list("pk", flat=True))
    in_stock = _scalar("SELECT COALESCE(SUM(stock), 0) FROM orders_cycleoffer WHERE cycle_id = %s", [cycle.pk])
    queues = _queues(buyers, workers, seed)
    _warm_up(cycle)
    connections.close_all()  # the children open their own
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(len(queues))
    results = context.Queue()
    processes = [context.Process(target=_worker, args=(jobs, slot_ids, barrier, results)) for jobs in queues]
    for process in processes:
        process.start()
    attempts: list[Attempt] = []
    for _ in processes:
        attempts += results.get(timeout=900)
    for process in processes:
        process.join(timeout=60)
    elapsed = max(a.ended for a in attempts) - min(a.started for a in attempts) if attempts else 0.0
    latencies = [(a.ended - a.started) * 1000 for a in attempts]
    checks = _verify(cycle.pk, attempts)
    sold = _scalar("SELECT COALESCE(SUM(sold), 0) FROM orders_cycleoffer WHERE cycle_id = %s", [cycle.pk])
    return RushSummary(
        buyers=len(buyers),
        workers=len(queues),
        submissions=len(attempts),
        elapsed=elapsed,
        accepted=sum(1 for a in attempts if a.outcome == "accepted"),
        refused=sum(1 for a in attempts if a.outcome == "refused"),
        failed=sum(1 for a in attempts if a.outcome == "failed"),
        orders=len({a.order_id for a in attempts if a.order_id is not None}),
        refusals_naming_a_line=sum(1 for a in attempts if a.outcome == "refused" and a.offer_id is not None),
        items_wanted=sum(b.items for b in buyers),
        items_in_stock=in_stock,
        items_sold=sold,
        latency_ms={f"p{p}": _percentile(latencies, p) for p in (50, 95, 99)},
        cpu_ms={
            outcome: statistics.median([a.cpu * 1000 for a in attempts if a.outcome == outcome] or [math.nan])
            for outcome in ("accepted", "refused")
        },
        checks=checks,
        failures=sorted({a.detail for a in attempts if a.outcome == "failed"})[:5],
    )


def print_rush(rush: RushSummary) -> None:
    print(
        f"\nCheckout rush: {rush.buyers} buyers x 2 submits (same idempotency key), {rush.workers} worker "
        f"processes, basket_checkout in-process (no HTTP)"
    )
    print(
        f"  {rush.submissions} submissions in {rush.elapsed:.2f} s: {rush.submissions_per_s:.1f} checkouts/s; "
        f"{rush.orders} orders placed ({rush.orders_per_s:.1f} orders/s)"
    )
    print(
        f"  accepted {rush.accepted} (incl. double submits answered with the first order), refused {rush.refused} "
        f"({rush.refusals_naming_a_line} naming the line), failed {rush.failed}"
    )
    print(f"  items wanted {rush.items_wanted}, in stock {rush.items_in_stock}, sold {rush.items_sold}")
    latency = rush.latency_ms
    print(
        f"  latency per submission: p50 {latency['p50']:.0f} ms, p95 {latency['p95']:.0f} ms, p99 {latency['p99']:.0f} ms"
    )
    print(
        f"  median Python CPU per submission (worker process, without PostgreSQL): accepted "
        f"{rush.cpu_ms['accepted']:.0f} ms, refused {rush.cpu_ms['refused']:.0f} ms"
    )
    for name, count in rush.checks.items():
        print(f"  {name:50} {count:>4}  {'ok' if count == 0 else 'VIOLATED'}")
    for failure in rush.failures:
        print(f"  failure: {failure}")
    print(f"  zero oversold, lost or duplicated: {'met' if rush.correct else 'NOT met'}")
