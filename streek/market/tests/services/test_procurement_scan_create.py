from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from streek.catalog.choices import OrganisationKind
from streek.catalog.services.products import months_mask
from streek.catalog.tests.factories import OrganisationFactory, ProductFactory, concept
from streek.market.choices import Recurrence, ScanStatus
from streek.market.models import ProcurementScan, ProcurementScanLine
from streek.market.services.scans import procurement_scan_compute, procurement_scan_create
from streek.market.tests.factories import OfferFactory

pytestmark = pytest.mark.django_db

PROFILE = "product,yearly_quantity,unit,delivery_frequency,spec\ncarrot,1200,kg,weekly,washed\nbeef,5000,kg,monthly,\n"


def test_a_scan_shows_per_month_what_local_producers_could_supply_and_suggests_lots() -> None:
    # given a producer nearby with 50 kg of carrots a week all year and a catalogue product in season in summer
    school = OrganisationFactory(kind=OrganisationKind.SCHOOL)
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
    other = OrganisationFactory(kind=OrganisationKind.PRODUCER, lat=50.85, lon=5.2)
    ProductFactory(
        organisation=other, product_type=concept("product_type", "carrot"), season_months=months_mask([6, 7])
    )
    OrganisationFactory(kind=OrganisationKind.PRODUCER, lat=51.9, lon=4.5)  # Rotterdam: outside the radius

    # when
    scan = procurement_scan_create(organisation=school, actor=None, name="Scholen 2027", csv_text=PROFILE, radius_km=30)

    # then
    assert scan.status == ScanStatus.COMPUTED
    carrots, beef = scan.lines.order_by("row_number")
    assert carrots.coverage == 1.0  # 50 kg a week is more than 100 kg a month
    assert carrots.monthly[0]["demand"] == 100.0
    assert carrots.monthly[5]["suppliers"] == 2 and carrots.monthly[0]["suppliers"] == 1
    assert [s["name"] for s in carrots.suppliers][0] == "Hoeve Wortel"
    assert carrots.suppliers[1]["yearly_capacity"] is None  # catalogue only: volume unknown
    assert beef.coverage == 0.0
    assert scan.coverage == 0.5
    lots = {lot["key"]: lot for lot in scan.lots}
    assert lots["vegetable"]["local_ready"] is True
    assert lots["meat-product"]["local_ready"] is False


def test_an_invalid_profile_stores_nothing() -> None:
    with pytest.raises(ValidationError):
        procurement_scan_create(
            organisation=OrganisationFactory(kind=OrganisationKind.SCHOOL),
            actor=None,
            name="x",
            csv_text="product,yearly_quantity,unit,delivery_frequency\ncarrot,abc,kg,weekly\n",
        )

    assert ProcurementScan.objects.count() == 0
    assert ProcurementScanLine.objects.count() == 0


def test_recomputing_with_another_radius() -> None:
    scan = procurement_scan_create(
        organisation=OrganisationFactory(kind=OrganisationKind.SCHOOL), actor=None, name="x", csv_text=PROFILE
    )

    procurement_scan_compute(scan=scan, radius_km=10)

    scan.refresh_from_db()
    assert scan.radius_km == 10
