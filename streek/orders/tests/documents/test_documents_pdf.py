import io
from datetime import date

import pytest
from django.utils import translation
from pypdf import PdfReader

from streek.orders.documents.pdf import cycle_report_pdf, invoice_render_pdf, packing_list_pdf, pick_list_pdf
from streek.orders.selectors.reports import cycle_report, packing_list, pick_list
from streek.orders.services.invoice_pdf import invoice_store_pdf
from streek.orders.services.invoices import credit_note_issue, invoice_issue_for_order
from streek.orders.tests.documents_scenario import editor_of, offer_of, place_order
from streek.orders.tests.factories import OrderCycleFactory

pytestmark = pytest.mark.django_db


def _text(pdf: bytes) -> str:
    assert pdf.startswith(b"%PDF")
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_the_invoice_pdf_shows_number_issuer_vat_and_communication_in_the_buyers_language() -> None:
    # given a French-speaking buyer
    cycle = OrderCycleFactory()
    order = place_order(cycle=cycle, lines=[(offer_of(cycle), 2)])
    order.buyer.language = "fr"
    order.buyer.save()
    invoice = invoice_issue_for_order(order=order, issued_on=date(2025, 3, 14))

    # when
    text = _text(invoice_render_pdf(invoice=invoice))

    # then
    assert invoice.number in text
    assert cycle.hub.enterprise_number in text
    assert invoice.structured_communication in text.replace("\n", "")
    assert "6.00 %" in text or "6,00 %" in text
    assert invoice.language == "fr"


def test_a_credit_note_pdf_names_the_invoice_it_corrects() -> None:
    cycle = OrderCycleFactory()
    invoice = invoice_issue_for_order(order=place_order(cycle=cycle, lines=[(offer_of(cycle), 1)]))
    credit = credit_note_issue(actor=editor_of(cycle.hub), invoice=invoice, lines=None, reason="Geannuleerd")

    text = _text(invoice_render_pdf(invoice=credit))

    assert credit.number in text and invoice.number in text and "Geannuleerd" in text


def test_a_stored_pdf_is_never_regenerated() -> None:
    # given an invoice with its PDF
    cycle = OrderCycleFactory()
    invoice = invoice_issue_for_order(order=place_order(cycle=cycle, lines=[(offer_of(cycle), 1)]))
    stored = invoice_store_pdf(invoice_id=invoice.pk)
    with stored.pdf.open("rb") as handle:
        first = handle.read()

    # when the issuer changes and the PDF is asked again
    cycle.hub.name = "Andere naam"
    cycle.hub.save()
    again = invoice_store_pdf(invoice_id=invoice.pk)

    # then the same file is kept
    assert again.pdf.name == stored.pdf.name
    with again.pdf.open("rb") as handle:
        assert handle.read() == first


def test_report_pick_and_packing_pdfs() -> None:
    cycle = OrderCycleFactory()
    offer = offer_of(cycle)
    order = place_order(cycle=cycle, lines=[(offer, 2)])

    with translation.override("nl"):
        report = _text(cycle_report_pdf(report=cycle_report(cycle=cycle)))
        picks = _text(pick_list_pdf(pick_list=pick_list(cycle=cycle, producer=offer.exchange.producer)))
        packs = _text(packing_list_pdf(packing_list=packing_list(cycle=cycle)))

    assert cycle.name in report and offer.exchange.producer.name in report
    assert order.reference in picks and offer.exchange.producer.name in picks
    assert order.reference in packs
