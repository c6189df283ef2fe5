import pytest
from django.urls import reverse

from streek.orders.choices import CycleStatus
from streek.orders.models import CycleSurplus, Invoice, Order
from streek.orders.tests.factories import OrderCycleFactory

from .scenario import client_for, trading

pytestmark = pytest.mark.django_db


def test_the_report_shows_totals_per_producer_and_the_downloads() -> None:
    scene = trading(orders=2)

    response = client_for(scene.team.staff).get(reverse("web:hub_cycle_report", args=[scene.cycle.pk]))

    assert response.status_code == 200
    report = response.context["report"]
    assert report.total.orders == 2
    assert {row.label: row.items for row in report.per_producer} == {scene.farmer.name: 4, scene.poultry.name: 12}
    page = response.content.decode()
    assert reverse("web:hub_pick_list", args=[scene.cycle.pk, scene.farmer.pk, "csv"]) in page
    assert reverse("web:hub_packing_list", args=[scene.cycle.pk, "pdf"]) in page


def test_the_report_downloads_as_csv() -> None:
    scene = trading(orders=1)

    response = client_for(scene.team.owner).get(reverse("web:hub_cycle_report_download", args=[scene.cycle.pk, "csv"]))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment;" in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    assert scene.farmer.name in text and scene.poultry.name in text


def test_a_pick_list_holds_only_that_producers_lines() -> None:
    scene = trading(orders=2)

    response = client_for(scene.team.owner).get(
        reverse("web:hub_pick_list", args=[scene.cycle.pk, scene.farmer.pk, "csv"])
    )

    text = response.content.decode("utf-8-sig")
    assert response.status_code == 200
    assert text.count("Wortelen") == 2
    assert "Eieren" not in text


def test_a_packing_list_per_pickup_point_as_pdf() -> None:
    scene = trading(orders=1)
    point = scene.orders[0].pickup_slot.pickup_point  # type: ignore[union-attr]

    response = client_for(scene.team.owner).get(
        reverse("web:hub_packing_list", args=[scene.cycle.pk, "pdf"]), {"afhaalpunt": point.pk}
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_documents_of_unknown_formats_producers_and_points_are_not_found() -> None:
    scene = trading(orders=1)
    client = client_for(scene.team.owner)
    elsewhere = trading(orders=0)

    assert client.get(reverse("web:hub_cycle_report_download", args=[scene.cycle.pk, "xls"])).status_code == 404
    assert (
        client.get(reverse("web:hub_pick_list", args=[scene.cycle.pk, elsewhere.farmer.pk, "csv"])).status_code == 404
    )
    assert (
        client.get(reverse("web:hub_packing_list", args=[scene.cycle.pk, "csv"]), {"afhaalpunt": "0"}).status_code
        == 404
    )


def test_another_hub_gets_404_for_every_document() -> None:
    scene = trading(orders=1)
    client = client_for(scene.team.stranger)

    assert client.get(reverse("web:hub_cycle_report_download", args=[scene.cycle.pk, "csv"])).status_code == 404
    assert client.get(reverse("web:hub_pick_list", args=[scene.cycle.pk, scene.farmer.pk, "csv"])).status_code == 404
    assert client.get(reverse("web:hub_packing_list", args=[scene.cycle.pk, "csv"])).status_code == 404


def test_closing_confirms_invoices_and_records_surplus_then_shows_the_invoices() -> None:
    scene = trading(orders=2)
    client = client_for(scene.team.owner)
    url = reverse("web:hub_cycle_close", args=[scene.cycle.pk])
    assert "Record unsold stock as surplus" in client.get(url).content.decode()

    response = client.post(url, {"offer_surplus": "on"}, follow=True)

    scene.cycle.refresh_from_db()
    assert scene.cycle.status == CycleStatus.CLOSED
    assert response.redirect_chain[-1][0] == reverse("web:hub_cycle_invoices", args=[scene.cycle.pk])
    assert "2 orders confirmed, 2 invoices issued, 1 unsold variants recorded as surplus" in response.content.decode()
    assert Invoice.objects.count() == 2
    assert CycleSurplus.objects.get().quantity == 50 - 4


def test_closing_without_surplus_records_none() -> None:
    scene = trading(orders=1)

    client_for(scene.team.owner).post(reverse("web:hub_cycle_close", args=[scene.cycle.pk]), {})

    scene.cycle.refresh_from_db()
    assert scene.cycle.status == CycleStatus.CLOSED
    assert not CycleSurplus.objects.exists()


def test_staff_cannot_close_and_a_draft_cannot_be_closed() -> None:
    scene = trading(orders=1)
    draft = OrderCycleFactory(hub=scene.team.hub, status=CycleStatus.DRAFT)

    staff = client_for(scene.team.staff).post(reverse("web:hub_cycle_close", args=[scene.cycle.pk]), {})
    refused = client_for(scene.team.owner).post(reverse("web:hub_cycle_close", args=[draft.pk]), {})

    assert staff.status_code == 403
    assert refused.status_code == 400
    assert "only a published cycle can be closed" in refused.content.decode()
    scene.cycle.refresh_from_db()
    draft.refresh_from_db()
    assert (scene.cycle.status, draft.status) == (CycleStatus.PUBLISHED, CycleStatus.DRAFT)
    assert set(Order.objects.values_list("status", flat=True)) == {"placed"}
    assert not Invoice.objects.exists()
