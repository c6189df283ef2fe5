"""The plan page and the route sheet say which collection route a delivery route waits for, and until when."""

from unittest import mock

import pytest
from django.urls import reverse

from streek.logistics.choices import StopKind
from streek.logistics.models import Plan, Route, Stop
from streek.logistics.tests.factories import at
from streek.logistics.tests.scenario import planned_day

from .scenario import client_for

pytestmark = pytest.mark.django_db


def split_collections_from_deliveries(plan: Plan) -> tuple[Route, Route]:
    """Put the deliveries on a route of their own, the collections back at the hub at 10:40."""
    collecting = plan.routes.order_by("number").first()
    assert collecting is not None
    delivering = Route.objects.create(
        plan=plan,
        number=collecting.number + 10,
        vehicle=collecting.vehicle,
        vehicle_name="Tweede ronde",
        depot=collecting.depot,
        colour="#d62728",
        starts_at=at(11),
        ends_at=at(13),
    )
    Stop.objects.filter(plan=plan, kind=StopKind.COLLECTION).update(
        route=collecting, hub_arrival_at=at(10 + 40 / 60), unplanned_reason=""
    )
    Stop.objects.filter(plan=plan, kind=StopKind.DELIVERY).update(
        route=delivering, goods_ready_at=at(10 + 50 / 60), unplanned_reason=""
    )
    return collecting, delivering


def test_the_plan_page_shows_which_collection_route_a_delivery_route_waits_for():
    # given a plan whose deliveries wait for the collections of route 1, back at 10:40
    planned = planned_day()
    collecting, delivering = split_collections_from_deliveries(planned.plan)
    assert all(stop.waits_for for stop in Stop.objects.filter(plan=planned.plan, kind=StopKind.DELIVERY))
    # when
    page = client_for(planned.staff).get(reverse("web:logistics_plan", args=[planned.plan.pk])).content.decode()
    # then the delivery route says so, with the time; the goods' time shows on its stops
    section = page.split(f'id="route-{delivering.number}"')[1]
    assert f"Waits for collection route {collecting.number}, back at 10:40" in section
    assert "Goods at the hub from 10:50" in section
    collection_section = page.split(f'id="route-{collecting.number}"')[1].split(f'id="route-{delivering.number}"')[0]
    assert "Waits for collection route" not in collection_section


def test_the_plan_page_reads_the_dependencies_in_a_fixed_number_of_queries(django_assert_max_num_queries):
    # given a plan with its dependencies, read once
    planned = planned_day()
    _, delivering = split_collections_from_deliveries(planned.plan)
    client = client_for(planned.staff)
    url = reverse("web:logistics_plan", args=[planned.plan.pk])
    client.get(url)
    with django_assert_max_num_queries(40) as first:
        client.get(url)
    # when one more delivery waits for the same collections
    sources = Stop.objects.filter(plan=planned.plan, kind=StopKind.COLLECTION).values_list("key", flat=True)
    Stop.objects.create(
        plan=planned.plan,
        route=delivering,
        key="extra",
        kind=StopKind.DELIVERY,
        name="Extra",
        sequence=9,
        waits_for=list(sources),
        goods_ready_at=at(11),
    )
    # then the page needs no more queries
    with django_assert_max_num_queries(len(first.captured_queries)):
        page = client.get(url).content.decode()
    assert "Extra" in page


def test_the_route_sheet_says_when_the_goods_are_in():
    planned = planned_day()
    collecting, delivering = split_collections_from_deliveries(planned.plan)
    with mock.patch("streek.web.logistics.document_views.pdf_from_html", return_value=b"%PDF-1.7") as pdf:
        response = client_for(planned.owner).get(reverse("web:logistics_route_pdf", args=[delivering.pk]))
    assert response.status_code == 200
    html = pdf.call_args.args[0]
    assert f"Waits for collection route {collecting.number}, back at 10:40" in html
    assert "Goods at the hub from 10:50" in html
