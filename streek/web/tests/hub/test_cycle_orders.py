import pytest
from django.urls import reverse

from streek.orders.choices import OrderStatus
from streek.orders.models import Order
from streek.orders.tests.documents_scenario import offer_of, place_order
from streek.orders.tests.factories import PickupPointFactory, PickupSlotFactory
from streek.orders.tests.hub_scenarios import member_of

from .scenario import client_for, trading

pytestmark = pytest.mark.django_db


def test_the_overview_lists_the_orders_of_the_cycle() -> None:
    scene = trading(orders=2)

    response = client_for(scene.team.staff).get(reverse("web:hub_cycle_orders", args=[scene.cycle.pk]))

    assert response.status_code == 200
    page = response.content.decode()
    for order in scene.orders:
        assert order.reference in page
        assert reverse("web:hub_order", args=[order.pk]) in page


def test_the_overview_filters_by_status_and_pickup_point() -> None:
    scene = trading(orders=1)
    other_slot = PickupSlotFactory(
        cycle=scene.cycle, pickup_point=PickupPointFactory(hub=scene.team.hub, name="Schuur")
    )
    there = place_order(cycle=scene.cycle, lines=[(scene.carrots, 1)], slot=other_slot)
    cancelled = place_order(cycle=scene.cycle, lines=[(scene.carrots, 1)], status=OrderStatus.CANCELLED)
    client = client_for(scene.team.owner)
    url = reverse("web:hub_cycle_orders", args=[scene.cycle.pk])

    by_point = client.get(url, {"point": other_slot.pickup_point_id})
    by_status = client.get(url, {"status": "cancelled"})

    assert [order.pk for order in by_point.context["page"].object_list] == [there.pk]
    assert [order.pk for order in by_status.context["page"].object_list] == [cancelled.pk]


@pytest.mark.parametrize("orders", [2, 9])
def test_the_overview_takes_the_same_number_of_queries_whatever_the_number_of_orders(
    orders: int, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    scene = trading(orders=orders)
    client = client_for(scene.team.owner)

    # session, user, cycle, membership, hub, membership, pickup points, count, page
    with django_assert_num_queries(9):
        response = client.get(reverse("web:hub_cycle_orders", args=[scene.cycle.pk]))
    assert len(response.context["page"].object_list) == orders


def test_the_buyer_a_producer_and_another_hub_do_not_see_the_overview_or_the_hub_order() -> None:
    scene = trading(orders=1)
    order = scene.orders[0]
    farmer = member_of(scene.farmer)

    for user in (scene.team.stranger, farmer, order.buyer):
        client = client_for(user)
        assert client.get(reverse("web:hub_cycle_orders", args=[scene.cycle.pk])).status_code == 404
        assert client.get(reverse("web:hub_order", args=[order.pk])).status_code == 404


def test_the_order_detail_shows_its_lines_per_producer() -> None:
    scene = trading(orders=1)
    order = scene.orders[0]

    response = client_for(scene.team.staff).get(reverse("web:hub_order", args=[order.pk]))

    assert response.status_code == 200
    page = response.content.decode()
    assert scene.farmer.name in page and scene.poultry.name in page
    assert "Wortelen" in page and "Eieren" in page
    assert order.structured_communication in page
    assert "Mark ready" not in page  # staff only read


def test_staff_and_other_hubs_cannot_mark_an_order() -> None:
    scene = trading(orders=1)
    order = scene.orders[0]

    staff = client_for(scene.team.staff).post(reverse("web:hub_order_mark", args=[order.pk, "betaald"]))
    stranger = client_for(scene.team.stranger).post(reverse("web:hub_order_mark", args=[order.pk, "betaald"]))
    unknown = client_for(scene.team.owner).post(reverse("web:hub_order_mark", args=[order.pk, "weg"]))

    assert (staff.status_code, stranger.status_code, unknown.status_code) == (403, 404, 404)
    order.refresh_from_db()
    assert (order.status, order.payment_status) == (OrderStatus.PLACED, "unpaid")
    assert Order.objects.count() == 1


def test_the_hub_marks_an_order_ready_delivered_and_paid() -> None:
    scene = trading(orders=1)
    order = scene.orders[0]
    client = client_for(scene.team.owner)

    for action in ("klaar", "geleverd", "betaald"):
        response = client.post(reverse("web:hub_order_mark", args=[order.pk, action]))
        assert response["Location"] == reverse("web:hub_order", args=[order.pk])

    order.refresh_from_db()
    assert (order.status, order.payment_status) == (OrderStatus.DELIVERED, "paid")
    assert order.delivered_at is not None


def test_a_refused_mark_is_shown_as_a_message() -> None:
    scene = trading(orders=1)
    order = scene.orders[0]
    Order.objects.filter(pk=order.pk).update(status=OrderStatus.CANCELLED)

    response = client_for(scene.team.owner).post(reverse("web:hub_order_mark", args=[order.pk, "klaar"]), follow=True)

    assert "is Cancelled" in response.content.decode() or "is cancelled" in response.content.decode()
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED


@pytest.mark.parametrize("producers", [1, 4])
def test_the_order_detail_takes_the_same_number_of_queries_whatever_the_number_of_producers(
    producers: int, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    scene = trading(orders=0)
    offers = [offer_of(scene.cycle) for _ in range(producers)]
    order = place_order(cycle=scene.cycle, lines=[(offer, 1) for offer in offers])
    client = client_for(scene.team.owner)

    # guards, the detail (order, producer orders, lines), invoices, the editor check: none per producer or line
    with django_assert_num_queries(13):
        response = client.get(reverse("web:hub_order", args=[order.pk]))
    assert len(response.context["parts"]) == producers
