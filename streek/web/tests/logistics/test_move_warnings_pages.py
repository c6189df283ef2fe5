"""The move form tells the dispatcher what the move broke; the plan page and the route sheet show it in words."""

from unittest import mock

import pytest
from django.urls import reverse

from streek.logistics.models import Plan, Stop
from streek.logistics.tests.dispatch import dispatch_plan

from .scenario import client_for

pytestmark = pytest.mark.django_db


def test_moving_a_delivery_before_its_goods_are_in_is_made_and_the_response_says_what_it_broke():
    # given the shop's goods come back with route 1 at 08:35; route 2 leaves at 07:00
    dispatch = dispatch_plan()
    owner = client_for(dispatch.owner)
    # when the dispatcher moves the shop onto route 2
    response = owner.post(
        reverse("web:logistics_stop_move", args=[dispatch.shop.pk]), {"route": dispatch.dry.pk}, follow=True
    )
    # then the stop is moved, and the messages name the collection route and the time
    assert Stop.objects.get(pk=dispatch.shop.pk).route_id == dispatch.dry.pk
    page = response.content.decode()
    assert "Buurtwinkel is moved and locked to that vehicle" in page
    assert "The move is made, but the plan now breaks 1 rule" in page
    assert "Warning: Leaves the hub at 07:00, before the goods of Buurtwinkel are in" in page
    # and the plan page shows the warning in words next to the stop, on route 2
    section = page.split('id="route-2"')[1]
    row = section.split(f'id="stop-{dispatch.shop.pk}"')[1].split("</tr>")[0]
    assert "Warning:" in row and "collection route 1 is back at 08:35" in row
    assert "The plan now breaks 1 rule: see the warning at its route." in page


def test_a_route_over_capacity_says_so_at_the_route_and_on_its_sheet():
    # given the dry van takes 25 kg and the shop's 30 kg join the restaurant's 10 kg on it
    dispatch = dispatch_plan(dry_kg="25")
    Stop.objects.filter(pk=dispatch.shop.pk).update(waits_for=[])
    client_for(dispatch.owner).post(
        reverse("web:logistics_stop_move", args=[dispatch.shop.pk]), {"route": dispatch.dry.pk}
    )
    # when
    page = client_for(dispatch.staff).get(reverse("web:logistics_plan", args=[dispatch.plan.pk])).content.decode()
    with mock.patch("streek.web.logistics.document_views.pdf_from_html", return_value=b"%PDF-1.7") as pdf:
        sheet = client_for(dispatch.owner).get(reverse("web:logistics_route_pdf", args=[dispatch.dry.pk]))
    # then
    message = "Over capacity on trip 1: 40 kg on board, the vehicle carries 25 kg."
    route_head = page.split('id="route-2"')[1].split("<table")[0]
    assert "Warning:" in route_head and message in route_head
    assert sheet.status_code == 200 and message in pdf.call_args.args[0]


def test_the_sheet_of_a_route_in_time_has_no_warning():
    dispatch = dispatch_plan()
    Plan.objects.filter(pk=dispatch.plan.pk).update(is_edited=True)
    with mock.patch("streek.web.logistics.document_views.pdf_from_html", return_value=b"%PDF-1.7") as pdf:
        client_for(dispatch.owner).get(reverse("web:logistics_route_pdf", args=[dispatch.cooled.pk]))
    assert "Warning" not in pdf.call_args.args[0]


def test_the_warnings_cost_the_plan_page_no_query(django_assert_num_queries):
    # given the same plan read as solved, then as changed by hand with a warning
    dispatch = dispatch_plan()
    client = client_for(dispatch.staff)
    url = reverse("web:logistics_plan", args=[dispatch.plan.pk])
    client.get(url)
    with django_assert_num_queries(15) as solved:
        client.get(url)
    Stop.objects.filter(pk=dispatch.shop.pk).update(route=dispatch.dry, sequence=2, trip=0)
    Plan.objects.filter(pk=dispatch.plan.pk).update(is_edited=True)
    # when / then
    with django_assert_num_queries(len(solved.captured_queries)):
        page = client.get(url).content.decode()
    assert "before the goods of Buurtwinkel are in" in page


def test_staff_cannot_move_and_nothing_changes():
    dispatch = dispatch_plan()
    before = list(Stop.objects.filter(plan=dispatch.plan).order_by("pk").values())
    response = client_for(dispatch.staff).post(
        reverse("web:logistics_stop_move", args=[dispatch.shop.pk]), {"route": dispatch.dry.pk}
    )
    assert response.status_code == 403
    assert list(Stop.objects.filter(plan=dispatch.plan).order_by("pk").values()) == before
