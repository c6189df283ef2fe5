import csv
import io
from decimal import Decimal

import pytest
from django.utils import translation

from streek.orders.documents.csv_export import cycle_report_csv, packing_list_csv, pick_list_csv
from streek.orders.selectors.reports import cycle_report, packing_list, pick_list
from streek.orders.tests.documents_scenario import offer_of, place_order
from streek.orders.tests.factories import OrderCycleFactory

pytestmark = pytest.mark.django_db


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_cycle_report_csv_has_a_total_and_a_row_per_group() -> None:
    # given
    cycle = OrderCycleFactory()
    carrots, cheese = offer_of(cycle), offer_of(cycle, producer_price="7.00")
    place_order(cycle=cycle, lines=[(carrots, 2), (cheese, 1)])

    # when
    with translation.override("en"):
        rows = _rows(cycle_report_csv(report=cycle_report(cycle=cycle)))

    # then
    assert rows[0] == [
        "group",
        "name",
        "orders",
        "lines",
        "items",
        "weight (kg)",
        "goods excl. VAT",
        "hub fees excl. VAT",
        "value excl. VAT",
        "VAT",
        "value incl. VAT",
        "producer value excl. VAT",
        "delivery fees",
        "crate deposits",
    ]
    total = dict(zip(rows[0], rows[1], strict=True))
    assert (total["group"], total["items"], total["value excl. VAT"]) == ("total", "3", "11.00")
    producers = [row for row in rows[1:] if row[0] == "producer"]
    assert sum(Decimal(row[8]) for row in producers) == Decimal("11.00")
    assert [row[0] for row in rows[1:]].count("pickup point") == 1
    assert [row[0] for row in rows[1:]].count("channel") == 1


def test_pick_and_packing_csv_rows_per_line_and_formulas_quoted() -> None:
    # given a product whose name a spreadsheet would run as a formula
    cycle = OrderCycleFactory()
    offer = offer_of(cycle)
    order = place_order(cycle=cycle, lines=[(offer, 2)])
    order.lines.update(description='=HYPERLINK("http://x.test")')

    # when
    with translation.override("en"):
        picks = _rows(pick_list_csv(pick_list=pick_list(cycle=cycle, producer=offer.exchange.producer)))
        packs = _rows(packing_list_csv(packing_list=packing_list(cycle=cycle)))

    # then
    assert picks[0] == [
        "order",
        "buyer",
        "pickup or delivery",
        "product",
        "preparation",
        "quantity",
        "final quantity",
        "chilled",
        "crates",
    ]
    assert len(picks) == 2
    assert picks[1][0] == order.reference
    assert picks[1][3].startswith("'=")
    assert picks[1][5] == "2"
    assert packs[0][:4] == ["handover", "pickup or delivery", "order", "buyer"]
    assert len(packs) == 2 and packs[1][2] == order.reference and packs[1][-2] == str(order.total)
