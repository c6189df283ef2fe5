from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from streek.accounts.models import User
from streek.accounts.tests.factories import UserFactory
from streek.orders.choices import FulfilmentMethod, OrderStatus
from streek.orders.models import BasketLine, CycleOffer, Order, OrderCycle, PickupSlot
from streek.orders.services.basket import basket_get_or_create, basket_set_line
from streek.orders.services.checkout import basket_checkout
from streek.orders.services.invoices import invoice_issue_for_order
from streek.orders.tests.factories import CycleOfferFactory, CycleProducerFactory, OrderCycleFactory

from .conftest import Market, english_client, market_open

pytestmark = pytest.mark.django_db


def place(market: Market, buyer: User, quantities: tuple[int, ...] = (2, 1), key: str = "key-1") -> Order:
    basket = basket_get_or_create(cycle=market.cycle, user=buyer, session_key="")
    for offer, quantity in zip(market.offers, quantities, strict=True):
        basket_set_line(basket=basket, offer_id=offer.pk, quantity=quantity)
    return basket_checkout(
        basket=basket,
        actor=buyer,
        idempotency_key=key,
        fulfilment_method=FulfilmentMethod.PICKUP,
        pickup_slot_id=market.slot.pk,
    )


def _cutoff_passed(order: Order) -> None:
    """Move the cycle so its closing time (the consumer channel's cut-off) is behind us."""
    OrderCycle.objects.filter(pk=order.cycle_id).update(
        opens_at=timezone.now() - timedelta(days=3), closes_at=timezone.now() - timedelta(minutes=1)
    )


@pytest.mark.parametrize("orders", [2, 23])
def test_history_lists_my_orders_in_constant_queries(orders: int, django_assert_num_queries: Any) -> None:
    # given a buyer with some orders (more than a page of 20, or not) and another buyer's order
    market = market_open(stock=None)
    PickupSlot.objects.filter(pk=market.slot.pk).update(capacity=100)
    buyer = UserFactory()
    for number in range(orders):
        place(market, buyer, key=f"key-{number}")
    other = place(market, UserFactory())
    client = english_client(buyer)
    client.get(reverse("web:order_list"))

    # when the history is shown, then a fixed number of queries (the page is read in the database, not the
    # whole history) and only the buyer's orders, 20 a page
    with django_assert_num_queries(5):  # session, user, memberships, the count, the page of orders
        response = client.get(reverse("web:order_list"))
    html = response.content.decode()
    assert html.count('href="/winkel/bestellingen/') == min(orders, 20)
    assert other.reference not in html
    if orders > 20:
        with django_assert_num_queries(5):
            second = client.get(reverse("web:order_list"), {"page": 2}).content.decode()
        assert second.count('href="/winkel/bestellingen/') == orders - 20


def test_detail_shows_lines_per_producer_with_share_status_and_payment(market: Market, buyer: User) -> None:
    order = place(market, buyer)

    response = english_client(buyer).get(reverse("web:order_detail", args=[order.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    for producer in market.producers:
        assert producer.name in html
    assert "100%" in html  # no fees: the producer gets all of it
    assert "Received: you can still change or cancel it" in html
    assert order.structured_communication in html
    assert "Cancel the order" in html


def test_another_users_order_is_not_found(market: Market, buyer: User) -> None:
    order = place(market, buyer)
    stranger = english_client(UserFactory())

    assert stranger.get(reverse("web:order_detail", args=[order.pk])).status_code == 404
    assert stranger.get(reverse("web:order_confirmation", args=[order.pk])).status_code == 404


def test_the_buyer_cancels_before_the_cut_off_and_the_stock_comes_back(market: Market, buyer: User) -> None:
    order = place(market, buyer)

    response = english_client(buyer).post(
        reverse("web:order_cancel", args=[order.pk]), {"reason": "Op reis"}, follow=True
    )

    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED
    assert CycleOffer.objects.get(pk=market.offers[0].pk).sold == 0
    assert f"Order {order.reference} is cancelled." in response.content.decode()


def test_a_stranger_cannot_cancel(market: Market, buyer: User) -> None:
    order = place(market, buyer)

    response = english_client(UserFactory()).post(reverse("web:order_cancel", args=[order.pk]))

    assert response.status_code == 404
    order.refresh_from_db()
    assert order.status == OrderStatus.PLACED


def test_after_the_cut_off_cancel_and_changes_are_refused_with_a_message(market: Market, buyer: User) -> None:
    order = place(market, buyer)
    _cutoff_passed(order)
    client = english_client(buyer)
    line = order.lines.get(offer=market.offers[0])

    cancel = client.post(reverse("web:order_cancel", args=[order.pk]), follow=True)
    change = client.post(
        reverse("web:order_quantities", args=[order.pk]), {"line": line.pk, "quantity": 1}, follow=True
    )

    assert "The order cut-off has passed" in cancel.content.decode()
    assert "The order cut-off has passed" in change.content.decode()
    order.refresh_from_db()
    line.refresh_from_db()
    assert order.status == OrderStatus.PLACED
    assert line.quantity == 2
    assert "Cancel the order" not in change.content.decode()


def test_the_buyer_changes_a_quantity_before_the_cut_off(market: Market, buyer: User) -> None:
    order = place(market, buyer)
    line = order.lines.get(offer=market.offers[0])

    response = english_client(buyer).post(
        reverse("web:order_quantities", args=[order.pk]), {"line": line.pk, "quantity": 4}, follow=True
    )

    line.refresh_from_db()
    assert line.quantity == 4
    assert CycleOffer.objects.get(pk=market.offers[0].pk).sold == 4
    assert "the quantity is now 4" in response.content.decode()


def test_a_line_of_another_order_is_not_found(market: Market, buyer: User) -> None:
    order = place(market, buyer)
    other = place(market, UserFactory(), key="other")

    response = english_client(buyer).post(
        reverse("web:order_quantities", args=[order.pk]),
        {"line": other.lines.get(offer=market.offers[0]).pk, "quantity": 1},
    )

    assert response.status_code == 404


def test_reorder_puts_still_offered_variants_in_the_basket_and_names_the_gone_ones(buyer: User) -> None:
    # given an order in last week's cycle, and this week's open cycle offering only the first variant again
    market = market_open()
    order = place(market, buyer)
    OrderCycle.objects.filter(pk=market.cycle.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    now_open = OrderCycleFactory(hub=market.hub)
    CycleOfferFactory(
        exchange=CycleProducerFactory(cycle=now_open, producer=market.producers[0]), variant=market.offers[0].variant
    )

    # when the buyer orders again
    response = english_client(buyer).post(reverse("web:order_reorder", args=[order.pk]), follow=True)

    # then the first variant is in the new basket with the same quantity; the second is named as gone
    line = BasketLine.objects.get(basket__cycle=now_open)
    assert (line.offer.variant, line.quantity) == (market.offers[0].variant, 2)
    html = response.content.decode()
    assert "Put in your basket" in html
    assert "No longer offered" in html and market.offers[1].variant.product.name in html


def test_an_issued_invoice_is_linked_and_its_pdf_served_only_to_the_buyer(market: Market, buyer: User) -> None:
    # given an order with its invoice
    order = place(market, buyer)
    invoice = invoice_issue_for_order(order=order)
    pdf_url = reverse("web:order_invoice_pdf", args=[order.pk, invoice.pk])

    # when the buyer opens the order, then it links to the PDF, which is served
    detail = english_client(buyer).get(reverse("web:order_detail", args=[order.pk]))
    assert pdf_url in detail.content.decode()
    response = english_client(buyer).get(pdf_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")

    # and nobody else gets it
    assert english_client(UserFactory()).get(pdf_url).status_code == 404
