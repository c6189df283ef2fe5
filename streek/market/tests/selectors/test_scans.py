import csv
import io

import pytest
from django.utils import translation

from streek.catalog.choices import OrganisationKind
from streek.catalog.tests.factories import OrganisationFactory
from streek.market.selectors.scans import lot_labels, procurement_scan_csv, procurement_scan_get
from streek.market.services.scans import procurement_scan_create

pytestmark = pytest.mark.django_db


def test_the_csv_export_has_a_row_per_line_and_month() -> None:
    scan = procurement_scan_create(
        organisation=OrganisationFactory(kind=OrganisationKind.SCHOOL),
        actor=None,
        name="Scan",
        csv_text="product,yearly_quantity,unit,delivery_frequency\ncarrot,1200,kg,weekly\nleek,60,kg,monthly\n",
    )

    with translation.override("en"):
        rows = list(csv.reader(io.StringIO(procurement_scan_csv(scan=scan))))
        labels = lot_labels(scan=scan)

    assert rows[0][:5] == ["row", "product", "product type", "unit", "month"]
    assert len(rows) == 1 + 2 * 12
    assert rows[1][4:6] == ["1", "100.0"]
    assert labels == {"vegetable": "vegetable"}
    loaded = procurement_scan_get(scan_id=scan.pk)
    assert loaded is not None and [line.row_number for line in loaded.lines.all()] == [2, 3]
