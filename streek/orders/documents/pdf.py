"""PDF documents of trade: invoices and credit notes, cycle reports, pick lists and packing lists.

Rendered from templates under orders/documents/ with the offline renderer of streek.core.pdf. An invoice is
rendered in its own language from its snapshot; the lists in the active language.
"""

from django.template.loader import render_to_string
from django.utils import translation

from streek.core.pdf import pdf_from_html

from ..choices import InvoiceKind
from ..models import Invoice
from ..selectors.reports import CycleReport, PackingList, PickList


def invoice_render_pdf(*, invoice: Invoice) -> bytes:
    """The PDF of an invoice or credit note, from what was issued (nothing is recomputed)."""
    lines = list(invoice.lines.all().order_by("pk"))
    with translation.override(invoice.language):
        html = render_to_string(
            "orders/documents/invoice.html",
            {
                "invoice": invoice,
                "lines": lines,
                "is_credit_note": invoice.kind == InvoiceKind.CREDIT_NOTE,
                "credits": invoice.credits,
                "vat_rows": invoice.vat_breakdown,
            },
        )
    return pdf_from_html(html)


def cycle_report_pdf(*, report: CycleReport) -> bytes:
    return pdf_from_html(render_to_string("orders/documents/cycle_report.html", {"report": report}))


def pick_list_pdf(*, pick_list: PickList) -> bytes:
    return pdf_from_html(render_to_string("orders/documents/pick_list.html", {"pick_list": pick_list}))


def packing_list_pdf(*, packing_list: PackingList) -> bytes:
    return pdf_from_html(render_to_string("orders/documents/packing_list.html", {"packing_list": packing_list}))
