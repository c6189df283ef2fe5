from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from streek.accounts.models import User
from streek.catalog.choices import OrganisationKind
from streek.catalog.models import Organisation
from streek.catalog.tests.factories import OrganisationFactory
from streek.market.choices import Recurrence
from streek.market.models import ProcurementScan, ProcurementScanLine
from streek.market.services.scans import procurement_scan_create
from streek.market.tests.factories import OfferFactory, ProcurementScanFactory, member

pytestmark = pytest.mark.django_db

PROFILE = "product,yearly_quantity,unit,delivery_frequency,spec\ncarrot,1200,kg,weekly,washed\nbeef,5000,kg,monthly,\n"


def client_for(user: User) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def school() -> Organisation:
    return OrganisationFactory(kind=OrganisationKind.SCHOOL, lat=50.8168, lon=5.1865)


def upload(client: Client, organisation: Organisation, text: str, radius: str = "30") -> Any:
    return client.post(
        reverse("web:procurement_scan_list", args=[organisation.pk]),
        {"name": "Scholen 2027", "radius_km": radius, "file": SimpleUploadedFile("vraag.csv", text.encode())},
    )


def farm_with_carrots() -> Organisation:
    farm = OrganisationFactory(kind=OrganisationKind.PRODUCER, lat=50.82, lon=5.19, name="Hoeve Wortel")
    year_start = date(timezone.localdate().year, 1, 1)
    OfferFactory(
        organisation=farm,
        quantity=Decimal("50"),
        recurrence=Recurrence.WEEKLY,
        starts_on=year_start,
        ends_on=year_start + timedelta(days=364),
        lat=50.82,
        lon=5.19,
    )
    return farm


def test_the_upload_page_shows_the_format_an_example_and_the_template() -> None:
    buyer = school()

    response = client_for(member(buyer)).get(reverse("web:procurement_scan_list", args=[buyer.pk]))
    template = Client().get(reverse("web:procurement_scan_template"))

    assert response.status_code == 200
    content = response.content.decode()
    assert "yearly_quantity" in content and "carrot,1200,kg,weekly,washed" in content
    assert reverse("web:procurement_scan_template") in content
    assert template["Content-Type"].startswith("text/csv")
    assert template.content.decode().startswith("product,yearly_quantity,unit,delivery_frequency,spec")


def test_the_template_csv_is_a_valid_demand_profile() -> None:
    template = Client().get(reverse("web:procurement_scan_template")).content.decode()

    scan = procurement_scan_create(organisation=school(), actor=None, name="t", csv_text=template)

    assert scan.lines.count() == 4


def test_a_buyer_uploads_a_profile_and_sees_per_line_and_month_who_could_supply() -> None:
    # given a school and a farm nearby with carrots all year
    buyer = school()
    farm_with_carrots()
    client = client_for(member(buyer))

    # when
    response = upload(client, buyer, PROFILE)

    # then the scan is stored and its page shows the supplier, the coverage and the lots
    scan = ProcurementScan.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("web:procurement_scan_detail", args=[scan.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Hoeve Wortel" in page
    assert "Overall coverage" in page and "50 %" in page
    assert "Suggested lots" in page and ">jan<" in page and ">dec<" in page


def test_an_invalid_profile_shows_every_error_with_row_and_column_and_stores_nothing() -> None:
    buyer = school()
    text = "product,yearly_quantity,unit,delivery_frequency\ncarrot,abc,kg,weekly\nunobtainium,10,kg,sometimes\n"

    response = upload(client_for(member(buyer)), buyer, text)

    assert response.status_code == 400
    content = response.content.decode()
    assert "Row 2, column yearly_quantity" in content
    assert "Row 3, column product" in content
    assert "Row 3, column delivery_frequency" in content
    assert "Nothing was stored" in content
    assert ProcurementScan.objects.count() == 0
    assert ProcurementScanLine.objects.count() == 0


def test_a_file_that_is_not_utf8_is_refused() -> None:
    buyer = school()

    response = upload(client_for(member(buyer)), buyer, "product\n")
    bad = client_for(member(buyer)).post(
        reverse("web:procurement_scan_list", args=[buyer.pk]),
        {"name": "x", "radius_km": "30", "file": SimpleUploadedFile("x.csv", b"\xff\xfe\x00p\x00r")},
    )

    assert response.status_code == 400
    assert bad.status_code == 400 and "UTF-8" in bad.content.decode()
    assert ProcurementScan.objects.count() == 0


def test_the_list_shows_only_the_organisation_s_scans(django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    buyer = school()
    ProcurementScanFactory.create_batch(3, organisation=buyer, name="Mijn scan")
    ProcurementScanFactory(name="Andere scan")
    client = client_for(member(buyer))

    with django_assert_num_queries(5):
        response = client.get(reverse("web:procurement_scan_list", args=[buyer.pk]))

    content = response.content.decode()
    assert content.count("Mijn scan") == 3
    assert "Andere scan" not in content


def test_another_organisation_s_scan_is_not_found() -> None:
    scan = ProcurementScanFactory()
    outsider = member(school())
    client = client_for(outsider)

    pages = [
        client.get(reverse("web:procurement_scan_detail", args=[scan.pk])),
        client.get(reverse("web:procurement_scan_csv", args=[scan.pk])),
        client.get(reverse("web:procurement_scan_pdf", args=[scan.pk])),
        client.post(reverse("web:procurement_scan_recompute", args=[scan.pk]), {"radius_km": "10"}),
        client.get(reverse("web:procurement_scan_list", args=[scan.organisation_id])),
    ]

    assert [page.status_code for page in pages] == [404] * 5
    scan.refresh_from_db()
    assert scan.radius_km == 40


def test_a_producer_cannot_scan_and_anonymous_users_sign_in() -> None:
    producer = OrganisationFactory(kind=OrganisationKind.PRODUCER)

    refused = client_for(member(producer)).get(reverse("web:procurement_scan_list", args=[producer.pk]))
    anonymous = Client().get(reverse("web:procurement_scan_list", args=[producer.pk]))

    assert refused.status_code == 403
    assert anonymous.status_code == 302


def test_exports_as_csv_and_pdf() -> None:
    buyer = school()
    farm_with_carrots()
    scan = procurement_scan_create(organisation=buyer, actor=None, name="Scholen 2027", csv_text=PROFILE)
    client = client_for(member(buyer))

    csv_response = client.get(reverse("web:procurement_scan_csv", args=[scan.pk]))
    pdf_response = client.get(reverse("web:procurement_scan_pdf", args=[scan.pk]))
    html = client.get(reverse("web:procurement_scan_pdf", args=[scan.pk]) + "?format=html").content.decode()

    assert csv_response["Content-Type"].startswith("text/csv")
    assert 'filename="scholen-2027.csv"' in csv_response["Content-Disposition"]
    assert len(csv_response.content.decode().strip().splitlines()) == 1 + 2 * 12
    assert pdf_response["Content-Type"] == "application/pdf"
    assert pdf_response.content.startswith(b"%PDF")
    assert "Hoeve Wortel" in html


def test_recompute_with_another_radius() -> None:
    buyer = school()
    scan = procurement_scan_create(organisation=buyer, actor=None, name="x", csv_text=PROFILE)

    response = client_for(member(buyer)).post(
        reverse("web:procurement_scan_recompute", args=[scan.pk]), {"radius_km": "12"}
    )

    assert response.status_code == 302
    scan.refresh_from_db()
    assert scan.radius_km == 12
