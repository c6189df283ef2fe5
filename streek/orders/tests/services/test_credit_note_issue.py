from datetime import date
from decimal import Decimal

import pytest

from streek.accounts.tests.factories import UserFactory
from streek.core.exceptions import PermissionRefused
from streek.orders.choices import InvoiceKind, InvoiceLineKind
from streek.orders.exceptions import InvoiceRefused
from streek.orders.models import Invoice
from streek.orders.payment_reference import is_valid_structured_communication
from streek.orders.services.invoices import credit_note_issue, invoice_issue_for_order
from streek.orders.tests.documents_scenario import editor_of, offer_of, place_order
from streek.orders.tests.factories import OrderCycleFactory

pytestmark = pytest.mark.django_db

DAY = date(2025, 3, 14)


def _invoice() -> Invoice:
    cycle = OrderCycleFactory()
    potatoes = offer_of(cycle, producer_price="2.00", vat_rate="6.00")
    cider = offer_of(cycle, producer_price="5.00", vat_rate="21.00")
    order = place_order(cycle=cycle, lines=[(potatoes, 3), (cider, 2)])
    return invoice_issue_for_order(order=order, issued_on=DAY)


def test_a_credit_note_references_its_invoice_with_negative_amounts_and_its_own_number() -> None:
    # given
    invoice = _invoice()
    hub_owner = editor_of(invoice.issuer)
    potatoes = invoice.lines.get(vat_rate=Decimal("6.00"))

    # when one of three bags is credited
    credit = credit_note_issue(
        actor=hub_owner, invoice=invoice, lines=[(potatoes, 1)], reason="Eén zak beschadigd", issued_on=DAY
    )

    # then
    assert credit.kind == InvoiceKind.CREDIT_NOTE
    assert credit.credits == invoice
    assert credit.number == "2025-000002"
    (line,) = credit.lines.all()
    assert line.corrects == potatoes
    assert (line.quantity, line.amount, line.vat_amount) == (Decimal("1.000"), Decimal("-2.00"), Decimal("-0.12"))
    assert (credit.subtotal, credit.vat_total, credit.total) == (Decimal("-2.00"), Decimal("-0.12"), Decimal("-2.12"))
    assert credit.vat_breakdown == [{"rate": "6.00", "base": "-2.00", "vat": "-0.12"}]
    assert credit.issuer_enterprise_number == invoice.issuer_enterprise_number
    assert is_valid_structured_communication(credit.structured_communication)


def test_a_full_credit_cancels_every_cent_and_nothing_is_left_to_credit() -> None:
    # given a part already credited
    invoice = _invoice()
    owner = editor_of(invoice.issuer)
    potatoes = invoice.lines.get(kind=InvoiceLineKind.GOODS, vat_rate=Decimal("6.00"))
    credit_note_issue(actor=owner, invoice=invoice, lines=[(potatoes, 1)], reason="Beschadigd", issued_on=DAY)

    # when the rest is credited
    rest = credit_note_issue(actor=owner, invoice=invoice, lines=None, reason="Bestelling geannuleerd", issued_on=DAY)

    # then the credit notes cancel the invoice exactly
    credited = sum(note.total for note in invoice.credit_notes.all())
    assert credited == -invoice.total
    assert rest.lines.get(corrects=potatoes).quantity == Decimal("2.000")
    with pytest.raises(InvoiceRefused):
        credit_note_issue(actor=owner, invoice=invoice, lines=None, reason="Nog eens", issued_on=DAY)


def test_more_than_invoiced_is_refused_and_nothing_is_written() -> None:
    invoice = _invoice()
    owner = editor_of(invoice.issuer)
    potatoes = invoice.lines.get(vat_rate=Decimal("6.00"))

    with pytest.raises(InvoiceRefused) as refused:
        credit_note_issue(actor=owner, invoice=invoice, lines=[(potatoes, 4)], reason="Te veel", issued_on=DAY)

    assert potatoes.description in refused.value.message
    assert Invoice.objects.count() == 1
    assert invoice.issuer.pk and Invoice.objects.get().sequence_number == 1


def test_a_reason_is_required() -> None:
    invoice = _invoice()

    with pytest.raises(InvoiceRefused) as refused:
        credit_note_issue(actor=editor_of(invoice.issuer), invoice=invoice, lines=None, reason="  ")

    assert refused.value.field == "reason"
    assert Invoice.objects.count() == 1


def test_only_the_issuers_editors_may_credit() -> None:
    invoice = _invoice()

    with pytest.raises(PermissionRefused):
        credit_note_issue(actor=UserFactory(), invoice=invoice, lines=None, reason="Waarom niet")

    assert Invoice.objects.count() == 1


def test_a_credit_note_is_not_credited_again() -> None:
    invoice = _invoice()
    owner = editor_of(invoice.issuer)
    credit = credit_note_issue(actor=owner, invoice=invoice, lines=None, reason="Geannuleerd", issued_on=DAY)

    with pytest.raises(InvoiceRefused):
        credit_note_issue(actor=owner, invoice=credit, lines=None, reason="Dubbel", issued_on=DAY)

    assert Invoice.objects.count() == 2


def test_the_invoice_is_unchanged_by_its_credit_notes() -> None:
    invoice = _invoice()
    before = list(invoice.lines.values_list("quantity", "amount", "vat_amount"))

    credit_note_issue(actor=editor_of(invoice.issuer), invoice=invoice, lines=None, reason="Geannuleerd", issued_on=DAY)

    invoice.refresh_from_db()
    assert list(invoice.lines.values_list("quantity", "amount", "vat_amount")) == before
    assert invoice.kind == InvoiceKind.INVOICE
