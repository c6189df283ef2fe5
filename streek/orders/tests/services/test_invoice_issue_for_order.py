from datetime import date
from decimal import Decimal

import pytest
from django.db import transaction

from streek.orders.choices import InvoiceKind, InvoiceLineKind, OrderStatus
from streek.orders.exceptions import InvoiceRefused
from streek.orders.models import Invoice, InvoiceSequence
from streek.orders.payment_reference import is_valid_structured_communication
from streek.orders.services.invoices import invoice_issue_for_order
from streek.orders.tests.documents_scenario import offer_of, place_order
from streek.orders.tests.factories import DeliveryZoneFactory, HubFeeFactory, OrderCycleFactory

pytestmark = pytest.mark.django_db

DAY = date(2025, 3, 14)


def test_numbers_follow_each_other_without_gaps_per_issuer() -> None:
    # given two hubs whose orders are invoiced in turns
    cycle_a, cycle_b = OrderCycleFactory(), OrderCycleFactory()
    offer_a, offer_b = offer_of(cycle_a), offer_of(cycle_b)
    orders = [
        place_order(cycle=cycle, lines=[(offer, 1)]) for cycle, offer in [(cycle_a, offer_a), (cycle_b, offer_b)] * 3
    ]

    # when
    invoices = [invoice_issue_for_order(order=order, issued_on=DAY) for order in orders]

    # then
    numbers_a = [invoice.number for invoice in invoices if invoice.issuer_id == cycle_a.hub_id]
    numbers_b = [invoice.number for invoice in invoices if invoice.issuer_id == cycle_b.hub_id]
    assert numbers_a == ["2025-000001", "2025-000002", "2025-000003"]
    assert numbers_b == ["2025-000001", "2025-000002", "2025-000003"]
    assert InvoiceSequence.objects.get(issuer=cycle_a.hub, year=2025).last_number == 3


def test_a_new_year_starts_at_one() -> None:
    cycle = OrderCycleFactory()
    offer = offer_of(cycle)
    first = invoice_issue_for_order(order=place_order(cycle=cycle, lines=[(offer, 1)]), issued_on=date(2025, 12, 31))

    second = invoice_issue_for_order(order=place_order(cycle=cycle, lines=[(offer, 1)]), issued_on=date(2026, 1, 2))

    assert (first.number, second.number) == ("2025-000001", "2026-000001")


def test_a_rolled_back_issue_gives_its_number_back() -> None:
    # given
    cycle = OrderCycleFactory()
    offer = offer_of(cycle)
    lost, kept = (place_order(cycle=cycle, lines=[(offer, 1)]) for _ in range(2))

    # when the transaction that issued the first invoice fails
    with pytest.raises(RuntimeError), transaction.atomic():
        invoice_issue_for_order(order=lost, issued_on=DAY)
        raise RuntimeError("the mail server was down")
    invoice = invoice_issue_for_order(order=kept, issued_on=DAY)

    # then no number was skipped
    assert invoice.sequence_number == 1
    assert not Invoice.objects.filter(order=lost).exists()


def test_snapshot_lines_vat_per_rate_and_structured_communication() -> None:
    # given an order with goods at 6 % and 21 %, a 10 % packing fee, delivery and crates
    cycle = OrderCycleFactory()
    HubFeeFactory(cycle=cycle, name="Inpakken", amount=Decimal("10.00"))
    vegetables = offer_of(cycle, producer_price="2.00", vat_rate="6.00")
    cider = offer_of(cycle, producer_price="5.00", vat_rate="21.00")
    zone = DeliveryZoneFactory(hub=cycle.hub, fee=Decimal("5.00"))
    order = place_order(
        cycle=cycle, lines=[(vegetables, 3), (cider, 2)], zone=zone, crates=1, crate_deposit=Decimal("3.00")
    )

    # when
    invoice = invoice_issue_for_order(order=order, issued_on=DAY)

    # then
    hub = cycle.hub
    assert invoice.kind == InvoiceKind.INVOICE
    assert (invoice.issuer_name, invoice.issuer_enterprise_number) == (hub.name, hub.enterprise_number)
    assert invoice.buyer_name == order.buyer.username
    kinds = [line.kind for line in invoice.lines.all()]
    assert kinds.count(InvoiceLineKind.GOODS) == 2
    assert kinds.count(InvoiceLineKind.FEE) == 2  # the packing fee at 6 % and at 21 %
    assert kinds.count(InvoiceLineKind.DELIVERY) == 1
    assert kinds.count(InvoiceLineKind.DEPOSIT) == 1
    goods = {line.vat_rate: line for line in invoice.lines.filter(kind=InvoiceLineKind.GOODS)}
    assert goods[Decimal("6.00")].amount == Decimal("6.00")
    assert goods[Decimal("6.00")].vat_amount == Decimal("0.36")
    assert goods[Decimal("21.00")].amount == Decimal("10.00")
    assert goods[Decimal("21.00")].vat_amount == Decimal("2.10")
    # the delivery fee (5.00 incl. VAT) follows the principal goods: 21 % on 11.00 vs 6 % on 6.60
    delivery = invoice.lines.get(kind=InvoiceLineKind.DELIVERY)
    assert (delivery.vat_rate, delivery.amount, delivery.vat_amount) == (
        Decimal("21.00"),
        Decimal("4.13"),
        Decimal("0.87"),
    )
    per_rate = {row["rate"]: row for row in invoice.vat_breakdown}
    assert per_rate["6.00"] == {"rate": "6.00", "base": "6.60", "vat": "0.40"}
    assert per_rate["21.00"] == {"rate": "21.00", "base": "15.13", "vat": "3.18"}
    assert invoice.subtotal == Decimal("21.73")
    assert invoice.vat_total == Decimal("3.58")
    assert invoice.deposit_total == Decimal("6.00")
    assert invoice.total == invoice.subtotal + invoice.vat_total + invoice.deposit_total == order.total
    assert is_valid_structured_communication(invoice.structured_communication)


def test_final_quantities_are_charged_and_out_of_stock_lines_are_not() -> None:
    cycle = OrderCycleFactory()
    weighed, missing = offer_of(cycle, producer_price="4.00"), offer_of(cycle)
    order = place_order(cycle=cycle, lines=[(weighed, 2), (missing, 1)])
    weighed_line = order.lines.get(offer=weighed)
    weighed_line.final_quantity = Decimal("2.250")
    weighed_line.amount = Decimal("9.00")
    weighed_line.vat_amount = Decimal("0.54")
    weighed_line.save()
    order.lines.filter(offer=missing).update(is_out_of_stock=True)

    invoice = invoice_issue_for_order(order=order, issued_on=DAY)

    (line,) = invoice.lines.all()
    assert (line.quantity, line.unit_price, line.amount) == (Decimal("2.250"), Decimal("4.0000"), Decimal("9.00"))
    assert invoice.total == Decimal("9.54")


def test_an_issued_invoice_is_never_changed_and_not_issued_twice() -> None:
    # given an issued invoice
    cycle = OrderCycleFactory()
    offer = offer_of(cycle)
    order = place_order(cycle=cycle, lines=[(offer, 2)])
    invoice = invoice_issue_for_order(order=order, issued_on=DAY)
    issued = (invoice.number, invoice.total, invoice.issuer_name, list(invoice.lines.values_list("amount", flat=True)))

    # when the order and the hub change and the invoice is asked again
    order.lines.update(amount=Decimal("99.00"))
    cycle.hub.name = "Nieuwe naam"
    cycle.hub.save()
    again = invoice_issue_for_order(order=order, issued_on=date(2025, 4, 1))

    # then
    again.refresh_from_db()
    assert again.pk == invoice.pk
    assert (again.number, again.total, again.issuer_name, list(again.lines.values_list("amount", flat=True))) == issued
    assert Invoice.objects.filter(order=order).count() == 1
    assert InvoiceSequence.objects.get(issuer=cycle.hub).last_number == 1


def test_a_cancelled_order_is_not_invoiced() -> None:
    cycle = OrderCycleFactory()
    order = place_order(cycle=cycle, lines=[(offer_of(cycle), 1)], status=OrderStatus.CANCELLED)

    with pytest.raises(InvoiceRefused):
        invoice_issue_for_order(order=order, issued_on=DAY)

    assert not Invoice.objects.exists()
    assert not InvoiceSequence.objects.filter(last_number__gt=0).exists()


def test_the_pdf_is_stored_once_after_commit(django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    # given
    cycle = OrderCycleFactory()
    order = place_order(cycle=cycle, lines=[(offer_of(cycle), 1)])

    # when
    with django_capture_on_commit_callbacks(execute=True):
        invoice = invoice_issue_for_order(order=order, issued_on=DAY)

    # then
    invoice.refresh_from_db()
    assert invoice.pdf.name.endswith(f"{invoice.number}.pdf")
    with invoice.pdf.open("rb") as stored:
        assert stored.read(4) == b"%PDF"
