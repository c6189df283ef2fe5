from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from streek.orders.choices import ProducerOrderStatus
from streek.orders.models import OrderLine, ProducerOrder
from streek.orders.tests.hub_scenarios import member_of

from .scenario import client_for, trading

pytestmark = pytest.mark.django_db


def page_url(producer_id: int, cycle_id: int) -> str:
    return reverse("web:producer_preparation_cycle", args=[producer_id, cycle_id])


def test_a_producer_sees_only_its_own_lines_and_no_hub_totals() -> None:
    # given a cycle with two producers on every order
    scene = trading(orders=2)
    farmer = member_of(scene.farmer, "staff")

    # when
    response = client_for(farmer).get(page_url(scene.farmer.pk, scene.cycle.pk))

    # then
    assert response.status_code == 200
    page = response.content.decode()
    assert "Wortelen" in page
    assert "Eieren" not in page and scene.poultry.name not in page
    assert "report" not in response.context and "€" not in page  # no hub totals, no money
    (total,) = response.context["totals"]
    assert (total.quantity, total.orders) == (4, 2)
    lines = [line for part in response.context["parts"] for line in part.lines]
    assert {line.producer_id for line in lines} == {scene.farmer.pk}


def test_the_index_lists_the_cycles_it_takes_part_in() -> None:
    scene = trading(orders=1)
    farmer = member_of(scene.farmer)

    response = client_for(farmer).get(reverse("web:producer_preparation", args=[scene.farmer.pk]))

    assert response.status_code == 200
    (row,) = response.context["rows"]
    assert (row.exchange.cycle, row.orders, row.to_prepare) == (scene.cycle, 1, 1)


def test_other_producers_the_hub_and_outsiders_do_not_see_a_producers_preparation() -> None:
    scene = trading(orders=1)
    poultry = member_of(scene.poultry)
    line = OrderLine.objects.get(producer=scene.farmer)

    for user in (poultry, scene.team.owner, scene.team.stranger):
        client = client_for(user)
        assert client.get(page_url(scene.farmer.pk, scene.cycle.pk)).status_code == 404
        assert client.get(reverse("web:producer_preparation", args=[scene.farmer.pk])).status_code == 404
        assert (
            client.get(reverse("web:producer_pick_list", args=[scene.farmer.pk, scene.cycle.pk, "csv"])).status_code
            == 404
        )
        assert (
            client.post(
                reverse("web:producer_preparation_line", args=[scene.farmer.pk, scene.cycle.pk, line.pk]),
                {"out_of_stock": "on"},
            ).status_code
            == 404
        )
    line.refresh_from_db()
    assert not line.is_out_of_stock


def test_a_producer_cannot_reach_another_producers_line_through_its_own_page() -> None:
    scene = trading(orders=1)
    farmer = member_of(scene.farmer)
    eggs = OrderLine.objects.get(producer=scene.poultry)
    eggs_order = eggs.producer_order

    line = client_for(farmer).post(
        reverse("web:producer_preparation_line", args=[scene.farmer.pk, scene.cycle.pk, eggs.pk]),
        {"out_of_stock": "on"},
    )
    prepared = client_for(farmer).post(
        reverse("web:producer_preparation_prepared", args=[scene.farmer.pk, scene.cycle.pk, eggs_order.pk])
    )

    assert (line.status_code, prepared.status_code) == (404, 404)
    eggs.refresh_from_db()
    eggs_order.refresh_from_db()
    assert (eggs.is_out_of_stock, eggs_order.status) == (False, ProducerOrderStatus.TO_PREPARE)


def test_the_pick_list_holds_only_its_lines() -> None:
    scene = trading(orders=2)
    farmer = member_of(scene.farmer)

    response = client_for(farmer).get(reverse("web:producer_pick_list", args=[scene.farmer.pk, scene.cycle.pk, "csv"]))

    text = response.content.decode("utf-8-sig")
    assert response.status_code == 200
    assert text.count("Wortelen") == 2 and "Eieren" not in text


def test_a_final_weight_is_set_inline_with_htmx() -> None:
    scene = trading(orders=1)
    farmer = member_of(scene.farmer)
    line = OrderLine.objects.get(producer=scene.farmer)

    response = client_for(farmer).post(
        reverse("web:producer_preparation_line", args=[scene.farmer.pk, scene.cycle.pk, line.pk]),
        {"final_quantity": "2.150"},
        HTTP_HX_REQUEST="true",
    )

    assert response.status_code == 200
    row = response.content.decode()
    assert row.lstrip().startswith(f'<tr id="line-{line.pk}"')
    assert "Saved." in row
    line.refresh_from_db()
    assert line.final_quantity == Decimal("2.150")


def test_a_line_is_marked_out_of_stock_without_javascript() -> None:
    scene = trading(orders=1)
    farmer = member_of(scene.farmer)
    line = OrderLine.objects.get(producer=scene.farmer)
    sold_before = scene.carrots.sold

    response = client_for(farmer).post(
        reverse("web:producer_preparation_line", args=[scene.farmer.pk, scene.cycle.pk, line.pk]),
        {"out_of_stock": "on"},
    )

    assert response["Location"] == f"{page_url(scene.farmer.pk, scene.cycle.pk)}#line-{line.pk}"
    line.refresh_from_db()
    scene.carrots.refresh_from_db()
    assert line.is_out_of_stock
    assert scene.carrots.sold == sold_before - line.quantity


def test_after_the_cut_off_a_change_is_refused_in_the_row_and_nothing_changes() -> None:
    scene = trading(orders=1)
    farmer = member_of(scene.farmer)
    line = OrderLine.objects.get(producer=scene.farmer)
    scene.cycle.closes_at = timezone.now() - timedelta(minutes=1)
    scene.cycle.opens_at = timezone.now() - timedelta(days=3)
    scene.cycle.save(update_fields=["closes_at", "opens_at"])

    shown = client_for(farmer).get(page_url(scene.farmer.pk, scene.cycle.pk))
    response = client_for(farmer).post(
        reverse("web:producer_preparation_line", args=[scene.farmer.pk, scene.cycle.pk, line.pk]),
        {"final_quantity": "3"},
        HTTP_HX_REQUEST="true",
    )

    assert "the cut-off has passed" in shown.content.decode()
    assert response.status_code == 200
    assert "cut-off has passed" in response.content.decode()
    line.refresh_from_db()
    assert line.final_quantity is None


def test_a_producer_marks_its_part_prepared() -> None:
    scene = trading(orders=1)
    farmer = member_of(scene.farmer, "staff")
    part = ProducerOrder.objects.get(producer=scene.farmer)

    response = client_for(farmer).post(
        reverse("web:producer_preparation_prepared", args=[scene.farmer.pk, scene.cycle.pk, part.pk])
    )

    assert response.status_code == 302
    part.refresh_from_db()
    assert part.status == ProducerOrderStatus.PREPARED
    assert ProducerOrder.objects.get(producer=scene.poultry).status == ProducerOrderStatus.TO_PREPARE


def test_a_producer_gets_no_hub_totals_nor_other_producers_pick_lists() -> None:
    scene = trading(orders=1)
    client = client_for(member_of(scene.farmer))

    for url in (
        reverse("web:hub_cycle_report", args=[scene.cycle.pk]),
        reverse("web:hub_cycle_report_download", args=[scene.cycle.pk, "csv"]),
        reverse("web:hub_pick_list", args=[scene.cycle.pk, scene.poultry.pk, "csv"]),
        reverse("web:hub_pick_list", args=[scene.cycle.pk, scene.farmer.pk, "csv"]),
        reverse("web:hub_packing_list", args=[scene.cycle.pk, "csv"]),
        reverse("web:producer_pick_list", args=[scene.poultry.pk, scene.cycle.pk, "csv"]),
    ):
        assert client.get(url).status_code == 404, url


@pytest.mark.parametrize("orders", [2, 7])
def test_the_preparation_page_takes_the_same_number_of_queries_whatever_the_number_of_orders(
    orders: int, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    scene = trading(orders=orders)
    client = client_for(member_of(scene.farmer))

    # session, user, cycle (taking part), membership, producer, its lines
    with django_assert_num_queries(6):
        response = client.get(page_url(scene.farmer.pk, scene.cycle.pk))
    assert len(response.context["parts"]) == orders
