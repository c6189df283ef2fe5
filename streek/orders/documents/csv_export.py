"""CSV of the cycle report, pick lists and packing lists: one header row (in the active language), then
one row per group or line. Decimals with a point; text that a spreadsheet would take for a formula is quoted."""

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import datetime
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from ..selectors.reports import CycleReport, PackingList, PickList, ReportTotals

Cell = str | int | Decimal | bool | datetime | None
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, int | Decimal):
        return str(value)
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _write(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_cell(value) for value in row])
    return buffer.getvalue()


def cycle_report_header() -> list[str]:
    return [
        _("group"),
        _("name"),
        _("orders"),
        _("lines"),
        _("items"),
        _("weight (kg)"),
        _("goods excl. VAT"),
        _("hub fees excl. VAT"),
        _("value excl. VAT"),
        _("VAT"),
        _("value incl. VAT"),
        _("producer value excl. VAT"),
        _("delivery fees"),
        _("crate deposits"),
    ]


def _report_row(group: str, totals: ReportTotals) -> list[Cell]:
    return [
        group,
        totals.label,
        totals.orders,
        totals.lines,
        totals.items,
        totals.weight_kg,
        totals.goods,
        totals.fees,
        totals.value,
        totals.vat,
        totals.value_incl_vat,
        totals.producer_value,
        totals.delivery_fees,
        totals.deposits,
    ]


def cycle_report_csv(*, report: CycleReport) -> str:
    """The total first, then the rows per producer, pickup point, delivery zone and channel."""
    rows = [_report_row(_("total"), report.total)]
    groups = (
        (_("producer"), report.per_producer),
        (_("pickup point"), report.per_pickup_point),
        (_("delivery zone"), report.per_zone),
        (_("channel"), report.per_channel),
    )
    for group, totals in groups:
        rows.extend(_report_row(group, row) for row in totals)
    return _write(cycle_report_header(), rows)


def pick_list_header() -> list[str]:
    return [
        _("order"),
        _("buyer"),
        _("pickup or delivery"),
        _("product"),
        _("preparation"),
        _("quantity"),
        _("final quantity"),
        _("chilled"),
        _("crates"),
    ]


def pick_list_csv(*, pick_list: PickList) -> str:
    """One row per line a producer prepares, order by order."""
    rows = (
        [
            order.reference,
            order.buyer_name,
            order.destination,
            line.description,
            line.preparation_label,
            line.quantity,
            line.final_quantity,
            line.is_chilled,
            line.crates,
        ]
        for order in pick_list.orders
        for line in order.lines
    )
    return _write(pick_list_header(), rows)


def packing_list_header() -> list[str]:
    return [
        _("handover"),
        _("pickup or delivery"),
        _("order"),
        _("buyer"),
        _("phone"),
        _("producer"),
        _("product"),
        _("preparation"),
        _("quantity"),
        _("final quantity"),
        _("chilled"),
        _("crates"),
        _("order total"),
        _("paid"),
    ]


def packing_list_csv(*, packing_list: PackingList) -> str:
    """One row per line to hand over, order by order."""
    rows = (
        [
            order.handover_at,
            order.destination,
            order.reference,
            order.buyer_name,
            order.phone,
            line.producer_name,
            line.description,
            line.preparation_label,
            line.quantity,
            line.final_quantity,
            line.is_chilled,
            line.crates,
            order.total,
            order.is_paid,
        ]
        for order in packing_list.orders
        for line in order.lines
    )
    return _write(packing_list_header(), rows)
