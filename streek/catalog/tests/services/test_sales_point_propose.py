import pytest

from streek.accounts.tests.factories import UserFactory
from streek.catalog.choices import ChangeReportKind, ChangeReportStatus, SalesPointSource, SalesPointStatus
from streek.catalog.services.inventory import sales_point_propose
from streek.catalog.tests.factories import OrganisationFactory, municipality

pytestmark = pytest.mark.django_db


def test_a_producer_proposal_waits_for_the_municipality() -> None:
    # given
    producer = UserFactory(email="boer@example.org")
    farm = OrganisationFactory()

    # when
    point = sales_point_propose(
        actor=producer,
        organisation=farm,
        name="Automaat Hoeve",
        type="vending_machine",
        postal_code="3800",
        locality="Sint-Truiden",
        municipality=municipality(),
        lat=50.81,
        lon=5.19,
        categories=["fruit"],
        message="Nieuwe automaat aan de straat",
    )

    # then
    assert point.status == SalesPointStatus.PROPOSED
    assert point.source == SalesPointSource.PRODUCER
    assert point.operator == farm
    assert point.last_verified_at is None
    assert list(point.categories.values_list("key", flat=True)) == ["fruit"]
    report = point.change_reports.get()
    assert report.kind == ChangeReportKind.NEW_POINT
    assert report.status == ChangeReportStatus.OPEN
    assert report.municipality.code == "71053"
    assert report.reporter == producer
    assert report.message == "Nieuwe automaat aan de straat"
